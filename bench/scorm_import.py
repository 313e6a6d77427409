"""Benchmark ``manage.py scorm_import`` on large SCORM 2004 packages: wall time, CPU, peak memory
of the importing process, files and megabytes per second, on SQLite and on PostgreSQL.

It builds valid SCORM 2004 3rd Edition packages of the given sizes in a temporary folder (a
manifest with a few SCOs and many files: mostly incompressible "video" and "image" files of
seeded random bytes, plus HTML pages), migrates a fresh node (production settings, its own data
directory and database) and imports each package in a separate process, waited for with
``os.wait4`` so that the peak RSS is that process's alone. A tiny package gives the command's
baseline (Django, the apps, the database driver); the same largest package imported a second
time shows the cost when every file is already stored. PostgreSQL runs in a throw-away cluster
(the script runs itself again under ``pg_virtualenv``). Run from the repository root:

    .venv/bin/python bench/scorm_import.py [--sizes 100,500] [--db sqlite|postgres|both]
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import shutil
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from _scorm import db_version_of, machine_lines, measured, progress, run_databases
from _server import BenchServer, SetupError
from quiz_submissions import postgres_url

MB = 1000 * 1000
BLOCK = 1024 * 1024
VIDEO_BYTES = 25 * MB  # a "video" file; videos are what images and pages leave
IMAGE_SHARE, PAGE_SHARE = 0.18, 0.02  # of the package's bytes
SCOS = 5

MANIFEST_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="bench.scorm.{mb}mb" version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Benchmark course of {mb} MB</title>
"""


@dataclass
class Package:
    label: str
    path: Path
    zip_bytes: int
    files: int
    extracted_bytes: int


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))
    info.external_attr = 0o100644 << 16
    info.compress_type = compress
    return info


def _write_random(zf: zipfile.ZipFile, name: str, size: int, rng: random.Random) -> None:
    """``size`` seeded random bytes (as incompressible as video), streamed block by block and
    deflated at level 1, as a packaging tool that compresses everything would."""
    with zf.open(_entry(name, zipfile.ZIP_DEFLATED), "w", force_zip64=size > 2**31) as out:
        left = size
        while left:
            out.write(rng.randbytes(min(BLOCK, left)))
            left -= min(BLOCK, left)


def _page(sco: int, number: int, media: list[str]) -> bytes:
    links = "".join(f'<p><a href="../{m}">{m}</a></p>\n' for m in media)
    body = f"<p>Lesson {sco}, page {number}: checking travel documents at the border.</p>\n" * 40
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>SCO {sco} page "
        f"{number}</title></head><body>{body}{links}</body></html>"
    ).encode()


def _plan(mb: int, rng: random.Random) -> dict[str, list[tuple[str, int]]]:
    """What goes in each SCO's folder: (name, size) of its videos, images and pages."""
    total = mb * MB
    image_sizes: list[int] = []
    while sum(image_sizes) < total * IMAGE_SHARE:
        image_sizes.append(rng.randrange(64_000, 256_000))
    pages = max(SCOS, round(total * PAGE_SHARE / 4_000))  # a page is about 4 kB
    left = max(0, total - sum(image_sizes) - pages * 4_000)  # the rest is video
    videos = [VIDEO_BYTES] * (left // VIDEO_BYTES) + (
        [left % VIDEO_BYTES] if left % VIDEO_BYTES else []
    )
    plan: dict[str, list[tuple[str, int]]] = {f"sco{s}": [] for s in range(1, SCOS + 1)}
    for number, size in enumerate(videos):
        plan[f"sco{number % SCOS + 1}"].append((f"video/clip{number:03}.mp4", size))
    for number, size in enumerate(image_sizes):
        plan[f"sco{number % SCOS + 1}"].append((f"images/photo{number:05}.jpg", size))
    for number in range(pages):
        plan[f"sco{number % SCOS + 1}"].append((f"page{number:04}.html", 0))
    return plan


def build_package(folder: Path, mb: int, seed: int) -> Package:
    """A valid SCORM 2004 package of about ``mb`` megabytes: SCOS SCOs, each an index page
    and its own pages, images and videos, every file listed in the manifest."""
    rng = random.Random(f"scorm-bench-{seed}-{mb}")
    plan = _plan(mb, rng)
    path = folder / f"bench-{mb}mb-{seed}.zip"
    items, resources = [], []
    files = extracted = 0
    with zipfile.ZipFile(path, "w", compresslevel=1, allowZip64=True) as zf:
        for sco, content in plan.items():
            names = [f"{sco}/index.html"]
            media = [name for name, size in content if size]
            zf.writestr(_entry(names[0], zipfile.ZIP_DEFLATED), _page(0, 0, media[:50]))
            for name, size in content:
                names.append(f"{sco}/{name}")
                if size:
                    _write_random(zf, names[-1], size, rng)
                else:
                    page = _page(int(sco[3:]), len(names), media[:5])
                    zf.writestr(_entry(names[-1], zipfile.ZIP_DEFLATED), page)
                    size = len(page)
                extracted += size
            files += len(names)
            items.append(
                f'      <item identifier="item_{sco}" identifierref="res_{sco}">'
                f"<title>Lesson {sco[3:]}</title></item>\n"
            )
            listed = "".join(f'      <file href="{name}"/>\n' for name in names)
            resources.append(
                f'    <resource identifier="res_{sco}" type="webcontent" '
                f'adlcp:scormType="sco" href="{sco}/index.html">\n{listed}    </resource>\n'
            )
        manifest = (
            MANIFEST_HEAD.format(mb=mb)
            + "".join(items)
            + "    </organization>\n  </organizations>\n  <resources>\n"
            + "".join(resources)
            + "  </resources>\n</manifest>\n"
        ).encode()
        zf.writestr(_entry("imsmanifest.xml", zipfile.ZIP_DEFLATED), manifest)
    return Package(f"{mb} MB", path, path.stat().st_size, files + 1, extracted + len(manifest))


def _import(server: BenchServer, package: Package, label: str) -> dict:
    command = [sys.executable, "manage.py", "scorm_import", str(package.path), "--json"]
    run = measured(command, server.env)
    if run.status != 0:
        raise SetupError(f"scorm_import {package.path.name} failed:\n{run.stderr[-4000:]}")
    outline = json.loads(run.stdout)
    if outline["file_count"] != package.files:
        raise SetupError(f"{package.path.name}: {outline['file_count']} files stored")
    return {
        "label": label,
        **{k: v for k, v in asdict(package).items() if k not in ("label", "path")},
        "wall": run.wall,
        "cpu": run.cpu,
        "peak_mb": run.peak_kb / 1024,
    }


def measure(db: str, args: argparse.Namespace, folder: Path, packages: list[Package]) -> dict:
    extra_env = {"DATABASE_URL": postgres_url()} if db == "postgres" else {}
    server = BenchServer(learners=0, extra_env=extra_env)
    server.data_dir = Path(tempfile.mkdtemp(prefix="elearning-bench-", dir=folder))
    try:
        progress(f"[{db}] migrating a fresh node")
        server.manage("migrate", "migrate", "--noinput")
        rows = []
        for package, label in [(packages[0], "tiny (baseline)")] + [
            (p, p.label) for p in packages[1:]
        ]:
            progress(f"[{db}] importing {package.path.name}")
            rows.append(_import(server, package, label))
        progress(f"[{db}] importing {packages[-1].path.name} again")
        rows.append(_import(server, packages[-1], f"{packages[-1].label} again"))
        return {"db": db, "db_version": db_version_of(server.env), "rows": rows}
    finally:
        shutil.rmtree(server.data_dir, ignore_errors=True)


def report(result: dict, argv: list[str]) -> None:
    print(f"\nSCORM import (manage.py scorm_import, one process each) on {result['db_version']}")
    row = "  {:<18} {:>8} {:>6} {:>10} {:>7} {:>6} {:>9} {:>9} {:>8} {:>7}"
    print(row.format("package", "zip MB", "files", "content MB", "wall s", "CPU s", "peak MB",
                     "+ base MB", "files/s", "MB/s"))  # fmt: skip
    base = result["rows"][0]["peak_mb"]
    for r in result["rows"]:
        print(
            row.format(
                r["label"],
                f"{r['zip_bytes'] / MB:.1f}",
                r["files"],
                f"{r['extracted_bytes'] / MB:.1f}",
                f"{r['wall']:.1f}",
                f"{r['cpu']:.1f}",
                f"{r['peak_mb']:.0f}",
                f"{r['peak_mb'] - base:.0f}",
                f"{r['files'] / r['wall']:.0f}",
                f"{r['zip_bytes'] / MB / r['wall']:.1f}",
            )
        )
    sized = [r for r in result["rows"][1:] if not r["label"].endswith("again")]
    if len(sized) > 1:
        small, large = sized[0], sized[-1]
        growth = (large["peak_mb"] - small["peak_mb"]) / (
            (large["zip_bytes"] - small["zip_bytes"]) / (100 * MB)
        )
        print(f"  peak memory growth: {growth:+.1f} MB per further 100 MB of package")
    print("  (wall and CPU include Django's start-up; MB/s is the zip's size per wall second)")
    for line in machine_lines(result["db_version"]):
        print(f"  {line}")
    print(f"  command:   .venv/bin/python bench/scorm_import.py {shlex.join(argv)}".rstrip())


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,500", help="package sizes in MB (100,500)")
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random content (1)")
    parser.add_argument("--json-out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted(int(s) for s in args.sizes.split(","))
    except ValueError:
        parser.error("--sizes takes megabytes separated by commas, e.g. 100,500")
    if not all(1 <= s <= 900 for s in args.sizes):
        parser.error("--sizes must be 1..900 MB each (the default upload limit is 1 GiB)")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)

    def here(db: str) -> dict:
        with tempfile.TemporaryDirectory(prefix="scorm-bench-") as temp:
            folder = Path(temp)
            progress(f"building packages of {', '.join(map(str, args.sizes))} MB in {folder}")
            packages = [build_package(folder, 0, args.seed)]  # a few kB: the baseline
            packages += [build_package(folder, mb, args.seed) for mb in args.sizes]
            result = measure(db, args, folder, packages)
        report(result, argv)
        return result

    results = run_databases(args.db, Path(__file__), argv, here)
    if args.json_out:
        args.json_out.write_text(json.dumps(results))
    return 0 if len(results) == (2 if args.db == "both" else 1) else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)
