"""The quiz tables that sync (``nodes.syncing``): attempts and their submissions. A passed
submission merged from another node may complete a course (derived by ``learning``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nodes.syncing import SyncedTable, Touched, WireRow

from .models import QuizSubmission


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) of the attempts of passed submissions. The rows are stored
    already: they are found by their (origin, number), through that index, with their
    attempts joined (asking for thousands of attempts by UUID costs more than the query)."""
    passed: dict[str, list[int]] = {}
    for row in rows:
        if row["passed"]:
            passed.setdefault(row["origin_node"], []).append(row["origin_seq"])
    found: Touched = set()
    for origin, seqs in passed.items():
        for start in range(0, len(seqs), 900):
            found |= set(
                QuizSubmission.objects.filter(
                    origin_node=origin, origin_seq__in=seqs[start : start + 900]
                ).values_list("attempt__learner_id", "attempt__course_key")
            )
    return found


SYNCED = [
    SyncedTable(
        "quiz_attempt",
        "quizzes.QuizAttempt",
        scope="learner__uuid",
        label="quiz attempt",
        missing=_("its quiz attempt %(id)s is not on this node yet"),
    ),
    SyncedTable(
        "quiz_submission",
        "quizzes.QuizSubmission",
        scope="attempt__learner__uuid",
        label="quiz submission",
        touches=_touches,
    ),
]
