"""Progress adds up: on My learning, the course page and the coordinator's table, the words and
the bar describe the same steps (lessons and module quizzes)."""

import re

import pytest
from django.urls import reverse

from learning.services import enrolment_create
from quizzes.services import attempt_start, attempt_submit
from tests.quizzes.conftest import OWN_QUESTIONS, build_quiz

TRUE_FALSE = [q for q in OWN_QUESTIONS if q[0] == "own_true_false"]
BAR = re.compile(r'role="progressbar"[^>]*aria-valuenow="(\d+)"')
WORDS = re.compile(r"(\d+) of (\d+) steps")


def bar_and_words(html: str) -> tuple[int, int, int]:
    """The bar's value and the "done of total steps" the words beside it give."""
    (value,) = BAR.findall(html)
    done, total = WORDS.search(html.split('role="progressbar"', 1)[1]).groups()
    return int(value), int(done), int(total)


@pytest.fixture
def quiz_passed_no_lesson(course_tree, people):
    """The learner, enrolled, has passed module 1's quiz and completed no lesson: 1 of 5 steps
    (4 lessons, 1 quiz with questions)."""
    officer = people["learner"]
    enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    quiz = build_quiz(course_tree.quizzes[0], with_bank=False, own=TRUE_FALSE)
    attempt = attempt_start(learner=officer, quiz=quiz)
    (question,) = attempt.snapshot["questions"]
    assert attempt_submit(
        learner=officer, attempt=attempt, responses={question["id"]: "false"}
    ).passed
    return officer


def test_course_page_and_my_learning_say_what_the_bar_shows(
    client, course_tree, quiz_passed_no_lesson
):
    client.force_login(quiz_passed_no_lesson)
    for url in (course_tree.course.url, reverse("my_learning")):
        html = client.get(url).content.decode()
        assert "1 of 5 steps: 0 of 4 lessons completed, 1 of 1 quiz passed" in html
        assert bar_and_words(html) == (20, 1, 5)
        assert 'aria-valuetext="20% · 1 of 5 steps: 0 of 4 lessons completed' in html


def test_coordinator_table_says_what_the_bar_shows(
    client, course_tree, people, quiz_passed_no_lesson
):
    client.force_login(people["coordinator"])
    html = client.get(reverse("coordination:progress"), {"course": course_tree.course.pk})
    row = html.content.decode().split("Somchai Jaidee", 1)[1].split("</tr>", 1)[0]
    assert bar_and_words(row) == (20, 1, 5)
    assert "20% · 1 of 5 steps" in row
