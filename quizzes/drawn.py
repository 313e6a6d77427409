"""An attempt's questions stored once: a snapshot question split into the part every officer
who drew it shares and the part that is this attempt's own (ADR 0051).

A snapshot question (``quizzes.snapshot``) is its id, type, points, source, view (stem and
options in the order drawn), key, feedback and answer text, which are the same for every
attempt that drew that question in that order, and its shown ids (``"shown"``), which are
random per attempt. Stored whole, the shared part was 80 % of an attempt's 15 KB: 238 MB for
15,739 attempts, written again by every node a packet reaches (issue 13).

So the shared part is stored once (``quizzes.models.DrawnQuestion``), as its canonical JSON
text, named by the SHA-256 of that text (its *digest*), and the attempt keeps
``{"ref": digest, "shown": {...}}`` for it. The name is the content: a node that receives a
part checks the text against its name, two posts that draw the same question name the same
part, and a part once written never changes.

Pure functions; ``quizzes.drawnstore`` keeps and reads the parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import orjson

REF = "ref"
OWN = "shown"  # the one key of a snapshot question that is the attempt's own


def canonical(part: Mapping) -> str:
    """The one text of a shared part: JSON, keys sorted, no spaces, UTF-8 as it is."""
    return orjson.dumps(part, option=orjson.OPT_SORT_KEYS).decode()


def digest(text: str) -> str:
    """The name of a part's text: its SHA-256, 64 lowercase hex digits."""
    return hashlib.sha256(text.encode()).hexdigest()


def split(snapshot: object) -> tuple[object, dict[str, str]]:
    """``snapshot`` with each whole question replaced by a reference to its shared part, and
    those parts' texts by digest. A question already a reference, or anything that is not a
    snapshot (no list of questions), is left as it is."""
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("questions"), list):
        return snapshot, {}
    parts: dict[str, str] = {}
    questions = []
    for question in snapshot["questions"]:
        if not isinstance(question, dict) or REF in question:
            questions.append(question)
            continue
        text = canonical({k: v for k, v in question.items() if k != OWN})
        name = digest(text)
        parts[name] = text
        questions.append({REF: name, **({OWN: question[OWN]} if OWN in question else {})})
    return {**snapshot, "questions": questions}, parts


def named(snapshot: object) -> set[str]:
    """The digests of the shared parts ``snapshot`` refers to."""
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("questions"), list):
        return set()
    return {
        q[REF] for q in snapshot["questions"] if isinstance(q, dict) and isinstance(q.get(REF), str)
    }


def named_in_text(text: object) -> set[str]:
    """``named`` for a snapshot as JSON text (a wire value); nothing for text that is not."""
    if not isinstance(text, str | bytes):
        return set()
    try:
        return named(orjson.loads(text))
    except orjson.JSONDecodeError:
        return set()


def joined(snapshot: object, texts: Mapping[str, str]) -> object:
    """``snapshot`` with each reference replaced by the whole question: its shared part (from
    ``texts``, by digest) with the attempt's own shown ids. Raises KeyError for a part not in
    ``texts``."""
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("questions"), list):
        return snapshot
    questions = []
    for question in snapshot["questions"]:
        if isinstance(question, dict) and REF in question:
            whole = orjson.loads(texts[question[REF]])
            if OWN in question:
                whole[OWN] = question[OWN]
            questions.append(whole)
        else:
            questions.append(question)
    return {**snapshot, "questions": questions}
