"""Pure quiz scoring: answer keys and an officer's responses in, exact scores out.

Quiz scores decide certificates, so this module is exact and deterministic: no Django, no
Wagtail, no ORM, no clock, no randomness, no I/O (an import-linter contract says so). Plain
data comes in (``QuestionKey`` and JSON-able responses as the form sends them); frozen
dataclasses come out. Scores are ``fractions.Fraction``; numbers are ``decimal.Decimal`` and
are compared exactly. Nothing depends on the order of the responses mapping or on the order in
which options, pairs or accepted answers are listed.

Every rule is versioned: ``SCORING_VERSION`` is stored with each graded attempt and must be
bumped whenever any rule here changes, so an old grade can always be explained.

Two kinds of error are raised, and they mean different things:

* ``InvalidResponse`` (a ``ValueError``): a response that cannot belong to the attempt (an
  option, item or question that is not there, a value of the wrong shape). Its message is
  meant for the officer and never reveals the answer key.
* ``InvalidKey`` (a ``ValueError``): an answer key that cannot be scored (no correct option,
  no number, a negative tolerance...). That is a fault in the content, not the officer's.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Inexact, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Any

__all__ = [
    "SCORING_VERSION",
    "AttemptResult",
    "GradingMethod",
    "InvalidKey",
    "InvalidResponse",
    "Option",
    "QuestionKey",
    "QuestionResult",
    "QuestionType",
    "grade_across_attempts",
    "normalise_text",
    "parse_number",
    "score_attempt",
    "score_question",
    "validate_response",
]

SCORING_VERSION = 1  # bump when any rule changes; stored with every graded attempt


class QuestionType(StrEnum):
    SINGLE = "single"  # one right option
    MULTIPLE = "multiple"  # several right options
    TRUE_FALSE = "true_false"
    MATCHING = "matching"  # match each left item to a right item
    ORDERING = "ordering"  # put items in order
    NUMERIC = "numeric"  # a number, with tolerance
    SHORT_TEXT = "short_text"  # typed text matched against accepted answers


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    correct: bool = False


@dataclass(frozen=True, slots=True)
class QuestionKey:
    """The answer key of one question as drawn for an attempt."""

    id: str
    type: QuestionType
    points: int = 1  # >= 1
    options: tuple[Option, ...] = ()  # SINGLE, MULTIPLE
    partial_credit: bool = False  # MULTIPLE (else all-or-nothing); also MATCHING and ORDERING
    correct_answer: bool | None = None  # TRUE_FALSE
    pairs: tuple[tuple[str, str], ...] = ()  # MATCHING: (left id, right id) correct pairs
    order: tuple[str, ...] = ()  # ORDERING: item ids in the correct order
    number: Decimal | None = None  # NUMERIC: the answer
    tolerance: Decimal = Decimal(0)  # NUMERIC: accepted if |given - number| <= tolerance
    accepted: tuple[str, ...] = ()  # SHORT_TEXT: accepted answers


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


class InvalidResponse(ValueError):
    """A response that cannot belong to the attempt; .question_id and a human-readable message.

    ``code`` says what is wrong, for a caller that shows its own (translated) message:
    ``unknown_question``, ``wrong_type``, ``unknown_option``, ``unknown_item``,
    ``not_a_permutation`` or ``not_true_false``. The message never reveals the answer key.
    """

    def __init__(self, question_id: str, message: str, code: str = "invalid"):
        super().__init__(question_id, message, code)
        self.question_id = question_id
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message


class InvalidKey(ValueError):
    """An answer key that cannot be scored: a fault in the content, never the officer's."""

    def __init__(self, question_id: str, message: str):
        super().__init__(question_id, message)
        self.question_id = question_id
        self.message = message

    def __str__(self) -> str:
        return f"Question {self.question_id!r}: {self.message}"


class GradingMethod(StrEnum):
    HIGHEST = "highest"
    LATEST = "latest"
    FIRST = "first"


# --- Text and numbers -------------------------------------------------------------------------

# Zero-width space, non-joiner, joiner, word joiner, and the byte-order mark (zero-width no-break
# space). Thai, Khmer, Lao and Burmese text often carries them as invisible word breaks.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

_SIGNS = {"+": False, "-": True, "\u2212": True}  # the value says "negative"; U+2212 MINUS SIGN
# "." and "," are both the decimal separator (so there are no thousands separators: "1,234" is
# 1.234 and "1.234,5" is not a number); U+066B is the Arabic decimal separator.
_DECIMAL_SEPARATORS = frozenset(".,\u066b")


def normalise_text(text: str) -> str:
    """``text`` as compared for short answers: zero-width characters removed, Unicode NFKC,
    case folded, runs of whitespace collapsed to one space, stripped.

    Zero-width characters go first, so a combining accent they separated from its letter
    composes with it. NFKC is applied again after ``casefold()``, whose output is not always
    normalised; the result is idempotent: ``normalise_text(normalise_text(t)) ==
    normalise_text(t)``.
    """
    text = unicodedata.normalize("NFKC", text.translate(_ZERO_WIDTH))
    text = unicodedata.normalize("NFKC", text.casefold())
    return " ".join(text.split())


def parse_number(text: str) -> Decimal | None:
    """The number an officer typed, exactly, or None if it is not a number.

    Accepted: surrounding whitespace, an optional sign (``+``, ``-`` or U+2212 MINUS SIGN),
    decimal digits of any script (Thai, Khmer, Lao, Myanmar, Arabic-Indic...: whatever
    ``unicodedata.decimal`` reads), and at most one decimal separator (``.``, ``,`` or U+066B
    ARABIC DECIMAL SEPARATOR) with digits on at least one side ("5", "-0,5", ".5", "5.").
    Zero-width characters are ignored. Not accepted: thousands separators, spaces inside the
    number, exponents, ``inf``/``nan``, fractions.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_number() takes a str, not {type(text).__name__}")
    text = text.translate(_ZERO_WIDTH).strip()
    negative = False
    if text[:1] in _SIGNS:
        negative = _SIGNS[text[0]]
        text = text[1:]
    whole: list[str] = []
    fraction: list[str] = []
    digits = whole
    for char in text:
        value = unicodedata.decimal(char, None)
        if value is not None:
            digits.append(str(value))
        elif char in _DECIMAL_SEPARATORS and digits is whole:
            digits = fraction
        else:
            return None
    if not whole and not fraction:
        return None
    text = "".join(whole) or "0"
    if fraction:
        text += "." + "".join(fraction)
    number = Decimal(text)  # exact: the constructor never rounds
    if number.is_zero():
        return Decimal(0)
    return number.copy_negate() if negative else number  # copy_negate: exact, never rounded


# --- Answer keys ------------------------------------------------------------------------------


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finite_decimal(value: object) -> Decimal | None:
    if _is_int(value):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def _exact_sum(a: Decimal, b: Decimal) -> Decimal:
    """a + b with no rounding, whatever their sizes (the default context keeps 28 digits)."""
    top = max(a.adjusted(), b.adjusted()) + 2
    bottom = min(int(a.as_tuple().exponent), int(b.as_tuple().exponent))
    context = Context(prec=max(1, top - bottom + 1), Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])
    with localcontext(context):
        return a + b


def _check_key(key: QuestionKey) -> QuestionType:
    """The key's type, after checking that the key can be scored (else InvalidKey)."""
    qid = key.id
    try:
        qtype = QuestionType(key.type)
    except ValueError:
        raise InvalidKey(qid, f"unknown question type {key.type!r}") from None
    if not _is_int(key.points) or key.points < 1:
        raise InvalidKey(qid, f"points must be a whole number of at least 1, not {key.points!r}")
    if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        ids = [option.id for option in key.options]
        if not ids:
            raise InvalidKey(qid, "a choice question needs options")
        if len(set(ids)) != len(ids):
            raise InvalidKey(qid, "option ids must be unique")
        if not any(option.correct for option in key.options):
            raise InvalidKey(qid, "no option is marked correct")
    elif qtype is QuestionType.TRUE_FALSE:
        if not isinstance(key.correct_answer, bool):
            raise InvalidKey(qid, "a true/false question needs correct_answer True or False")
    elif qtype is QuestionType.MATCHING:
        lefts = [left for left, _right in key.pairs]
        if not lefts:
            raise InvalidKey(qid, "a matching question needs pairs")
        if len(set(lefts)) != len(lefts):
            raise InvalidKey(qid, "each left item must appear in one pair only")
    elif qtype is QuestionType.ORDERING:
        if not key.order:
            raise InvalidKey(qid, "an ordering question needs items")
        if len(set(key.order)) != len(key.order):
            raise InvalidKey(qid, "item ids must be unique")
    elif qtype is QuestionType.NUMERIC:
        if _finite_decimal(key.number) is None:
            raise InvalidKey(qid, f"the answer must be a finite Decimal, not {key.number!r}")
        tolerance = _finite_decimal(key.tolerance)
        if tolerance is None or tolerance < 0:
            raise InvalidKey(qid, f"the tolerance must be a Decimal >= 0, not {key.tolerance!r}")
    elif qtype is QuestionType.SHORT_TEXT and not any(
        isinstance(answer, str) and normalise_text(answer) for answer in key.accepted
    ):
        raise InvalidKey(qid, "a short-text question needs at least one non-blank answer")
    return qtype


# --- Reading a response -----------------------------------------------------------------------

_UNANSWERED = object()  # what _read returns for a blank response


def _is_blank(response: object) -> bool:
    """Unanswered: None, an empty list/tuple/dict, or a string with nothing visible in it."""
    if response is None:
        return True
    if isinstance(response, str):
        return not normalise_text(response)
    if isinstance(response, list | tuple | dict):
        return not response
    return False


def _listed(ids: set[str] | list[str]) -> str:
    return ", ".join(repr(i) for i in sorted(ids))


def _strings(key: QuestionKey, response: object, what: str) -> list[str]:
    if not isinstance(response, list | tuple) or not all(isinstance(i, str) for i in response):
        raise InvalidResponse(
            key.id,
            f"The answer must be a list of {what} ids, not {type(response).__name__}.",
            "wrong_type",
        )
    return list(response)


def _read(key: QuestionKey, response: object) -> object:
    """The response checked against the key and put in a form that does not depend on the order
    it was given in; ``_UNANSWERED`` for a blank one. Raises InvalidKey or InvalidResponse."""
    qtype = _check_key(key)
    if _is_blank(response):
        return _UNANSWERED
    qid = key.id
    if qtype is QuestionType.SINGLE:
        if not isinstance(response, str):
            raise InvalidResponse(
                qid,
                f"The answer must be one option id, not {type(response).__name__}.",
                "wrong_type",
            )
        if response not in {option.id for option in key.options}:
            raise InvalidResponse(
                qid,
                f"The option {response!r} is not one of this question's options.",
                "unknown_option",
            )
        return response
    if qtype is QuestionType.MULTIPLE:
        chosen = set(_strings(key, response, "option"))
        unknown = chosen - {option.id for option in key.options}
        if unknown:
            raise InvalidResponse(
                qid, f"Not options of this question: {_listed(unknown)}.", "unknown_option"
            )
        return frozenset(chosen)
    if qtype is QuestionType.TRUE_FALSE:
        if isinstance(response, bool):
            return response
        if isinstance(response, str) and response.strip().lower() in ("true", "false"):
            return response.strip().lower() == "true"
        raise InvalidResponse(qid, "The answer must be true or false.", "not_true_false")
    if qtype is QuestionType.MATCHING:
        return _read_matching(key, response)
    if qtype is QuestionType.ORDERING:
        return _read_ordering(key, response)
    if qtype is QuestionType.NUMERIC:
        if isinstance(response, str):
            return parse_number(response)  # None: typed, but not a number
        if _is_int(response):
            return Decimal(response)
        if isinstance(response, Decimal):
            return response if response.is_finite() else None
        raise InvalidResponse(
            qid,
            f"The answer must be a number as typed, not {type(response).__name__}.",
            "wrong_type",
        )
    # SHORT_TEXT
    if not isinstance(response, str):
        raise InvalidResponse(
            qid, f"The answer must be text, not {type(response).__name__}.", "wrong_type"
        )
    return normalise_text(response)


def _read_matching(key: QuestionKey, response: object) -> object:
    qid = key.id
    if not isinstance(response, dict) or not all(isinstance(k, str) for k in response):
        raise InvalidResponse(qid, "The answer must map each item to its match.", "wrong_type")
    lefts = {left for left, _right in key.pairs}
    rights = {right for _left, right in key.pairs}
    matched: dict[str, str] = {}
    for left in sorted(response):
        right = response[left]
        if left not in lefts:
            raise InvalidResponse(
                qid, f"The item {left!r} is not one of this question's items.", "unknown_item"
            )
        if right is None or right == "":
            continue  # this item left unmatched (an empty choice on the form)
        if not isinstance(right, str):
            raise InvalidResponse(
                qid,
                f"The match for {left!r} must be an id, not {type(right).__name__}.",
                "wrong_type",
            )
        if right not in rights:
            raise InvalidResponse(
                qid,
                f"The match {right!r} is not one of this question's choices.",
                "unknown_option",
            )
        matched[left] = right
    return matched or _UNANSWERED


def _read_ordering(key: QuestionKey, response: object) -> object:
    qid = key.id
    given = _strings(key, response, "item")
    items = set(key.order)
    unknown = set(given) - items
    if unknown:
        raise InvalidResponse(
            qid, f"Not items of this question: {_listed(unknown)}.", "not_a_permutation"
        )
    repeated = {item for item, times in Counter(given).items() if times > 1}
    if repeated:
        raise InvalidResponse(
            qid, f"Items listed more than once: {_listed(repeated)}.", "not_a_permutation"
        )
    missing = items - set(given)
    if missing:
        raise InvalidResponse(
            qid,
            f"Every item must be put in order; missing: {_listed(missing)}.",
            "not_a_permutation",
        )
    return tuple(given)


# --- Scoring ----------------------------------------------------------------------------------


def _fraction_of_points(key: QuestionKey, qtype: QuestionType, answer: Any) -> Fraction:
    """The share of the points (0..1) earned by an answer ``_read`` accepted."""
    if qtype is QuestionType.SINGLE:
        return Fraction(int(any(o.id == answer and o.correct for o in key.options)))
    if qtype is QuestionType.MULTIPLE:
        correct = {option.id for option in key.options if option.correct}
        if not key.partial_credit:
            return Fraction(int(answer == correct))
        # Each right option earns its share of the points; each wrong one takes back its share
        # of the wrong options, so ticking every option earns nothing unless all are right.
        incorrect = len(key.options) - len(correct)
        earned = Fraction(len(answer & correct), len(correct))
        lost = Fraction(len(answer - correct), incorrect) if incorrect else Fraction(0)
        return max(Fraction(0), earned - lost)
    if qtype is QuestionType.TRUE_FALSE:
        return Fraction(int(answer == key.correct_answer))
    if qtype is QuestionType.MATCHING:
        right = sum(1 for left, match in key.pairs if answer.get(left) == match)
        if not key.partial_credit:
            return Fraction(int(right == len(key.pairs)))
        return Fraction(right, len(key.pairs))
    if qtype is QuestionType.ORDERING:
        in_place = sum(1 for got, wanted in zip(answer, key.order, strict=True) if got == wanted)
        if not key.partial_credit:
            return Fraction(int(in_place == len(key.order)))
        return Fraction(in_place, len(key.order))
    if qtype is QuestionType.NUMERIC:
        if answer is None:
            return Fraction(0)  # typed, but not a number
        number, tolerance = Decimal(key.number), Decimal(key.tolerance)  # type: ignore[arg-type]
        low, high = _exact_sum(number, tolerance.copy_negate()), _exact_sum(number, tolerance)
        return Fraction(int(low <= answer <= high))  # Decimal comparisons are exact
    # SHORT_TEXT
    accepted = {normalise_text(a) for a in key.accepted if isinstance(a, str)}
    return Fraction(int(answer in accepted))


def _result(key: QuestionKey, answer: object) -> QuestionResult:
    if answer is _UNANSWERED:
        return QuestionResult(
            id=key.id, score=Fraction(0), points=key.points, answered=False, correct=False
        )
    share = _fraction_of_points(key, QuestionType(key.type), answer)
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
    if not _is_int(pass_mark):
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
