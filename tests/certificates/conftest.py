"""A course an officer has completed (lessons read, module quizzes passed), so a certificate."""

import pytest

from demodata.services import _complete
from learning import services as learning
from tests.quizzes.conftest import build_quiz


def complete(officer, tree):
    learning.enrolment_create(learner=officer, course=tree.course, actor=officer)
    _complete(officer, tree.course)


@pytest.fixture
def graded_course(course_tree):
    for quiz in course_tree.quizzes:
        build_quiz(quiz, with_bank=False)
    return course_tree


def dated(certificate, day, *, expires_on=None):
    """Date ``certificate`` ``day`` as headquarters' correction does (records are immutable):
    pages and PDFs then show ``day``."""
    from django.db import transaction
    from django.utils import timezone

    from certificates.models import CertificateCorrection

    with transaction.atomic():
        CertificateCorrection.stamped(
            recorded_at=timezone.now(),
            certificate=certificate,
            issued_on=day,
            expires_on=expires_on,
            reason="Dated for the test",
        )
    return certificate
