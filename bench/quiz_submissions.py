"""Benchmark quiz submissions against a real production node on this machine, on SQLite and on
PostgreSQL: how many graded submissions per second 30 concurrent learners get, how long a
submit takes, and whether any attempt was lost or graded twice.

For each database it starts a throw-away node (fresh data directory, migrations, demo content,
collected static files, bench learners, gunicorn on a free loopback port), lifts the demo's
limit of 3 attempts per quiz, finds a module quiz through HTTP, and lets every learner start,
answer (at random, seeded per learner) and submit attempts until a deadline or a count. Some
submissions are sent twice at once from two connections of the same learner. At the end the
database itself is checked against what the clients saw.

PostgreSQL runs in a throw-away cluster: the script runs itself again under
``pg_virtualenv -v 15``. Everything it contacts is on this machine; every loop is bounded in
time and count. Run it from the repository root:

    .venv/bin/python bench/quiz_submissions.py [--db both] [--users 30] [--seconds 20]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from _http import Client, HttpError, enrol_action, site_links
from _quiz_form import choose_answers, parse_attempt_form
from _quiz_report import Learner, LoadResult, integrity_checks, report, report_summary
from _server import DEMO_PASSWORD, ROOT, BenchServer, SetupError, bench_username

PG_VERSION = "15"
START_ACTION = re.compile(r'action="(/learn/quizzes/(\d+)/start/)"')
ATTEMPT_PATH = re.compile(r"^/learn/attempts/([0-9a-f-]{36})/$")
RESULT_PATH = re.compile(r"^/learn/attempts/([0-9a-f-]{36})/result/$")
RESULT_SCORE = re.compile(r'<p class="result"><strong>[^<]*</strong>\s*\(([\d.]+)\s*/\s*(\d+)\)')
SETUP_TIMEOUT_SECONDS = 300
STRAGGLER_GRACE_SECONDS = 90
PG_RUN_TIMEOUT_SECONDS = 1800
MARKER = "BENCH-JSON "

# Runs inside ``manage.py shell`` before the load: no attempt limit on any quiz, published as a
# new revision (the page's live fields and its revision agree, as after an editor's change).
LIFT_ATTEMPT_LIMIT = """
import json
from modules.models import QuizPage
changed = []
for q in QuizPage.objects.all():
    q.max_attempts = 0
    q.save_revision().publish()
    changed.append(q.pk)
print("BENCH-JSON " + json.dumps({"quizzes": changed}))
"""

# Runs inside ``manage.py shell`` after the load: what the database holds for the bench
# learners, for the checks. Usernames come from the environment (BENCH_USERS).
AUDIT = """
import json, os, sqlite3
from django.db import connection
from django.db.models import Count, F, Q
from officers.models import User
from quizzes.models import QuizAttempt, QuizSubmission
names = [f"bench{n:02d}" for n in range(1, int(os.environ["BENCH_USERS"]) + 1)]
learners = User.objects.filter(username__in=names)
attempts = QuizAttempt.objects.filter(learner__in=learners)
submissions = QuizSubmission.objects.filter(attempt__learner__in=learners)
same_number = (attempts.values("learner", "quiz_key", "number", "origin_node")
               .annotate(n=Count("id")).filter(n__gt=1).count())
gaps = 0
for row in attempts.values("learner", "quiz_key").annotate(n=Count("id")).order_by():
    numbers = sorted(attempts.filter(learner=row["learner"], quiz_key=row["quiz_key"])
                     .values_list("number", flat=True))
    gaps += numbers != list(range(1, row["n"] + 1))
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        db_version = "PostgreSQL " + cursor.fetchone()[0]
else:
    db_version = "SQLite " + sqlite3.sqlite_version
print("BENCH-JSON " + json.dumps({
    "vendor": connection.vendor,
    "db_version": db_version,
    "attempt_ids": sorted(str(i) for i in attempts.values_list("id", flat=True)),
    "submitted_ids": sorted(str(i) for i in submissions.values_list("attempt_id", flat=True)),
    "submissions": submissions.count(),
    "submitted_attempts": submissions.values("attempt").distinct().count(),
    "same_number": same_number,
    "number_gaps": gaps,
    "score_out_of_range": submissions.filter(
        Q(score__lt=0) | Q(score__gt=F("max_score"))).count(),
    "closed_by_server": submissions.filter(closed_by_server=True).count(),
    "max_scores": sorted(set(submissions.values_list("max_score", flat=True))),
}))
"""


# Arguments --------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres", "both"),
        default="both",
        help="database(s) to measure, one after the other (both)",
    )
    parser.add_argument("--users", type=int, default=30, help="concurrent learners (30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the load run (20)")
    parser.add_argument(
        "--max-attempts",
        type=int,
        default=1000,
        help="most attempts one learner starts in the load run (1000)",
    )
    parser.add_argument(
        "--double-every",
        type=int,
        default=5,
        help="send every Nth submission of a learner twice at once, from two connections; "
        "0 for never (5)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (4)")
    parser.add_argument("--course", default="/tip-101/", help="course whose module quiz is used")
    parser.add_argument(
        "--json-out", type=Path, help="also write the figures of each database to this file"
    )
    args = parser.parse_args(argv)
    if not (
        1 <= args.users <= 99
        and 0 < args.seconds <= 600
        and 1 <= args.max_attempts <= 100_000
        and args.double_every >= 0
    ):
        parser.error(
            "--users must be 1..99, --seconds 0..600, --max-attempts 1..100000, "
            "--double-every 0 or more"
        )
    return args


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Discovery --------------------------------------------------------------------------------


@dataclass
class Quiz:
    course: str
    enrol_path: str
    module: str
    path: str
    start_path: str


def discover_quiz(client: Client, course: str) -> Quiz:
    """The first module quiz of ``course``: the course page's modules, each module's pages,
    the first one offering a start form. ``client`` is enrolled on the way."""
    form = enrol_action(client.page(course))
    if form is None:
        raise SetupError(f"{course} offers no enrol form to a new learner")
    enrol_path, _course_id = form
    response = client.post(enrol_path, {})
    if response.status != 302:
        raise SetupError(f"enrol {enrol_path}: HTTP {response.status}")
    for module in site_links(client.page(course), 2, course):
        for path in site_links(client.page(module), 3, module):
            match = START_ACTION.search(client.page(path))
            if match:
                return Quiz(course, enrol_path, module, path, match.group(1))
    raise SetupError(f"no module of {course} links to a page with a quiz start form")


# Load -------------------------------------------------------------------------------------


def _location(response) -> str:
    return urlsplit(response.headers.get("location", "")).path


def _submit(client: Client, attempt_path: str, form: dict) -> tuple[int, str, float]:
    response = client.post(attempt_path, form)
    return response.status, _location(response), response.seconds


def run_learner(
    learner: Learner,
    client: Client,
    twin: Client,
    quiz: Quiz,
    deadline: float,
    args: argparse.Namespace,
) -> None:
    """Start, answer and submit attempts until ``deadline`` or ``--max-attempts``. An error
    ends the attempt in hand (the next start resumes it, if it is still open)."""
    rng = random.Random(f"quiz-bench-{learner.username}")  # the same answers on every run
    for number in range(1, args.max_attempts + 1):
        if time.monotonic() >= deadline:
            return
        stage = "start"
        try:
            response = client.post(quiz.start_path, {})
            match = ATTEMPT_PATH.match(_location(response))
            if response.status != 302 or not match:
                learner.errors[
                    f"start: HTTP {response.status} -> {_location(response) or '-'}"
                ] += 1
                continue
            attempt_id = match.group(1)
            learner.started.add(attempt_id)
            stage = "attempt page"
            attempt_path = match.group(0)
            response = client.get(attempt_path)
            if response.status != 200:
                learner.errors[f"attempt page: HTTP {response.status}"] += 1
                continue
            page, fields = parse_attempt_form(response.text)
            if not fields:
                learner.errors["attempt page: no question inputs found"] += 1
                continue
            learner.questions_seen.update(f.kind for f in fields)
            form = {"q": page, "action": "confirm", **choose_answers(fields, rng)}
            stage = "submit"
            double = args.double_every and number % args.double_every == 0
            if double:
                status, location, seconds = _double_submit(
                    learner, client, twin, attempt_path, form
                )
            else:
                status, location, seconds = _submit(client, attempt_path, form)
            if status != 302 or location != f"{attempt_path}result/":
                kind = "refused, form shown again" if status == 200 else f"HTTP {status}"
                learner.errors[f"submit: {kind}"] += 1
                continue
            learner.submit_seconds.append(seconds)
            stage = "result page"
            response = client.get(location)
            score = RESULT_SCORE.search(response.text) if response.status == 200 else None
            if score is None:
                learner.errors[f"result page: HTTP {response.status}, no score shown"] += 1
                continue
            learner.graded.add(attempt_id)
            learner.scores.append((float(score.group(1)), int(score.group(2))))
        except (OSError, http.client.HTTPException) as error:
            learner.errors[f"{stage}: {type(error).__name__}"] += 1
            client.close()
            twin.close()


def _double_submit(
    learner: Learner, client: Client, twin: Client, attempt_path: str, form: dict
) -> tuple[int, str, float]:
    """The same submission twice at once: ``client`` and ``twin`` share the learner's session
    (one browser, a double click) but not the connection. Both should land on the result page;
    the figures of the first connection are returned."""
    learner.doubles += 1
    twin.cookies = dict(client.cookies)
    ready = threading.Barrier(2, timeout=30)
    other: dict[str, object] = {}

    def second() -> None:
        try:
            ready.wait()
            other["answer"] = _submit(twin, attempt_path, form)
        except (OSError, http.client.HTTPException, threading.BrokenBarrierError) as error:
            other["error"] = error
            twin.close()

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    ready.wait()
    answer = _submit(client, attempt_path, form)
    thread.join(60)
    result_path = f"{attempt_path}result/"
    if "error" in other or thread.is_alive():
        kind = type(other.get("error")).__name__ if "error" in other else "timeout"
        learner.errors[f"double submit, second copy: {kind}"] += 1
    elif answer[:2] == (302, result_path) and other["answer"][:2] == (302, result_path):
        learner.double_both_to_result += 1
    elif other["answer"][:2] != (302, result_path):
        status = other["answer"][0]
        learner.errors[f"double submit, second copy: HTTP {status} (not the result page)"] += 1
    return answer


def run_load(server: BenchServer, quiz: Quiz, args: argparse.Namespace) -> LoadResult:
    """One thread per learner: log in, enrol (before the clock), then attempts until the
    deadline. All learners start together."""
    learners = [Learner(bench_username(n)) for n in range(1, args.users + 1)]
    clock = {"start": 0.0}
    barrier = threading.Barrier(
        len(learners),
        action=lambda: clock.update(start=time.monotonic()),
        timeout=SETUP_TIMEOUT_SECONDS,
    )

    def work(learner: Learner) -> None:
        client, twin = server.client(), server.client()
        try:
            client.login(learner.username, DEMO_PASSWORD)
            form = enrol_action(client.page(quiz.course))
            if form is not None:
                response = client.post(form[0], {})
                if response.status != 302:
                    raise HttpError(f"enrol {form[0]}: HTTP {response.status}")
        except Exception as error:
            learner.setup_error = f"{learner.username}: {error}"
        try:
            barrier.wait()
            if not learner.setup_error:
                run_learner(learner, client, twin, quiz, clock["start"] + args.seconds, args)
        except threading.BrokenBarrierError:
            learner.setup_error = learner.setup_error or f"{learner.username}: barrier broken"
        finally:
            client.close()
            twin.close()

    threads = [threading.Thread(target=work, args=(learner,), daemon=True) for learner in learners]
    for thread in threads:
        thread.start()
    limit = time.monotonic() + SETUP_TIMEOUT_SECONDS + args.seconds + STRAGGLER_GRACE_SECONDS
    for thread in threads:
        thread.join(max(0.0, limit - time.monotonic()))
    ended = time.monotonic()
    stragglers = sum(thread.is_alive() for thread in threads)
    elapsed = ended - clock["start"] if clock["start"] else 0.0
    return LoadResult(learners, elapsed, stragglers)


# Database checks --------------------------------------------------------------------------


def shell_json(server: BenchServer, label: str, code: str) -> dict:
    output = server.manage(label, "shell", "-c", code)
    for line in output.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise SetupError(f"manage.py shell ({label}) printed no result:\n{output[-2000:]}")


# One database -----------------------------------------------------------------------------


def postgres_url() -> str:
    """The throw-away cluster's URL from pg_virtualenv's PG* variables (a socket directory as
    the host is percent-encoded, as dj-database-url reads it)."""
    env = os.environ
    host = env.get("PGHOST") or "localhost"
    if not host.startswith("/") and host not in {"localhost", "127.0.0.1", "::1"}:
        raise SetupError(f"PGHOST={host} is not this machine; refusing to use it")
    return "postgres://{}:{}@{}:{}/{}".format(
        quote(env.get("PGUSER", "postgres"), safe=""),
        quote(env.get("PGPASSWORD", ""), safe=""),
        quote(host, safe="") if host.startswith("/") else host,
        env.get("PGPORT", "5432"),
        quote(env.get("PGDATABASE", "postgres"), safe=""),
    )


def measure(db: str, args: argparse.Namespace) -> dict:
    extra_env = {"DATABASE_URL": postgres_url()} if db == "postgres" else {}
    started = time.perf_counter()
    progress(f"[{db}] setting up a fresh node (migrate, load_demo, collectstatic, learners)")
    with BenchServer(
        workers=args.workers, threads=args.threads, learners=args.users, extra_env=extra_env
    ) as server:
        printed = re.search(r"password for every demo login: (\S+)", server.demo_output)
        if printed and printed.group(1) != DEMO_PASSWORD:
            raise SetupError("load_demo's demo password differs from bench/_server.py's")
        progress(f"[{db}] gunicorn on {server.base_url}; lifting the attempt limit")
        lifted = shell_json(server, "lift attempt limit", LIFT_ATTEMPT_LIMIT)
        discoverer = server.client()
        discoverer.login(bench_username(1), DEMO_PASSWORD)
        quiz = discover_quiz(discoverer, args.course)
        discoverer.close()
        progress(
            f"[{db}] {args.users} learners take {quiz.path} for {args.seconds:g} s "
            f"(every {args.double_every or 'no'}th submission sent twice)"
        )
        load = run_load(server, quiz, args)
        progress(f"[{db}] checking the database")
        audit = shell_json(server, "audit", AUDIT)
        checks = integrity_checks(load, audit)
        server_log = server.log().strip()
        facts = {
            "gunicorn": [
                a if a != str(server.data_dir / "gunicorn.log") else "$DATA/gunicorn.log"
                for a in server.command
            ],
            "timings": server.timings,
        }
    return report(db, args, quiz, lifted, load, audit, checks, facts, server_log, started)


# Main -------------------------------------------------------------------------------------


def rerun_in_postgres(
    script: Path, argv: list[str], timeout: int = PG_RUN_TIMEOUT_SECONDS
) -> list[dict] | None:
    """Runs ``script`` (a bench script taking ``--db`` and ``--json-out``) again as ``--db
    postgres`` inside a throw-away PostgreSQL cluster (``pg_virtualenv``); its report goes
    straight to our standard output, its figures come back as JSON (None when it failed or
    PostgreSQL is not installed). Shared by the benches that compare the two databases."""
    if shutil.which("pg_virtualenv") is None:
        progress("PostgreSQL skipped: pg_virtualenv is not installed (postgresql-15)")
        return None
    out = Path(tempfile.gettempdir()) / f"{script.stem}-{os.getpid()}.json"
    command = [
        "pg_virtualenv",
        "-t",
        "-v",
        PG_VERSION,
        sys.executable,
        str(script.resolve().relative_to(ROOT)),
        *strip_options(argv, {"--db", "--json-out"}),
        "--db",
        "postgres",
        "--json-out",
        str(out),
    ]
    progress(f"re-running under {shlex.join(command[:3])} for PostgreSQL")
    sys.stdout.flush()
    try:
        result = subprocess.run(command, cwd=ROOT, timeout=timeout, check=False)
        if result.returncode != 0 or not out.exists():
            progress(f"the PostgreSQL run failed (exit {result.returncode})")
            return None
        return json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)


def run_postgres_child(args: argparse.Namespace, argv: list[str]) -> dict | None:
    """This script's figures on PostgreSQL, from ``rerun_in_postgres``."""
    found = rerun_in_postgres(Path(__file__), argv)
    return found[0] if found else None


def strip_options(argv: list[str], names: set[str]) -> list[str]:
    """``argv`` without the given options (``--name value`` or ``--name=value``)."""
    rest, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in names:
            skip = True
        elif arg.split("=", 1)[0] not in names:
            rest.append(arg)
    return rest


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()
    results: list[dict] = []
    in_cluster = bool(os.environ.get("PGPORT") and os.environ.get("PGVERSION"))
    if args.db in ("sqlite", "both"):
        results.append(measure("sqlite", args))
    if args.db == "postgres" and in_cluster:
        results.append(measure("postgres", args))
    elif args.db in ("postgres", "both"):
        pg = run_postgres_child(args, argv)
        if pg is not None:
            results.append(pg)
    if args.json_out:
        args.json_out.write_text(json.dumps(results))
    if len(results) > 1 or (args.db == "both" and results):
        report_summary(results)
        print(f"\n  whole run: {time.perf_counter() - started:.0f} s")
    failed = any(not c["ok"] for r in results for c in r["checks"])
    expected = 2 if args.db == "both" else 1
    return 0 if len(results) == expected and not failed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (SetupError, HttpError) as error:
        print(f"[bench] failed: {error}", file=sys.stderr)
        sys.exit(1)
