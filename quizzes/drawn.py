"""An attempt's questions stored once: a snapshot question split into the part every officer
who drew it shares and the part that is this attempt's own (ADR 0051).

A snapshot question (``quizzes.snapshot``) is its id, type, points, source, view (stem, and
options, matching lefts and rights or ordering items in the order drawn), key, feedback and
answer text, and its shown ids (random per attempt, ``"shown"``). The lists are shuffled per
attempt (always, for matching rights and ordering items), so the same question comes in many
orders. Stored whole, an attempt was 15 KB: 238 MB for 15,739 attempts, written again by every
node a packet reaches (issue 13).

So the question less its shown ids, its view's lists in the order of their ids, is its *shared
part*, stored once (``quizzes.models.DrawnQuestion``) as its canonical JSON text, named by the
SHA-256 of that text (its *digest*), and the attempt keeps ``{"ref": digest, "order": {list:
[positions]}, "shown": {...}}``: the order it drew each list in, as positions in the part's
list. The name is the content: a node that receives a part checks the text against its name,
two posts that draw the same question name the same part, and a part once written never
changes. (The answer text stays in the part: it is the same in every order, except that of a
question with several right options, whose text follows their order: a part per such order.)

Pure functions; ``quizzes.drawnstore`` keeps and reads the parts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import orjson

REF = "ref"
ORDER = "order"
OWN = ("shown",)  # the keys of a snapshot question that are the attempt's own
# The view's lists drawn in an order of the attempt's own (``quizzes.snapshot.SHOWN_ROLES``),
# each entry named by its "id".
LISTS = ("options", "lefts", "rights", "items")


def canonical(part: Mapping) -> str:
    """The one text of a shared part: JSON, keys sorted, no spaces, UTF-8 as it is."""
    return orjson.dumps(part, option=orjson.OPT_SORT_KEYS).decode()


def digest(text: str) -> str:
    """The name of a part's text: its SHA-256, 64 lowercase hex digits."""
    return hashlib.sha256(text.encode()).hexdigest()


def _ids(entries: object) -> list[str] | None:
    """The ids of a view's list, if every entry has one of its own."""
    if not isinstance(entries, list):
        return None
    ids = [e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)]
    return ids if len(ids) == len(entries) == len(set(ids)) else None


def _question_split(question: dict) -> tuple[dict, dict]:
    """(the shared part, the attempt's own) of one whole question."""
    shared = {k: v for k, v in question.items() if k not in OWN}
    own = {k: question[k] for k in OWN if k in question}
    view = shared.get("view")
    if isinstance(view, dict):
        drawn = {role: ids for role in LISTS if (ids := _ids(view.get(role))) is not None}
        if drawn:
            by_id = {role: sorted(ids) for role, ids in drawn.items()}
            shared["view"] = {
                **view,
                **{role: sorted(view[role], key=lambda e: e["id"]) for role in drawn},
            }
            own[ORDER] = {role: [by_id[role].index(i) for i in ids] for role, ids in drawn.items()}
    return shared, own


def split(snapshot: object) -> tuple[object, dict[str, str]]:
    """``snapshot`` with each whole question replaced by a reference to its shared part and
    what is the attempt's own, and those parts' texts by digest. A question already a
    reference, or anything that is not a snapshot (no list of questions), is left as it is."""
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("questions"), list):
        return snapshot, {}
    parts: dict[str, str] = {}
    questions = []
    for question in snapshot["questions"]:
        if not isinstance(question, dict) or REF in question:
            questions.append(question)
            continue
        shared, own = _question_split(question)
        text = canonical(shared)
        name = digest(text)
        parts[name] = text
        questions.append({REF: name, **own})
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


def _in_order(entries: list, positions: object) -> list:
    """``entries`` in the order of ``positions`` (indexes into ``entries``); entries it does
    not name follow, as they are (an order that names what the part lacks, or names an entry
    twice, cannot lose or invent an option)."""
    taken: dict[int, None] = {}  # in order, each once
    if isinstance(positions, list):
        for i in positions:
            if type(i) is int and 0 <= i < len(entries):
                taken.setdefault(i)
    return [entries[i] for i in taken] + [e for i, e in enumerate(entries) if i not in taken]


def joined(snapshot: object, texts: Mapping[str, str]) -> object:
    """``snapshot`` with each reference replaced by the whole question: its shared part (from
    ``texts``, by digest), its lists in the attempt's order, with the attempt's own shown ids.
    Raises KeyError for a part not in ``texts``."""
    if not isinstance(snapshot, dict) or not isinstance(snapshot.get("questions"), list):
        return snapshot
    questions = []
    for question in snapshot["questions"]:
        if not (isinstance(question, dict) and REF in question):
            questions.append(question)
            continue
        whole = orjson.loads(texts[question[REF]])
        order = question.get(ORDER)
        view = whole.get("view")
        if isinstance(order, dict) and isinstance(view, dict):
            for role in LISTS:
                if role in order and _ids(view.get(role)) is not None:
                    view[role] = _in_order(view[role], order[role])
        whole.update({k: question[k] for k in OWN if k in question})
        questions.append(whole)
    return {**snapshot, "questions": questions}
