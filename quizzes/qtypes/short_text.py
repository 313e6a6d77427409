"""Short text: typed text, right when it reads the same as one of the accepted answers
(``normalise_text``: case, spacing, Unicode form and zero-width characters aside)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import (
    InvalidKey,
    InvalidResponse,
    Items,
    QuestionKey,
    QuestionRules,
    Shuffled,
    normalise_text,
)
from .rules import Problem, visible
from .text import Words

WRONG = "no idea"  # the wrong answer tests and demo data give, unless it is accepted


class ShortText(QuestionRules):
    name = "short_text"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        if any(visible(answer) for answer in value.get("accepted") or []):
            return []
        return [Problem("accepted", "no_answer")]

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        return {}, {"accepted": list(value["accepted"])}, {}

    def check_key(self, key: QuestionKey) -> None:
        if not any(isinstance(answer, str) and normalise_text(answer) for answer in key.accepted):
            raise InvalidKey(key.id, "a short-text question needs at least one non-blank answer")

    def read(self, key: QuestionKey, response: object) -> object:
        if not isinstance(response, str):
            raise InvalidResponse(
                key.id, f"The answer must be text, not {type(response).__name__}.", "wrong_type"
            )
        return normalise_text(response)

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        accepted = {normalise_text(a) for a in key.accepted if isinstance(a, str)}
        return Fraction(int(answer in accepted))

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        """The first accepted answer (not every variant)."""
        accepted = q["key"].get("accepted")
        return accepted[0] if accepted else ""

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return q["key"]["accepted"][0]

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        accepted = {normalise_text(a) for a in q["key"]["accepted"]}
        return WRONG if normalise_text(WRONG) not in accepted else WRONG + "?"
