"""Benchmark how a hub finds one post's officers (``officers.selectors.officer_uuids_for_post``),
which it does for every answer to that post's sync, at a region's size.

Sets up a throw-away node (fresh data directory, migrations; a hub, SQLite unless
``DATABASE_URL`` is set, as inside ``pg_virtualenv``), writes ``--officers`` officers' profile
records (two versions each, made by the hub) spread over ``--posts`` posts, then times the
selector for ``--calls`` posts in turn: wall time (a database server's work included) and the
process's own processor time, median and p95 of each. Prints the officers found per post and
whether the database reads the versions naming the post through the ``profile_post`` index.
From the repository root:

    .venv/bin/python bench/post_officers.py [--officers 20000] [--posts 200] [--calls 40]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _machine import compile_project, machine_summary

ROOT = Path(__file__).resolve().parent.parent
MARKER = "BENCH-JSON "

# Runs inside ``manage.py shell``; sizes come from the environment.
MEASURE = """
import json, os, time, uuid
from django.db import connection, transaction
from django.utils import timezone
from officers.models import PostCode, ProfileRecord
from officers.selectors import officer_uuids_for_post, profile_hub_id

officers, posts, calls = (
    int(os.environ[k]) for k in ("BENCH_OFFICERS", "BENCH_POSTS", "BENCH_CALLS"))
hub, now = profile_hub_id(), timezone.now()
rows = []
for n in range(officers * 2):
    code = f"p{(n // 2) % posts:03d}"
    rows.append(ProfileRecord(
        officer_uuid=uuid.UUID(int=n // 2 + 1), clock=n % 2 + 1, origin_node=hub, origin_seq=n + 1,
        recorded_at=now, data={"username": f"officer{n // 2}", "post": {"code": code, "name": code},
        "first_name": "Officer", "last_name": str(n // 2), "country": "TH", "role": "learner"}))
with transaction.atomic():
    ProfileRecord.objects.bulk_create(rows, batch_size=2000)
if connection.vendor == "sqlite":
    connection.cursor().execute("ANALYZE")
seconds, walls, found = [], [], []
for call in range(calls):
    start, wall = time.process_time(), time.perf_counter()
    found.append(len(officer_uuids_for_post(f"p{call % posts:03d}")))
    seconds.append(time.process_time() - start)
    walls.append(time.perf_counter() - wall)
plan = ProfileRecord.objects.alias(post=PostCode()).filter(post="p000").order_by().explain()
print("BENCH-JSON " + json.dumps({"seconds": seconds, "walls": walls, "found": found, "plan": plan,
                                   "vendor": connection.vendor}))
"""


def spread(ms: list[float]) -> str:
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"median {statistics.median(ms):.1f}, p95 {p95:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--officers", type=int, default=20_000, help="officers (20,000)")
    parser.add_argument("--posts", type=int, default=200, help="posts they are spread over (200)")
    parser.add_argument("--calls", type=int, default=40, help="posts asked for in turn (40)")
    args = parser.parse_args(argv)
    compiled = compile_project(ROOT)
    data = Path(tempfile.mkdtemp(prefix="elearning-bench-post-officers-"))
    env = {
        **os.environ,
        "ELEARNING_DATA_DIR": str(data),
        "ELEARNING_NODE_ROLE": "hub",
        "BENCH_OFFICERS": str(args.officers),
        "BENCH_POSTS": str(args.posts),
        "BENCH_CALLS": str(args.calls),
    }
    manage = [sys.executable, "manage.py"]
    try:
        print(f"[bench] migrating a fresh hub in {data}", file=sys.stderr)
        subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        print(f"[bench] {args.officers} officers over {args.posts} posts", file=sys.stderr)
        done = subprocess.run(
            [*manage, "shell", "-c", MEASURE],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        shutil.rmtree(data, ignore_errors=True)
    (line,) = [x for x in done.stdout.splitlines() if x.startswith(MARKER)]
    result = json.loads(line[len(MARKER) :])
    ms = sorted(s * 1000 for s in result["seconds"])
    wall = sorted(s * 1000 for s in result["walls"])
    print(f"\n== A hub finds one post's officers ({result['vendor']})")
    print(f"  region: {args.officers:,} officers, two profile versions each, {args.posts} posts")
    print(f"  officers found per post: {min(result['found'])}-{max(result['found'])}")
    print(f"  ms per call, wall (the database server's work included): {spread(wall)}")
    print(f"  ms per call, this process's processor time: {spread(ms)}")
    index = "profile_post" in result["plan"]
    print(f"  the versions naming a post read through profile_post: {'yes' if index else 'NO'}")
    print(f"  plan: {' '.join(result['plan'].split())}")
    print(f"\n  cores: {machine_summary()}; load average {os.getloadavg()[0]:.1f} at the end")
    print(f"  modules: {compiled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
