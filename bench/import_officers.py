"""Benchmark ``manage.py import_officers``: a spreadsheet of N officers (5,000 by default, names
in five scripts, each with a course to enrol in) checked, imported, and imported again, on a
fresh production node (SQLite): wall time, CPU time and peak memory of each run.

``--page`` imports the same file through the coordinator's pages instead, on a post served as
it is in the field (gunicorn with ``elearning/gunicorn_post.py``: its 30 s request timeout and
its task worker): upload and check, confirm, then the import's page asked once a second until
the task worker has finished. It prints each request's time beside gunicorn's timeout, the
import's time, and whether gunicorn stopped a worker (its log).

Each run is its own process, waited for with ``os.wait4``, so the peak RSS is that run's alone.
The import includes the PDF of initial passwords (one slip per new officer). Run from the
repository root:

    .venv/bin/python bench/import_officers.py [-n 5000] [--format csv|xlsx] [--page]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

from _scorm import measured, progress
from _server import BenchServer, SetupError, throwaway_node

# Budgets for N = 5,000 (issue 14): what a coordinator waits for on a hub or post machine.
BUDGET_WALL_S = {"check (--dry-run)": 20.0, "import": 120.0, "import again": 20.0}
BUDGET_PEAK_MB = 400.0

NAMES = {  # country -> (post code, own-script name, Latin name)
    "TH": ("th-bench", "สมชาย ใจดี", "Somchai Jaidee"),
    "KH": ("kh-bench", "សុខា ចាន់", "Sokha Chan"),
    "LA": ("la-bench", "ສົມພອນ ພົມມະຈັນ", "Somphone Phommachanh"),
    "MM": ("mm-bench", "အောင်ကိုကို", "Aung Ko Ko"),
    "VN": ("vn-bench", "Nguyễn Văn An", "Nguyen Van An"),
}
SETUP = """
from officers.models import BorderPost, Role
from officers.services import officer_create
for code, country in (("th-bench", "TH"), ("kh-bench", "KH"), ("la-bench", "LA"),
                      ("mm-bench", "MM"), ("vn-bench", "VN")):
    BorderPost.objects.get_or_create(code=code, defaults={"name": code, "country": country})
officer_create(username="bench-admin", password="x", role=Role.ADMINISTRATOR)
"""
COLUMNS = ("full_name_native", "full_name_latin", "service_number", "country", "post", "courses")


def write_file(folder: Path, n: int, fmt: str, course: str) -> Path:
    rows = []
    for i in range(n):
        country = list(NAMES)[i % 5]
        post, native, latin = NAMES[country]
        rows.append([f"{native} {i}", f"{latin} {i}", f"{country}-{i:06d}", country, post, course])
    path = folder / f"officers.{fmt}"
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
    else:
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("officers")
        sheet.append(list(COLUMNS))
        for cells in rows:
            sheet.append(cells)
        workbook.save(path)
    return path


def run(server: BenchServer, label: str, *args: str) -> dict:
    command = [sys.executable, "manage.py", "import_officers", *args, "--json"]
    result = measured(command, server.env)
    if result.status != 0:
        raise SetupError(f"{label} failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")
    report = json.loads(result.stdout)
    return {
        "label": label,
        "wall": result.wall,
        "cpu": result.cpu,
        "peak_mb": result.peak_kb / 1024,
        "created": report.get("created", 0),
        "unchanged": report.get("unchanged", 0),
        "enrolments": report.get("enrolments", 0),
    }


PAGE_TIMEOUT_S = 30  # elearning/gunicorn_post.py's ``timeout``
IMPORT_LIMIT_S = 900


def through_pages(server: BenchServer, path: Path, n: int) -> None:
    """The import as a coordinator makes it on the pages of a post (``--page``)."""
    server.config, server.role = "elearning/gunicorn_post.py", "post"
    server.manage("collectstatic", "collectstatic", "--noinput")
    server._start()
    try:
        client = server.client()
        client.login("bench-admin", "x")
        progress(f"page: upload and check {n} officers")
        upload = client.post(
            "/coordinator/officers/import/", {}, ("file", path.name, path.read_bytes())
        )
        if upload.status != 302:
            raise SetupError(f"upload: HTTP {upload.status}")
        preview = client.get(upload.headers["location"])
        if not re.search(rf"{n:,}|{n}".replace(",", ",?") + " new officers", preview.text):
            raise SetupError("the preview does not show every row as a new officer")
        confirm_path = re.search(r'action="([^"]*/confirm/)"', preview.text).group(1)
        progress("page: confirm, then follow the import's page")
        confirm = client.post(confirm_path, {})
        if confirm.status != 302:
            raise SetupError(f"confirm: HTTP {confirm.status}")
        status = confirm.headers["location"]
        started, polls, slowest = time.perf_counter(), 0, 0.0
        while time.perf_counter() - started < IMPORT_LIMIT_S:
            answer = client.get(status + "?format=json", {"X-Elearning-Poll": "1"})  # as follow.js
            polls, slowest = polls + 1, max(slowest, answer.seconds)
            if answer.status != 200:
                raise SetupError(f"import page: HTTP {answer.status}")
            if json.loads(answer.body)["finished"]:
                break
            time.sleep(1)
        waited = time.perf_counter() - started
        done = client.page(status)
        summary = re.search(r"Imported: [^<]*", done)
        sheet = re.search(r'href="([^"]+/pdf/)"', done)
        pdf = client.get(sheet.group(1)) if sheet else None
        timeouts = server.log().count("WORKER TIMEOUT")
    finally:
        server._stop()
    print(
        f"\nthe coordinator's pages at a post (gunicorn_post.py, request timeout "
        f"{PAGE_TIMEOUT_S} s), {n} officers, SQLite"
    )
    line = "  {:<44} {:>8} {:>10}"
    print(line.format("step", "s", f"of {PAGE_TIMEOUT_S} s"))
    for label, seconds in (
        ("upload and check (POST, redirect)", upload.seconds),
        ("preview (GET)", preview.seconds),
        ("confirm (POST: checked again, queued)", confirm.seconds),
        (f"slowest of {polls} status requests", slowest),
    ):
        print(line.format(label, f"{seconds:.2f}", f"{seconds / PAGE_TIMEOUT_S:.2f}"))
    print(f"  confirm -> import finished (task worker):        {waited:.1f} s")
    print(f"  result: {summary.group(0) if summary else 'NOT IMPORTED'}")
    print(
        f"  password sheet: {len(pdf.body) / 1e6:.2f} MB, HTTP {pdf.status}"
        if pdf is not None
        else "  password sheet: NONE"
    )
    print(f"  gunicorn 'WORKER TIMEOUT' in its log: {timeouts}  (budget 0)")
    print(f"  load average at the end: {os.getloadavg()[0]:.2f} (2 shared cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--page", action="store_true", help="through the coordinator's pages")
    args = parser.parse_args()
    folder, server = throwaway_node("bench-rosters-")
    try:
        progress("migrating a fresh node and loading the demo courses")
        server.manage("migrate", "migrate", "--noinput")
        server.manage("load_demo", "load_demo")
        server.manage("setup", "shell", "-c", SETUP)
        course = (
            server.manage(
                "course",
                "shell",
                "-c",
                "from courses.selectors import courses_original; print(courses_original()[0].code)",
            )
            .splitlines()[-1]
            .strip()
        )  # after whatever the shell's start-up printed
        path = write_file(folder, args.n, args.format, course)
        if args.page:
            through_pages(server, path, args.n)
            return
        sheet = folder / "passwords.pdf"
        rows = []
        for label, extra in (
            ("check (--dry-run)", ["--dry-run"]),
            ("import", ["--sheet", str(sheet)]),
            ("import again", []),
        ):
            progress(f"{label}: {args.n} officers from {path.name}")
            rows.append(run(server, label, str(path), *extra))
        report(args, path, sheet, rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(args: argparse.Namespace, path: Path, sheet: Path, rows: list[dict]) -> None:
    load = os.getloadavg()
    print(
        f"\nimport_officers, {args.n} officers in five scripts ({args.format}, "
        f"{path.stat().st_size / 1e6:.2f} MB), SQLite, production settings"
    )
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 shared cores)")
    line = "  {:<18} {:>7} {:>7} {:>9} {:>8} {:>10} {:>10} {:>9}"
    print(
        line.format(
            "run", "wall s", "CPU s", "budget s", "ratio", "peak MB", "budget MB", "created"
        )
    )
    for r in rows:
        budget = BUDGET_WALL_S[r["label"]] * args.n / 5000
        print(
            line.format(
                r["label"],
                f"{r['wall']:.1f}",
                f"{r['cpu']:.1f}",
                f"{budget:.0f}",
                f"{r['wall'] / budget:.2f}",
                f"{r['peak_mb']:.0f}",
                f"{BUDGET_PEAK_MB:.0f}",
                r["created"],
            )
        )
    print(f"  password sheet: {sheet.stat().st_size / 1e6:.2f} MB" if sheet.exists() else "")


if __name__ == "__main__":
    main()
