"""Reads of quiz attempts: what is open, how many were used, the grade, who passed."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from django.utils import timezone

from modules.contentcache import content_cached
from modules.models import QuizPage
from officers.models import User
from questionbank.models import Question

from .alsograded import Fingerprint, fingerprints, practice_only
from .gates import Refusal, start_refusal
from .models import QuizAttempt, QuizSubmission
from .qtypes import UnknownQuestionType
from .review import review_level
from .scoring import GradingMethod, grade_across_attempts
from .snapshot import question_from_block


def open_attempt(*, learner: User, quiz_key: uuid.UUID) -> QuizAttempt | None:
    return (
        QuizAttempt.objects.filter(learner=learner, quiz_key=quiz_key, submission__isnull=True)
        .order_by("-recorded_at")
        .first()
    )


def attempts_used(*, learner: User, quiz_key: uuid.UUID) -> int:
    return QuizAttempt.objects.filter(learner=learner, quiz_key=quiz_key).count()


def questions_seen(*, learner: User, quiz_key: uuid.UUID) -> frozenset[str]:
    """The ids of every question drawn for ``learner`` in earlier attempts at the quiz."""
    snapshots = QuizAttempt.objects.filter(learner=learner, quiz_key=quiz_key).values_list(
        "snapshot", flat=True
    )
    return frozenset(q["id"] for snapshot in snapshots for q in snapshot.get("questions", []))


def submissions_for(*, learner: User, quiz_key: uuid.UUID) -> list[QuizSubmission]:
    """Graded attempts, oldest first (by start, then node order: never by a post's clock alone)."""
    return list(
        QuizSubmission.objects.filter(attempt__learner=learner, attempt__quiz_key=quiz_key)
        .select_related("attempt")
        .order_by("attempt__recorded_at", "attempt__origin_seq")
    )


@dataclass(frozen=True)
class _Graded:
    """What choosing the grade across attempts needs of a submission."""

    percent: Decimal
    passed: bool


G = TypeVar("G", QuizSubmission, _Graded)


def _chosen(method: str, submissions: list[G]) -> G | None:
    if not submissions:
        return None
    percents = [Fraction(s.percent) for s in submissions]
    grade = grade_across_attempts(GradingMethod(method), percents)
    if method == GradingMethod.LATEST:
        return submissions[-1]
    if method == GradingMethod.FIRST:
        return submissions[0]
    return next(s for s in submissions if Fraction(s.percent) == grade)


@dataclass(frozen=True)
class QuizState:
    attempts_used: int
    attempts_left: int | None  # None: no limit
    open_attempt: QuizAttempt | None
    grade: Decimal | None
    passed: bool
    submissions: tuple[QuizSubmission, ...]
    gate: Refusal | None = None  # why a new attempt may not start now (``gates``)


def quiz_state(*, learner: User, quiz: QuizPage) -> QuizState:
    key = quiz.translation_key
    submissions = submissions_for(learner=learner, quiz_key=key)
    used = attempts_used(learner=learner, quiz_key=key)
    chosen = _chosen(quiz.grading_method, submissions)
    current = open_attempt(learner=learner, quiz_key=key)
    return QuizState(
        attempts_used=used,
        attempts_left=max(0, quiz.max_attempts - used) if quiz.max_attempts else None,
        open_attempt=current,
        grade=chosen.percent if chosen else None,
        passed=bool(chosen and chosen.passed),
        submissions=tuple(submissions),
        gate=None
        if current is not None
        else start_refusal(learner=learner, quiz=quiz, now=timezone.now()),
    )


def quiz_review_level(*, learner: User, quiz: QuizPage) -> str:
    """What ``learner`` may see now of their graded attempts at ``quiz`` (``review.review_level``:
    correct answers only as the quiz's review option, their passes, attempts left and any open
    attempt allow)."""
    state = quiz_state(learner=learner, quiz=quiz)
    return review_level(
        option=quiz.review,
        passed=any(s.passed for s in state.submissions),
        attempts_left=state.attempts_left,
        attempt_open=state.open_attempt is not None,
    )


def passed_quiz_keys_by_learner(
    *, learner_ids: list[int], quizzes: Iterable[tuple[uuid.UUID, str]]
) -> dict[int, frozenset[uuid.UUID]]:
    """For each learner, which of ``quizzes`` (translation key, grading method) they passed,
    by each quiz's grading method. One query, whatever the number of learners."""
    methods = dict(quizzes)
    if not methods or not learner_ids:
        return {}
    grouped: dict[tuple[int, uuid.UUID], list[_Graded]] = {}
    # Plain rows of only what the grading method needs: no attempt snapshot, no answers.
    for row in (
        QuizSubmission.objects.filter(
            attempt__learner_id__in=learner_ids, attempt__quiz_key__in=methods
        )
        .order_by("attempt__recorded_at", "attempt__origin_seq")
        .values_list("attempt__learner_id", "attempt__quiz_key", "percent", "passed")
    ):
        learner_id, key, percent, passed = row
        grouped.setdefault((learner_id, key), []).append(_Graded(percent=percent, passed=passed))
    result: dict[int, set[uuid.UUID]] = {}
    for (learner_id, key), subs in grouped.items():
        chosen = _chosen(methods[key], subs)
        if chosen is not None and chosen.passed:
            result.setdefault(learner_id, set()).add(key)
    return {learner_id: frozenset(keys) for learner_id, keys in result.items()}


def passed_quiz_keys(
    *, learner: User, quizzes: Iterable[tuple[uuid.UUID, str]]
) -> frozenset[uuid.UUID]:
    """Which of ``quizzes`` ``learner`` has passed. One query."""
    return passed_quiz_keys_by_learner(learner_ids=[learner.pk], quizzes=quizzes).get(
        learner.pk, frozenset()
    )


# --- Practice only, or also graded (issue 15, ADR 0041) ---------------------------------------


def _key_ids(role: str, key_id: str) -> str:
    return key_id


def _block_fingerprints(block_type: str, value: object) -> frozenset[Fingerprint]:
    """A question block's fingerprints; none for one that cannot be read (a type no module
    registers): the same type is part of "the same question", so no check is that one."""
    rng = random.Random(0)  # noqa: S311 (an order nothing depends on, not a secret)
    try:
        question = question_from_block(
            block_type, value, "q", {}, rng, shuffle=False, token=_key_ids
        )
    except (UnknownQuestionType, KeyError, TypeError):
        return frozenset()
    return fingerprints(question)


def _graded_fingerprints() -> frozenset[Fingerprint]:
    own: set[Fingerprint] = set()
    bank_keys: set[uuid.UUID] = set()
    category_keys: set[uuid.UUID] = set()
    for quiz in QuizPage.objects.live().only("pk", "questions"):
        for item in quiz.questions:
            if item.block_type == "bank_question":
                if item.value is not None:
                    bank_keys.add(item.value.translation_key)
            elif item.block_type == "random_draw":
                category_keys.add(item.value["category"].translation_key)
            else:
                own |= _block_fingerprints(item.block_type.removeprefix("own_"), item.value)
    drawable = Question.objects.filter(translation_key__in=bank_keys) | Question.objects.filter(
        category__translation_key__in=category_keys
    )
    for question in drawable:
        block = question.block
        if block is not None:
            own |= _block_fingerprints(block.block_type, block.value)
    return frozenset(own)


def graded_fingerprints() -> frozenset[Fingerprint]:
    """What every question a live quiz can draw is (``alsograded.fingerprints``), in every
    language: its own questions, the bank questions it names, every question of the bank
    categories it draws from. Read once per content generation (a publish, or a change to the
    bank, starts a new one)."""
    return content_cached(("graded-fingerprints",), _graded_fingerprints)


def check_practice_only(*, question: dict) -> bool:
    """Whether a lesson's check question (``practice.check_question``) serves practice only:
    no graded quiz can draw the same question (``alsograded.practice_only``)."""
    return practice_only(question, graded_fingerprints())
