"""Turn an attempt form's fields into responses, and saved responses back into form values.

Field names: ``q-<question id>`` for single choice, multiple response (several values), true or
false, numeric and short text; ``q-<question id>-<item id>`` for matching (the right item
chosen) and ordering (the position given). Option, item and right ids here are the *shown* ids
of ``snapshot.presentation()``; the caller maps them to key ids with
``snapshot.responses_to_key_ids()``. No ORM: plain data in and out.
"""

from __future__ import annotations


def responses_from_post(questions: list[dict], post) -> dict:
    """Responses for the questions shown (``presentation()`` items) from a QueryDict-like
    ``post``. Unanswered questions are left out; positions that cannot be read give a list the
    scorer will refuse with a message (not a permutation)."""
    responses: dict = {}
    for q in questions:
        name = f"q-{q['id']}"
        kind = q["type"]
        if kind == "multiple":
            value = post.getlist(name)
        elif kind == "matching":
            value = {
                left["id"]: post.get(f"{name}-{left['id']}")
                for left in q["lefts"]
                if post.get(f"{name}-{left['id']}")
            }
        elif kind == "ordering":
            positions = {item["id"]: post.get(f"{name}-{item['id']}", "") for item in q["items"]}
            if not any(positions.values()):
                continue
            try:
                ranked = sorted(positions, key=lambda item_id: int(positions[item_id]))
            except ValueError:
                ranked = []
            if len({positions[i] for i in positions}) != len(positions):
                ranked = []  # two items in one place: not an order
            value = ranked or ["?"]
        else:
            value = (post.get(name) or "").strip()
        if value not in (None, "", [], {}):
            responses[q["id"]] = value
    return responses


def form_values(questions: list[dict], responses: dict) -> dict:
    """What each question's inputs should show, from saved responses."""
    values = {}
    for q in questions:
        saved = responses.get(q["id"])
        if q["type"] == "ordering" and isinstance(saved, list):
            values[q["id"]] = {item_id: str(i) for i, item_id in enumerate(saved, start=1)}
        elif q["type"] == "multiple":
            values[q["id"]] = set(saved or [])
        else:
            values[q["id"]] = saved if saved is not None else ""
    return values
