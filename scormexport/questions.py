"""What the browser needs to mark a question inside an exported package (ADR 0025): the
marking data of ``quizzes.marking`` (shared with knowledge checks answered offline), the
quiz's pass mark, and the text rules written as the script the package loads.

Pure: snapshot questions (``quizzes.snapshot``) in, JSON-able dicts out; no Django. In a
package a knowledge check and the quiz are marked by ``quizzes/static/quizzes/marking.js``
with no server, so each question carries its key; the exporter draws the questions with their
key ids as shown ids (nothing to hide them from in a package).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from quizzes.marking import marking, page_json, text_rules
from quizzes.qtypes.text import Words

__all__ = ["marking", "page_json", "quiz_marking", "text_rules", "text_rules_script"]


def quiz_marking(
    questions: Sequence[Mapping[str, Any]], pass_mark: int, words: Words
) -> dict[str, Any]:
    """A quiz's questions as our script marks them, and its pass mark (a percentage)."""
    return {"passMark": int(pass_mark), "questions": [marking(q, words) for q in questions]}


def text_rules_script() -> bytes:
    """``shared/text-rules.js``: ``text_rules()`` for our marking script."""
    rules = json.dumps(text_rules(), ensure_ascii=True, sort_keys=True)
    return (
        "// Written by the exporter from the server's Unicode tables (quizzes.marking).\n"
        f"window.scormTextRules = {rules};\n"
    ).encode("ascii")
