"""What exam sessions add to quizzes (registered in ``quizzes.gates`` at start-up): a quiz
marked "only in a supervised exam session" starts only after its officer entered the code of
an open session they are admitted to; an attempt started in a session keeps the deadline the
session gives it (minutes added, the close)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from modules.models import QuizPage
from officers.models import User
from quizzes.gates import Refusal
from quizzes.models import QuizAttempt

from . import selectors
from .rules import Phase, attempt_deadline, may_start_now

CODE_FORM = "examsessions/code_form.html"


def supervised_start(learner: User, quiz: QuizPage, now: datetime) -> Refusal | None:
    """None if ``quiz`` is not supervised-only, or ``learner`` has just entered the code of an
    open session of it; else why not, with the code form while a session is open for them."""
    if not quiz.supervised_only:
        return None
    last = (
        QuizAttempt.objects.filter(learner=learner, quiz_key=quiz.translation_key)
        .order_by("-recorded_at")
        .values_list("recorded_at", flat=True)
        .first()
    )
    sessions = selectors.sessions_for_quiz(quiz_key=quiz.translation_key, at=now)
    mine = [s for s in sessions if learner.uuid in s.admitted]
    if any(may_start_now(s, officer=learner.uuid, last_start=last, now=now) for s in mine):
        return None
    if any(s.phase(now) == Phase.OPEN for s in mine):
        return Refusal(
            _("This quiz is taken in a supervised exam session. Enter the code shown in the room."),
            form_template=CODE_FORM,
            form_context={"quiz": quiz},
        )
    return Refusal(
        _("This quiz is taken only in a supervised exam session, and none is open for you now.")
    )


def session_deadline(attempt: QuizAttempt, deadline: datetime | None) -> datetime | None:
    """The deadline of an attempt started in a session: minutes added for its officer, and
    the session's close; an attempt outside any session keeps ``deadline``."""

    session = selectors.session_of_attempt(attempt, at=timezone.now())
    if session is None:
        return deadline
    return attempt_deadline(session, officer=attempt.learner.uuid, deadline=deadline)
