"""Question types live in one place (``quizzes.qtypes``): every type has its rules, its block and
its template partial; a type nothing registers is refused loudly, by name, wherever it turns up
(a snapshot synced from a newer node, say); snapshots are written exactly as before; and the
shared answering helper answers every type right or wrong through the attempt form."""

from __future__ import annotations

import json
import random
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.http import QueryDict
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from learning import services as learning
from questionbank.blocks import QUESTION_BLOCK_TYPES
from quizzes import forms, review, snapshot, statistics
from quizzes.models import AttemptDraft, QuizAttempt
from quizzes.practice import check_answer
from quizzes.qtypes import TYPES, QuestionType, correct_text, response_text
from quizzes.qtypes.base import UnknownQuestionType
from quizzes.qtypes.text import Words
from quizzes.scoring import score_attempt
from tests.answering import form_for, responses_for

ESSAY = {
    "id": "o-essay",
    "type": "essay",
    "points": 1,
    "source": {"kind": "own", "block": "essay"},
    "view": {"stem": "<p>Describe the scene.</p>", "unit": ""},
    "key": {},
    "feedback": {"correct": "", "incorrect": "", "explanation": "", "options": {}},
    "answer": [""],
    "shown": {},
}


def test_every_type_has_its_rules_its_block_and_its_template():
    assert set(TYPES) == set(QuestionType) == set(QUESTION_BLOCK_TYPES)
    for name in TYPES:
        assert get_template(f"quizzes/qtypes/{name}.html")


UNKNOWN_TYPE_USES = {
    "drawing it": lambda: snapshot.question_from_block(
        "essay", {"stem": "x", "points": 1}, "o-x", {}, random.Random(1), False, lambda r, k: k
    ),
    "its key": lambda: snapshot.keys({"questions": [ESSAY]}),
    "the ids the page sent": lambda: snapshot.responses_to_key_ids(
        {"questions": [{**ESSAY, "shown": {"options": {"a": "s"}}}]}, {"o-essay": "s"}
    ),
    "reading the form": lambda: forms.responses_from_post([ESSAY], QueryDict("q-o-essay=x")),
    "filling the form": lambda: forms.form_values([ESSAY], {"o-essay": "x"}),
    "the correct answer": lambda: correct_text(ESSAY, Words()),
    "the officer's answer": lambda: response_text(ESSAY, "x", Words()),
    "the review": lambda: review.review(
        snapshot={"questions": [ESSAY]},
        responses={"o-essay": "x"},
        question_scores={},
        level="answers",
    ),
    "a knowledge check": lambda: check_answer(ESSAY, "x"),
    "statistics": lambda: statistics.QuestionOutcome("o-essay", "essay", 1, 0, "x").chosen(),
}


@pytest.mark.parametrize("use", UNKNOWN_TYPE_USES.values(), ids=UNKNOWN_TYPE_USES.keys())
def test_an_unknown_type_is_refused_by_name_wherever_it_is_used(use):
    with pytest.raises(UnknownQuestionType, match="Unknown question type 'essay'"):
        use()


def test_the_attempt_page_refuses_a_question_of_an_unknown_type(client, quiz, enrolled):
    """An attempt synced from a node that knows a type this one does not: its page stops with
    the type's name instead of showing a question with nothing to answer it with."""
    drawn = snapshot.draw(quiz=quiz, rng=random.Random(3), token=lambda role, key_id: key_id)
    drawn["questions"][0]["type"] = "essay"
    with transaction.atomic():
        attempt = QuizAttempt.stamped(
            id=uuid.uuid4(),
            recorded_at=timezone.now(),
            learner=enrolled,
            quiz_key=quiz.translation_key,
            module_key=quiz.get_parent().specific.translation_key,
            course_key=quiz.get_parent().get_parent().specific.translation_key,
            number=1,
            content_locale="en",
            snapshot=drawn,
            pass_mark=quiz.pass_mark,
        )
        AttemptDraft.objects.create(attempt=attempt, responses={})
    with pytest.raises(UnknownQuestionType, match="'essay'"):
        client.get(reverse("quiz_attempt", args=[attempt.pk]))


class _ListValue:
    """What ``snapshot`` reads of a block's ListValue: items with their ids."""

    def __init__(self, *items):
        self.bound_blocks = [SimpleNamespace(id=i, value=v) for i, v in items]


def _option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


_BASE = {
    "stem": "<p>Q?</p>",
    "points": 2,
    "feedback_correct": "Yes.",
    "feedback_incorrect": "No.",
    "explanation": "Because.",
    "image": None,
    "audio": None,
}
BLOCK_VALUES = {
    "single": {
        **_BASE,
        "options": _ListValue(
            ("a", _option("A", True, "Right")),
            ("b", _option("B")),
            ("c", _option("C", False, "Not C")),
        ),
    },
    "multiple": {
        **_BASE,
        "options": _ListValue(
            ("a", _option("A", True)), ("b", _option("B", True)), ("c", _option("C"))
        ),
        "partial_credit": True,
    },
    "true_false": {**_BASE, "correct_answer": "false"},
    "matching": {
        **_BASE,
        "pairs": _ListValue(
            ("p1", {"left": "L1", "right": "R1"}),
            ("p2", {"left": "L2", "right": "R2"}),
            ("p3", {"left": "L3", "right": "R3"}),
        ),
        "partial_credit": False,
    },
    "ordering": {
        **_BASE,
        "items": _ListValue(("i1", "First"), ("i2", "Second"), ("i3", "Third")),
        "partial_credit": True,
    },
    "numeric": {**_BASE, "answer": Decimal("2.5000"), "tolerance": Decimal("0.5"), "unit": "m"},
    "short_text": {**_BASE, "accepted": ["Passport", "passport book"]},
}


def test_snapshot_questions_are_written_byte_for_byte_as_before():
    """Snapshots are stored in synced records: every type's question, drawn with a fixed seed,
    serialises exactly as it did before the types had modules of their own
    (``snapshot_questions.json`` was written by that code)."""
    drawn = {}
    for shuffle in (False, True):
        rng = random.Random(7)
        for name, value in BLOCK_VALUES.items():
            drawn[f"{name}-{shuffle}"] = snapshot.question_from_block(
                name,
                value,
                f"o-{name}",
                {"kind": "own", "block": name},
                rng,
                shuffle,
                lambda role, key_id: f"{role}:{key_id}",
            )
    expected = Path(__file__).with_name("snapshot_questions.json").read_text(encoding="utf-8")
    assert json.dumps(drawn, ensure_ascii=False) + "\n" == expected


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
def test_the_answering_helper_answers_every_type_through_the_form(quiz, enrolled, right):
    """The form fields the helper writes read back (as the attempt page reads them) as the
    responses it meant, and score full marks on every question, or on none."""
    attempt = learning.quiz_start(learner=enrolled, quiz=quiz)
    questions = snapshot.presentation(attempt.snapshot)
    assert {q["type"] for q in questions} == set(QuestionType)
    post = QueryDict(mutable=True)
    for name, value in form_for(attempt, right=right).items():
        post.setlist(name, value if isinstance(value, list) else [value])
    read = snapshot.responses_to_key_ids(
        attempt.snapshot, forms.responses_from_post(questions, post)
    )
    assert read == responses_for(attempt.snapshot, right=right)
    result = score_attempt(questions=snapshot.keys(attempt.snapshot), responses=read, pass_mark=50)
    assert [q.correct for q in result.questions] == [right] * len(questions)
