"""Whether a lesson's knowledge check is practice only, or also serves a graded quiz (issue 15,
ADR 0041): only a practice-only check may be marked in the browser, with its key in the page.

A check "also serves a graded quiz" when the same question (same type, same stem and the same
answer data, each text compared as an officer reads it: ``qtypes.rules.reads_as``) is one a
graded quiz can draw: a quiz's own question, a bank question it names, or any question of a
bank category it draws from. Option, pair and item ids play no part (a copy has new ones),
nor does the order options are listed in. Where the answer data says the answer in words
(every type but true/false), the same answer data under another stem is the same question too:
a copy whose stem was reworded would give the graded question's answer away. True/false
answer data is one bit, so there the stem decides.

Pure: snapshot questions (``quizzes.snapshot``: ``type``, ``view``, ``key``) in, a fingerprint
or a verdict out; no Django (an import-linter contract says so). When in doubt, not
practice-only: a question whose type has no fingerprint here never is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .qtypes.base import normalise_text
from .qtypes.rules import reads_as

Fingerprint = tuple
_TAG = re.compile(r"<[^>]*>")


def _text(value: object) -> str:
    """A text as an officer reads it: rich text without its tags, then ``reads_as``."""
    return reads_as(_TAG.sub(" ", value)) if isinstance(value, str) else ""


def _texts(view: Mapping[str, Any], role: str) -> dict[str, str]:
    return {entry["id"]: _text(entry.get("text")) for entry in view.get(role, [])}


def _number(value: object) -> str:
    return str(Decimal(str(value)).normalize())


def _choice(q: Mapping[str, Any]) -> tuple:
    texts = _texts(q["view"], "options")
    options = sorted((texts.get(o["id"], ""), bool(o["correct"])) for o in q["key"]["options"])
    return (tuple(options), bool(q["key"].get("partial_credit")))


def _matching(q: Mapping[str, Any]) -> tuple:
    lefts, rights = _texts(q["view"], "lefts"), _texts(q["view"], "rights")
    pairs = sorted((lefts.get(a, ""), rights.get(b, "")) for a, b in q["key"]["pairs"])
    return (tuple(pairs), bool(q["key"].get("partial_credit")))


def _ordering(q: Mapping[str, Any]) -> tuple:
    items = _texts(q["view"], "items")
    return (tuple(items.get(i, "") for i in q["key"]["order"]),)


def _numeric(q: Mapping[str, Any]) -> tuple:
    key = q["key"]
    return (
        _number(key["number"]),
        _number(key.get("tolerance") or 0),
        _text(q["view"].get("unit")),
    )


def _short_text(q: Mapping[str, Any]) -> tuple:
    accepted = {normalise_text(a) for a in q["key"].get("accepted", []) if isinstance(a, str)}
    return (tuple(sorted(accepted)),)


def _true_false(q: Mapping[str, Any]) -> tuple:
    return (bool(q["key"]["correct_answer"]),)


_ANSWERS: dict[str, Callable[[Mapping[str, Any]], tuple]] = {
    "single": _choice,
    "multiple": _choice,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
    "short_text": _short_text,
    "true_false": _true_false,
}


# Types whose answer data alone gives a graded question's answer away (see the module's note).
_ANSWER_ALONE = frozenset({"single", "multiple", "matching", "ordering", "numeric", "short_text"})


def fingerprints(q: Mapping[str, Any]) -> frozenset[Fingerprint]:
    """Every fingerprint that makes another question "the same" as ``q``: the whole question's
    and, for a type in ``_ANSWER_ALONE``, its answer data's alone (stem None). Empty when it
    cannot be told."""
    whole = fingerprint(q)
    if whole is None:
        return frozenset()
    kind, _stem, answers = whole
    if kind in _ANSWER_ALONE:
        return frozenset({whole, (kind, None, answers)})
    return frozenset({whole})


def fingerprint(q: Mapping[str, Any]) -> Fingerprint | None:
    """What makes snapshot question ``q`` the same question as another: its type, its stem and
    its answer data as an officer reads them. None when it cannot be told (a type not known
    here, a key that does not read)."""
    answers = _ANSWERS.get(q.get("type", ""))
    if answers is None:
        return None
    try:
        return (q["type"], _text(q["view"].get("stem")), answers(q))
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return None


def practice_only(check: Mapping[str, Any], graded: Collection[Fingerprint]) -> bool:
    """Whether the check question ``check`` serves practice only: it can be told apart, and no
    question a graded quiz can draw (``graded``: all their ``fingerprints``) is the same."""
    marks = fingerprints(check)
    return bool(marks) and marks.isdisjoint(graded)
