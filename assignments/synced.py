"""The assignments' tables that sync (``nodes.syncing``): cohort and assignment records. Both
go where their officer goes (``scope``); a cohort's own records (created, renamed, a course
assigned to it) name no officer: they travel up to the hub, and from the hub to the cohort's
home post (``of_post``), not to other posts, while each membership record carries the
cohort's name. Authority (``refused``, the pure rule in
``rules.refusal``): a post speaks only for its own officers and its own cohorts. An imported
assignment record touches its (officer, course); the derived table (``derived``) is made again
by ``derive`` for what an import touched under the topics it hears: assignment records, any
learner record (``learning.synced.PROGRESS``) and passed quizzes (``quizzes.synced.PASSED``)."""

from __future__ import annotations

import uuid

from django.db.models import Q

from learning.synced import PROGRESS
from nodes.syncing import SyncedTable, Touched, WireRow
from quizzes.synced import PASSED

from .derived import assignment_state_derive
from .selectors import assignment_rows_refused, cohort_rows_refused

# The topic assignment records touch (``nodes.syncing.Touched``).
ASSIGNED = "assignments.assignment"


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(officer pk, course key) of each new assignment record."""
    return {
        ASSIGNED: {(officers[row["officer"]], uuid.UUID(str(row["course_key"]))) for row in rows}
    }


def _cohort_of_post(post_code: str) -> Q:
    """A cohort's own records (no officer) whose home is the post: a cohort the hub made for
    it, renamed or gave a course is there too, members or not, and a member added there later
    gets the cohort's courses."""
    return Q(officer__isnull=True, post_code=post_code)


SYNCED = [
    SyncedTable(
        "cohort_record",
        "assignments.CohortRecord",
        scope="officer__uuid",
        label="cohort record",
        refused=cohort_rows_refused,
        of_post=_cohort_of_post,
    ),
    SyncedTable(
        "assignment_record",
        "assignments.AssignmentRecord",
        scope="officer__uuid",
        label="assignment record",
        refused=assignment_rows_refused,
        touches=_touches,
        # Made again for its own records, for any learner record (a course started or
        # completed) and for a pass (a completion learning's derive may record: that record
        # refolds the pair as it is written, this makes sure it is refolded all the same).
        derive=assignment_state_derive,
        derive_on=frozenset({ASSIGNED, PROGRESS, PASSED}),
    ),
]
