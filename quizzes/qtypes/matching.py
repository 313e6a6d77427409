"""Matching: choose, for each left item, the right item it goes with. A pair's left and right
share one key id; the rights are always shown shuffled."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, cast

from .base import (
    UNANSWERED,
    Form,
    InvalidKey,
    InvalidResponse,
    Items,
    Lookup,
    QuestionKey,
    QuestionRules,
    Shuffled,
    all_or_part,
    texts,
)
from .rules import Problem, distinct
from .text import UNKNOWN, Words

MIN_PAIRS = 2


def matching_text(pairs: list[tuple[str, str]]) -> str:
    """Each left with the right it goes with: "Appendix I → Trade banned; ..."."""
    return "; ".join(f"{left} → {right}" for left, right in pairs)


class Matching(QuestionRules):
    name = "matching"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        pairs = list(value.get("pairs") or [])
        problems = [Problem("pairs", "too_few")] if len(pairs) < MIN_PAIRS else []
        for part in ("left", "right"):
            problems += distinct("pairs", (pair.get(part) for pair in pairs), part)
        return problems

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        pairs = items(value["pairs"])
        view = {
            "lefts": [{"id": pid, "text": p["left"]} for pid, p in pairs],
            "rights": [{"id": pid, "text": p["right"]} for pid, p in shuffled(pairs, True)],
        }
        key = {
            "pairs": [[pid, pid] for pid, _p in pairs],
            "partial_credit": bool(value.get("partial_credit")),
        }
        return view, key, {}

    def check_key(self, key: QuestionKey) -> None:
        lefts = [left for left, _right in key.pairs]
        if not lefts:
            raise InvalidKey(key.id, "a matching question needs pairs")
        if len(set(lefts)) != len(lefts):
            raise InvalidKey(key.id, "each left item must appear in one pair only")

    def read(self, key: QuestionKey, response: object) -> object:
        qid = key.id
        if not isinstance(response, dict) or not all(isinstance(k, str) for k in response):
            raise InvalidResponse(qid, "The answer must map each item to its match.", "wrong_type")
        lefts = {left for left, _right in key.pairs}
        rights = {right for _left, right in key.pairs}
        matched: dict[str, str] = {}
        for left in sorted(response):
            right = response[left]
            if left not in lefts:
                raise InvalidResponse(
                    qid, f"The item {left!r} is not one of this question's items.", "unknown_item"
                )
            if right is None or right == "":
                continue  # this item left unmatched (an empty choice on the form)
            if not isinstance(right, str):
                raise InvalidResponse(
                    qid,
                    f"The match for {left!r} must be an id, not {type(right).__name__}.",
                    "wrong_type",
                )
            if right not in rights:
                raise InvalidResponse(
                    qid,
                    f"The match {right!r} is not one of this question's choices.",
                    "unknown_option",
                )
            matched[left] = right
        return matched or UNANSWERED

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        right = sum(1 for left, match in key.pairs if answer.get(left) == match)
        return all_or_part(key, right, len(key.pairs))

    def from_form(self, q: Mapping[str, Any], name: str, post: Form) -> object:
        return {
            left["id"]: post.get(f"{name}-{left['id']}")
            for left in q["lefts"]
            if post.get(f"{name}-{left['id']}")
        }

    def to_form(self, q: Mapping[str, Any], name: str, response: object) -> dict[str, Any]:
        matched = cast(dict[str, str], response)
        return {f"{name}-{left}": right for left, right in matched.items()}

    def map_ids(self, response: object, lookup: Lookup) -> object:
        if not isinstance(response, dict):
            return response
        return {lookup("lefts", k): lookup("rights", v) for k, v in response.items()}

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        if not isinstance(response, dict):
            return str(response)
        lefts, rights = texts(q["view"], "lefts"), texts(q["view"], "rights")
        return matching_text(
            [(lefts.get(k, UNKNOWN), rights.get(v, UNKNOWN)) for k, v in response.items()]
        )

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        lefts, rights = texts(q["view"], "lefts"), texts(q["view"], "rights")
        return matching_text(
            [(lefts.get(a, UNKNOWN), rights.get(b, UNKNOWN)) for a, b in q["key"]["pairs"]]
        )

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return dict(q["key"]["pairs"])

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        """Each left with the right of the next pair (the last with the first)."""
        lefts = [left for left, _right in q["key"]["pairs"]]
        rights = [right for _left, right in q["key"]["pairs"]]
        return dict(zip(lefts, rights[1:] + rights[:1], strict=True))
