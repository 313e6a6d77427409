"""What single choice and multiple response share: options with ids, text, a "correct" mark and
feedback of their own."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import InvalidKey, Items, Lookup, QuestionKey, QuestionRules, Shuffled, texts
from .rules import Problem, distinct
from .text import UNKNOWN, Words


def choices_text(chosen: list[str]) -> str:
    return "; ".join(chosen)


class Choice(QuestionRules):
    counts_choices = True

    def option_problems(self, value: Mapping[str, Any]) -> tuple[int, list[Problem]]:
        """How many options are marked right, and the options' blank or duplicate texts."""
        options = list(value.get("options") or [])
        right = sum(1 for option in options if option.get("correct"))
        return right, distinct("options", (option.get("text") for option in options), "text")

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        options = items(value["options"])
        view = {"options": [{"id": oid, "text": o["text"]} for oid, o in shuffled(options, False)]}
        key = {
            "options": [{"id": oid, "correct": bool(o["correct"])} for oid, o in options],
            "partial_credit": bool(value.get("partial_credit")),
        }
        return view, key, {oid: o["feedback"] for oid, o in options if o["feedback"]}

    def check_key(self, key: QuestionKey) -> None:
        ids = [option.id for option in key.options]
        if not ids:
            raise InvalidKey(key.id, "a choice question needs options")
        if len(set(ids)) != len(ids):
            raise InvalidKey(key.id, "option ids must be unique")
        if not any(option.correct for option in key.options):
            raise InvalidKey(key.id, "no option is marked correct")

    def map_ids(self, response: object, lookup: Lookup) -> object:
        if isinstance(response, list):
            return [lookup("options", r) for r in response]
        return lookup("options", response)

    def chosen(self, response: object) -> list[object]:
        return response if isinstance(response, list) else [response]

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        shown = texts(q["view"], "options")
        chosen = self.chosen(response)
        return choices_text(
            [shown.get(c, UNKNOWN) if isinstance(c, str) else UNKNOWN for c in chosen]
        )

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        shown = texts(q["view"], "options")
        return choices_text(
            [shown.get(o["id"], UNKNOWN) for o in q["key"]["options"] if o["correct"]]
        )

    def choices(self, q: Mapping[str, Any], words: Words) -> tuple[tuple[str, str, bool], ...]:
        shown = {o["id"]: o["text"] for o in q["view"].get("options", [])}
        return tuple(
            (o["id"], shown.get(o["id"], "?"), bool(o["correct"]))
            for o in q["key"].get("options", [])
        )

    def counted(self, response: object) -> frozenset[str]:
        if isinstance(response, list | tuple):
            return frozenset(str(r) for r in response)
        return frozenset({str(response)})

    @staticmethod
    def option_ids(q: Mapping[str, Any], correct: bool) -> list[str]:
        return [o["id"] for o in q["key"]["options"] if bool(o["correct"]) == correct]
