"""The lesson pages kept per officer (``learning.pagecache``, ADR 0037) after an import: what a
packet brings shows on the officer's next view, a quiz failed since included."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services as learning
from learning.models import LearnerRecord, RecordKind
from modules.models import GradingMethod
from recordsync.services import packet_export, packet_import
from tests.answering import responses_for
from tests.quizzes.conftest import build_quiz
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db


def _attempt(officer, quiz, *, right: bool) -> None:
    attempt = learning.quiz_start(learner=officer, quiz=quiz)
    learning.quiz_submit(
        learner=officer, attempt=attempt, responses=responses_for(attempt.snapshot, right=right)
    )


def _steps(page: str) -> str:
    """The progress words the lesson page shows ("1 of 5 steps")."""
    found = re.search(r"\d+ of \d+ steps", page)
    assert found, "no progress shown"
    return found.group(0)


def _kept(client, url) -> str:
    """The lesson page as served from what was kept for the officer (no learner record read)."""
    for _view in range(2):  # the first records the opening, the second is rendered and kept
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if "learnerrecord" in q["sql"]]
    return page


def test_a_failed_latest_attempt_arriving_by_sync_shows_on_a_kept_page(
    client, network, people, course_tree, tmp_path
):
    """Graded by the latest attempt: the officer passed the module quiz at the hub, then failed
    it again at Poipet. The hub's kept lesson page counted the quiz passed; once Poipet's packet
    is imported it does not."""
    officer = people["learner_kh"]
    quiz = course_tree.quizzes[0]
    build_quiz(quiz, with_bank=False, grading_method=GradingMethod.LATEST)
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    _attempt(officer, quiz, right=True)
    network.be("poipet")
    _attempt(officer, quiz, right=False)
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])

    network.be("hub")
    client.force_login(officer)
    lesson = course_tree.lessons[0]
    assert _steps(_kept(client, lesson.url)) == "1 of 5 steps"  # the quiz, no lesson yet
    assert packet_import(source=packet).counts("quiz_submission").new == 1
    assert _steps(client.get(lesson.url).content.decode()) == "0 of 5 steps"
    # A failed result implies no completion: nothing was derived from it.
    assert not LearnerRecord.objects.filter(
        kind__in=[RecordKind.MODULE_COMPLETED, RecordKind.COURSE_COMPLETED]
    ).exists()
