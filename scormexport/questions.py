"""What the browser needs to mark a question inside an exported package (ADR 0025).

Pure: snapshot questions (``quizzes.snapshot``) in, JSON-able dicts out; no Django. In a
package a knowledge check and the quiz are marked by our script (``package/marking.js``) with
no server, so each question carries its key: the same key the server grades with, written so
the script can apply the server's rules (``quizzes.qtypes``) without re-implementing their
subtleties: numbers as plain decimal text (compared exactly in the browser), short answers
already normalised as ``normalise_text`` reads them, and the correct answer as the platform
writes it (``correct_text``) in the export's language.

The text rules the script needs (which characters are zero-width, whitespace, decimal digits,
and where case folding differs from lower-casing) are taken here from Python's own tables, the
ones the server's ``normalise_text`` and ``parse_number`` use, and written into the package by
``text_rules_script``.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from quizzes.qtypes import correct_text
from quizzes.qtypes.base import normalise_text
from quizzes.qtypes.rules import ZERO_WIDTH
from quizzes.qtypes.text import Words, plain_number


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
    """The snapshot question ``q`` as our script marks it: id, type, points, key, feedback and
    the correct answer as text. ``q``'s shown ids must be its key ids (the exporter draws it
    so): in a package the key travels with the page, so there is nothing to hide them from."""
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


def quiz_marking(
    questions: Sequence[Mapping[str, Any]], pass_mark: int, words: Words
) -> dict[str, Any]:
    """A quiz's questions as our script marks them, and its pass mark (a percentage)."""
    return {"passMark": int(pass_mark), "questions": [marking(q, words) for q in questions]}


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


def text_rules_script() -> bytes:
    """``shared/text-rules.js``: ``text_rules()`` for our marking script."""
    rules = json.dumps(text_rules(), ensure_ascii=True, sort_keys=True)
    return (
        "// Written by the exporter from the server's Unicode tables (scormexport.questions).\n"
        f"window.scormTextRules = {rules};\n"
    ).encode("ascii")


def page_json(value: object) -> str:
    """``value`` as JSON safe inside an HTML ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
