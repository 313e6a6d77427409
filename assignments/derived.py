"""The assignments' derived table (``AssignmentState``, ADR 0044): what ``rules`` folds each
officer's assignment records and learner records of a course to, kept so that a coordinator's
list at a region's size is one indexed query a page rather than a fold of every record in scope.

Never edited by hand: each row is made again from the records, by the one fold
(``rules.assignments_fold``, ``rules.progress``), for the (officer, course) pairs a new record
may change:

- an assignment record written here (``services``), in its transaction;
- a learner record written here (``receivers.learner_record_written``, in its transaction);
- records imported by sync (``synced``: ``touches`` notes the pairs, ``assignment_state_derive``
  is the derive step sync runs after the import);
- everything at once: ``assignment_state_rebuild`` (``manage.py assignment_state_rebuild``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db import transaction

from learning.models import RecordKind

from .models import AssignmentRecord, AssignmentState
from .rules import Status, assignments_fold, progress
from .selectors import assignment_events, progress_kinds

Pair = tuple[int, uuid.UUID]
BATCH = 500  # officers a query names at most (SQLite allows 999 parameters a statement)
UPDATED = ["cohort", "assigned_by", "assigned_at", "due_on", "progress", "withdrawn"]


def _folded(officers: list[int], keys: set[uuid.UUID] | None) -> list[AssignmentState]:
    """The state of every (officer, course) of ``officers`` (of ``keys`` only, if given) that
    has an assignment record here, as the records fold."""
    records = AssignmentRecord.objects.filter(officer_id__in=officers)
    if keys is not None:
        records = records.filter(course_key__in=keys)
    events = assignment_events(records)
    held = assignments_fold(events)
    seen = {(event.officer, event.course_key) for event in events}
    kinds = progress_kinds(seen)
    states = []
    for pair in sorted(seen, key=lambda p: (p[0], str(p[1]))):
        done = kinds.get(pair, set())
        done_progress = progress(
            completed=RecordKind.COURSE_COMPLETED in done,
            started=bool(done - {RecordKind.ENROLLED}),
        )
        current = held.get(pair)
        states.append(
            AssignmentState(
                officer_id=pair[0],
                course_key=pair[1],
                cohort=current.cohort if current else None,
                assigned_by_id=current.assigned_by if current else None,
                assigned_at=current.assigned_at if current else None,
                due_on=current.due_on if current else None,
                progress=done_progress.value,
                withdrawn=current is None,
            )
        )
    return states


def _write(states: list[AssignmentState]) -> None:
    AssignmentState.objects.bulk_create(
        states,
        update_conflicts=True,
        unique_fields=["officer", "course_key"],
        update_fields=UPDATED,
        batch_size=BATCH,
    )


def _batches(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def assignment_state_refresh(*, pairs: Iterable[Pair]) -> None:
    """Make the rows of ``pairs`` (officer pk, course key) again from their records: written
    as folded, or removed where no assignment record is held. Runs in the caller's transaction
    (one of its own otherwise); a pair no assignment names costs one indexed read."""
    wanted = set(pairs)
    if not wanted:
        return
    by_officer: dict[int, set[uuid.UUID]] = {}
    for officer, key in wanted:
        by_officer.setdefault(officer, set()).add(key)
    with transaction.atomic():
        for officers in _batches(sorted(by_officer)):
            keys = set().union(*(by_officer[o] for o in officers))
            states = [s for s in _folded(officers, keys) if (s.officer_id, s.course_key) in wanted]
            _write(states)
            kept = {(s.officer_id, s.course_key) for s in states}
            gone = [
                pk
                for pk, officer, key in AssignmentState.objects.filter(
                    officer_id__in=officers, course_key__in=keys
                ).values_list("pk", "officer_id", "course_key")
                if (officer, key) in wanted and (officer, key) not in kept
            ]
            if gone:
                AssignmentState.objects.filter(pk__in=gone).delete()


def assignment_state_derive(touched: set[Pair]) -> None:
    """Sync's derive step (``nodes.syncing.SyncedTable.derive``): the pairs imported records
    touched (assignment records, and learner records and passed quizzes, which may change an
    assigned course's progress), made again."""
    assignment_state_refresh(pairs=touched)


def learner_record_written(*, learner: int, course_key: uuid.UUID) -> None:
    """A learner record was written here: the officer's assignment of that course, if any and
    not completed already (a completion is a fact that stays), is made again."""
    held = AssignmentState.objects.filter(officer_id=learner, course_key=course_key)
    if held.exclude(progress=Status.COMPLETED).exists():
        assignment_state_refresh(pairs=[(learner, course_key)])


def assignment_state_rebuild() -> int:
    """Empty the table and make every row again from every record held, in one transaction
    (a page read meanwhile sees the old table until the commit). How many rows it holds."""
    with transaction.atomic():
        AssignmentState.objects.all().delete()
        officers = sorted(
            set(AssignmentRecord.objects.values_list("officer_id", flat=True).distinct())
        )
        made = 0
        for batch in _batches(officers):
            states = _folded(batch, None)
            _write(states)
            made += len(states)
    return made
