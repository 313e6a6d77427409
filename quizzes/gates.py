"""Rules higher apps add to starting and timing quiz attempts: start guards and deadlines.

``quizzes`` sits below the apps that may restrict a quiz (``examsessions``: supervised exam
sessions), so it cannot import them; they register here at start-up (``AppConfig.ready``), as
certificates do with ``learning.completion``. ``services.attempt_start`` asks the guards before
a new attempt; every check of an attempt's time (saving, submitting, closing expired attempts,
the seconds shown) goes through ``deadline_of``, so a deadline a higher app moves is the one
the server keeps. The attempt's own ``deadline`` stays what it was at the start (records are
immutable); the rules derive the effective one from records of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from modules.models import QuizPage
    from officers.models import User

    from .models import QuizAttempt


@dataclass(frozen=True)
class Refusal:
    """Why a new attempt may not start now, for the officer; ``form_template`` (with
    ``form_context``) is a form the quiz page shows to let them in, e.g. a session code."""

    message: str
    form_template: str = ""
    form_context: Mapping[str, Any] = field(default_factory=dict)


StartGuard = Callable[["User", "QuizPage", datetime], "Refusal | None"]
# (attempt, deadline so far) -> deadline; None means no time limit.
DeadlineRule = Callable[["QuizAttempt", "datetime | None"], "datetime | None"]

_guards: list[StartGuard] = []
_deadlines: list[DeadlineRule] = []


def start_guard(guard: StartGuard) -> StartGuard:
    """Register ``guard(learner, quiz, now)``; registering twice has no effect."""
    if guard not in _guards:
        _guards.append(guard)
    return guard


def deadline_rule(rule: DeadlineRule) -> DeadlineRule:
    """Register ``rule(attempt, deadline)``; registering twice has no effect."""
    if rule not in _deadlines:
        _deadlines.append(rule)
    return rule


def start_refusal(*, learner: User, quiz: QuizPage, now: datetime) -> Refusal | None:
    """The first guard's refusal of a new attempt by ``learner`` at ``quiz`` now, or None."""
    for guard in list(_guards):
        refusal = guard(learner, quiz, now)
        if refusal is not None:
            return refusal
    return None


def deadline_of(attempt: QuizAttempt) -> datetime | None:
    """The deadline the server keeps for ``attempt``: its own, as every rule moves it."""
    deadline = attempt.deadline
    for rule in list(_deadlines):
        deadline = rule(attempt, deadline)
    return deadline


def seconds_left(attempt: QuizAttempt, now: datetime | None = None) -> int | None:
    """Seconds until the kept deadline by the server's clock (None: no time limit)."""
    deadline = deadline_of(attempt)
    if deadline is None:
        return None
    return max(0, int((deadline - (now or timezone.now())).total_seconds()))
