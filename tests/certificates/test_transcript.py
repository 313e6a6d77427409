"""The officer's transcript: each course's attempts, scores, completion date and certificates on
one printable page, for the officer and for a coordinator with them in scope."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors import transcript
from elearning.templatetags.localdates import local_date
from learning import services as learning
from tests.certificates.conftest import complete
from tests.conftest import build_course
from tests.quizzes.conftest import build_quiz


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def today_shown() -> str:
    return local_date(timezone.localdate())


def test_an_officer_sees_attempts_scores_dates_and_certificates(client, graded_course, people):
    officer = people["learner"]
    complete(officer, graded_course)
    other = build_course(code="WLC-7", modules=1, lessons_per_module=1)
    learning.enrolment_create(learner=officer, course=other.course, actor=officer)
    client.force_login(officer)
    html = client.get(reverse("certificates:transcript")).content.decode()
    page = text_of(html)
    certificate = Certificate.objects.get(holder=officer)
    assert "TST-101 · Course TST-101" in page
    assert f"Completed: {today_shown()}" in page
    assert "Quiz 1 1 " in page and "Quiz 2 1 " in page  # each quiz's first attempt
    assert "100% Passed" in page
    assert f"Certificate {certificate.code} : Issued on {today_shown()}" in page
    assert "WLC-7 · Course WLC-7" in page and "Not completed yet" in page
    assert "No certificate yet." in page
    # Printable: the page's navigation and buttons are marked to stay off paper.
    assert 'class="no-print' in html and "elearning/js/print.js" in html


def test_a_coordinator_sees_an_officer_in_scope_and_nobody_else_does(client, graded_course, people):
    officer = people["learner"]
    complete(officer, graded_course)
    url = reverse("certificates:transcript_officer", args=[officer.uuid])
    client.force_login(people["coordinator"])
    detail = client.get(reverse("coordination:officer", args=[officer.uuid])).content.decode()
    assert f'href="{url}"' in detail
    page = text_of(client.get(url).content.decode())
    assert "Somchai Jaidee" in page and "100% Passed" in page
    outside = reverse("certificates:transcript_officer", args=[people["learner_la"].uuid])
    assert client.get(outside).status_code == 404
    client.force_login(people["learner_kh"])
    assert client.get(url).status_code == 403
    # An officer's own transcript is theirs only: another's shows nothing of them.
    assert "Somchai" not in client.get(reverse("certificates:transcript")).content.decode()


def queries_for(officer) -> int:
    with CaptureQueriesContext(connection) as captured:
        transcript(learner=officer)
    return len(captured)


def test_the_transcript_takes_the_same_queries_for_one_course_or_three(people):
    one, three = people["learner"], people["learner_kh"]
    for n, officer in enumerate([one, three, three, three]):
        tree = build_course(code=f"Q-{n}", modules=1, lessons_per_module=1)
        build_quiz(tree.quizzes[0], with_bank=False)
        complete(officer, tree)
    assert len(transcript(learner=three)) == 3
    assert queries_for(one) == queries_for(three) <= 5
