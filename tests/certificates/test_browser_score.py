"""A certificate whose course is complete on a score reported by interactive content in the
officer's browser (a SCORM lesson done on "passed", which the trainer accepted knowingly) says
so: in its signed payload, on its PDF and on the verification page, by code and by QR text.
One without such a lesson does not."""

from __future__ import annotations

import re
import subprocess

import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.payload import read_payload
from modules.models import ScormCompletion, ScormLessonPage
from scormpackages.services import package_import
from tests.certificates.conftest import complete
from tests.conftest import publish
from tests.scormpackages.test_import import CORPUS

STATEMENT = (
    "Includes a score reported by interactive content in the officer's browser, which the "
    "course's trainer accepted."
)


@pytest.fixture
def scorm_course(graded_course, settings, tmp_path):
    """The graded course with a SCORM lesson in its first (required) module."""
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    package = package_import(source=CORPUS / "moodle-golf/singlesco_scorm12.zip")
    lesson = ScormLessonPage(title="Golf", slug="golf", package=package)
    graded_course.modules[0].add_child(instance=lesson)
    graded_course.lessons.append(publish(lesson))
    return graded_course


def passed_on_browser_score(lesson: ScormLessonPage) -> None:
    lesson.completion_rule = ScormCompletion.PASSED
    lesson.browser_score_accepted = True
    publish(lesson)


def pdf_text(client, certificate, tmp_path) -> str:
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == 200
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(b"".join(response))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pages = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M)  # the statement fits on the one sheet
    return " ".join(text.split())


def verify_page(client, text: str) -> str:
    return client.post(reverse("certificates:verify"), {"text": text}).content.decode()


def test_a_course_resting_on_a_browser_score_says_so_everywhere(
    client, scorm_course, people, tmp_path
):
    passed_on_browser_score(scorm_course.lessons[-1])
    officer = people["learner"]
    complete(officer, scorm_course)
    certificate = Certificate.objects.get(holder=officer)
    assert read_payload(certificate.payload).browser_score is True
    client.force_login(officer)
    assert STATEMENT in pdf_text(client, certificate, tmp_path)
    client.logout()
    for text in (certificate.code, certificate.payload):  # online (code) and offline (QR)
        page = verify_page(client, text)
        assert "Valid certificate" in page
        assert STATEMENT in page


@pytest.mark.parametrize("how", ["completed", "optional module", "by hand"])
def test_a_certificate_not_resting_on_one_does_not(how, client, scorm_course, people, tmp_path):
    from certificates.services import certificate_issue

    lesson, officer = scorm_course.lessons[-1], people["learner"]
    if how == "completed":  # done when the content reports completion: its score is practice
        complete(officer, scorm_course)
        certificate = Certificate.objects.get(holder=officer)
    elif how == "optional module":
        passed_on_browser_score(lesson)
        module = scorm_course.modules[0]
        module.required = False
        publish(module)
        complete(officer, scorm_course)
        certificate = Certificate.objects.get(holder=officer)
    else:  # issued by hand (an in-person course): no score from a browser behind it
        passed_on_browser_score(lesson)
        certificate = certificate_issue(
            holder=officer, course=scorm_course.course, actor=people["admin"], reason="Workshop"
        )
    assert read_payload(certificate.payload).browser_score is False
    client.force_login(officer)
    text = pdf_text(client, certificate, tmp_path)
    assert "Course code: TST-101" in text and "interactive content" not in text
    for code in (certificate.code, certificate.payload):
        page = verify_page(client, code)
        assert "Valid certificate" in page and "interactive content" not in page
