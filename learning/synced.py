"""The learning table that syncs (``nodes.syncing``): learner records. Enrolments and completed
lessons and modules merged from other nodes may complete a course no node has recorded as
complete; learning derives it (``progress_recompute_merged``) after the import."""

from __future__ import annotations

import uuid

from modules.contentcache import officer_changed
from nodes.syncing import SyncedTable, Touched, WireRow
from quizzes.synced import PASSED

from .models import RecordKind
from .services import progress_recompute_merged

# The topics learner records touch (``nodes.syncing.Touched``), for the derive steps that hear
# them: any new record may change how far an officer is in a course (an assigned course is
# started by any record beyond the enrolment, ``assignments.derived``); only enrolments and
# completed lessons and modules can imply a completion no node recorded.
PROGRESS = "learning.progress"
COMPLETION = "learning.completion"
_COMPLETION_KINDS = {RecordKind.ENROLLED, RecordKind.LESSON_COMPLETED, RecordKind.MODULE_COMPLETED}


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) of every new record, under ``PROGRESS``; those of enrolments
    and completed lessons and modules also under ``COMPLETION``. Every new record changes
    what its officer's pages may show: the pages kept for them (``learning.pagecache``) are
    renewed here, in the applying transaction (``officer_changed``), whether or not a derive
    step hears of the pair (learning's renews them again for the pairs it is given)."""
    progress: set[tuple[int, str]] = set()
    completion: set[tuple[int, str]] = set()
    for row in rows:
        pair = (officers[row["learner"]], row["course_key"])
        progress.add(pair)
        if row["kind"] in _COMPLETION_KINDS:
            completion.add(pair)
    officer_changed({pk for pk, _key in progress})
    return {
        PROGRESS: {(pk, uuid.UUID(key)) for pk, key in progress},
        COMPLETION: {(pk, uuid.UUID(key)) for pk, key in completion},
    }


SYNCED = [
    SyncedTable(
        "learner_record",
        "learning.LearnerRecord",
        scope="learner__uuid",
        label="learner record",
        touches=_touches,
        # ``progress_recompute_merged`` recomputes only pairs not completed yet whose records
        # came from several nodes: what a pass or a completing record merged may imply.
        derive=progress_recompute_merged,
        derive_on=frozenset({COMPLETION, PASSED}),
    ),
]
