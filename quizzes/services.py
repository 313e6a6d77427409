"""Writes of quiz attempts: start, save answers, submit (or close when time is up).

Every write is in a transaction that locks the learner, so a double click, a resent form or a
replayed request cannot start two attempts or grade one twice. Times come from the server's
clock, never the browser's.
"""

from __future__ import annotations

import random
import secrets
import uuid
from datetime import datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.selectors import course_for_page
from modules.contentcache import officer_changed
from modules.models import QuizPage
from officers.models import User
from officers.services import officer_lock

from . import gates
from . import snapshot as snapshots
from .models import AttemptDraft, QuizAttempt, QuizSubmission
from .qtypes.base import InvalidResponse
from .scoring import score_attempt, validate_response
from .selectors import attempts_used, open_attempt, questions_seen


def _reason(code: str) -> str:
    """Why an answer was refused, in the officer's language (scoring's messages are English)."""
    reasons = {
        "wrong_type": _("the answer is not of the kind this question asks for"),
        "unknown_option": _("that choice is not one of this question's"),
        "unknown_item": _("that item is not one of this question's"),
        "not_a_permutation": _("give each item a different place"),
        "not_true_false": _("answer true or false"),
    }
    return reasons.get(code, _("it does not fit the question"))


class AttemptRefused(Exception):
    """An attempt cannot be started, saved or submitted; ``str()`` is a message for the officer."""


def _decimal(value: Fraction, places: str = "0.0001") -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_EVEN
    )


def _shown_id(_role: str, _key_id: str) -> str:
    """A shown id: random, from the operating system's generator (not the attempt's seeded
    one, which the attempt's id in the URL would reproduce)."""
    return secrets.token_hex(8)


def attempt_start(*, learner: User, quiz: QuizPage) -> QuizAttempt:
    """Start an attempt at ``quiz``, or return the one already open.

    Precondition: the caller has checked that ``learner`` may take the quiz (enrolled). An open
    attempt whose time ran out (``gates.deadline_of``) is closed (graded on what was saved)
    first; a new one starts only if no start guard refuses it (``gates``). Random draws from
    the bank take questions the officer has not been shown in earlier attempts first. Options,
    matching items and ordering items get new random shown ids in every attempt. Raises
    AttemptRefused when no attempts are left or the quiz cannot be drawn (no questions, a
    random draw larger than its category): nothing is written then.
    """
    now = timezone.now()
    with transaction.atomic():
        officer_lock(officer=learner)
        current = open_attempt(learner=learner, quiz_key=quiz.translation_key)
        if current is not None:
            deadline = gates.deadline_of(current)
            if deadline is None or deadline > now:
                return current
            _grade(current, _draft(current), closed_by_server=True)
        refusal = gates.start_refusal(learner=learner, quiz=quiz, now=now)
        if refusal is not None:
            raise AttemptRefused(refusal.message)
        used = attempts_used(learner=learner, quiz_key=quiz.translation_key)
        if quiz.max_attempts and used >= quiz.max_attempts:
            raise AttemptRefused(
                _("You have used all %(count)s attempts at this quiz.") % {"count": used}
            )
        attempt_id = uuid.uuid4()
        try:
            drawn = snapshots.draw(
                quiz=quiz,
                rng=random.Random(attempt_id.int),  # noqa: S311 (a draw, not a secret)
                token=_shown_id,
                seen=questions_seen(learner=learner, quiz_key=quiz.translation_key),
            )
        except snapshots.QuizNotReady as error:
            raise AttemptRefused(str(error)) from error
        course = course_for_page(quiz)
        module = quiz.get_parent()
        attempt = QuizAttempt.stamped(
            id=attempt_id,
            recorded_at=now,
            learner=learner,
            quiz_key=quiz.translation_key,
            module_key=module.translation_key,
            course_key=course.translation_key if course else quiz.translation_key,
            number=used + 1,
            content_revision=str(quiz.live_revision_id or ""),
            content_locale=quiz.locale.language_code,
            snapshot=drawn,
            pass_mark=quiz.pass_mark,
            deadline=now + timedelta(minutes=quiz.time_limit_minutes)
            if quiz.time_limit_minutes
            else None,
        )
        AttemptDraft.objects.create(attempt=attempt, responses={})
        return attempt


def _draft(attempt: QuizAttempt) -> dict:
    draft = AttemptDraft.objects.filter(attempt=attempt).first()
    return dict(draft.responses) if draft else {}


def _validated(attempt: QuizAttempt, responses: dict) -> dict:
    keys = {k.id: k for k in snapshots.keys(attempt.snapshot)}
    for question_id, response in responses.items():
        if question_id not in keys:
            raise AttemptRefused(_("That answer is for a question that is not in this attempt."))
        try:
            validate_response(keys[question_id], response)
        except InvalidResponse as error:
            reason = _reason(error.code)
            raise AttemptRefused(
                _("An answer could not be read: %(reason)s") % {"reason": reason}
            ) from error
    return responses


def _check_open(attempt: QuizAttempt, learner: User, now: datetime) -> bool:
    """True if the attempt is still open for answers; closes it if its time ran out."""
    if attempt.learner_id != learner.pk:
        raise AttemptRefused(_("This is not your attempt."))
    if QuizSubmission.objects.filter(attempt=attempt).exists():
        return False
    deadline = gates.deadline_of(attempt)
    if deadline is not None and deadline <= now:
        _grade(attempt, _draft(attempt), closed_by_server=True)
        return False
    return True


def attempt_save(*, learner: User, attempt: QuizAttempt, responses: dict) -> None:
    """Save answers to an open attempt (merged into what was saved before).

    Raises AttemptRefused for an answer that does not belong to the attempt (nothing saved),
    for someone else's attempt, or when the attempt is closed (submitted, or its time ran out:
    then the server has graded what was saved before).
    """
    with transaction.atomic():
        officer_lock(officer=learner)
        # Closing an expired attempt grades it; that must commit, so the refusal is raised
        # only after the transaction.
        still_open = _check_open(attempt, learner, timezone.now())
        if still_open:
            _validated(attempt, responses)
            draft, _created = AttemptDraft.objects.get_or_create(attempt=attempt)
            merged = {**draft.responses, **responses}
            draft.responses = {k: v for k, v in merged.items() if v not in (None, "", [], {})}
            draft.save()
    if not still_open:
        raise AttemptRefused(_("This attempt is closed; your answers were graded."))


def attempt_submit(
    *, learner: User, attempt: QuizAttempt, responses: dict | None = None
) -> QuizSubmission:
    """Grade ``attempt`` once and return its submission.

    Submitting again (double click, resent form, replayed request) returns the first
    submission unchanged. Answers sent after the deadline are ignored: the attempt is graded on
    what was saved in time (``closed_by_server``). Raises AttemptRefused for someone else's
    attempt or an answer that does not belong to it (nothing is saved or graded then).
    """
    with transaction.atomic():
        officer_lock(officer=learner)
        _check_open(attempt, learner, timezone.now())  # grades it if its time ran out
        existing = QuizSubmission.objects.filter(attempt=attempt).first()
        if existing is not None:
            return existing
        answers = {**_draft(attempt), **_validated(attempt, responses or {})}
        return _grade(attempt, answers, closed_by_server=False)


def _grade(attempt: QuizAttempt, responses: dict, *, closed_by_server: bool) -> QuizSubmission:
    responses = {k: v for k, v in responses.items() if v not in (None, "", [], {})}
    result = score_attempt(
        questions=snapshots.keys(attempt.snapshot),
        responses=responses,
        pass_mark=attempt.pass_mark,
    )
    submission = QuizSubmission.stamped(
        recorded_at=timezone.now(),
        attempt=attempt,
        responses=responses,
        score=_decimal(result.score),
        max_score=result.max_score,
        percent=_decimal(result.percent),
        passed=result.passed,
        question_scores={
            q.id: {
                "score": str(_decimal(q.score)),
                "points": q.points,
                "correct": q.correct,
                "answered": q.answered,
            }
            for q in result.questions
        },
        scoring_version=result.scoring_version,
        closed_by_server=closed_by_server,
    )
    AttemptDraft.objects.filter(attempt=attempt).delete()
    officer_changed([attempt.learner_id])  # the pages kept for them (learning.pagecache) are past
    return submission


def attempt_close(*, attempt: QuizAttempt) -> QuizSubmission:
    """Grade ``attempt`` now on what was saved, as the server (``closed_by_server``), whatever
    its deadline: e.g. when the exam session it belongs to closes. Returns the submission (the
    one it already had, if graded before)."""
    with transaction.atomic():
        officer_lock(officer=attempt.learner)
        existing = QuizSubmission.objects.filter(attempt=attempt).first()
        if existing is not None:
            return existing
        return _grade(attempt, _draft(attempt), closed_by_server=True)


def attempts_close_expired() -> int:
    """Grade every open attempt whose time ran out (the deadline the server keeps,
    ``gates.deadline_of``: an attempt given more time stays open); returns how many. Safe to
    run often."""
    now = timezone.now()
    closed = 0
    # An attempt's kept deadline is never earlier than its own except when a rule closes it,
    # and such a rule (a closed exam session) grades its attempts itself.
    expired = QuizAttempt.objects.filter(deadline__lte=now, submission__isnull=True)
    for attempt in expired.select_related("learner"):
        deadline = gates.deadline_of(attempt)
        if deadline is not None and deadline > now:
            continue
        with transaction.atomic():
            officer_lock(officer=attempt.learner)
            if not QuizSubmission.objects.filter(attempt=attempt).exists():
                _grade(attempt, _draft(attempt), closed_by_server=True)
                closed += 1
    return closed
