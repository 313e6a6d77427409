"""Answering quizzes and knowledge checks in tests: every question type answered right or
wrong through the type's own rules (``quizzes.qtypes``), and lessons with knowledge checks."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterable
from typing import Any

from quizzes.qtypes import form_fields, qtype
from quizzes.snapshot import presentation, responses_to_shown


def responses_for(snapshot: dict, *, right: bool = True, wrong: Collection[str] = ()) -> dict:
    """Responses (key ids, as the services take them) answering every question of ``snapshot``
    right (or wrong); the question types in ``wrong`` are answered wrong whatever ``right``
    says."""
    responses = {}
    for q in snapshot["questions"]:
        rules = qtype(q["type"])
        ok = right and q["type"] not in wrong
        responses[q["id"]] = rules.right_answer(q) if ok else rules.wrong_answer(q)
    return responses


def form_for(attempt: Any, *, right: bool = True) -> dict:
    """Form fields answering every question of ``attempt`` right (or wrong), from its key (in
    key ids, server-side) written with the ids the page shows."""
    snapshot = attempt.snapshot
    shown = responses_to_shown(snapshot, responses_for(snapshot, right=right))
    data: dict = {}
    for q in presentation(snapshot):
        data.update(form_fields(q, shown[q["id"]]))
    return data


def lesson_with_checks(
    lesson: Any, checks: dict[str, tuple[str, dict]], *, before: Iterable[dict] = ()
) -> Any:
    """``lesson`` published with a body of the blocks ``before``, then one knowledge check per
    entry of ``checks`` (check block id -> (question type, question value)); refreshed."""
    body = list(before)
    for check_id, (question_type, value) in checks.items():
        question = {"type": question_type, "id": str(uuid.uuid4()), "value": value}
        body.append({"type": "check", "id": check_id, "value": [question]})
    lesson.body = json.dumps(body)
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    return lesson
