"""What a browser needs to mark a question itself (``static/quizzes/marking.js``): the key the
server grades with, written so the script can apply the server's rules (``quizzes.qtypes``)
without re-implementing their subtleties: numbers as plain decimal text (compared exactly in
the browser), short answers already normalised as ``normalise_text`` reads them, and the
correct answer as the platform writes it (``correct_text``) in the page's language.

Two places mark in the browser: an exported SCORM package (``scormexport``, ADR 0025) and a
practice-only knowledge check answered offline (``offlinemode``, ADR 0041). The script's text
rules (which characters are zero-width, whitespace, decimal digits, and where case folding
differs from lower-casing) are taken from Python's own tables by ``text_rules``, the ones the
server's ``normalise_text`` and ``parse_number`` use.

Pure: snapshot questions (``quizzes.snapshot``) in, JSON-able dicts out; no Django.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .qtypes import correct_text, qtype
from .qtypes.base import normalise_text
from .qtypes.rules import ZERO_WIDTH
from .qtypes.text import Words, plain_number


def _key(question_type: str, key: Mapping[str, Any]) -> dict[str, Any]:
    key = dict(key)
    if question_type == "numeric":
        key["number"] = plain_number(Decimal(str(key["number"])))
        key["tolerance"] = plain_number(Decimal(str(key.get("tolerance") or 0)))
    if question_type == "short_text":
        read = (normalise_text(a) for a in key.get("accepted", []) if isinstance(a, str))
        key["accepted"] = sorted({a for a in read if a})
    return key


def marking(q: Mapping[str, Any], words: Words) -> dict[str, Any]:
    """The snapshot question ``q`` as the script marks it: id, type, points, key, feedback and
    the correct answer as text. The key and feedback name options, lefts, rights and items by
    ``q``'s key ids: hand in ``in_shown_ids(q)`` where the page shows other ids."""
    feedback = q.get("feedback", {})
    return {
        "id": q["id"],
        "type": q["type"],
        "points": int(q["points"]),
        "key": _key(q["type"], q["key"]),
        "feedback": {
            "correct": feedback.get("correct", ""),
            "incorrect": feedback.get("incorrect", ""),
            "explanation": feedback.get("explanation", ""),
            "options": dict(feedback.get("options", {})),
        },
        "answer": correct_text(q, words),
    }


def in_shown_ids(q: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot question ``q`` with its shown ids (``q["shown"]``) in place of its key ids in
    the view, the key and the per-option feedback: what a page that shows those ids may be
    given to mark it (the key ids stay on the server). A question without shown ids is
    returned as it is."""
    shown = q.get("shown") or {}
    if not shown:
        return dict(q)
    view = dict(q["view"])
    for role, ids in shown.items():
        view[role] = [{**entry, "id": ids.get(entry["id"], "")} for entry in view.get(role, [])]

    def lookup(role: str, value: object) -> object:
        return shown.get(role, {}).get(value, value) if isinstance(value, str) else value

    key = dict(q["key"])
    if "options" in key:
        key["options"] = [{**o, "id": lookup("options", o["id"])} for o in key["options"]]
    if "pairs" in key:
        key["pairs"] = [[lookup("lefts", a), lookup("rights", b)] for a, b in key["pairs"]]
    if "order" in key:
        key["order"] = qtype(q["type"]).map_ids(list(key["order"]), lookup)
    feedback = dict(q.get("feedback", {}))
    feedback["options"] = {lookup("options", k): v for k, v in feedback.get("options", {}).items()}
    return {**q, "view": view, "key": key, "feedback": feedback, "shown": {}}


@lru_cache(maxsize=1)
def text_rules() -> dict[str, Any]:
    """The characters the server's text and number rules treat specially, from Python's own
    Unicode tables: zero-width (removed), whitespace (``str.split``), where case folding
    differs from lower-casing one character, and the zero of each run of decimal digits."""
    zero_width = "".join(chr(code) for code in sorted(ZERO_WIDTH))
    spaces, fold, zeros = [], {}, []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace():
            spaces.append(char)
        folded = char.casefold()
        if folded != char.lower():
            fold[char] = folded
        if unicodedata.decimal(char, None) == 0:
            zeros.append(code)
    return {"zeroWidth": zero_width, "spaces": "".join(spaces), "fold": fold, "zeros": zeros}


def page_json(value: object) -> str:
    """``value`` as JSON safe inside an HTML ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
