"""Question types: one module per type holds its pure rules (publishing rules, key, reading a
response, scoring, the attempt form's fields, answer text, right and wrong answers), and this
module registers them in one place, ``TYPES``, which the blocks, snapshots, forms, scoring,
review, knowledge checks and reports all ask.

Adding a type is one module here (a ``base.QuestionRules`` subclass, registered below and named
in ``QuestionType``), one block in ``questionbank.blocks``, one template partial in
``quizzes/templates/quizzes/qtypes/`` and a migration for the StreamFields that list the
blocks. A type name no module registers raises ``UnknownQuestionType`` wherever it is looked up.

Pure: no Django, no Wagtail (an import-linter contract says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from .base import QuestionRules, UnknownQuestionType
from .matching import Matching
from .multiple import Multiple
from .numeric import Numeric
from .ordering import Ordering
from .rules import Problem
from .short_text import ShortText
from .single import Single
from .text import EMPTY, Words
from .true_false import TrueFalse


class QuestionType(StrEnum):
    SINGLE = "single"  # one right option
    MULTIPLE = "multiple"  # several right options
    TRUE_FALSE = "true_false"
    MATCHING = "matching"  # match each left item to a right item
    ORDERING = "ordering"  # put items in order
    NUMERIC = "numeric"  # a number, with tolerance
    SHORT_TEXT = "short_text"  # typed text matched against accepted answers


TYPES: dict[str, QuestionRules] = {
    rules.name: rules
    for rules in (Single(), Multiple(), TrueFalse(), Matching(), Ordering(), Numeric(), ShortText())
}
if set(TYPES) != set(QuestionType):  # pragma: no cover (a registration left half done)
    raise RuntimeError(f"Question types registered {sorted(TYPES)}, named {sorted(QuestionType)}")


def qtype(name: object) -> QuestionRules:
    """The rules of the question type ``name``; UnknownQuestionType if none is registered."""
    rules = TYPES.get(name) if isinstance(name, str) else None
    if rules is None:
        raise UnknownQuestionType(name, tuple(TYPES))
    return rules


def question_problems(question_type: str, value: Mapping[str, Any]) -> list[Problem]:
    """Every problem of the question ``value`` of type ``question_type``; empty if it can be
    published."""
    return qtype(question_type).problems(value)


def response_text(q: Mapping[str, Any], response: object, words: Words) -> str:
    """The officer's answer ``response`` (in key ids, as stored) to snapshot question ``q``;
    empty when not answered."""
    if response in EMPTY:
        return ""
    return qtype(q["type"]).response_text(q, response, words)


def correct_text(q: Mapping[str, Any], words: Words) -> str:
    """The correct answer to snapshot question ``q``, from its key: the right options, the
    true/false label, the number (with its range), the first accepted short answer (not every
    variant), the pairs, the numbered order."""
    return qtype(q["type"]).correct_text(q, words)


def answers(snapshot: Mapping[str, Any], *, right: bool = True) -> dict[str, object]:
    """Responses (in key ids) answering every question of ``snapshot`` right, or every one
    wrong: for tests, demo data and benchmarks."""
    return {
        q["id"]: (qtype(q["type"]).right_answer(q) if right else qtype(q["type"]).wrong_answer(q))
        for q in snapshot["questions"]
    }


def form_fields(q: Mapping[str, Any], response: object) -> dict[str, Any]:
    """The attempt form's fields that send ``response`` (in shown ids) to the shown question
    ``q`` (a ``snapshot.presentation()`` item)."""
    return qtype(q["type"]).to_form(q, f"q-{q['id']}", response)
