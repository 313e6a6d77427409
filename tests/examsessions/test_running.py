"""Running a session as its coordinator: who is where, minutes added for one officer, the
close (open attempts graded by the server), the room's screen, the roster PDF, and scope."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from examsessions.models import SessionCode, SessionEvent
from examsessions.services import SessionRefused
from quizzes.models import QuizSubmission
from tests.answering import form_for
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows
from tests.examsessions.conftest import attempts_of, clock_at, enter_code, open_session

pytestmark = pytest.mark.django_db


def _started(client, exam, officer, code):
    client.force_login(officer)
    enter_code(client, exam, code)
    return attempts_of(officer).get()


def _both_started_and_first_given(client, people, exam, candidates, minutes):
    """Both candidates start in a session; the coordinator adds ``minutes`` for the first."""
    session, code = open_session(people["coordinator"], exam, candidates)
    given, other = (_started(client, exam, o, code) for o in candidates)
    client.force_login(people["coordinator"])
    client.post(
        reverse("examsessions:extend", args=[session.id]),
        {"officer": candidates[0].uuid, "minutes": minutes},
    )
    return session, given, other


def test_minutes_added_move_that_officers_deadline_only(client, people, exam, candidates):
    session, given, other = _both_started_and_first_given(client, people, exam, candidates, 15)
    detail = client.get(reverse("examsessions:detail", args=[session.id])).content.decode()
    assert "(+15 min)" in detail
    past_the_limit = timezone.now() + timedelta(minutes=12)  # the quiz's limit is 10 minutes
    with clock_at(past_the_limit):
        client.force_login(candidates[0])
        page = client.get(reverse("quiz_attempt", args=[given.pk])).content.decode()
        left = int(re.search(r'data-seconds="(\d+)"', page).group(1))
        assert 12 * 60 < left <= 13 * 60  # 10 + 15 minutes from the start, 12 gone
        right = form_for(given)
        response = client.post(
            reverse("quiz_attempt", args=[given.pk]), {**right, "action": "save"}
        )
        assert response.status_code == 302 and "result" not in response["Location"]
        client.force_login(candidates[1])
        response = client.post(
            reverse("quiz_attempt", args=[other.pk]), {**form_for(other), "action": "save"}
        )
        assert response["Location"] == reverse("quiz_result", args=[other.pk])
    assert QuizSubmission.objects.get(attempt=other).closed_by_server
    assert not QuizSubmission.objects.filter(attempt=given).exists()
    # After the new deadline, a save is refused and the attempt graded on what was saved.
    with clock_at(timezone.now() + timedelta(minutes=26)):
        client.force_login(candidates[0])
        response = client.post(
            reverse("quiz_attempt", args=[given.pk]),
            {**form_for(given, right=False), "action": "save"},
        )
    assert response["Location"] == reverse("quiz_result", args=[given.pk])
    graded = QuizSubmission.objects.get(attempt=given)
    assert graded.closed_by_server and graded.passed  # the right answers saved in time


def test_the_close_command_leaves_an_attempt_given_more_time_open(client, people, exam, candidates):
    from django.core.management import call_command

    _session, given, other = _both_started_and_first_given(client, people, exam, candidates, 5)
    with clock_at(timezone.now() + timedelta(minutes=11)):
        call_command("close_expired_attempts")
    assert QuizSubmission.objects.filter(attempt=other).exists()
    assert not QuizSubmission.objects.filter(attempt=given).exists()


def test_the_coordinator_follows_each_officer_and_the_close_grades_open_attempts(
    client, people, exam, candidates
):
    session, code = open_session(people["coordinator"], exam, candidates)
    attempt = _started(client, exam, candidates[0], code)
    one = attempt.snapshot["questions"][0]["id"]
    client.post(
        reverse("quiz_attempt", args=[attempt.pk]),
        {f"q-{one}": form_for(attempt)[f"q-{one}"], "action": "save"},
    )
    client.force_login(people["coordinator"])
    url = reverse("examsessions:detail", args=[session.id])
    page = client.get(url).content.decode()
    assert "In progress" in page and "Not started" in page and "TH-0002" in page
    screen = client.get(reverse("examsessions:screen", args=[session.id])).content.decode()
    assert code in screen and 'data-refresh-seconds="15"' in screen and "screen.js" in screen
    assert "2 admitted · 1 in progress · 0 submitted" in screen

    response = client.post(reverse("examsessions:close", args=[session.id]), follow=True)
    assert "1 attempts still open were graded" in response.content.decode()
    submission = QuizSubmission.objects.get(attempt=attempt)
    assert submission.closed_by_server and submission.score == 1  # what was saved
    page = client.get(url).content.decode()
    assert "Submitted" in page and "Close the session" not in page
    screen = client.get(reverse("examsessions:screen", args=[session.id])).content.decode()
    assert code not in screen
    assert not SessionCode.objects.filter(session=session.id).exists()  # not kept on the node
    # The officer's page now shows the result, and answers sent after the close are refused.
    client.force_login(candidates[0])
    response = client.post(
        reverse("quiz_attempt", args=[attempt.pk]), {**form_for(attempt), "action": "submit"}
    )
    assert response["Location"] == reverse("quiz_result", args=[attempt.pk])
    assert QuizSubmission.objects.get(attempt=attempt).score == 1


def _open_by_form(client, exam, post, officers):
    """The open form sent for a window of an hour from now (the server's local time)."""
    starts = timezone.localtime()
    return client.post(
        reverse("examsessions:open"),
        {
            "quiz": exam.pk,
            "post": post.pk,
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "officers": [o.pk for o in officers],
        },
        follow=True,
    )


def test_a_coordinator_cannot_open_a_session_at_a_post_outside_their_scope(
    client, people, exam, candidates, posts
):
    with pytest.raises(SessionRefused, match="not a post you manage"):
        open_session(people["coordinator"], exam, candidates, post=posts["la"])
    with pytest.raises(SessionRefused, match="not an officer you manage"):
        open_session(people["coordinator"], exam, [people["learner_la"]], post=posts["th"])
    client.force_login(people["coordinator"])
    form = client.get(reverse("examsessions:open")).content.decode()
    assert "Vientiane Friendship Bridge" not in form and "Aranyaprathet" in form
    assert "Khamla" not in form
    response = _open_by_form(client, exam, posts["la"], candidates[:1])
    assert response.status_code == 400
    assert not SessionEvent.objects.exists()


def test_a_coordinator_opens_a_session_through_the_form(client, people, exam, candidates, posts):
    client.force_login(people["coordinator"])
    response = _open_by_form(client, exam, posts["th"], candidates)
    assert "The exam session is open." in response.content.decode()
    opened = SessionEvent.objects.get()
    assert len(opened.admitted) == 2 and len(opened.code_hash) == 64
    listing = client.get(reverse("examsessions:list")).content.decode()
    assert "Quiz 1" in listing and "Aranyaprathet" in listing and 'class="table-wrap"' in listing
    # Another coordinator, of Laos only, sees nothing of it.
    from officers.models import Role
    from officers.services import coordinator_scope_add, officer_create

    lao = officer_create(username="coord_la", password="x-Long-pass-1", role=Role.COORDINATOR)
    coordinator_scope_add(coordinator=lao, country="LA")
    client.force_login(lao)
    assert "Quiz 1" not in client.get(reverse("examsessions:list")).content.decode()
    for name in ("detail", "screen", "roster"):
        assert client.get(reverse(f"examsessions:{name}", args=[opened.session])).status_code == 404


def test_the_code_is_never_in_a_synced_record(people, exam, candidates):
    _session, code = open_session(people["coordinator"], exam, candidates)
    for event in SessionEvent.objects.values():
        assert code not in str(event)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_roster_is_a_pdf_with_thai_names_and_signature_lines(
    client, people, exam, candidates, tmp_path
):
    session, _code = open_session(people["coordinator"], exam, candidates)
    client.force_login(people["coordinator"])
    response = client.get(reverse("examsessions:roster", args=[session.id]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / "roster.pdf"
    path.write_bytes(response.content)
    text = unicodedata.normalize(
        "NFC",
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
    )
    for expected in ("สมชาย ใจดี", "มาลี แสงทอง", "Malee Srisuk", "TH-0002", "Aranyaprathet"):
        assert expected in text
    assert "Quiz 1" in text and "valid now" in text
    assert text.count("Signature") == 1 and "Supervisor: name and signature" in text


def test_an_officer_admitted_later_starts_with_the_same_code(client, people, exam, candidates):
    session, code = open_session(people["coordinator"], exam, candidates[:1])
    client.force_login(candidates[1])
    assert "not admitted" in enter_code(client, exam, code).content.decode()
    client.force_login(people["coordinator"])
    page = client.get(reverse("examsessions:detail", args=[session.id])).content.decode()
    assert "Admit more officers" in page and "Khamla" not in page  # outside the scope
    response = client.post(
        reverse("examsessions:admit", args=[session.id]),
        {"officers": [candidates[1].pk, people["learner_la"].pk]},
        follow=True,
    )
    assert "Choose officers you manage" in response.content.decode()  # Laos: nothing admitted
    client.post(reverse("examsessions:admit", args=[session.id]), {"officers": [candidates[1].pk]})
    client.force_login(candidates[1])
    enter_code(client, exam, code)
    assert attempts_of(candidates[1]).count() == 1


def test_the_session_page_costs_the_same_queries_for_one_officer_or_three(
    client, people, exam, candidates
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from officers.services import officer_create
    from tests.conftest import PASSWORD

    def queries(officers) -> int:
        session, code = open_session(people["coordinator"], exam, officers)
        for officer in officers:
            _started(client, exam, officer, code)
        client.force_login(people["coordinator"])
        for name in ("detail", "screen"):
            client.get(reverse(f"examsessions:{name}", args=[session.id]))  # warm
        with CaptureQueriesContext(connection) as seen:
            client.get(reverse("examsessions:detail", args=[session.id]))
            client.get(reverse("examsessions:screen", args=[session.id]))
        return len(seen)

    more = [
        officer_create(username=f"th{n}", password=PASSWORD, post=candidates[0].post)
        for n in range(2)
    ]
    one = queries(candidates[:1])
    three = queries([candidates[1], *more])
    assert one == three


def test_a_pass_graded_at_the_close_completes_the_module(
    client, people, exam, candidates, course_tree
):
    from learning import services as learning

    officer = candidates[0]
    for lesson in course_tree.lessons[:2]:
        learning.lesson_open(learner=officer, lesson=lesson)
        learning.lesson_complete(learner=officer, lesson=lesson)
    session, code = open_session(people["coordinator"], exam, [officer])
    attempt = _started(client, exam, officer, code)
    client.post(reverse("quiz_attempt", args=[attempt.pk]), {**form_for(attempt), "action": "save"})
    assert not officer.learner_records.filter(kind="module_completed").exists()
    client.force_login(people["coordinator"])
    client.post(reverse("examsessions:close", args=[session.id]))
    assert QuizSubmission.objects.get(attempt=attempt).passed
    assert officer.learner_records.filter(kind="module_completed").count() == 1


def test_the_sessions_list_searches_and_its_downloads_hold_the_same_rows(
    client, people, exam, candidates
):
    coordinator = people["coordinator"]
    open_session(coordinator, exam, candidates)
    later, _code = open_session(
        coordinator, exam, candidates[:1], starts=timezone.now() + timedelta(days=1)
    )
    client.force_login(coordinator)
    for search, expected in (("", 2), (candidates[0].post.name, 2), ("nowhere", 0)):
        response = client.get(reverse("examsessions:list"), {"q": search})
        tables = page_tables(response)
        shown = tables.get("sessions", [[]])[1:]
        assert len(shown) == expected
        if not expected:
            assert "No exam session matches." in response.content.decode()
            continue
        for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
            url = reverse("coordination:exam_sessions_export", args=[extension])
            rows = read(client.get(url, {"q": search}))
            assert rows[0][0] == "Quiz" and len(rows) - 1 == expected
            assert [[r[0], r[1], str(r[4]), r[5]] for r in rows[1:]] == [
                [s[0], s[1], s[4], s[5]] for s in shown
            ]
    # The newest window first: the session opening tomorrow, not open yet.
    shown = page_tables(client.get(reverse("examsessions:list")))["sessions"][1:]
    assert shown[0][5] == "Not open yet" and shown[0][4] == "1"
    assert str(later.id) in client.get(reverse("examsessions:list")).content.decode()
