"""A supervised quiz with a time limit, officers enrolled, a coordinator's open session, and a
clock the test can move (the server's: every service reads ``django.utils.timezone.now``)."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from examsessions import services
from learning.services import enrolment_create
from quizzes.models import QuizAttempt
from tests.quizzes.conftest import build_quiz
from tests.recordsync.conftest import network, nodes  # noqa: F401 (fixtures for the sync tests)


@contextlib.contextmanager
def clock_at(moment: datetime):
    """The server's clock reads ``moment`` inside the block."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        yield


@pytest.fixture
def exam(course_tree):
    """Module 1's quiz: supervised only, 10 minutes."""
    return build_quiz(
        course_tree.quizzes[0], with_bank=False, supervised_only=True, time_limit_minutes=10
    )


@pytest.fixture
def candidates(people, course_tree):
    """Two Thai officers enrolled in the course (the coordinator manages Thailand)."""
    from officers.services import officer_create
    from tests.conftest import PASSWORD

    first = people["learner"]
    second = officer_create(
        username="learner_th2",
        password=PASSWORD,
        post=first.post,
        full_name_latin="Malee Srisuk",
        full_name_native="มาลี แสงทอง",
        service_number="TH-0002",
    )
    for officer in (first, second):
        enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    return [first, second]


def open_session(coordinator, exam, officers, *, starts=None, minutes=60, post=None):
    now = timezone.now()
    starts_at = starts or now - timedelta(minutes=1)
    return services.session_open(
        actor=coordinator,
        quiz=exam,
        post=post or officers[0].post,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        officers=officers,
    )


def enter_code(client, exam, code):
    """Post the code form of the quiz page; returns the response (redirect followed)."""
    return client.post(
        reverse("examsessions:check_in", args=[exam.pk]), {"code": code}, follow=True
    )


def attempts_of(officer):
    return QuizAttempt.objects.filter(learner=officer)
