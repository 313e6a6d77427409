"""Pure rules of the course catalogue: whether a course matches an officer's search, and how
long a course takes in words a person would say. No Django, no database: plain values in,
plain values out (import-linter checks)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal


def _fold(text: str) -> str:
    # NFKC then casefold: "Khóa" typed with combining accents, or in capitals, still matches.
    return unicodedata.normalize("NFKC", text).casefold()


def search_matches(query: str, texts: Iterable[str]) -> bool:
    """True if every word of ``query`` occurs in one of ``texts`` (any case, any Unicode form).
    An empty query matches everything. Thai, Khmer, Lao and Burmese have no spaces between
    words, so a word is looked for inside the text, not compared with its words."""
    words = _fold(query).split()
    if not words:
        return True
    haystack = [_fold(t) for t in texts if t]
    return all(any(word in text for text in haystack) for word in words)


@dataclass(frozen=True)
class TimeEstimate:
    """``amount`` of ``unit``: minutes or hours (hours may be a half, e.g. 3.5)."""

    unit: Literal["minutes", "hours"]
    amount: Decimal


def time_estimate(hours: Decimal | int | float | None) -> TimeEstimate | None:
    """How long a course takes, as an officer would say it: minutes up to three hours unless
    it is a whole number of hours (45 minutes, 1 hour, 90 minutes, 2 hours, 150 minutes),
    then hours to the nearest half (3 hours, 3.5 hours). None for no estimate (0 or empty)."""
    if hours is None:
        return None
    minutes = (Decimal(str(hours)) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if minutes <= 0:
        return None
    if minutes % 60 == 0:
        return TimeEstimate("hours", minutes / 60)
    if minutes < 180:
        return TimeEstimate("minutes", minutes)
    halves = (minutes / 30).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return TimeEstimate("hours", halves / 2)
