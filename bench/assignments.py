"""Benchmark the reads of assignments: a coordinator's assignments list (the derived table of
ADR 0044, a page at a time) requested through Django's test client, an officer's own (My
learning's ``{% my_assignments %}``), and the derived table's rebuild from the records, on a
throw-away SQLite node.

N officers (5,000 by default) in the coordinator's scope, each assigned 2 courses (10,000
assignment records, a tenth of them with a changed due date), half of them started and a
quarter completed (learner records). Records are bulk-inserted for the set-up only (the
services write one at a time), then the derived table is rebuilt from them (timed:
``manage.py assignment_state_rebuild``'s function). Each page is requested ``--requests`` times
after one untimed request; prints p50/p95 wall and the median CPU per request beside the
300 ms budget (issue 13: a coordinator's page at a region's size), and the load average (the
machine is shared). Run from the repository root:

    .venv/bin/python bench/assignments.py [-n 5000] [--requests 30]

``--db postgres`` puts the node on PostgreSQL, inside a throw-away cluster the caller makes
(the database is analysed after the set-up, as autovacuum would have):

    pg_virtualenv -t -v 15 .venv/bin/python bench/assignments.py -n 20000 --db postgres
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

# Issue 13: a coordinator's page at a region's size, p95; what My learning's assignments may
# add to each officer's page.
BUDGET_PAGE_MS = 300.0
BUDGET_MINE_MS = 50.0
# The officer's own wait for a lesson completed or a quiz submitted (issue 13): the whole
# service's budget, of which the derived table's part is a share.
BUDGET_OWN_WAIT_MS = 15.0


def setup(n: int, db: str = "sqlite") -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if db == "postgres":
        from _scorm import in_postgres_cluster
        from quiz_submissions import postgres_url

        if not in_postgres_cluster():
            sys.exit("--db postgres: run inside pg_virtualenv -t -v 15 (see the docstring)")
        os.environ["DATABASE_URL"] = postgres_url()
    os.environ["ELEARNING_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-assignments-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "elearning.settings.dev"
    os.environ["DJANGO_DEBUG"] = "0"  # no query log: as a server runs
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    make(n)


def make(n: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from assignments.models import AssignmentRecord
    from learning.models import LearnerRecord, RecordKind
    from nodes.identity import node_identity
    from officers.models import BorderPost, Role, User
    from officers.services import coordinator_scope_add, officer_create

    node = node_identity().node_id
    now = timezone.now()
    post = BorderPost.objects.create(code="th-bench", name="Bench post", country="TH")
    coordinator = officer_create(username="bench-coord", password="x", role=Role.COORDINATOR)
    coordinator_scope_add(coordinator=coordinator, country="TH")
    User.objects.bulk_create(
        User(
            username=f"bench-{i}",
            full_name_latin=f"Officer {i}",
            service_number=f"TH-{i:06d}",
            country="TH",
            post=post,
        )
        for i in range(n)
    )
    officers = list(User.objects.filter(post=post).values_list("pk", flat=True))
    courses = [uuid.uuid4(), uuid.uuid4()]
    seq = iter(range(10_000_000, 20_000_000))
    due = datetime.date(2026, 6, 1)

    def stamp(**fields):
        return {"origin_node": node, "origin_seq": next(seq), "recorded_at": now, **fields}

    assignments, learning = [], []
    for i, officer in enumerate(officers):
        for key in courses:
            assignments.append(
                AssignmentRecord(
                    **stamp(kind="assigned", officer_id=officer, course_key=key, due_on=due)
                )
            )
            if i % 10 == 0:
                assignments.append(
                    AssignmentRecord(
                        **stamp(kind="due_changed", officer_id=officer, course_key=key)
                    )
                )
            learning.append(
                LearnerRecord(**stamp(kind=RecordKind.ENROLLED, learner_id=officer, course_key=key))
            )
            if i % 2 == 0:
                learning.append(
                    LearnerRecord(
                        **stamp(kind=RecordKind.LESSON_OPENED, learner_id=officer, course_key=key)
                    )
                )
            if i % 4 == 0:
                learning.append(
                    LearnerRecord(
                        **stamp(
                            kind=RecordKind.COURSE_COMPLETED, learner_id=officer, course_key=key
                        )
                    )
                )
    with transaction.atomic():
        AssignmentRecord.objects.bulk_create(assignments, batch_size=2000)
        LearnerRecord.objects.bulk_create(learning, batch_size=2000)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(call, runs: int) -> dict:
    """p50/p95 wall and median CPU milliseconds of ``runs`` calls, after one untimed call."""
    call()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return {
        "p50": statistics.median(walls),
        "p95": percentile(walls, 95),
        "cpu": statistics.median(cpus),
    }


def pages(total: int) -> list[tuple[str, str]]:
    middle = max(1, -(-total // 50) // 2)
    return [
        ("list, first page", ""),
        (f"list, page {middle}", f"?page={middle}"),
        ("list, overdue only", "?status=overdue"),
        ("list, overdue only, page 2", "?status=overdue&page=2"),
        ("list, search an officer", "?q=Officer+1234"),
        ("list, search a service number", "?q=TH-00077"),
    ]


def time_pages(requests: int) -> list[tuple[str, dict, float]]:
    """The coordinator's list pages, each ``requests`` times, through the test client."""
    import re

    from django.test import Client

    from officers.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-coord"))
    first = client.get("/coordinator/assignments/").content.decode()
    total = int(re.search(r"Showing \d+\S\d+ of (\d+)", first).group(1))
    results = []
    for label, query in pages(total):
        url = "/coordinator/assignments/" + query
        shown = client.get(url)
        assert shown.status_code == 200, (url, shown.status_code)
        found = re.search(r"Showing \d+\S\d+ of (\d+)", shown.content.decode())
        label += f" ({found.group(1) if found else 0} match)"
        results.append((label, timed(lambda url=url: client.get(url), requests), BUDGET_PAGE_MS))
    return results


def time_officers_own(requests: int) -> list[tuple[str, dict, float]]:
    """My learning's selector, and what the derived table adds to each learner record an
    officer writes (in their wait): their assignment of the course made again, or one read
    when the course is not assigned."""
    from django.db import transaction

    from assignments.derived import learner_record_written
    from assignments.models import AssignmentState
    from assignments.selectors import my_assignments
    from officers.models import User

    officer = User.objects.get(username="bench-0")
    today = datetime.date(2026, 6, 2)
    started = AssignmentState.objects.filter(progress="in_progress").first()

    def written(key):
        with transaction.atomic():
            learner_record_written(learner=started.officer_id, course_key=key)

    return [
        (
            "an officer's own (My learning's selector)",
            timed(lambda: my_assignments(learner=officer, today=today), requests),
            BUDGET_MINE_MS,
        ),
        (
            "a learner record's refold, course assigned",
            timed(lambda: written(started.course_key), requests),
            BUDGET_OWN_WAIT_MS,
        ),
        (
            "a learner record's check, course not assigned",
            timed(lambda: written(uuid.uuid4()), requests),
            BUDGET_OWN_WAIT_MS,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000, help="officers in scope (default 5000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests a page (30)")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    started = time.perf_counter()
    setup(args.n, args.db)
    print(f"set-up: {args.n} officers, {time.perf_counter() - started:.1f} s", file=sys.stderr)

    from django.db import connection

    from assignments.derived import assignment_state_rebuild

    wall, cpu = time.perf_counter(), time.process_time()
    made = assignment_state_rebuild()
    rebuild = (time.perf_counter() - wall, time.process_time() - cpu)
    if args.db == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    results = time_pages(args.requests) + time_officers_own(args.requests)
    print(
        f"{made} assignments ({args.n} officers x 2 courses) in the coordinator's scope, "
        f"on {args.db}"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 shared cores)")
    print(
        f"derived table rebuilt from the records: {rebuild[0]:.2f} s wall, {rebuild[1]:.2f} s CPU"
    )
    print("| request | p50 ms | p95 ms | CPU ms (median) | budget ms | p95 / budget |")
    print("|---|---|---|---|---|---|")
    for label, t, budget in results:
        print(
            f"| {label} | {t['p50']:.1f} | {t['p95']:.1f} | {t['cpu']:.1f} | {budget:.0f} "
            f"| {t['p95'] / budget:.2f} |"
        )
    shutil.rmtree(os.environ["ELEARNING_DATA_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
