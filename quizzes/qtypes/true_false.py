"""True or false: the form sends "true" or "false"; the key holds a bool."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import InvalidKey, InvalidResponse, Items, QuestionKey, QuestionRules, Shuffled
from .text import Words, boolean_text

VALUES = ("true", "false")


class TrueFalse(QuestionRules):
    name = "true_false"
    counts_choices = True

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        return {}, {"correct_answer": value["correct_answer"] == "true"}, {}

    def check_key(self, key: QuestionKey) -> None:
        if not isinstance(key.correct_answer, bool):
            raise InvalidKey(key.id, "a true/false question needs correct_answer True or False")

    def read(self, key: QuestionKey, response: object) -> object:
        if isinstance(response, bool):
            return response
        if isinstance(response, str) and response.strip().lower() in VALUES:
            return response.strip().lower() == "true"
        raise InvalidResponse(key.id, "The answer must be true or false.", "not_true_false")

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        return Fraction(int(answer == key.correct_answer))

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        if isinstance(response, bool):
            return boolean_text(response, words)
        value = str(response).strip().lower()
        return boolean_text(value == "true", words) if value in VALUES else str(response)

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        return boolean_text(bool(q["key"]["correct_answer"]), words)

    def choices(self, q: Mapping[str, Any], words: Words) -> tuple[tuple[str, str, bool], ...]:
        correct = q["key"].get("correct_answer")
        return (
            ("true", boolean_text(True, words), correct is True),
            ("false", boolean_text(False, words), correct is False),
        )

    def counted(self, response: object) -> frozenset[str]:
        if isinstance(response, bool):
            return frozenset({"true" if response else "false"})
        return frozenset({str(response).strip().lower()})

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return "true" if q["key"]["correct_answer"] else "false"

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        return "false" if q["key"]["correct_answer"] else "true"
