"""The learning table that syncs (``nodes.syncing``): learner records. Enrolments and completed
lessons and modules merged from other nodes may complete a course no node has recorded as
complete; learning derives it (``progress_recompute_merged``) after the import."""

from __future__ import annotations

import uuid

from nodes.syncing import SyncedTable, Touched, WireRow

from .services import progress_recompute_merged


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) whose derived state the new rows may change: every kind, since
    an assigned course's progress (``assignments.derived``, a higher layer's derive step) is
    started by any record beyond the enrolment and done by a course completion. Only enrolments
    and completed lessons and modules can imply a completion: ``progress_recompute_merged``
    recomputes only pairs not completed yet whose records came from several nodes."""
    pairs = {(officers[row["learner"]], row["course_key"]) for row in rows}
    return {(pk, uuid.UUID(key)) for pk, key in pairs}


SYNCED = [
    SyncedTable(
        "learner_record",
        "learning.LearnerRecord",
        scope="learner__uuid",
        label="learner record",
        touches=_touches,
        derive=progress_recompute_merged,
    ),
]
