"""Pure rules a question must meet before it can be published: what the scoring needs (one right
option, two pairs, a tolerance of zero or more, an answer with visible text...) and what an
officer needs to tell the parts apart (no two options, pairs or items that read the same).

No Django, no Wagtail (an import-linter contract says so): a question's value comes in as plain
mappings and lists (a block's StructValue and ListValue are those), problems come out. The
blocks in ``questionbank.blocks`` turn each problem into a message at its field, in the
trainer's language, wherever the blocks are used (the bank, a quiz's own questions, knowledge
checks).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# Zero-width space, non-joiner, joiner, word joiner, and the byte-order mark: invisible word
# breaks in Thai, Khmer, Lao and Burmese text. The same set as ``quizzes.scoring``'s, which
# imports only the standard library and so cannot share this module.
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

MIN_PAIRS = 2
MIN_ITEMS = 2


def reads_as(text: str) -> str:
    """What an officer reads in ``text``: without zero-width characters, in Unicode NFKC form,
    case folded, with runs of whitespace as one space. Empty if nothing is visible. (The way
    ``quizzes.scoring.normalise_text`` compares short answers, less its idempotence fix-ups.)"""
    visible = unicodedata.normalize("NFKC", text.translate(ZERO_WIDTH)).casefold()
    return " ".join(visible.split())


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: ``field`` of the question, ``item`` (0-based) of that field's
    list, ``part`` of that item (e.g. a pair's "left"); ``code`` names the rule:

    ``one_correct`` (a single-choice question needs exactly one right option), ``some_correct``
    (a multiple-response question needs at least one), ``too_few`` (fewer pairs or items than
    ``MIN_PAIRS``/``MIN_ITEMS``), ``blank`` (text with nothing visible), ``duplicate`` (reads the
    same as an earlier one), ``negative`` (a tolerance below zero), ``no_answer`` (no accepted
    answer with visible text)."""

    field: str
    code: str
    item: int | None = None
    part: str | None = None


def _text(value: Any) -> str:
    return reads_as(value) if isinstance(value, str) else ""


def _distinct(field: str, texts: Iterable[Any], part: str | None = None) -> list[Problem]:
    """A ``blank`` or ``duplicate`` problem for each text that is empty or repeats one before."""
    problems, seen = [], set()
    for item, text in enumerate(texts):
        text = _text(text)
        if not text:
            problems.append(Problem(field, "blank", item, part))
        elif text in seen:
            problems.append(Problem(field, "duplicate", item, part))
        seen.add(text)
    return problems


def question_problems(question_type: str, value: Mapping[str, Any]) -> list[Problem]:
    """Every problem of the question ``value`` of type ``question_type`` (a
    ``quizzes.scoring.QuestionType`` value); empty if it can be published."""
    problems: list[Problem] = []
    if question_type in {"single", "multiple"}:
        options = list(value.get("options") or [])
        right = sum(1 for option in options if option.get("correct"))
        if question_type == "single" and right != 1:
            problems.append(Problem("options", "one_correct"))
        if question_type == "multiple" and not right:
            problems.append(Problem("options", "some_correct"))
        problems += _distinct("options", (option.get("text") for option in options), "text")
    elif question_type == "matching":
        pairs = list(value.get("pairs") or [])
        if len(pairs) < MIN_PAIRS:
            problems.append(Problem("pairs", "too_few"))
        for part in ("left", "right"):
            problems += _distinct("pairs", (pair.get(part) for pair in pairs), part)
    elif question_type == "ordering":
        items = list(value.get("items") or [])
        if len(items) < MIN_ITEMS:
            problems.append(Problem("items", "too_few"))
        problems += _distinct("items", items)
    elif question_type == "numeric":
        tolerance = value.get("tolerance")
        if isinstance(tolerance, int | Decimal) and tolerance < 0:
            problems.append(Problem("tolerance", "negative"))
    elif question_type == "short_text" and not any(
        _text(answer) for answer in value.get("accepted") or []
    ):
        problems.append(Problem("accepted", "no_answer"))
    return problems
