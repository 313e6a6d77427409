"""A certificate's whole life through the site's pages: an officer completes a trainer's graded
course (enrol, lessons, module quizzes), gets exactly one certificate, anyone verifies it (page
and command), a coordinator revokes it from the list, it then verifies as revoked, and a new one
may be issued."""

import io
import re

from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate, Revocation
from certificates.services import certificate_issue
from quizzes.models import QuizAttempt, QuizSubmission
from tests.answering import form_for
from tests.conftest import build_course
from tests.quizzes.conftest import build_quiz


def form_action(html: str, url_pattern: str) -> str:
    """The action of the page's POST form whose action matches ``url_pattern``."""
    found = re.search(rf'<form method="post" action="({url_pattern})"', html)
    assert found, f"no form posting to {url_pattern}"
    return found.group(1)


def complete_lesson(client, lesson) -> str:
    """Open the lesson and submit its "Mark as complete" form; return the form's action."""
    page = client.get(lesson.url)
    assert page.status_code == 200
    action = form_action(page.content.decode(), r"/learn/lessons/\d+/complete/")
    assert client.post(action).status_code == 302
    assert "Lesson completed" in client.get(lesson.url).content.decode()
    return action


def pass_quiz(client, quiz) -> QuizAttempt:
    page = client.get(quiz.url)
    assert page.status_code == 200
    start = client.post(form_action(page.content.decode(), r"/learn/quizzes/\d+/start/"))
    attempt = QuizAttempt.objects.latest("recorded_at")
    assert start["Location"] == reverse("quiz_attempt", args=[attempt.pk])
    assert client.get(start["Location"]).status_code == 200
    submitted = client.post(start["Location"], {**form_for(attempt), "action": "submit"})
    assert submitted["Location"] == reverse("quiz_result", args=[attempt.pk])
    assert QuizSubmission.objects.get(attempt=attempt).passed
    return attempt


def verify_page(client, text: str) -> str:
    response = client.post(reverse("certificates:verify"), {"text": text})
    assert response.status_code == 200
    return response.content.decode()


def verify_command(text: str) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("verify_certificate", text, stdout=out)
    except SystemExit as stopped:
        return out.getvalue(), stopped.code
    return out.getvalue(), 0


def test_a_certificate_from_completion_to_revocation_and_reissue(client, people):
    tree = build_course(code="CRT-7", modules=2, lessons_per_module=2)
    for quiz in tree.quizzes:
        build_quiz(quiz, with_bank=False)
    officer = people["learner"]

    # The officer works through the course: enrol, each module's lessons, then its quiz.
    client.force_login(officer)
    course_page = client.get(tree.course.url).content.decode()
    enrolled = client.post(form_action(course_page, r"/learn/courses/\d+/enrol/"), follow=True)
    assert enrolled.status_code == 200
    attempts, lesson_actions = [], []
    lessons = iter(tree.lessons)
    for quiz in tree.quizzes:
        for _lesson_of_module in range(2):
            lesson_actions.append(complete_lesson(client, next(lessons)))
        assert not Certificate.objects.exists()  # not before the last quiz is passed
        attempts.append(pass_quiz(client, quiz))
    assert 'aria-valuenow="100"' in client.get(tree.course.url).content.decode()

    certificate = Certificate.objects.get()
    assert certificate.holder == officer
    assert (certificate.course_code, certificate.course_title) == ("CRT-7", "Course CRT-7")
    assert certificate.score == 100
    assert not certificate.manual and certificate.issued_by is None
    assert certificate.code.startswith("TH-")

    # Submitting a quiz again (the same attempt, and a new one) and completing a lesson again
    # (its form submitted twice, e.g. from a second tab) change nothing: still exactly one
    # certificate.
    again = client.post(
        reverse("quiz_attempt", args=[attempts[-1].pk]),
        {**form_for(attempts[-1]), "action": "submit"},
    )
    assert again["Location"] == reverse("quiz_result", args=[attempts[-1].pk])
    assert QuizSubmission.objects.filter(attempt=attempts[-1]).count() == 1
    retaken = pass_quiz(client, tree.quizzes[0])
    assert retaken.pk not in {a.pk for a in attempts}
    for action in (lesson_actions[0], lesson_actions[-1]):
        assert client.post(action).status_code == 302
    assert Certificate.objects.get().pk == certificate.pk
    assert officer.learner_records.filter(kind="course_completed").count() == 1

    mine = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.code in mine
    assert reverse("certificates:pdf", args=[certificate.pk]) in mine
    pdf = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert pdf["Content-Type"] == "application/pdf"

    # Anyone verifies it, on the page (not logged in) and with the command.
    client.logout()
    for text in (certificate.code, certificate.payload):
        html = verify_page(client, text)
        assert "Valid certificate" in html and "S. Jaidee" in html
        assert "Somchai" not in html
    by_link = client.get(reverse("certificates:verify"), {"code": certificate.code})
    assert "Valid certificate" in by_link.content.decode()
    for text in (certificate.code, certificate.payload):
        out, status = verify_command(text)
        assert (out.splitlines()[0], status) == ("VALID", 0)
        assert "  holder:  S. Jaidee" in out and f"  code:    {certificate.code}" in out

    # The coordinator revokes it through the form on their certificates list.
    client.force_login(people["coordinator"])
    listing = client.get(reverse("certificates:coordinator")).content.decode()
    revoke_url = reverse("certificates:revoke", args=[certificate.pk])
    assert form_action(listing, re.escape(revoke_url)) == revoke_url
    response = client.post(revoke_url, {"reason": "Quiz answers were shared"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificates:coordinator")
    html = response.content.decode()
    assert f"Certificate {certificate.code} is revoked." in html
    assert revoke_url not in html  # no second revoke form for it
    revocation = Revocation.objects.get()
    assert (revocation.certificate, revocation.revoked_by, revocation.reason) == (
        certificate,
        people["coordinator"],
        "Quiz answers were shared",
    )

    # It now verifies as revoked, from the code and from the QR text (page and command).
    client.logout()
    for text in (certificate.code, certificate.payload):
        assert "Revoked: this certificate has been withdrawn" in verify_page(client, text)
        out, status = verify_command(text)
        assert out.startswith("REVOKED") and status == 1
    client.force_login(officer)
    mine = client.get(reverse("certificates:mine")).content.decode()
    assert "Revoked" in mine and "Quiz answers were shared" in mine
    assert reverse("certificates:pdf", args=[certificate.pk]) not in mine

    # After the revocation a new certificate may be issued: a second one, valid; the first
    # stays revoked.
    reissued = certificate_issue(holder=officer, course=tree.course)
    assert reissued.pk != certificate.pk and reissued.code != certificate.code
    assert Certificate.objects.count() == 2
    assert certificate_issue(holder=officer, course=tree.course).pk == reissued.pk
    out, status = verify_command(reissued.code)
    assert (out.splitlines()[0], status) == ("VALID", 0)
    assert "Valid certificate" in verify_page(client, reissued.payload)
    assert "Revoked" in verify_page(client, certificate.code)
