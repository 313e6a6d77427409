"""Answers read as a person would write them, in the officer's language: on the result page
(the officer's and the correct answer) and in a knowledge check's feedback."""

import pytest
from django.urls import reverse

from officers.services import officer_set_language
from tests.answering import form_for, lesson_with_checks
from tests.quizzes.conftest import build_quiz, items, question
from tests.quizzes.test_review import attempt_with

OWN = [
    ("own_true_false", question("Consent matters when a child is moved.", correct_answer="false")),
    ("own_numeric", question("Months of a visa?", answer="6", tolerance="0", unit="months")),
    ("own_numeric", question("Months, give or take?", answer="6", tolerance="1", unit="months")),
    ("own_numeric", question("Hours of rest?", answer="2.5", tolerance="0", unit="")),
    (
        "own_short_text",
        question("Document for crossing?", accepted=["Passport", "passport book", "pasport"]),
    ),
    ("own_ordering", question("Order the steps.", items=items("Secure", "Record", "Hand over"))),
    (
        "own_matching",
        question(
            "Match the appendix.",
            pairs=items(
                {"left": "Appendix I", "right": "Trade banned"},
                {"left": "Appendix II", "right": "Trade controlled"},
            ),
        ),
    ),
]


@pytest.fixture
def wording_quiz(course_tree):
    return build_quiz(course_tree.quizzes[0], with_bank=False, own=OWN, review="answers")


def wrong_answers(attempt) -> dict:
    return form_for(attempt, right=False)


def test_the_result_page_writes_answers_as_a_person_would(client, wording_quiz, enrolled):
    html = attempt_with(client, wording_quiz, answers=wrong_answers)
    assert "Your answer: True" in html
    assert "Correct answer: <strong>False</strong>" in html
    assert "Correct answer: <strong>6 months</strong>" in html
    assert "±" not in html
    assert "Your answer: 999 months" in html
    assert "Correct answer: <strong>between 5 and 7 months</strong>" in html
    assert "Correct answer: <strong>2.5</strong>" in html
    assert "Correct answer: <strong>Passport</strong>" in html
    assert "passport book" not in html and "pasport" not in html
    assert "Correct answer: <strong>1. Secure, 2. Record, 3. Hand over</strong>" in html
    assert (
        "Correct answer: <strong>Appendix I → Trade banned; Appendix II → Trade controlled" in html
    )


def test_answers_are_written_in_the_officers_language(client, wording_quiz, enrolled):
    officer_set_language(user=enrolled, language="vi")
    html = attempt_with(client, wording_quiz, answers=wrong_answers)
    assert "<strong>Sai</strong>" in html  # "False", as the question showed it in Vietnamese
    assert ": Đúng</p>" in html  # the officer's "True"
    assert "<strong>2,5</strong>" in html  # a decimal comma


@pytest.fixture
def numeric_check(course_tree):
    lesson = course_tree.lessons[0]
    value = question("Months of a visa?", answer="6", tolerance="0", unit="months")
    return lesson_with_checks(lesson, {"num1": ("numeric", value)})


def test_a_knowledge_check_gives_the_answer_as_a_person_would(client, numeric_check, enrolled):
    url = reverse("lesson_check", args=[numeric_check.pk, "num1"])
    result = client.post(url, {"q-c-num1": "5"}, HTTP_ACCEPT="application/json").json()
    assert result["correct"] is False
    assert "The answer: 6 months" in result["details"]
