"""The quiz tables that sync (``nodes.syncing``): attempts and their submissions. A passed
submission merged from another node may complete a course (derived by ``learning``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nodes.syncing import SyncedTable, Touched, WireRow

from .models import QuizAttempt


def _touches(rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """(learner pk, course key) of the attempts of passed submissions."""
    passed = [row["attempt_id"] for row in rows if row["passed"]]
    found: Touched = set()
    for start in range(0, len(passed), 900):
        found |= set(
            QuizAttempt.objects.filter(pk__in=passed[start : start + 900]).values_list(
                "learner_id", "course_key"
            )
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
