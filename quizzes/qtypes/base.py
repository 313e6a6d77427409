"""What every question type shares: the answer key, the two kinds of error, how text and numbers
are read, and ``QuestionRules``, the class each type's module fills in.

Pure: no Django, no Wagtail, no clock, no randomness it is not handed (an import-linter
contract says so). Two kinds of error are raised, and they mean different things:

* ``InvalidResponse`` (a ``ValueError``): a response that cannot belong to the attempt (an
  option, item or question that is not there, a value of the wrong shape). Its message is
  meant for the officer and never reveals the answer key.
* ``InvalidKey`` (a ``ValueError``): an answer key that cannot be scored (no correct option,
  no number, a negative tolerance...). That is a fault in the content, not the officer's.

``UnknownQuestionType`` (a ``ValueError``) is a type name no module registers: a fault in the
code or the data, raised wherever a type is looked up, never passed over.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, ClassVar, Protocol

from .rules import ZERO_WIDTH, Problem
from .text import Words

Items = Callable[[Any], list[tuple[str, Any]]]
"""``items(list_value)``: (id, value) of each item of one of a block value's lists."""

Shuffled = Callable[[list, bool], list]
"""``shuffled(seq, always)``: ``seq`` in the order the officer sees it (shuffled when the quiz
says so, or ``always``)."""

Lookup = Callable[[str, object], object]
"""``lookup(role, id)``: one option, left, right or item id in the other id space."""


class Form(Protocol):
    """What a form sent, as a QueryDict has it."""

    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


UNANSWERED = object()
"""What ``QuestionRules.read`` returns for a response that answers nothing."""


class UnknownQuestionType(ValueError):
    """A question type no module in ``quizzes.qtypes`` registers."""

    def __init__(self, name: object, known: tuple[str, ...]) -> None:
        super().__init__(f"Unknown question type {name!r} (known: {', '.join(known)})")
        self.name = name


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    correct: bool = False


@dataclass(frozen=True, slots=True)
class QuestionKey:
    """The answer key of one question as drawn for an attempt. ``type`` is a registered type
    name (``quizzes.qtypes.QuestionType``); the fields a type does not use keep their
    defaults."""

    id: str
    type: str
    points: int = 1  # >= 1
    options: tuple[Option, ...] = ()  # SINGLE, MULTIPLE
    partial_credit: bool = False  # MULTIPLE (else all-or-nothing); also MATCHING and ORDERING
    correct_answer: bool | None = None  # TRUE_FALSE
    pairs: tuple[tuple[str, str], ...] = ()  # MATCHING: (left id, right id) correct pairs
    order: tuple[str, ...] = ()  # ORDERING: item ids in the correct order
    number: Decimal | None = None  # NUMERIC: the answer
    tolerance: Decimal = Decimal(0)  # NUMERIC: accepted if |given - number| <= tolerance
    accepted: tuple[str, ...] = ()  # SHORT_TEXT: accepted answers


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


# --- Text and numbers -------------------------------------------------------------------------

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
    text = unicodedata.normalize("NFKC", text.translate(ZERO_WIDTH))
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
    text = text.translate(ZERO_WIDTH).strip()
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


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def listed(ids: set[str] | list[str]) -> str:
    return ", ".join(repr(i) for i in sorted(ids))


def strings(key: QuestionKey, response: object, what: str) -> list[str]:
    """``response`` as a list of ids, or InvalidResponse (``wrong_type``)."""
    if not isinstance(response, list | tuple) or not all(isinstance(i, str) for i in response):
        raise InvalidResponse(
            key.id,
            f"The answer must be a list of {what} ids, not {type(response).__name__}.",
            "wrong_type",
        )
    return list(response)


def all_or_part(key: QuestionKey, right: int, out_of: int) -> Fraction:
    """``right`` of ``out_of`` parts: that share with partial credit, else all or nothing."""
    if not key.partial_credit:
        return Fraction(int(right == out_of))
    return Fraction(right, out_of)


def texts(view: Mapping[str, Any], role: str) -> dict[str, str]:
    """Key id -> text of the view's options, lefts, rights or items (``role``)."""
    return {entry["id"]: entry["text"] for entry in view.get(role, [])}


# --- One question type ------------------------------------------------------------------------


class QuestionRules:
    """Everything the code knows about one question type, as plain data in and out. Snapshot
    questions (``q``) are the dicts of ``quizzes.snapshot``: ``type``, ``view``, ``key``;
    responses are in key ids, as stored. A type's module subclasses this and sets ``name``;
    ``quizzes.qtypes`` registers one instance per type."""

    name: ClassVar[str] = ""
    counts_choices: ClassVar[bool] = False
    """The trainers' statistics count how often each choice (``choices``) was chosen."""

    # Authoring -----------------------------------------------------------------------------

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        """What stops the block ``value`` from being published (``rules.Problem``)."""
        return []

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        """The block ``value`` as (what the view adds, the key, feedback per option id)."""
        raise NotImplementedError

    # Scoring -------------------------------------------------------------------------------

    def check_key(self, key: QuestionKey) -> None:
        """Raise InvalidKey if ``key`` cannot be scored."""

    def read(self, key: QuestionKey, response: object) -> object:
        """The (non-blank) ``response`` checked against ``key``, in a form that does not depend
        on the order it was given in. Raises InvalidResponse."""
        raise NotImplementedError

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        """The share of the points (0..1) earned by an answer ``read`` accepted."""
        raise NotImplementedError

    # The attempt form ----------------------------------------------------------------------

    def from_form(self, q: Mapping[str, Any], name: str, post: Form) -> object:
        """The response the form's fields (named ``name`` or ``name-<id>``) send for the shown
        question ``q``; None, "", [] or {} when there is none."""
        return (post.get(name) or "").strip()

    def to_form(self, q: Mapping[str, Any], name: str, response: object) -> dict[str, Any]:
        """The form fields that send ``response`` (in shown ids): ``from_form``'s inverse."""
        return {name: response}

    def form_value(self, saved: object) -> object:
        """What the question's inputs show for a saved response (in shown ids)."""
        return saved if saved is not None else ""

    def map_ids(self, response: object, lookup: Lookup) -> object:
        """``response`` with each option, left, right or item id replaced by ``lookup``."""
        return response

    # Answers as text -------------------------------------------------------------------------

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        """The officer's (non-blank) ``response``, as a person would write it."""
        return str(response)

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        """The correct answer, from the key, as a person would write it."""
        raise NotImplementedError

    def chosen(self, response: object) -> list[object]:
        """The option ids a response chose, for their feedback (choice questions only)."""
        return []

    def choices(self, q: Mapping[str, Any], words: Words) -> tuple[tuple[str, str, bool], ...]:
        """(id, text, correct) of each choice, in the key's order, for statistics."""
        return ()

    def counted(self, response: object) -> frozenset[str]:
        """The choice ids a (non-blank) response counts for in statistics."""
        return frozenset()

    # Answering (tests, demo data, benchmarks) --------------------------------------------------

    def right_answer(self, q: Mapping[str, Any]) -> object:
        """A response with full marks, in key ids."""
        raise NotImplementedError

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        """A response, in key ids, that does not earn full marks (where one exists)."""
        raise NotImplementedError
