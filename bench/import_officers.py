"""Benchmark ``manage.py import_officers``: a spreadsheet of N officers (5,000 by default, names
in five scripts, each with a course to enrol in) checked, imported, and imported again, on a
fresh production node (SQLite): wall time, CPU time and peak memory of each run.

Each run is its own process, waited for with ``os.wait4``, so the peak RSS is that run's alone.
The import includes the PDF of initial passwords (one slip per new officer). Run from the
repository root:

    .venv/bin/python bench/import_officers.py [-n 5000] [--format csv|xlsx]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import sys
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=5000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
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
