"""What an officer may see of a graded attempt, by the quiz's review option."""

from __future__ import annotations


def _answer_text(q: dict, response) -> str:
    view = q["view"]
    if response in (None, "", [], {}):
        return ""
    if q["type"] in {"single", "multiple"}:
        texts = {o["id"]: o["text"] for o in view["options"]}
        chosen = response if isinstance(response, list) else [response]
        return "; ".join(texts.get(c, "?") for c in chosen)
    if q["type"] == "matching":
        lefts = {o["id"]: o["text"] for o in view["lefts"]}
        rights = {o["id"]: o["text"] for o in view["rights"]}
        return "; ".join(f"{lefts.get(k, '?')} → {rights.get(v, '?')}" for k, v in response.items())
    if q["type"] == "ordering":
        texts = {o["id"]: o["text"] for o in view["items"]}
        return " → ".join(texts.get(i, "?") for i in response)
    return str(response)


def review(*, snapshot: dict, responses: dict, question_scores: dict, level: str) -> list[dict]:
    """Per question, only what ``level`` allows: "score" nothing per question, "which" whether
    each was right, "answers" also the officer's answer, the correct answer and feedback."""
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
            chosen = (
                []
                if q["type"] not in {"single", "multiple"}
                else (response if isinstance(response, list) else [response])
            )
            item.update(
                your_answer=_answer_text(q, response),
                correct_answer="; ".join(q["answer"]),
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
