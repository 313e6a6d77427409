"""Knowledge checks in lessons: the quiz question types and scoring, counting for nothing.

A check is graded on the server like a quiz question (its answer is not in the page), gives
feedback at once, and records nothing: it is practice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from .forms import form_values
from .qtypes import correct_text, qtype
from .qtypes.base import InvalidResponse
from .scoring import score_question
from .snapshot import keys, presentation, question_from_block, responses_to_key_ids
from .wording import words


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
    shuffled the same way every time (seeded by the block id). A check keeps no state between
    showing and grading, so its shown ids are a keyed hash (the node's secret key) of the block
    and the key id: the same on every request, and opaque in the page."""
    if not len(stream_value):
        return None
    child = stream_value[0]
    rng = random.Random(block_id)  # noqa: S311 (presentation order, not a secret)

    def token(role: str, key_id: str) -> str:
        digest = salted_hmac("quizzes.practice.shown-id", f"{block_id}\n{role}\n{key_id}")
        return digest.hexdigest()[:16]

    return question_from_block(
        child.block_type,
        child.value,
        f"c-{block_id}",
        {"kind": "check", "block": block_id},
        rng,
        shuffle=True,
        token=token,
    )


def check_view(question: dict) -> dict:
    return presentation({"questions": [question]})[0]


def check_answer(question: dict, response) -> CheckResult:
    """Grade one practice answer, as the page sent it (shown ids). A response that does not
    fit the question is unanswered."""
    snapshot = {"questions": [question]}
    response = responses_to_key_ids(snapshot, {question["id"]: response})[question["id"]]
    (key,) = keys(snapshot)
    try:
        result = score_question(key, response)
    except InvalidResponse:
        result = score_question(key, None)
    chosen = qtype(question["type"]).chosen(response)
    options = question["feedback"]["options"]
    return CheckResult(
        correct=result.correct,
        answered=result.answered,
        feedback=question["feedback"]["correct" if result.correct else "incorrect"],
        option_feedback=tuple(options[c] for c in chosen if isinstance(c, str) and c in options),
        explanation=question["feedback"]["explanation"],
        answer=correct_text(question, words()),
    )


_SESSION_PREFIX = "quizzes.practice.answer:"


def _session_key(block_id: str) -> str:
    return f"{_SESSION_PREFIX}{block_id}"


def answer_remember(session, block_id: str, response) -> None:
    """Keep an officer's answer to a check (in shown ids, as the page sent it) until the lesson
    shows it again, so the page that reloads without JavaScript still has their choice."""
    if response in (None, "", [], {}):
        session.pop(_session_key(block_id), None)
    else:
        session[_session_key(block_id)] = response


def answer_kept(session, block_id: str) -> bool:
    """Whether an answer to this check is kept for the page to show (``answer_remember``)."""
    return _session_key(block_id) in session


def answers_kept(session) -> bool:
    """Whether an answer to any check is kept for a page to show once (a lesson page showing
    it is not one to keep: ``learning.pagecache``)."""
    return any(key.startswith(_SESSION_PREFIX) for key in session.keys())  # noqa: SIM118 - a session has no __iter__


def answer_recalled(session, question: dict, block_id: str):
    """The form value of the answer kept for this check (once: a later visit starts afresh),
    or "" if there is none."""
    response = session.pop(_session_key(block_id), None)
    if response is None:
        return ""
    return form_values([question], {question["id"]: response})[question["id"]]
