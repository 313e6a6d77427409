"""Answers as a person would write them: the words they are written with. Each question type
writes its own answers (``QuestionRules.response_text`` and ``correct_text``) with these.

Pure: plain data in, a string out; no Django (an import-linter contract says so). The words of
the officer's language (the "True"/"False" labels the question showed, "between ... and ...",
how numbers are written) come in as ``Words``; ``quizzes.wording.words()`` makes them for the
active language. The review, the knowledge checks' feedback and the trainers' reports all
print answers through ``quizzes.qtypes.response_text`` and ``correct_text``, so they read the
same everywhere.

Correct answers are read from the question's key and view (not from text made when the attempt
was drawn), so they are written in the language of the page that shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

EMPTY: tuple[object, ...] = (None, "", [], {})
UNKNOWN = "?"


def plain_number(value: Decimal) -> str:
    """``value`` without trailing zeros or an exponent: 6, 6.5, 0.25."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Words:
    """What answers are written with, in one language."""

    true: str = "True"
    false: str = "False"
    between: str = "between %(low)s and %(high)s"
    number: Callable[[Decimal], str] = plain_number


def boolean_text(value: bool, words: Words) -> str:
    return words.true if value else words.false
