"""Starting a supervised quiz: only an admitted officer, with the session's code, inside its
window; every refusal says why; too many wrong codes lock the officer out for a while."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from examsessions.models import SessionEvent, WrongCode
from tests.examsessions.conftest import attempts_of, clock_at, enter_code, open_session

pytestmark = pytest.mark.django_db


def test_an_admitted_officer_with_the_code_inside_the_window_starts(
    client, people, exam, candidates
):
    _session, code = open_session(people["coordinator"], exam, candidates)
    officer = candidates[0]
    client.force_login(officer)
    page = client.get(exam.url).content.decode()
    assert "Enter the code shown in the room" in page
    assert reverse("examsessions:check_in", args=[exam.pk]) in page
    response = enter_code(client, exam, code.lower())  # typed in small letters: still the code
    attempt = attempts_of(officer).get()
    assert response.redirect_chain[-1][0] == reverse("quiz_attempt", args=[attempt.pk])
    assert attempt.deadline is not None
    assert SessionEvent.objects.filter(kind="checked_in", officer=officer).count() == 1


def test_a_supervised_quiz_cannot_start_outside_a_session(client, people, exam, candidates):
    client.force_login(candidates[0])
    page = client.get(exam.url).content.decode()
    assert "taken only in a supervised exam session, and none is open for you now" in page
    assert reverse("quiz_start", args=[exam.pk]) not in page
    response = client.post(reverse("quiz_start", args=[exam.pk]), follow=True)
    assert "none is open for you now" in response.content.decode()
    assert not attempts_of(candidates[0]).exists()


def test_the_code_alone_does_not_start_the_quiz_again_from_the_start_button(
    client, people, exam, candidates
):
    _session, code = open_session(people["coordinator"], exam, candidates)
    client.force_login(candidates[0])
    attempt = enter_code(client, exam, code) and attempts_of(candidates[0]).get()
    client.post(reverse("quiz_attempt", args=[attempt.pk]), {"action": "confirm"})
    response = client.post(reverse("quiz_start", args=[exam.pk]), follow=True)
    assert "Enter the code shown in the room" in response.content.decode()
    assert attempts_of(candidates[0]).count() == 1


def test_an_officer_not_admitted_is_refused_even_with_the_code(client, people, exam, candidates):
    _session, code = open_session(people["coordinator"], exam, candidates[:1])
    client.force_login(candidates[1])
    page = client.get(exam.url).content.decode()
    assert "none is open for you now" in page
    response = enter_code(client, exam, code)
    assert "You are not admitted to this exam session." in response.content.decode()
    assert not attempts_of(candidates[1]).exists()


def test_a_wrong_code_is_refused_and_five_lock_the_officer_out(client, people, exam, candidates):
    _session, code = open_session(people["coordinator"], exam, candidates)
    client.force_login(candidates[0])
    wrong = "AAAAAA" if code != "AAAAAA" else "BBBBBB"
    for _n in range(5):
        response = enter_code(client, exam, wrong)
        assert "That is not the code of an exam session for this quiz." in response.content.decode()
    response = enter_code(client, exam, code)  # even the right code, while locked out
    assert "Too many wrong codes. Try again after" in response.content.decode()
    assert not attempts_of(candidates[0]).exists()
    # Another officer is not locked out by someone else's tries.
    client.force_login(candidates[1])
    enter_code(client, exam, code)
    assert attempts_of(candidates[1]).count() == 1
    # Fifteen minutes later the first officer may try again, and their old tries are gone.
    client.force_login(candidates[0])
    assert WrongCode.objects.filter(officer=candidates[0]).count() == 5
    with clock_at(timezone.now() + timedelta(minutes=16)):
        enter_code(client, exam, code)
    assert attempts_of(candidates[0]).count() == 1
    assert not WrongCode.objects.filter(officer=candidates[0]).exists()


def test_a_start_before_the_window_is_refused_with_its_opening(client, people, exam, candidates):
    starts = timezone.now() + timedelta(hours=2)
    _session, code = open_session(people["coordinator"], exam, candidates, starts=starts)
    client.force_login(candidates[0])
    response = enter_code(client, exam, code)
    assert "This exam session opens at" in response.content.decode()
    assert not attempts_of(candidates[0]).exists()
    with clock_at(starts + timedelta(minutes=1)):
        enter_code(client, exam, code)
    assert attempts_of(candidates[0]).count() == 1


def test_a_start_after_the_window_is_refused(client, people, exam, candidates):
    _session, code = open_session(people["coordinator"], exam, candidates, minutes=30)
    client.force_login(candidates[0])
    with clock_at(timezone.now() + timedelta(minutes=31)):
        response = enter_code(client, exam, code)
    assert "This exam session is closed." in response.content.decode()
    assert not attempts_of(candidates[0]).exists()


def test_a_start_after_the_close_is_refused(client, people, exam, candidates, login):
    session, code = open_session(people["coordinator"], exam, candidates)
    coordinator = login(people["coordinator"])
    coordinator.post(reverse("examsessions:close", args=[session.id]))
    client.force_login(candidates[0])
    response = enter_code(client, exam, code)
    assert "This exam session is closed." in response.content.decode()
    assert not attempts_of(candidates[0]).exists()
