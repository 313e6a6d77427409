"""A quiz with one question of every type (own and from the bank), made as a trainer would."""

from __future__ import annotations

import json
import uuid

import pytest
from wagtail.models import Locale

from questionbank.models import Question, QuestionCategory


def uid() -> str:
    return str(uuid.uuid4())


def items(*values) -> list[dict]:
    return [{"type": "item", "id": uid(), "value": v} for v in values]


def option(text, correct=False, feedback=""):
    return {"text": text, "correct": correct, "feedback": feedback}


def question(stem, points=1, **fields):
    return {
        "stem": f"<p>{stem}</p>",
        "points": points,
        "feedback_correct": "RIGHT-SECRET-7",
        "feedback_incorrect": "WRONG-SECRET-8",
        "explanation": "EXPLAIN-SECRET-6",
        **fields,
    }


# Everything that reveals an answer (accepted answers, feedback, explanations) carries a word
# that appears nowhere an officer may see before submitting, so a test can look for it.
OWN_QUESTIONS = [
    (
        "own_single",
        question(
            "Which document is forged?",
            single=True,
            options=items(
                option("Passport A", True, "FEEDBACK-SECRET-5"),
                option("Visa B"),
                option("Permit C"),
            ),
        ),
    ),
    (
        "own_multiple",
        question(
            "Which are indicators?",
            2,
            partial_credit=True,
            options=items(
                option("Debt bondage", True),
                option("Confiscated passport", True),
                option("Holiday luggage"),
            ),
        ),
    ),
    ("own_true_false", question("Consent matters when a child is moved.", correct_answer="false")),
    (
        "own_matching",
        question(
            "Match the appendix.",
            partial_credit=True,
            pairs=items(
                {"left": "Appendix I", "right": "Trade banned"},
                {"left": "Appendix II", "right": "Trade controlled"},
            ),
        ),
    ),
    ("own_ordering", question("Order the steps.", items=items("Secure", "Record", "Hand over"))),
    (
        "own_numeric",
        question("How many elements in the definition?", answer="3", tolerance="0", unit=""),
    ),
    (
        "own_short_text",
        question("The word for moving a person by deception?", accepted=["DELTA-SECRET-4"]),
    ),
]


def build_quiz(quiz, *, with_bank: bool = True, own=OWN_QUESTIONS, bank_size: int = 3, **settings):
    blocks = []
    for block_type, value in own:
        value = dict(value)
        value.pop("single", None)
        blocks.append({"type": block_type, "id": uid(), "value": value})
    if with_bank:
        category = QuestionCategory.objects.create(name="Indicators", locale=Locale.get_default())
        for n in range(bank_size):
            Question.objects.create(
                title=f"Bank {n}",
                category=category,
                locale=Locale.get_default(),
                question=json.dumps(
                    [
                        {
                            "type": "true_false",
                            "id": uid(),
                            "value": question(f"Bank statement {n}", correct_answer="true"),
                        }
                    ]
                ),
            )
        blocks.append(
            {"type": "random_draw", "id": uid(), "value": {"category": category.pk, "count": 2}}
        )
    quiz.questions = json.dumps(blocks)
    for name, value in settings.items():
        setattr(quiz, name, value)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


@pytest.fixture
def enrolled(client, course_tree, people):
    """The learner, enrolled in the course tree's course and logged in."""
    from learning.services import enrolment_create

    officer = people["learner"]
    enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(officer)
    return officer


@pytest.fixture
def quiz(course_tree):
    return build_quiz(course_tree.quizzes[0])


SECRETS = [
    "DELTA-SECRET-4",
    "FEEDBACK-SECRET-5",
    "EXPLAIN-SECRET-6",
    "RIGHT-SECRET-7",
    "WRONG-SECRET-8",
]
