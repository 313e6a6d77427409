"""What an officer sees of a graded attempt: the pure decision, the result pages an officer
reaches (no answer key while attempts remain, unless the trainer chose so), and what the
trainer who chooses "after every attempt" is told in the editor."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from modules.models import QuizPage, ReviewOption
from quizzes.models import QuizAttempt
from quizzes.review import answers_before_last_attempt, review_level
from tests.answering import form_for
from tests.quizzes.conftest import build_quiz


@pytest.mark.parametrize(
    ("option", "passed", "left", "open_", "level"),
    [
        ("score", True, 0, False, "score"),
        ("which", True, 0, False, "which"),
        ("answers", False, 2, False, "answers"),
        ("answers", False, 2, True, "which"),  # another attempt open: no key
        ("final", False, 2, False, "which"),  # attempts left, not passed: no key
        ("final", False, None, False, "which"),  # no limit, not passed: never the key
        ("final", True, 2, False, "answers"),  # passed
        ("final", False, 0, False, "answers"),  # the last attempt used
        ("final", True, 1, True, "which"),  # passed, but an attempt is open
        ("nonsense", True, 0, False, "score"),
    ],
)
def test_review_level(option, passed, left, open_, level):
    assert (
        review_level(option=option, passed=passed, attempts_left=left, attempt_open=open_) == level
    )


def test_which_options_show_answers_while_attempts_remain():
    assert answers_before_last_attempt(option="answers", max_attempts=3)
    assert answers_before_last_attempt(option="answers", max_attempts=0)  # no limit
    assert not answers_before_last_attempt(option="answers", max_attempts=1)
    assert not answers_before_last_attempt(option="final", max_attempts=3)
    assert not answers_before_last_attempt(option="which", max_attempts=3)


# --- The officer's result pages ---------------------------------------------------------------


def attempt_with(client, quiz, *, answers: dict) -> str:
    """Start an attempt, submit ``answers`` (form fields) and return its result page."""
    client.post(reverse("quiz_start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.latest("recorded_at")
    fields = answers(attempt) if callable(answers) else answers
    client.post(reverse("quiz_attempt", args=[attempt.pk]), {**fields, "action": "confirm"})
    return client.get(reverse("quiz_result", args=[attempt.pk])).content.decode()


def shows_key(html: str) -> bool:
    return "Correct answer" in html or "DELTA-SECRET-4" in html or "EXPLAIN-SECRET-6" in html


def test_a_new_quiz_shows_answers_only_after_a_pass_or_the_last_attempt(course_tree):
    assert QuizPage().review == ReviewOption.FINAL


def test_a_blank_attempt_with_attempts_left_shows_no_key_until_the_last(
    client, course_tree, enrolled
):
    quiz = build_quiz(course_tree.quizzes[0], review="final", max_attempts=3)
    first = attempt_with(client, quiz, answers={})
    assert "0%" in first and "Not answered" in first  # which were right: shown
    assert not shows_key(first)
    assert "The correct answers are shown once you pass or have used your last attempt." in first
    assert not shows_key(attempt_with(client, quiz, answers={}))
    last = attempt_with(client, quiz, answers={})
    assert shows_key(last) and "DELTA-SECRET-4" in last
    # The earlier attempts' reviews now show it too.
    earlier = QuizAttempt.objects.order_by("recorded_at").first()
    assert shows_key(client.get(reverse("quiz_result", args=[earlier.pk])).content.decode())


def test_a_pass_shows_the_key(client, course_tree, enrolled):
    quiz = build_quiz(course_tree.quizzes[0], review="final", max_attempts=3)
    assert not shows_key(attempt_with(client, quiz, answers={}))
    passed = attempt_with(client, quiz, answers=form_for)
    assert "Passed" in passed and shows_key(passed)


def test_no_key_while_another_attempt_is_open(client, course_tree, enrolled):
    quiz = build_quiz(course_tree.quizzes[0], review="answers", max_attempts=3)
    html = attempt_with(client, quiz, answers={})
    assert shows_key(html)  # "after every attempt", as the trainer chose
    done = QuizAttempt.objects.get()
    client.post(reverse("quiz_start", args=[quiz.pk]))  # the next one, open in another tab
    assert not shows_key(client.get(reverse("quiz_result", args=[done.pk])).content.decode())


# --- The trainer in the editor -------------------------------------------------------------------


def quiz_form(**fields) -> dict:
    return nested_form_data(
        {
            "title": "Checkpoint quiz",
            "slug": "checkpoint",
            "intro": "",
            "questions": streamfield([]),
            "pass_mark": "70",
            "time_limit_minutes": "0",
            "grading_method": "highest",
            "layout": "one_page",
            "test_kind": "",
            **fields,
        }
    )


WARNING = "shows the correct answers after every attempt and allows more than one"


@pytest.mark.parametrize(
    ("review", "attempts", "warned"),
    [
        ("answers", "3", True),
        ("answers", "0", True),
        ("answers", "1", False),
        ("final", "3", False),
    ],
)
def test_the_trainer_is_told_what_after_every_attempt_means(
    client, course_tree, people, review, attempts, warned
):
    client.force_login(people["trainer"])
    module = course_tree.modules[0]
    course_tree.quizzes[0].delete()  # a module has one quiz: the trainer writes it afresh
    add = reverse("wagtailadmin_pages:add", args=["modules", "quizpage", module.pk])
    form = client.get(add).content.decode()
    assert 'value="final" selected' in form  # the default for a new quiz
    assert "submit a blank attempt, read the answers and pass the next one" in form  # help
    response = client.post(
        add, quiz_form(review=review, max_attempts=attempts, **{"action-publish": "1"}), follow=True
    )
    quiz = QuizPage.objects.get(slug="checkpoint")
    assert quiz.live and quiz.review == review  # a warning, never a refusal
    assert (WARNING in response.content.decode()) is warned
    edit = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    response = client.post(edit, quiz_form(review=review, max_attempts=attempts), follow=True)
    assert (WARNING in response.content.decode()) is warned
