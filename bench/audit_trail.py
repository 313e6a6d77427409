"""Benchmark the audit trail on a fresh production node (SQLite): appending N entries (20,000 by
default) through ``audit_record``, each in its own transaction as an action would, then
``manage.py audit_verify --json`` over them: wall and CPU time of each, against budgets.

Each step is its own process, waited for with ``os.wait4`` (its CPU time is its own). Run from
the repository root:

    .venv/bin/python bench/audit_trail.py [-n 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

from _scorm import measured, progress
from _server import SetupError, throwaway_node

# Budgets for N = 20,000: an action's entry must not be felt, and headquarters checks a year of
# a busy post's trail while the operator waits.
BUDGET_RECORD_MS = 5.0  # per entry (wall), locked head and hash included
BUDGET_VERIFY_S = 20.0  # the whole trail

APPEND = """
import json, time
from django.db import transaction
from officers.models import BorderPost, Role
from officers.services import officer_create
from audittrail.services import audit_record
post, _ = BorderPost.objects.get_or_create(code="kh-bench", defaults={"name": "B", "country": "KH"})
admin = officer_create(username="bench-admin", password="x", role=Role.ADMINISTRATOR)
officer = officer_create(username="bench-officer", password="x", post=post)
started, cpu = time.perf_counter(), time.process_time()
for i in range(N):
    with transaction.atomic():
        audit_record(actor=admin, action="bench.change", officer=officer, subject=f"thing:{i}",
                     before={"rank": "Captain"}, after={"rank": "Major", "n": i})
print(json.dumps({"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20_000)
    args = parser.parse_args()
    folder, server = throwaway_node("bench-audit-")
    try:
        progress("migrating a fresh node")
        server.manage("migrate", "migrate", "--noinput")
        progress(f"appending {args.n} entries")
        out = server.manage("append", "shell", "-c", f"N = {args.n}\n" + APPEND)
        appended = json.loads(out.strip().splitlines()[-1])
        progress("audit_verify")
        run = measured([sys.executable, "manage.py", "audit_verify", "--json"], server.env)
        if run.status != 0:
            raise SetupError(f"audit_verify failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
        trails = json.loads(run.stdout)
        assert trails[0]["entries"] == args.n and trails[0]["ok"], trails
        report(args.n, appended, run)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(n: int, appended: dict, verify) -> None:
    load = os.getloadavg()
    print(f"\naudit trail, {n} entries, SQLite, production settings")
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 shared cores)")
    per_ms, cpu_ms = appended["wall"] * 1000 / n, appended["cpu"] * 1000 / n
    print(
        f"  audit_record   {per_ms:6.2f} ms/entry wall, {cpu_ms:6.2f} ms CPU; "
        f"budget {BUDGET_RECORD_MS:.1f} ms, ratio {per_ms / BUDGET_RECORD_MS:.2f}"
    )
    print(
        f"  audit_verify   {verify.wall:6.2f} s wall, {verify.cpu:6.2f} s CPU (whole process); "
        f"budget {BUDGET_VERIFY_S:.0f} s, ratio {verify.wall / BUDGET_VERIFY_S:.2f}"
    )


if __name__ == "__main__":
    main()
