"""What an officer may see of a graded attempt, by the quiz's review option.

Pure: plain data in, plain data out; no Django (an import-linter contract says so).

The review options (``modules.models.ReviewOption`` values) and the levels they give:
``score`` (the score only), ``which`` (also which questions were right), ``answers`` (also the
correct answers and feedback, after every attempt) and ``final`` (``which`` until the officer
has passed or has no attempt left, then ``answers``). While an attempt is open, no option shows
correct answers: an officer could read them in one tab and answer in another.
"""

from __future__ import annotations

from .qtypes import correct_text, qtype, response_text
from .qtypes.text import Words

SCORE, WHICH, ANSWERS, FINAL = "score", "which", "answers", "final"


def review_level(
    *, option: str, passed: bool, attempts_left: int | None, attempt_open: bool
) -> str:
    """The level (``score``, ``which`` or ``answers``) to show for a graded attempt.

    ``passed``: the officer has passed the quiz (by any graded attempt); ``attempts_left``: how
    many more attempts they may start (None: no limit); ``attempt_open``: they have an attempt
    in progress. Correct answers are shown only when no attempt is open, and, for ``final``,
    only after a pass or when no attempt is left. An unknown option shows the score only.
    """
    if option not in {SCORE, WHICH, ANSWERS, FINAL}:
        return SCORE
    if option in {SCORE, WHICH}:
        return option
    if attempt_open:
        return WHICH
    if option == ANSWERS or passed or attempts_left == 0:
        return ANSWERS
    return WHICH


def answers_before_last_attempt(*, option: str, max_attempts: int) -> bool:
    """True when ``option`` shows the correct answers while the officer may still try again
    (``max_attempts`` 0 means no limit): what a trainer choosing it must be told."""
    return option == ANSWERS and max_attempts != 1


def review(
    *,
    snapshot: dict,
    responses: dict,
    question_scores: dict,
    level: str,
    words: Words = Words(),  # noqa: B008 (frozen)
) -> list[dict]:
    """Per question, only what ``level`` allows: "score" nothing per question, "which" whether
    each was right, "answers" also the officer's answer, the correct answer (written with
    ``words``, see ``answers``) and feedback."""
    if level == "score":
        return []
    items = []
    for n, q in enumerate(snapshot["questions"], start=1):
        scored = question_scores.get(q["id"], {})
        item = {
            "number": n,
            "stem": q["view"]["stem"],
            "correct": scored.get("correct", False),
            "answered": scored.get("answered", False),
            "score": scored.get("score", "0"),
            "points": q["points"],
        }
        if level == "answers":
            response = responses.get(q["id"])
            chosen = qtype(q["type"]).chosen(response)
            item.update(
                your_answer=response_text(q, response, words),
                correct_answer=correct_text(q, words),
                feedback=q["feedback"]["correct"]
                if item["correct"]
                else q["feedback"]["incorrect"],
                option_feedback=[
                    q["feedback"]["options"][c] for c in chosen if c in q["feedback"]["options"]
                ],
                explanation=q["feedback"]["explanation"],
            )
        items.append(item)
    return items
