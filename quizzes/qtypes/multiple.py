"""Multiple response: tick every right option; all or nothing, or partial credit where each
wrong tick takes back its share."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, cast

from .base import Form, InvalidResponse, QuestionKey, listed, strings
from .choice import Choice
from .rules import Problem


class Multiple(Choice):
    name = "multiple"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        right, texts = self.option_problems(value)
        return ([] if right else [Problem("options", "some_correct")]) + texts

    def read(self, key: QuestionKey, response: object) -> object:
        chosen = set(strings(key, response, "option"))
        unknown = chosen - {option.id for option in key.options}
        if unknown:
            raise InvalidResponse(
                key.id, f"Not options of this question: {listed(unknown)}.", "unknown_option"
            )
        return frozenset(chosen)

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        correct = {option.id for option in key.options if option.correct}
        if not key.partial_credit:
            return Fraction(int(answer == correct))
        # Each right option earns its share of the points; each wrong one takes back its share
        # of the wrong options, so ticking every option earns nothing unless all are right.
        incorrect = len(key.options) - len(correct)
        earned = Fraction(len(answer & correct), len(correct))
        lost = Fraction(len(answer - correct), incorrect) if incorrect else Fraction(0)
        return max(Fraction(0), earned - lost)

    def from_form(self, q: Mapping[str, Any], name: str, post: Form) -> object:
        return post.getlist(name)

    def form_value(self, saved: object) -> object:
        return set(cast(list[str], saved) or [])

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return self.option_ids(q, True)

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        """The wrong options; when every option is right, all but the last."""
        return self.option_ids(q, False) or self.option_ids(q, True)[:-1]
