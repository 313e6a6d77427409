"""Knowledge checks in lessons: the quiz question types and scoring, counting for nothing.

A check is graded on the server like a quiz question (its answer is not in the page), gives
feedback at once, and records nothing: it is practice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .scoring import InvalidResponse, score_question
from .snapshot import keys, presentation, question_from_block


@dataclass(frozen=True)
class CheckResult:
    correct: bool
    answered: bool
    feedback: str
    option_feedback: tuple[str, ...]
    explanation: str
    answer: str  # the right answer, shown after trying


def check_question(stream_value, block_id: str) -> dict | None:
    """The snapshot question of a lesson's check block (a one-question stream), with options
    shuffled the same way every time (seeded by the block id)."""
    if not len(stream_value):
        return None
    child = stream_value[0]
    rng = random.Random(block_id)  # noqa: S311 (presentation order, not a secret)
    return question_from_block(
        child.block_type,
        child.value,
        f"c-{block_id}",
        {"kind": "check", "block": block_id},
        rng,
        shuffle=True,
    )


def check_view(question: dict) -> dict:
    return presentation({"questions": [question]})[0]


def check_answer(question: dict, response) -> CheckResult:
    """Grade one practice answer. A response that does not fit the question is unanswered."""
    (key,) = keys({"questions": [question]})
    try:
        result = score_question(key, response)
    except InvalidResponse:
        result = score_question(key, None)
    chosen = response if isinstance(response, list) else [response]
    options = question["feedback"]["options"]
    return CheckResult(
        correct=result.correct,
        answered=result.answered,
        feedback=question["feedback"]["correct" if result.correct else "incorrect"],
        option_feedback=tuple(options[c] for c in chosen if isinstance(c, str) and c in options)
        if question["type"] in {"single", "multiple"}
        else (),
        explanation=question["feedback"]["explanation"],
        answer="; ".join(question["answer"]),
    )
