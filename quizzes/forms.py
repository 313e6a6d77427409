"""Turn an attempt form's fields into responses, and saved responses back into form values.

Field names: ``q-<question id>`` for single choice, multiple response (several values), true or
false, numeric and short text; ``q-<question id>-<item id>`` for matching (the right item
chosen) and ordering (the position given). Option, item and right ids here are the *shown* ids
of ``snapshot.presentation()``; the caller maps them to key ids with
``snapshot.responses_to_key_ids()``. No ORM: plain data in and out.
"""

from __future__ import annotations

from .qtypes import qtype


def responses_from_post(questions: list[dict], post) -> dict:
    """Responses for the questions shown (``presentation()`` items) from a QueryDict-like
    ``post``. Unanswered questions are left out; positions that cannot be read give a list the
    scorer will refuse with a message (not a permutation)."""
    responses: dict = {}
    for q in questions:
        value = qtype(q["type"]).from_form(q, f"q-{q['id']}", post)
        if value not in (None, "", [], {}):
            responses[q["id"]] = value
    return responses


def form_values(questions: list[dict], responses: dict) -> dict:
    """What each question's inputs should show, from saved responses."""
    return {q["id"]: qtype(q["type"]).form_value(responses.get(q["id"])) for q in questions}
