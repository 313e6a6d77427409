"""Benchmark the reads of assignments: a coordinator's list of every assignment in scope (the
fold of all their officers' assignment records, with each one's status), and an officer's own
(My learning's ``{% my_assignments %}``), on a throw-away SQLite node.

N officers (5,000 by default) in the coordinator's scope, each assigned 2 courses (10,000
assignment records, a tenth of them with a changed due date), half of them started and a
quarter completed (learner records). Records are bulk-inserted for the set-up only (the
services write one at a time); what is timed is the selectors the pages call. Prints wall and
CPU time beside the budgets, and the load average (the machine is shared). Run from the
repository root:

    .venv/bin/python bench/assignments.py [-n 5000]
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

# Budgets for N = 5,000 officers, 10,000 assignments: what a coordinator waits for on a post
# machine, and what My learning may add to each officer's page.
BUDGET_LIST_S = 3.0
BUDGET_MINE_S = 0.05


def setup(n: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["ELEARNING_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-assignments-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "elearning.settings.dev"
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


def timed(call, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``runs`` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5000, help="officers in scope (default 5000)")
    args = parser.parse_args()
    started = time.perf_counter()
    setup(args.n)
    print(f"set-up: {args.n} officers, {time.perf_counter() - started:.1f} s", file=sys.stderr)

    from assignments.selectors import assignments_in_scope, my_assignments
    from officers.models import User

    coordinator = User.objects.get(username="bench-coord")
    officer = User.objects.get(username="bench-0")
    today = datetime.date(2026, 6, 2)
    rows = assignments_in_scope(viewer=coordinator, search="", today=today)
    scale = args.n / 5000
    results = [
        (
            f"coordinator's list ({len(rows)} assignments)",
            timed(lambda: assignments_in_scope(viewer=coordinator, search="", today=today), 3),
            BUDGET_LIST_S * scale,
        ),
        (
            "coordinator's list, overdue only",
            timed(
                lambda: assignments_in_scope(
                    viewer=coordinator, search="", today=today, state="overdue"
                ),
                3,
            ),
            BUDGET_LIST_S * scale,
        ),
        (
            "an officer's own (My learning)",
            timed(lambda: my_assignments(learner=officer, today=today), 20),
            BUDGET_MINE_S,
        ),
    ]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 shared cores)")
    print("| read | wall s | CPU s | budget s | wall / budget |")
    print("|---|---|---|---|---|")
    for label, (wall, cpu), budget in results:
        print(f"| {label} | {wall:.3f} | {cpu:.3f} | {budget:.2f} | {wall / budget:.2f} |")
    shutil.rmtree(os.environ["ELEARNING_DATA_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
