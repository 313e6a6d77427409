"""Ordering: put the items in order. The items are always shown shuffled; the form gives each
item its position."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, cast

from .base import (
    Form,
    InvalidKey,
    InvalidResponse,
    Items,
    Lookup,
    QuestionKey,
    QuestionRules,
    Shuffled,
    all_or_part,
    listed,
    strings,
    texts,
)
from .rules import Problem, distinct
from .text import UNKNOWN, Words

MIN_ITEMS = 2


def ordering_text(items: list[str]) -> str:
    """A numbered order: "1. Secure, 2. Record, 3. Hand over"."""
    return ", ".join(f"{n}. {text}" for n, text in enumerate(items, start=1))


class Ordering(QuestionRules):
    name = "ordering"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        items = list(value.get("items") or [])
        problems = [Problem("items", "too_few")] if len(items) < MIN_ITEMS else []
        return problems + distinct("items", items)

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        listed_items = items(value["items"])
        view = {"items": [{"id": iid, "text": text} for iid, text in shuffled(listed_items, True)]}
        key = {
            "order": [iid for iid, _text in listed_items],
            "partial_credit": bool(value.get("partial_credit")),
        }
        return view, key, {}

    def check_key(self, key: QuestionKey) -> None:
        if not key.order:
            raise InvalidKey(key.id, "an ordering question needs items")
        if len(set(key.order)) != len(key.order):
            raise InvalidKey(key.id, "item ids must be unique")

    def read(self, key: QuestionKey, response: object) -> object:
        qid = key.id
        given = strings(key, response, "item")
        items = set(key.order)
        unknown = set(given) - items
        if unknown:
            raise InvalidResponse(
                qid, f"Not items of this question: {listed(unknown)}.", "not_a_permutation"
            )
        repeated = {item for item, times in Counter(given).items() if times > 1}
        if repeated:
            raise InvalidResponse(
                qid, f"Items listed more than once: {listed(repeated)}.", "not_a_permutation"
            )
        missing = items - set(given)
        if missing:
            raise InvalidResponse(
                qid,
                f"Every item must be put in order; missing: {listed(missing)}.",
                "not_a_permutation",
            )
        return tuple(given)

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        in_place = sum(1 for got, wanted in zip(answer, key.order, strict=True) if got == wanted)
        return all_or_part(key, in_place, len(key.order))

    def from_form(self, q: Mapping[str, Any], name: str, post: Form) -> object:
        """The items ranked by the positions given; a list the scorer refuses (not a
        permutation) when the positions cannot be read or two items share one; None when no
        position is given."""
        positions = {item["id"]: post.get(f"{name}-{item['id']}", "") for item in q["items"]}
        if not any(positions.values()):
            return None
        try:
            ranked = sorted(positions, key=lambda item_id: int(positions[item_id]))
        except ValueError:
            ranked = []
        if len({positions[i] for i in positions}) != len(positions):
            ranked = []  # two items in one place: not an order
        return ranked or ["?"]

    def to_form(self, q: Mapping[str, Any], name: str, response: object) -> dict[str, Any]:
        order = cast(list[str], response)
        return {f"{name}-{item}": str(n) for n, item in enumerate(order, start=1)}

    def form_value(self, saved: object) -> object:
        if isinstance(saved, list):
            return {item_id: str(i) for i, item_id in enumerate(saved, start=1)}
        return saved if saved is not None else ""

    def map_ids(self, response: object, lookup: Lookup) -> object:
        if not isinstance(response, list):
            return response
        return [lookup("items", i) for i in response]

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        if not isinstance(response, list):
            return str(response)
        shown = texts(q["view"], "items")
        return ordering_text([shown.get(i, UNKNOWN) for i in response])

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        shown = texts(q["view"], "items")
        return ordering_text([shown.get(i, UNKNOWN) for i in q["key"]["order"]])

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return list(q["key"]["order"])

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        return list(reversed(q["key"]["order"]))
