"""A knowledge-check answer given offline is marked on the server when it arrives, exactly as
the lesson's "Check" button marks it online, and records nothing (issue 15, ADR 0041)."""

import pytest
from django.test import Client
from django.urls import reverse

from learning import services as learning
from learning.models import LearnerRecord
from offlinemode.checks import handle_check_answer
from offlinemode.outcomes import ACCEPTED, Refused
from tests.quizzes.test_practice import lesson, option_ids  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(course_tree, people):
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    return officer


def item(page, block: str, response: dict) -> dict:
    return {"lesson": page.pk, "block": block, "response": response}


def test_an_answer_is_marked_as_online(lesson, officer):  # noqa: F811
    ids = option_ids(lesson, "chk1")
    before = LearnerRecord.objects.count()
    right = handle_check_answer(
        learner=officer, payload=item(lesson, "chk1", {"q-c-chk1": [ids["Passport A"]]})
    )
    assert right.status == ACCEPTED
    assert right.feedback["correct"] is True and right.feedback["message"] == "Correct."
    wrong = handle_check_answer(
        learner=officer, payload=item(lesson, "chk1", {"q-c-chk1": [ids["Visa B"]]})
    )
    client = Client()
    client.force_login(officer)
    online = client.post(
        reverse("lesson_check", args=[lesson.pk, "chk1"]),
        {"q-c-chk1": ids["Visa B"]},
        HTTP_ACCEPT="application/json",
    ).json()
    assert wrong.feedback == online
    assert "The answer: Passport A" in wrong.feedback["details"]
    assert LearnerRecord.objects.count() == before  # practice: nothing recorded


def test_a_check_removed_from_the_lesson_is_refused_with_a_reason(lesson, officer):  # noqa: F811
    with pytest.raises(Refused) as gone:
        handle_check_answer(learner=officer, payload=item(lesson, "removed", {}))
    assert gone.value.reason == "This question was removed from the lesson."
    lesson.unpublish()
    with pytest.raises(Refused) as unpublished:
        handle_check_answer(learner=officer, payload=item(lesson, "chk1", {}))
    assert unpublished.value.reason == "This question was removed from the lesson."


def test_an_officer_not_enrolled_is_refused(lesson, people):  # noqa: F811
    with pytest.raises(Refused) as refused:
        handle_check_answer(learner=people["learner_kh"], payload=item(lesson, "chk1", {}))
    assert "not enrolled" in refused.value.reason


@pytest.mark.parametrize(
    "payload",
    [
        {"lesson": "1", "block": "chk1", "response": {}},
        {"block": "chk1", "response": {}},
        {"lesson": 1, "block": "chk1", "response": {"q-c-chk1": [1]}},
        {"lesson": 1, "block": "chk1", "response": ["q-c-chk1"]},
    ],
)
def test_a_payload_that_does_not_read_is_refused(officer, payload):
    with pytest.raises(Refused) as refused:
        handle_check_answer(learner=officer, payload=payload)
    assert refused.value.reason == "This answer cannot be read."
