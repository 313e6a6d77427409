"""Pure quiz scoring: answer keys and an officer's responses in, exact scores out.

Quiz scores decide certificates, so this module is exact and deterministic: no Django, no
Wagtail, no ORM, no clock, no randomness, no I/O (an import-linter contract says so). Plain
data comes in (``QuestionKey`` and JSON-able responses as the form sends them); frozen
dataclasses come out. Scores are ``fractions.Fraction``; numbers are ``decimal.Decimal`` and
are compared exactly. Nothing depends on the order of the responses mapping or on the order in
which options, pairs or accepted answers are listed.

What each question type's key and answers are, and how one is scored, is the type's module in
``quizzes.qtypes``; this module checks what every type shares (points, blank answers, the
questions of an attempt) and adds up.

Every rule is versioned: ``SCORING_VERSION`` is stored with each graded attempt and must be
bumped whenever any rule here or in ``quizzes.qtypes`` changes, so an old grade can always be
explained.

Errors are ``quizzes.qtypes``' ``InvalidResponse`` (the officer's) and ``InvalidKey`` (the
content's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .qtypes import UnknownQuestionType, qtype
from .qtypes.base import (
    UNANSWERED,
    InvalidKey,
    InvalidResponse,
    QuestionKey,
    QuestionRules,
    is_int,
    normalise_text,
)

__all__ = [
    "SCORING_VERSION",
    "AttemptResult",
    "GradingMethod",
    "QuestionResult",
    "grade_across_attempts",
    "score_attempt",
    "score_question",
    "validate_response",
]

SCORING_VERSION = 1  # bump when any rule changes; stored with every graded attempt


@dataclass(frozen=True, slots=True)
class QuestionResult:
    id: str
    score: Fraction  # 0 <= score <= points
    points: int
    answered: bool
    correct: bool  # full marks


@dataclass(frozen=True, slots=True)
class AttemptResult:
    questions: tuple[QuestionResult, ...]  # in the order of the questions given
    score: Fraction
    max_score: int
    percent: Fraction  # 100 * score / max_score; 0 when max_score is 0
    passed: bool  # percent >= pass_mark (a Fraction comparison, no rounding)
    scoring_version: int


class GradingMethod(StrEnum):
    HIGHEST = "highest"
    LATEST = "latest"
    FIRST = "first"


# --- Reading a response -----------------------------------------------------------------------


def _check_key(key: QuestionKey) -> QuestionRules:
    """The key's type, after checking that the key can be scored (else InvalidKey)."""
    try:
        rules = qtype(key.type)
    except UnknownQuestionType:
        raise InvalidKey(key.id, f"unknown question type {key.type!r}") from None
    if not is_int(key.points) or key.points < 1:
        raise InvalidKey(key.id, f"points must be a whole number of at least 1, not {key.points!r}")
    rules.check_key(key)
    return rules


def _is_blank(response: object) -> bool:
    """Unanswered: None, an empty list/tuple/dict, or a string with nothing visible in it."""
    if response is None:
        return True
    if isinstance(response, str):
        return not normalise_text(response)
    if isinstance(response, list | tuple | dict):
        return not response
    return False


def _read(key: QuestionKey, response: object) -> object:
    """The response checked against the key and put in a form that does not depend on the order
    it was given in; ``UNANSWERED`` for a blank one. Raises InvalidKey or InvalidResponse."""
    rules = _check_key(key)
    if _is_blank(response):
        return UNANSWERED
    return rules.read(key, response)


# --- Scoring ----------------------------------------------------------------------------------


def _result(key: QuestionKey, answer: object) -> QuestionResult:
    if answer is UNANSWERED:
        return QuestionResult(
            id=key.id, score=Fraction(0), points=key.points, answered=False, correct=False
        )
    share = qtype(key.type).share(key, answer)
    return QuestionResult(
        id=key.id, score=share * key.points, points=key.points, answered=True, correct=share == 1
    )


def validate_response(key: QuestionKey, response: object) -> None:
    """Raise InvalidResponse if ``response`` cannot be an answer to ``key`` (InvalidKey if the
    key itself cannot be scored). A blank response (None, "", [], {}) is always valid."""
    _read(key, response)


def score_question(key: QuestionKey, response: object) -> QuestionResult:
    """Score one response (None when there is none). Raises as ``validate_response`` does."""
    return _result(key, _read(key, response))


def score_attempt(
    *, questions: Sequence[QuestionKey], responses: Mapping[str, object], pass_mark: int
) -> AttemptResult:
    """Score an attempt: each question in the given order, with its response from
    ``responses`` (keyed by question id; missing means unanswered).

    Everything is checked before anything is scored: a response keyed by an id that is not one
    of the questions, or one that cannot answer its question, raises InvalidResponse (when
    several are wrong, the first unknown id in sorted order, then the first bad response in
    question order). ``pass_mark`` is a percentage, 0..100 (ValueError otherwise).
    """
    if not is_int(pass_mark):
        raise TypeError(f"pass_mark must be an int, not {type(pass_mark).__name__}")
    if not 0 <= pass_mark <= 100:
        raise ValueError(f"pass_mark must be between 0 and 100, not {pass_mark}")
    ids = [key.id for key in questions]
    duplicated = {qid for qid, times in Counter(ids).items() if times > 1}
    if duplicated:
        raise InvalidKey(min(duplicated), "the same question appears twice in the attempt")
    known = set(ids)
    unknown = sorted(str(qid) for qid in responses if qid not in known)
    if unknown:
        raise InvalidResponse(
            unknown[0],
            f"There is no question {unknown[0]!r} in this attempt.",
            "unknown_question",
        )
    answers = [_read(key, responses.get(key.id)) for key in questions]
    results = tuple(_result(key, answer) for key, answer in zip(questions, answers, strict=True))
    score = sum((r.score for r in results), Fraction(0))
    max_score = sum(r.points for r in results)
    percent = Fraction(100) * score / max_score if max_score else Fraction(0)
    return AttemptResult(
        questions=results,
        score=score,
        max_score=max_score,
        percent=percent,
        passed=percent >= pass_mark,
        scoring_version=SCORING_VERSION,
    )


def grade_across_attempts(
    method: GradingMethod, percents_in_order: Sequence[Fraction]
) -> Fraction | None:
    """The grade from graded attempts listed oldest first; None when there are none."""
    method = GradingMethod(method)
    percents = []
    for percent in percents_in_order:
        if isinstance(percent, float | bool) or not isinstance(percent, Fraction | int | Decimal):
            raise TypeError(f"percents must be exact (Fraction), not {type(percent).__name__}")
        percents.append(Fraction(percent))
    if not percents:
        return None
    if method is GradingMethod.HIGHEST:
        return max(percents)
    if method is GradingMethod.LATEST:
        return percents[-1]
    return percents[0]
