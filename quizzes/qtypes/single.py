"""Single choice: one right option among two to ten."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import InvalidResponse, QuestionKey
from .choice import Choice
from .rules import Problem


class Single(Choice):
    name = "single"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        right, texts = self.option_problems(value)
        return ([Problem("options", "one_correct")] if right != 1 else []) + texts

    def read(self, key: QuestionKey, response: object) -> object:
        if not isinstance(response, str):
            raise InvalidResponse(
                key.id,
                f"The answer must be one option id, not {type(response).__name__}.",
                "wrong_type",
            )
        if response not in {option.id for option in key.options}:
            raise InvalidResponse(
                key.id,
                f"The option {response!r} is not one of this question's options.",
                "unknown_option",
            )
        return response

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        return Fraction(int(any(o.id == answer and o.correct for o in key.options)))

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return self.option_ids(q, True)[0]

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        return self.option_ids(q, False)[0]
