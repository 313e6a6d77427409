"""Answers as a person would write them: the officer's answer and the correct answer of a
snapshot question, one formatting function per question type.

Pure: plain data in, a string out; no Django (an import-linter contract says so). The words of
the officer's language (the "True"/"False" labels the question showed, "between ... and ...",
how numbers are written) come in as ``Words``; ``quizzes.wording.words()`` makes them for the
active language. The review, the knowledge checks' feedback and the trainers' reports all
print answers through this module, so they read the same everywhere.

Correct answers are read from the question's key and view (not from text made when the attempt
was drawn), so they are written in the language of the page that shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from .scoring import parse_number

EMPTY = (None, "", [], {})
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


def choices_text(texts: Iterable[str]) -> str:
    return "; ".join(texts)


def matching_text(pairs: Iterable[tuple[str, str]]) -> str:
    """Each left with the right it goes with: "Appendix I → Trade banned; ..."."""
    return "; ".join(f"{left} → {right}" for left, right in pairs)


def ordering_text(items: Iterable[str]) -> str:
    """A numbered order: "1. Secure, 2. Record, 3. Hand over"."""
    return ", ".join(f"{n}. {text}" for n, text in enumerate(items, start=1))


def _texts(view: dict, role: str) -> dict[str, str]:
    return {entry["id"]: entry["text"] for entry in view.get(role, [])}


def response_text(q: dict, response, words: Words) -> str:
    """The officer's answer ``response`` (in key ids, as stored) to snapshot question ``q``;
    empty when not answered."""
    if response in EMPTY:
        return ""
    view, kind = q["view"], q["type"]
    if kind in {"single", "multiple"}:
        texts = _texts(view, "options")
        chosen = response if isinstance(response, list) else [response]
        return choices_text(texts.get(c, UNKNOWN) for c in chosen)
    if kind == "true_false":
        if isinstance(response, bool):
            return boolean_text(response, words)
        value = str(response).strip().lower()
        return boolean_text(value == "true", words) if value in {"true", "false"} else str(response)
    if kind == "matching" and isinstance(response, dict):
        lefts, rights = _texts(view, "lefts"), _texts(view, "rights")
        return matching_text(
            (lefts.get(k, UNKNOWN), rights.get(v, UNKNOWN)) for k, v in response.items()
        )
    if kind == "ordering" and isinstance(response, list):
        texts = _texts(view, "items")
        return ordering_text(texts.get(i, UNKNOWN) for i in response)
    if kind == "numeric":
        number = parse_number(response) if isinstance(response, str) else None
        if number is not None:
            return numeric_text(number, Decimal(0), view.get("unit", ""), words)
    return str(response)


def correct_text(q: dict, words: Words) -> str:
    """The correct answer to snapshot question ``q``, from its key: the right options, the
    true/false label, the number (with its range), the first accepted short answer (not every
    variant), the pairs, the numbered order."""
    view, key, kind = q["view"], q["key"], q["type"]
    if kind in {"single", "multiple"}:
        texts = _texts(view, "options")
        return choices_text(texts.get(o["id"], UNKNOWN) for o in key["options"] if o["correct"])
    if kind == "true_false":
        return boolean_text(bool(key["correct_answer"]), words)
    if kind == "matching":
        lefts, rights = _texts(view, "lefts"), _texts(view, "rights")
        return matching_text(
            (lefts.get(a, UNKNOWN), rights.get(b, UNKNOWN)) for a, b in key["pairs"]
        )
    if kind == "ordering":
        texts = _texts(view, "items")
        return ordering_text(texts.get(i, UNKNOWN) for i in key["order"])
    if kind == "numeric":
        return numeric_text(
            Decimal(key["number"]),
            Decimal(key.get("tolerance", "0")),
            view.get("unit", ""),
            words,
        )
    if kind == "short_text":
        return key["accepted"][0] if key.get("accepted") else ""
    return ""
