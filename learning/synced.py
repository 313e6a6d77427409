"""The learning table that syncs (``nodes.syncing``): learner records. Enrolments and completed
lessons and modules merged from other nodes may complete a course no node has recorded as
complete; learning derives it (``progress_recompute_merged``) after the import."""

from __future__ import annotations

import uuid

from nodes.syncing import SyncedTable, Touched, WireRow

from .models import RecordKind
from .services import progress_recompute_merged

_PROGRESS_KINDS = {RecordKind.ENROLLED, RecordKind.LESSON_COMPLETED, RecordKind.MODULE_COMPLETED}


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) whose completion the new rows may change."""
    pairs = {
        (officers[row["learner"]], row["course_key"])
        for row in rows
        if row["kind"] in _PROGRESS_KINDS
    }
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
