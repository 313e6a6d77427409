"""What the publishing rules of every question type share: how a rule names a problem and its
place, and what an officer reads in a text. Each type's module (``quizzes.qtypes.<type>``)
holds its own rules: what the scoring needs (one right option, two pairs, a tolerance of zero
or more, an answer with visible text...) and what an officer needs to tell the parts apart (no
two options, pairs or items that read the same).

No Django, no Wagtail (an import-linter contract says so): a question's value comes in as plain
mappings and lists (a block's StructValue and ListValue are those), problems come out. The
blocks in ``questionbank.blocks`` turn each problem into a message at its field, in the
trainer's language, wherever the blocks are used (the bank, a quiz's own questions, knowledge
checks).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Zero-width space, non-joiner, joiner, word joiner, and the byte-order mark: invisible word
# breaks in Thai, Khmer, Lao and Burmese text (short answers are compared without them too).
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def reads_as(text: str) -> str:
    """What an officer reads in ``text``: without zero-width characters, in Unicode NFKC form,
    case folded, with runs of whitespace as one space. Empty if nothing is visible. (The way
    ``quizzes.qtypes.normalise_text`` compares short answers, less its idempotence fix-ups.)"""
    visible = unicodedata.normalize("NFKC", text.translate(ZERO_WIDTH)).casefold()
    return " ".join(visible.split())


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong, and where: ``field`` of the question, ``item`` (0-based) of that field's
    list, ``part`` of that item (e.g. a pair's "left"); ``code`` names the rule:

    ``one_correct`` (a single-choice question needs exactly one right option), ``some_correct``
    (a multiple-response question needs at least one), ``too_few`` (fewer pairs or items than
    two), ``blank`` (text with nothing visible), ``duplicate`` (reads the
    same as an earlier one), ``negative`` (a tolerance below zero), ``no_answer`` (no accepted
    answer with visible text)."""

    field: str
    code: str
    item: int | None = None
    part: str | None = None


def visible(value: Any) -> str:
    return reads_as(value) if isinstance(value, str) else ""


def distinct(field: str, texts: Iterable[Any], part: str | None = None) -> list[Problem]:
    """A ``blank`` or ``duplicate`` problem for each text that is empty or repeats one before."""
    problems, seen = [], set()
    for item, text in enumerate(texts):
        text = visible(text)
        if not text:
            problems.append(Problem(field, "blank", item, part))
        elif text in seen:
            problems.append(Problem(field, "duplicate", item, part))
        seen.add(text)
    return problems
