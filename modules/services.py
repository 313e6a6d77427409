"""Writes about course structure."""

from __future__ import annotations

from wagtail.log_actions import log

from officers.models import User

from .models import QuizPage
from .selectors import QUIZ_SAVED_ACTION


def quiz_mark_saved(*, quiz: QuizPage, user: User) -> None:
    """Record that a person (not the editor's autosave) saved or published ``quiz``, so that
    ``selectors.quiz_in_the_way`` counts it when it is still a draft. Idempotent in effect:
    one entry is enough, more do no harm (the page's history lists them)."""
    log(instance=quiz, action=QUIZ_SAVED_ACTION, user=user)
