"""Knowledge checks in lessons: quiz question types, graded on the server, counting for nothing."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from learning import services as learning
from learning.models import LearnerRecord
from quizzes.models import QuizAttempt
from quizzes.practice import check_question
from tests.answering import lesson_with_checks
from tests.quizzes.conftest import OWN_QUESTIONS


@pytest.fixture
def lesson(course_tree):
    lesson = course_tree.lessons[0]
    single = dict(OWN_QUESTIONS[0][1])
    single.pop("single", None)
    ordering = dict(OWN_QUESTIONS[4][1])
    return lesson_with_checks(
        lesson,
        {"chk1": ("single", single), "chk2": ("ordering", ordering)},
        before=[{"type": "text", "id": str(uuid.uuid4()), "value": "<p>Teaching.</p>"}],
    )


@pytest.fixture
def reader(client, course_tree, people):
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(officer)
    return officer


def option_ids(lesson, block_id):
    """Each option's text -> the id the lesson page shows for it (the server's map)."""
    block = next(b for b in lesson.body if b.id == block_id)
    shown = check_question(block.value, block_id)["shown"]["options"]
    options = block.value[0].value["options"].bound_blocks
    return {child.value["text"]: shown[child.id] for child in options}


def test_the_lesson_page_carries_no_answer(client, lesson, reader):
    html = client.get(lesson.url).content.decode()
    assert 'action="/learn/lessons/' in html
    assert "Passport A" in html  # the options are there
    for secret in ("FEEDBACK-SECRET-5", "RIGHT-SECRET-7", "WRONG-SECRET-8", "EXPLAIN-SECRET-6"):
        assert secret not in html
    assert "data-correct" not in html


def test_right_and_wrong_answers_get_feedback_and_record_nothing(client, lesson, reader):
    ids = option_ids(lesson, "chk1")
    url = reverse("lesson_check", args=[lesson.pk, "chk1"])
    before = LearnerRecord.objects.count()
    right = client.post(url, {"q-c-chk1": ids["Passport A"]}, HTTP_ACCEPT="application/json")
    assert right.json()["correct"] is True
    assert right.json()["message"] == "Correct."
    assert "FEEDBACK-SECRET-5" in right.json()["details"]
    wrong = client.post(url, {"q-c-chk1": ids["Visa B"]}, HTTP_ACCEPT="application/json").json()
    assert wrong["correct"] is False
    assert "The answer: Passport A" in wrong["details"]
    empty = client.post(url, {}, HTTP_ACCEPT="application/json").json()
    assert empty["message"] == "Choose or write an answer first."
    assert LearnerRecord.objects.count() == before
    assert not QuizAttempt.objects.exists()


def test_other_question_types_and_forged_answers(client, lesson, reader):
    block = next(b for b in lesson.body if b.id == "chk2")
    shown = check_question(block.value, "chk2")["shown"]["items"]
    items = {c.value: shown[c.id] for c in block.value[0].value["items"].bound_blocks}
    url = reverse("lesson_check", args=[lesson.pk, "chk2"])
    order = {
        f"q-c-chk2-{items[t]}": str(n)
        for n, t in enumerate(["Secure", "Record", "Hand over"], start=1)
    }
    assert client.post(url, order, HTTP_ACCEPT="application/json").json()["correct"] is True
    forged = {k: "1" for k in order}
    result = client.post(url, forged, HTTP_ACCEPT="application/json").json()
    assert result["correct"] is False


def test_without_javascript_the_lesson_shows_the_feedback(client, lesson, reader):
    ids = option_ids(lesson, "chk1")
    response = client.post(
        reverse("lesson_check", args=[lesson.pk, "chk1"]),
        {"q-c-chk1": ids["Passport A"]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"{lesson.url}#check-chk1"
    assert "Correct." in response.content.decode()


def test_only_enrolled_officers_and_only_real_checks(client, lesson, people):
    client.force_login(people["learner_kh"])
    url = reverse("lesson_check", args=[lesson.pk, "chk1"])
    assert client.post(url, {}).status_code == 404
    client.force_login(people["trainer"])
    assert client.post(url, {}, HTTP_ACCEPT="application/json").status_code == 200
    assert client.post(reverse("lesson_check", args=[lesson.pk, "nope"]), {}).status_code == 404
    assert client.get(url).status_code == 405


def test_without_javascript_the_officers_choice_stays_after_check(client, lesson, reader):
    ids = option_ids(lesson, "chk1")
    url = reverse("lesson_check", args=[lesson.pk, "chk1"])
    html = client.post(url, {"q-c-chk1": ids["Visa B"]}, follow=True).content.decode()
    assert "Not quite." in html
    assert f'value="{ids["Visa B"]}" checked' in html
    assert html.count(" checked") == 1
    assert f'value="{ids["Passport A"]}" checked' not in html
    # Shown once: the next visit starts afresh.
    assert " checked" not in client.get(lesson.url).content.decode()


def test_without_javascript_an_order_given_stays_after_check(client, lesson, reader):
    block = next(b for b in lesson.body if b.id == "chk2")
    shown = check_question(block.value, "chk2")["shown"]["items"]
    items = {c.value: shown[c.id] for c in block.value[0].value["items"].bound_blocks}
    url = reverse("lesson_check", args=[lesson.pk, "chk2"])
    order = {"Record": "1", "Secure": "2", "Hand over": "3"}
    html = client.post(
        url, {f"q-c-chk2-{items[t]}": n for t, n in order.items()}, follow=True
    ).content.decode()
    for text, position in order.items():
        select = html.split(f'name="q-c-chk2-{items[text]}"', 1)[1].split("</select>", 1)[0]
        assert f'<option value="{position}" selected>' in select


def test_each_officer_checks_with_a_form_of_their_own(lesson, course_tree, people):
    """The check's form is rendered once for every reader (the page cache); the CSRF token in it
    is each officer's own, so each one's "Check" is accepted."""
    ids = option_ids(lesson, "chk1")
    url = reverse("lesson_check", args=[lesson.pk, "chk1"])
    for officer in (people["learner"], people["learner_kh"]):
        learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
        client = Client(enforce_csrf_checks=True)
        client.force_login(officer)
        html = client.get(lesson.url).content.decode()
        form = html.split('id="check-chk1"', 1)[1].split("</form>", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        answer = {"q-c-chk1": ids["Passport A"], "csrfmiddlewaretoken": token}
        response = client.post(url, answer, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, officer.username
        assert response.json()["correct"] is True
