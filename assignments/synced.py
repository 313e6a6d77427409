"""The assignments' tables that sync (``nodes.syncing``): cohort and assignment records. Both
go where their officer goes (``scope``); a cohort's own records (created, renamed, a course
assigned to it) name no officer and so travel up to the hub, not down to other posts, while
each membership record carries the cohort's name. Authority (``refused``, the pure rule in
``rules.refusal``): a post speaks only for its own officers and its own cohorts. An imported
assignment record touches its (officer, course); the derived table (``derived``) is made again
for everything an import touched (learner records and passed quizzes too) by ``derive``."""

from __future__ import annotations

import uuid

from nodes.syncing import SyncedTable, Touched, WireRow

from .derived import assignment_state_derive
from .selectors import assignment_rows_refused, cohort_rows_refused


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(officer pk, course key) of each new assignment record."""
    return {(officers[row["officer"]], uuid.UUID(str(row["course_key"]))) for row in rows}


SYNCED = [
    SyncedTable(
        "cohort_record",
        "assignments.CohortRecord",
        scope="officer__uuid",
        label="cohort record",
        refused=cohort_rows_refused,
    ),
    SyncedTable(
        "assignment_record",
        "assignments.AssignmentRecord",
        scope="officer__uuid",
        label="assignment record",
        refused=assignment_rows_refused,
        touches=_touches,
        derive=assignment_state_derive,
    ),
]
