"""Numeric: a number, right within a tolerance, with an optional unit. Numbers are read exactly
(``parse_number``) and compared exactly."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Any

from .base import (
    InvalidKey,
    InvalidResponse,
    Items,
    QuestionKey,
    QuestionRules,
    Shuffled,
    is_int,
    parse_number,
)
from .rules import Problem
from .text import Words

WRONG = Decimal(999)  # the wrong answer tests and demo data give, unless it is within range


def numeric_text(number: Decimal, tolerance: Decimal, unit: str, words: Words) -> str:
    """ "6 months" for an exact answer, "between 5 and 7 months" with a tolerance."""
    if tolerance <= 0:
        text = words.number(number)
    else:
        text = words.between % {
            "low": words.number(number - tolerance),
            "high": words.number(number + tolerance),
        }
    return f"{text} {unit}".strip()


def _finite_decimal(value: object) -> Decimal | None:
    if is_int(value):
        return Decimal(value)  # type: ignore[arg-type]
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def _exact_sum(a: Decimal, b: Decimal) -> Decimal:
    """a + b with no rounding, whatever their sizes (the default context keeps 28 digits)."""
    top = max(a.adjusted(), b.adjusted()) + 2
    bottom = min(int(a.as_tuple().exponent), int(b.as_tuple().exponent))
    context = Context(prec=max(1, top - bottom + 1), Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[Inexact])
    with localcontext(context):
        return a + b


def _within(number: Decimal, tolerance: Decimal, given: Decimal) -> bool:
    low, high = _exact_sum(number, tolerance.copy_negate()), _exact_sum(number, tolerance)
    return low <= given <= high  # Decimal comparisons are exact


class Numeric(QuestionRules):
    name = "numeric"

    def problems(self, value: Mapping[str, Any]) -> list[Problem]:
        tolerance = value.get("tolerance")
        if isinstance(tolerance, int | Decimal) and tolerance < 0:
            return [Problem("tolerance", "negative")]
        return []

    def split(
        self, value: Mapping[str, Any], items: Items, shuffled: Shuffled
    ) -> tuple[dict, dict, dict]:
        key = {"number": str(value["answer"]), "tolerance": str(value.get("tolerance") or 0)}
        return {"unit": value.get("unit", "")}, key, {}

    def check_key(self, key: QuestionKey) -> None:
        if _finite_decimal(key.number) is None:
            raise InvalidKey(key.id, f"the answer must be a finite Decimal, not {key.number!r}")
        tolerance = _finite_decimal(key.tolerance)
        if tolerance is None or tolerance < 0:
            raise InvalidKey(key.id, f"the tolerance must be a Decimal >= 0, not {key.tolerance!r}")

    def read(self, key: QuestionKey, response: object) -> object:
        if isinstance(response, str):
            return parse_number(response)  # None: typed, but not a number
        if is_int(response):
            return Decimal(response)  # type: ignore[arg-type]
        if isinstance(response, Decimal):
            return response if response.is_finite() else None
        raise InvalidResponse(
            key.id,
            f"The answer must be a number as typed, not {type(response).__name__}.",
            "wrong_type",
        )

    def share(self, key: QuestionKey, answer: Any) -> Fraction:
        if answer is None:
            return Fraction(0)  # typed, but not a number
        number, tolerance = Decimal(key.number), Decimal(key.tolerance)  # type: ignore[arg-type]
        return Fraction(int(_within(number, tolerance, answer)))

    def response_text(self, q: Mapping[str, Any], response: object, words: Words) -> str:
        number = parse_number(response) if isinstance(response, str) else None
        if number is not None:
            return numeric_text(number, Decimal(0), q["view"].get("unit", ""), words)
        return str(response)

    def correct_text(self, q: Mapping[str, Any], words: Words) -> str:
        key = q["key"]
        return numeric_text(
            Decimal(key["number"]),
            Decimal(key.get("tolerance", "0")),
            q["view"].get("unit", ""),
            words,
        )

    def right_answer(self, q: Mapping[str, Any]) -> object:
        return q["key"]["number"]

    def wrong_answer(self, q: Mapping[str, Any]) -> object:
        number = Decimal(q["key"]["number"])
        tolerance = Decimal(q["key"].get("tolerance") or 0)
        if not _within(number, tolerance, WRONG):
            return str(WRONG)
        return str(_exact_sum(_exact_sum(number, tolerance), Decimal(1)))
