"""Draw an attempt's questions from a quiz page, and split each into what the officer sees and
the key the server grades with.

The snapshot is stored with the attempt, so grading, review and statistics use exactly the
questions, order and wording the officer had, whatever a trainer edits afterwards. Only
``presentation()`` output ever reaches a template before submission.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils.translation import gettext as _

from modules.models import QuizPage
from questionbank.models import Question

from .scoring import Option, QuestionKey, QuestionType


class QuizNotReady(Exception):
    """The quiz cannot be drawn (no questions, a draw larger than its category)."""


def _items(list_value) -> list[tuple[str, object]]:
    """(id, value) of each item of a ListBlock value."""
    return [(child.id, child.value) for child in list_value.bound_blocks]


def question_from_block(block_type: str, value, qid: str, source: dict, rng, shuffle: bool) -> dict:
    """One question block as a snapshot question: its view, key, feedback and answer text."""

    def shuffled(seq: list) -> list:
        seq = list(seq)
        if shuffle:
            rng.shuffle(seq)
        return seq

    view: dict = {"stem": str(value["stem"]), "unit": ""}
    key: dict = {}
    feedback: dict = {
        "correct": value.get("feedback_correct", ""),
        "incorrect": value.get("feedback_incorrect", ""),
        "explanation": value.get("explanation", ""),
        "options": {},
    }
    if value.get("image"):
        view["image"] = value["image"].pk
    if value.get("audio"):
        view["audio"] = value["audio"].url
    answer: list[str] = []
    if block_type in {"single", "multiple"}:
        options = _items(value["options"])
        view["options"] = [{"id": oid, "text": o["text"]} for oid, o in shuffled(options)]
        key["options"] = [{"id": oid, "correct": bool(o["correct"])} for oid, o in options]
        key["partial_credit"] = bool(value.get("partial_credit"))
        feedback["options"] = {oid: o["feedback"] for oid, o in options if o["feedback"]}
        answer = [o["text"] for _oid, o in options if o["correct"]]
    elif block_type == "true_false":
        key["correct_answer"] = value["correct_answer"] == "true"
        answer = [_("True") if key["correct_answer"] else _("False")]
    elif block_type == "matching":
        pairs = _items(value["pairs"])
        view["lefts"] = [{"id": pid, "text": p["left"]} for pid, p in pairs]
        view["rights"] = [{"id": pid, "text": p["right"]} for pid, p in shuffled(pairs)]
        key["pairs"] = [[pid, pid] for pid, _p in pairs]
        key["partial_credit"] = bool(value.get("partial_credit"))
        answer = [f"{p['left']} → {p['right']}" for _pid, p in pairs]
    elif block_type == "ordering":
        items = _items(value["items"])
        view["items"] = [{"id": iid, "text": text} for iid, text in shuffled(items)]
        key["order"] = [iid for iid, _text in items]
        key["partial_credit"] = bool(value.get("partial_credit"))
        answer = [text for _iid, text in items]
    elif block_type == "numeric":
        key["number"] = str(value["answer"])
        key["tolerance"] = str(value.get("tolerance") or 0)
        view["unit"] = value.get("unit", "")
        answer = [f"{value['answer']} ± {value.get('tolerance') or 0} {view['unit']}".strip()]
    elif block_type == "short_text":
        key["accepted"] = list(value["accepted"])
        answer = list(value["accepted"])
    else:
        raise ValueError(f"Unknown question type {block_type!r}")
    return {
        "id": qid,
        "type": block_type,
        "points": int(value["points"]),
        "source": source,
        "view": view,
        "key": key,
        "feedback": feedback,
        "answer": answer,
    }


def _bank(question: Question, rng, shuffle: bool) -> dict:
    question = question.localized
    block = question.block
    if block is None:
        raise QuizNotReady(_("The bank question “%(title)s” is empty.") % {"title": question})
    source = {
        "kind": "bank",
        "key": str(question.translation_key),
        "locale": question.locale.language_code,
    }
    return question_from_block(
        block.block_type, block.value, f"b-{question.translation_key}", source, rng, shuffle
    )


def draw(*, quiz: QuizPage, rng: random.Random) -> dict:
    """Draw an attempt's questions from ``quiz``: fixed questions, random draws from bank
    categories, the quiz's own questions; shuffled if the quiz says so. Raises QuizNotReady
    with a message for trainers and officers when it cannot be drawn."""
    questions: list[dict] = []
    drawn: set[str] = set()
    for item in quiz.questions:
        if item.block_type == "bank_question":
            if item.value is None:
                continue
            q = _bank(item.value, rng, quiz.shuffle_options)
        elif item.block_type == "random_draw":
            category, count = item.value["category"], item.value["count"]
            pool = [
                q
                for q in Question.objects.filter(
                    category=category, locale=category.locale
                ).order_by("pk")
                if f"b-{q.translation_key}" not in drawn
            ]
            if count > len(pool):
                raise QuizNotReady(
                    _(
                        "The quiz asks for %(count)s questions from “%(category)s”, which has "
                        "only %(available)s."
                    )
                    % {"count": count, "category": category, "available": len(pool)}
                )
            for question in rng.sample(pool, count):
                q = _bank(question, rng, quiz.shuffle_options)
                questions.append(q)
                drawn.add(q["id"])
            continue
        else:
            block_type = item.block_type.removeprefix("own_")
            q = question_from_block(
                block_type,
                item.value,
                f"o-{item.id}",
                {"kind": "own", "block": item.id},
                rng,
                quiz.shuffle_options,
            )
        if q["id"] in drawn:
            continue
        questions.append(q)
        drawn.add(q["id"])
    if not questions:
        raise QuizNotReady(_("This quiz has no questions yet."))
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    return {"questions": questions}


def keys(snapshot: dict) -> list[QuestionKey]:
    """The answer keys of a snapshot, for ``scoring.score_attempt``."""
    result = []
    for q in snapshot["questions"]:
        k = q["key"]
        result.append(
            QuestionKey(
                id=q["id"],
                type=QuestionType(q["type"]),
                points=q["points"],
                options=tuple(
                    Option(id=o["id"], correct=o["correct"]) for o in k.get("options", [])
                ),
                partial_credit=k.get("partial_credit", False),
                correct_answer=k.get("correct_answer"),
                pairs=tuple(tuple(p) for p in k.get("pairs", [])),
                order=tuple(k.get("order", [])),
                number=Decimal(k["number"]) if "number" in k else None,
                tolerance=Decimal(k.get("tolerance", "0")),
                accepted=tuple(k.get("accepted", [])),
            )
        )
    return result


def presentation(snapshot: dict) -> list[dict]:
    """What the officer may see before submitting: stems and choices, no keys, no feedback."""
    return [
        {"id": q["id"], "type": q["type"], "points": q["points"], "number": n, **q["view"]}
        for n, q in enumerate(snapshot["questions"], start=1)
    ]
