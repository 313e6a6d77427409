"""Benchmark SCORM commits against a real production node on this machine, on SQLite and on
PostgreSQL: how many commits per second the server accepts for 30 learners playing a SCORM
lesson at once, how long a commit takes, and whether every accepted commit was recorded once.

For each database it starts a throw-away node (``BenchServer``: fresh data directory,
migrations, demo content, bench learners, gunicorn on a free loopback port) whose SCORM content
origin is ``http://localhost:PORT`` (the platform is ``http://127.0.0.1:PORT``). In
``manage.py shell`` it imports a built SCORM 2004 package, adds a live SCORM lesson playing it to
the first module of the course, enrols every learner and starts a launch for each
(``scormplayer.services.launch_start``), reading the commit URL, the attempt and the SCO from
``scormplayer.selectors.runtime_seed``, as the launch document would. Then each learner, on its
own keep-alive connection, POSTs commits to that URL with its own launch token (the CMI state
growing as a learner moves through the SCO: location, suspend data, session time, progress,
and at the end completion and a score) until a deadline. Afterwards the database is checked
against what the clients were told. Run from the repository root:

    .venv/bin/python bench/scorm_commits.py [--db both] [--users 30] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from _scorm import machine_lines, progress, run_databases
from _server import BenchServer, SetupError, bench_username, free_port
from quiz_submissions import postgres_url, shell_json
from scorm_import import build_package

TIMEOUT_SECONDS = 30.0
STRAGGLER_GRACE_SECONDS = 90

# Runs inside ``manage.py shell``: the package, a live SCORM lesson in the course's first module,
# and for every bench learner an enrolment, a launch and what its launch document would seed.
SETUP = """
import json, os
from pathlib import Path
from courses.models import CoursePage
from learning.services import enrolment_create
from modules.models import ModulePage, ScormLessonPage
from officers.models import User
from scormpackages.services import package_import
from scormplayer.selectors import runtime_seed
from scormplayer.services import launch_start, launch_token
course = CoursePage.objects.live().get(
    url_path__endswith=os.environ["BENCH_COURSE"], locale__language_code="en")
module = ModulePage.objects.live().child_of(course).first()
package = package_import(source=Path(os.environ["BENCH_PACKAGE"]), title="Bench SCORM")
lesson = ScormLessonPage(title="Bench SCORM lesson", slug="bench-scorm", package=package)
module.add_child(instance=lesson)
lesson.save_revision().publish()
lesson.refresh_from_db()
learners = {}
for number in range(1, int(os.environ["BENCH_USERS"]) + 1):
    user = User.objects.get(username=f"bench{number:02d}")
    enrolment_create(learner=user, course=course, actor=user)
    launch = launch_start(user=user, page=lesson)
    seed = runtime_seed(launch=launch, sco_index=0, token=launch_token(launch))
    learners[user.username] = {
        "commit_url": seed["commit_url"], "attempt": seed["attempt"],
        "sco": seed["sco"]["identifier"], "next_seq": seed["next_seq"],
        "scorm_version": seed["scorm_version"],
    }
print("BENCH-JSON " + json.dumps({"lesson": lesson.url_path, "learners": learners}))
"""

# Runs inside ``manage.py shell`` after the load: the records the commits left, per learner.
AUDIT = """
import json, os, sqlite3
from django.db import connection
from django.db.models import Count, Max
from scormplayer.models import ScormRecord
names = [f"bench{n:02d}" for n in range(1, int(os.environ["BENCH_USERS"]) + 1)]
rows = ScormRecord.objects.filter(learner__username__in=names)
per = {r["learner__username"]: r for r in rows.values("learner__username").annotate(
    n=Count("id"), top=Max("commit_seq"), seqs=Count("commit_seq", distinct=True))}
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        db_version = "PostgreSQL " + cursor.fetchone()[0].split(" ")[0]
else:
    db_version = "SQLite " + sqlite3.sqlite_version
print("BENCH-JSON " + json.dumps({"db_version": db_version, "per": per}))
"""


@dataclass
class Learner:
    username: str
    seed: dict
    accepted: int = 0
    last_seq: int = 0
    seconds: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)


def cmi_state(seq: int, scorm_version: str) -> dict:
    """scorm-again's commit object (the nested JSON of ``renderCommitCMI``) after ``seq``
    commits of a learner moving through the SCO: every tenth one completes it with a score."""
    done = seq % 10 == 0
    suspend = json.dumps({"page": seq, "answers": ["a", "c", "b"] * (seq % 7)})
    if scorm_version == "1.2":
        return {
            "core": {
                "lesson_location": f"page-{seq}",
                "lesson_status": "passed" if done else "incomplete",
                "score": {"raw": "80", "min": "0", "max": "100"} if done else {},
                "session_time": f"0000:00:{seq % 60:02}.00",
                "exit": "" if done else "suspend",
            },
            "suspend_data": suspend,
        }
    return {
        "location": f"page-{seq}",
        "suspend_data": suspend,
        "completion_status": "completed" if done else "incomplete",
        "success_status": "passed" if done else "unknown",
        "progress_measure": "1" if done else f"0.{seq % 10}",
        "score": {"scaled": "0.8", "raw": "80", "min": "0", "max": "100"} if done else {},
        "session_time": f"PT{seq % 60}S",
        "exit": "normal" if done else "suspend",
    }


def _error_code(answer: bytes) -> object:
    try:
        return json.loads(answer).get("errorCode")
    except (ValueError, AttributeError):
        return None


def run_learner(learner: Learner, host: str, port: int, deadline: float) -> None:
    """Commits, one after the other on one keep-alive connection, until ``deadline``."""
    path = urlsplit(learner.seed["commit_url"]).path
    headers = {"Content-Type": "application/json", "Origin": f"http://{host}:{port}"}
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    seq = learner.seed["next_seq"]
    try:
        while time.monotonic() < deadline:
            body = json.dumps(
                {
                    "attempt": learner.seed["attempt"],
                    "sco": learner.seed["sco"],
                    "seq": seq,
                    "cmi": {"cmi": cmi_state(seq, learner.seed["scorm_version"])},
                }
            )
            started = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException) as error:
                learner.errors[type(error).__name__] += 1
                connection.close()
                seq += 1
                continue
            seconds = time.perf_counter() - started
            if response.status == 200 and _error_code(answer) in (0, "0"):
                learner.accepted += 1
                learner.last_seq = seq
                learner.seconds.append(seconds)
            else:
                learner.errors[f"HTTP {response.status}: {answer[:120]!r}"] += 1
            seq += 1
    finally:
        connection.close()


def run_load(learners: list[Learner], host: str, port: int, seconds: float) -> float:
    """One thread per learner, all started together; returns the wall time of the load."""
    clock = {"start": 0.0}
    barrier = threading.Barrier(len(learners), action=lambda: clock.update(start=time.monotonic()))

    def work(learner: Learner) -> None:
        barrier.wait()
        run_learner(learner, host, port, clock["start"] + seconds)

    threads = [threading.Thread(target=work, args=(lr,), daemon=True) for lr in learners]
    for thread in threads:
        thread.start()
    limit = time.monotonic() + seconds + STRAGGLER_GRACE_SECONDS
    for thread in threads:
        thread.join(max(0.0, limit - time.monotonic()))
    return time.monotonic() - clock["start"]


def checks(learners: list[Learner], audit: dict) -> list[tuple[bool, str]]:
    """The database against what the clients were told."""
    per = audit["per"]
    lost = [lr.username for lr in learners if per.get(lr.username, {}).get("n", 0) < lr.accepted]
    extra = [lr.username for lr in learners if per.get(lr.username, {}).get("n", 0) > lr.accepted]
    top = [
        lr.username
        for lr in learners
        if lr.accepted and per.get(lr.username, {}).get("top") != lr.last_seq
    ]
    doubled = [u for u, r in per.items() if r["seqs"] != r["n"]]
    return [
        (not lost, f"every accepted commit is a record ({', '.join(lost) or 'none lost'})"),
        (not extra, f"no record the client was not told of ({', '.join(extra) or 'none'})"),
        (not top, f"each learner's newest record is its last accepted seq ({len(top)} differ)"),
        (not doubled, f"no seq recorded twice ({len(doubled)} learners with doubles)"),
    ]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else 0.0


def measure(db: str, args: argparse.Namespace, folder: Path) -> dict:
    port = free_port()
    extra_env = {
        "ELEARNING_SCORM_CONTENT_ORIGIN": f"http://localhost:{port}",
        "ELEARNING_SCORM_PLATFORM_ORIGINS": f"http://127.0.0.1:{port}",
        "BENCH_PACKAGE": str(build_package(folder, 0, 1).path),
        "BENCH_COURSE": args.course,
    }
    if db == "postgres":
        extra_env["DATABASE_URL"] = postgres_url()
    progress(f"[{db}] setting up a fresh node (migrate, load_demo, collectstatic, learners)")
    with BenchServer(
        workers=args.workers, threads=args.threads, learners=args.users, port=port,
        extra_env=extra_env,
    ) as server:  # fmt: skip
        setup = shell_json(server, "scorm lesson and launches", SETUP)
        learners = [
            Learner(bench_username(n), setup["learners"][bench_username(n)])
            for n in range(1, args.users + 1)
        ]
        progress(f"[{db}] {args.users} learners commit to {setup['lesson']} for {args.seconds} s")
        elapsed = run_load(learners, "localhost", port, args.seconds)
        audit = shell_json(server, "audit", AUDIT)
        log = server.log().strip()
    latencies = [s for lr in learners for s in lr.seconds]
    accepted = sum(lr.accepted for lr in learners)
    errors = sum((lr.errors for lr in learners), Counter())
    return {
        "db": db,
        "db_version": audit["db_version"],
        "learners": args.users,
        "elapsed": elapsed,
        "accepted": accepted,
        "per_second": accepted / elapsed if elapsed else 0.0,
        "latency_ms": {
            name: percentile(latencies, p) * 1000
            for name, p in (("p50", 50), ("p95", 95), ("p99", 99), ("max", 100))
        },
        "errors": dict(errors.most_common(10)),
        "checks": checks(learners, audit),
        "server_log": log[-2000:],
        "gunicorn": f"{args.workers} workers x {args.threads} threads (gthread)",
    }


def report(result: dict, argv: list[str]) -> None:
    ms = result["latency_ms"]
    print(f"\nSCORM commits, {result['learners']} learners at once, on {result['db_version']}")
    print(f"  commits accepted: {result['accepted']} in {result['elapsed']:.1f} s")
    print(f"  commits/s:        {result['per_second']:.1f}")
    print("  commit latency:   " + "  ".join(f"{k} {v:.0f}" for k, v in ms.items()) + " ms")
    print(f"  errors:           {sum(result['errors'].values()) or 'none'}")
    for kind, count in result["errors"].items():
        print(f"    {kind} x {count}")
    for ok, text in result["checks"]:
        print(f"  {'OK    ' if ok else 'FAILED'} {text}")
    print(f"  server:           gunicorn {result['gunicorn']}")
    for line in machine_lines(result["db_version"]):
        print(f"  {line}")
    print(f"  command:          .venv/bin/python bench/scorm_commits.py {' '.join(argv)}".rstrip())
    if result["server_log"]:
        print(f"  gunicorn's error log (end):\n{result['server_log']}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--users", type=int, default=30, help="concurrent learners (30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the load (20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (4)")
    parser.add_argument("--course", default="/tip-101/", help="course the lesson is added to")
    parser.add_argument("--json-out", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 99 and 0 < args.seconds <= 600):
        parser.error("--users must be 1..99, --seconds 0..600")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)

    def here(db: str) -> dict:
        with tempfile.TemporaryDirectory(prefix="scorm-commits-") as temp:
            result = measure(db, args, Path(temp))
        report(result, argv)
        return result

    results = run_databases(args.db, Path(__file__), argv, here)
    if args.json_out:
        args.json_out.write_text(json.dumps(results))
    if len(results) > 1:
        print("\n  database            commits/s   p50 ms   p95 ms   accepted   checks")
        for r in results:
            ok = all(c[0] for c in r["checks"])
            print(
                f"  {r['db_version']:<18} {r['per_second']:>10.1f} {r['latency_ms']['p50']:>8.0f}"
                f" {r['latency_ms']['p95']:>8.0f} {r['accepted']:>10} {'OK' if ok else 'FAILED'}"
            )
    failed = any(not ok for r in results for ok, _text in r["checks"])
    return 0 if len(results) == (2 if args.db == "both" else 1) and not failed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SetupError as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)
