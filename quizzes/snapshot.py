"""Draw an attempt's questions from a quiz page, and split each into what the officer sees and
the key the server grades with.

The snapshot is stored with the attempt, so grading, review and statistics use exactly the
questions, order and wording the officer had, whatever a trainer edits afterwards. Only
``presentation()`` output ever reaches a template before submission.

Key ids and shown ids. A snapshot's view, key, feedback and the stored responses name options,
matching lefts and rights, and ordering items by their *key ids* (the question block's own ids:
stable across attempts, so statistics can count an option over many attempts; a matching
pair's left and right share one). The page never sees them: each question also keeps, under
``"shown"``, an opaque *shown id* per option, left, right and item (``"options"``, ``"lefts"``,
``"rights"``, ``"items"``: key id -> shown id), made by the ``token`` function the caller hands
in (random per attempt). ``presentation()`` writes shown ids; ``responses_to_key_ids()`` maps
what the form sends back to key ids on the server, before anything is validated, saved or
graded; ``responses_to_shown()`` maps saved answers back for the form. Snapshots stored before
shown ids existed have no ``"shown"``: their shown ids are their key ids, as they always were.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from decimal import Decimal

from django.utils.translation import gettext as _

from modules.models import QuizPage
from questionbank.models import Question

from .draws import prefer_unseen
from .qtypes import correct_text, qtype
from .qtypes.base import Option, QuestionKey
from .wording import words

# A question's shown-id maps, by what the ids name: choice options, matching lefts and rights,
# ordering items.
SHOWN_ROLES = ("options", "lefts", "rights", "items")

Token = Callable[[str, str], str]
"""``token(role, key_id)``: the shown id of one option, left, right or item. It must not be
derivable from the page (random, or a keyed hash kept on the server) and must be unique within
a question."""


class QuizNotReady(Exception):
    """The quiz cannot be drawn (no questions, a draw larger than its category)."""


def _items(list_value) -> list[tuple[str, object]]:
    """(id, value) of each item of a ListBlock value."""
    return [(child.id, child.value) for child in list_value.bound_blocks]


def question_from_block(
    block_type: str, value, qid: str, source: dict, rng, shuffle: bool, token: Token
) -> dict:
    """One question block as a snapshot question: its view, key, feedback, answer text and
    shown ids (from ``token``).

    Matching rights and ordering items are always shuffled, whatever ``shuffle`` says: in the
    authored order, their order would be the key (the right beside its left, the items in
    sequence)."""

    def shuffled(seq: list, always: bool) -> list:
        seq = list(seq)
        if shuffle or always:
            rng.shuffle(seq)
        return seq

    view: dict = {"stem": str(value["stem"]), "unit": ""}
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
    extra, key, feedback["options"] = qtype(block_type).split(value, _items, shuffled)
    view.update(extra)
    # Kept for snapshots' readers on nodes not yet upgraded; pages write the answer afresh
    # from the key, in the viewer's language (``qtypes.correct_text``).
    answer = [correct_text({"type": block_type, "view": view, "key": key}, words())]
    shown = {
        role: {entry["id"]: token(role, entry["id"]) for entry in view[role]}
        for role in SHOWN_ROLES
        if role in view
    }
    return {
        "id": qid,
        "type": block_type,
        "points": int(value["points"]),
        "source": source,
        "view": view,
        "key": key,
        "feedback": feedback,
        "answer": answer,
        "shown": shown,
    }


def _bank(question: Question, rng, shuffle: bool, token: Token) -> dict:
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
        block.block_type,
        block.value,
        f"b-{question.translation_key}",
        source,
        rng,
        shuffle,
        token,
    )


def draw(
    *,
    quiz: QuizPage,
    rng: random.Random,
    token: Token,
    seen: Collection[str] = frozenset(),
) -> dict:
    """Draw an attempt's questions from ``quiz``: fixed questions, random draws from bank
    categories, the quiz's own questions; shuffled if the quiz says so. A random draw takes
    questions whose id is not in ``seen`` (those the officer was shown in earlier attempts)
    first, where its category has enough. ``token`` makes the shown ids (see the module's
    docstring). Raises QuizNotReady with a message for trainers and officers when it cannot be
    drawn."""
    questions: list[dict] = []
    drawn: set[str] = set()
    for item in quiz.questions:
        if item.block_type == "bank_question":
            if item.value is None:
                continue
            q = _bank(item.value, rng, quiz.shuffle_options, token)
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
            by_id = {f"b-{q.translation_key}": q for q in pool}
            for question_id in prefer_unseen(list(by_id), count=count, seen=seen, rng=rng):
                q = _bank(by_id[question_id], rng, quiz.shuffle_options, token)
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
                token,
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
                type=qtype(q["type"]).name,
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


def _shown_view(q: dict) -> dict:
    """The question's view with shown ids in place of key ids."""
    shown = q.get("shown", {})
    view = dict(q["view"])
    for role, ids in shown.items():
        view[role] = [{**entry, "id": ids.get(entry["id"], "")} for entry in view.get(role, [])]
    return view


def presentation(snapshot: dict) -> list[dict]:
    """What the officer may see before submitting: stems and choices under their shown ids;
    no keys, no key ids, no feedback."""
    return [
        {"id": q["id"], "type": q["type"], "points": q["points"], "number": n, **_shown_view(q)}
        for n, q in enumerate(snapshot["questions"], start=1)
    ]


# What a shown id that is not the question's becomes in key ids: never a key id, so validation
# refuses it as not one of the question's (a key id sent by a page is not one of its shown ids).
UNKNOWN = "?"


def _convert(snapshot: dict, responses: dict, *, to_key: bool) -> dict:
    questions = {q["id"]: q for q in snapshot["questions"]}
    converted = {}
    for question_id, response in responses.items():
        q = questions.get(question_id)
        if q is None or not q.get("shown") or response is None:
            converted[question_id] = response  # a snapshot from before shown ids: the same
            continue
        maps = q["shown"]
        if to_key:
            maps = {role: {s: k for k, s in ids.items()} for role, ids in maps.items()}

        def lookup(role: str, value, maps=maps):
            if not isinstance(value, str):
                return value
            return maps.get(role, {}).get(value, UNKNOWN if to_key else value)

        converted[question_id] = qtype(q["type"]).map_ids(response, lookup)
    return converted


def responses_to_key_ids(snapshot: dict, responses: dict) -> dict:
    """Responses as the page sent them (shown ids) in key ids, for validation, saving and
    grading. Only the server holds the map."""
    return _convert(snapshot, responses, to_key=True)


def responses_to_shown(snapshot: dict, responses: dict) -> dict:
    """Saved responses (key ids) in shown ids, for the attempt form."""
    return _convert(snapshot, responses, to_key=False)
