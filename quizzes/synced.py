"""The quiz tables that sync (``nodes.syncing``): attempts and their submissions. A passed
submission merged from another node may complete a course (derived by ``learning``); every
submission that arrives changes what its officer's pages show."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _

from modules.contentcache import officer_changed
from nodes.syncing import SharedParts, SyncedTable, Touched, WireRow

from .drawn import named_in_text
from .drawnstore import parts_held, parts_keep, parts_texts
from .models import QuizSubmission

# The topic passed submissions touch (``nodes.syncing.Touched``): a pass may complete a course.
PASSED = "quizzes.passed"


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) of the attempts of passed submissions: only a pass can imply a
    completion to derive (``learning.services.progress_recompute_merged``, which also renews
    those officers' kept pages). A result that did not pass implies none, but it changes what
    the officer's pages show (graded by the latest attempt, a quiz passed before no longer
    is): the pages kept for its officers (``learning.pagecache``) are renewed here, in the
    applying transaction, at once and again at its commit (``officer_changed``), with no
    progress recomputed for it.

    The rows are stored already: they are found by their (origin, number), through that
    index, with their attempts joined (asking for thousands of attempts by UUID costs more
    than the query)."""
    by_origin: dict[str, list[int]] = {}
    for row in rows:
        by_origin.setdefault(row["origin_node"], []).append(row["origin_seq"])
    found: set[tuple[int, uuid.UUID]] = set()
    failed: set[int] = set()
    for origin, seqs in by_origin.items():
        for start in range(0, len(seqs), 900):
            for learner, course, passed in QuizSubmission.objects.filter(
                origin_node=origin, origin_seq__in=seqs[start : start + 900]
            ).values_list("attempt__learner_id", "attempt__course_key", "passed"):
                if passed:
                    found.add((learner, course))
                else:
                    failed.add(learner)
    officer_changed(failed)
    return {PASSED: found}


SYNCED = [
    SyncedTable(
        "quiz_attempt",
        "quizzes.QuizAttempt",
        scope="learner__uuid",
        label="quiz attempt",
        missing=_("its quiz attempt %(id)s is not on this node yet"),
        # The questions drawn, stored once per node (ADR 0051): a chunk of attempts carries
        # the ones its attempts name.
        shared=SharedParts(
            column="snapshot",
            named=named_in_text,
            texts=parts_texts,
            keep=parts_keep,
            held=parts_held,
        ),
    ),
    SyncedTable(
        "quiz_submission",
        "quizzes.QuizSubmission",
        scope="attempt__learner__uuid",
        label="quiz submission",
        touches=_touches,
    ),
]
