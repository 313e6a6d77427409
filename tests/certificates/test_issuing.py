"""Certificates issued once on completion (or by hand, with a reason), revoked with a reason,
verified offline from the code or the signed QR payload."""

import datetime
import io

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from certificates.codes import check_code
from certificates.models import Certificate, Revocation
from certificates.selectors import verify_text
from certificates.services import certificate_issue, certificate_revoke
from tests.certificates.conftest import complete


def test_completing_a_course_issues_one_certificate(graded_course, people):
    officer = people["learner"]
    complete(officer, graded_course)
    certificate = Certificate.objects.get(holder=officer)
    assert check_code(certificate.code).ok
    assert certificate.code.startswith("TH-")
    assert certificate.holder_native == "สมชาย ใจดี"
    assert certificate.course_code == "TST-101"
    assert certificate.content_revision == str(graded_course.course.live_revision_id)
    assert certificate.score == 100
    assert not certificate.manual
    # Completing again, or issuing again, changes nothing.
    again = certificate_issue(holder=officer, course=graded_course.course)
    assert again.pk == certificate.pk
    assert Certificate.objects.count() == 1
    assert verify_text(certificate.payload).status == "valid"
    assert verify_text(certificate.code).status == "valid"


def test_no_certificate_before_the_quizzes_are_passed(graded_course, people):
    from learning import services as learning

    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    for lesson in graded_course.lessons:
        learning.lesson_open(learner=officer, lesson=lesson)
        learning.lesson_complete(learner=officer, lesson=lesson)
    assert not Certificate.objects.exists()


def test_issuing_by_hand_needs_a_reason_and_the_officer_in_scope(course_tree, people):
    with pytest.raises(ValidationError):
        certificate_issue(
            holder=people["learner"],
            course=course_tree.course,
            actor=people["coordinator"],
            reason=" ",
        )
    with pytest.raises(PermissionDenied):
        certificate_issue(
            holder=people["learner_la"],
            course=course_tree.course,
            actor=people["coordinator"],
            reason="In-person course, March",
        )
    certificate = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["coordinator"],
        reason="In-person course, March",
    )
    assert certificate.manual and certificate.reason == "In-person course, March"
    assert certificate.issued_by == people["coordinator"]
    assert Certificate.objects.count() == 1


def test_revocation_is_a_record_and_verification_says_revoked(course_tree, people):
    certificate = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, actor=people["admin"], reason="")
    with pytest.raises(PermissionDenied):
        certificate_revoke(certificate=certificate, actor=people["learner"], reason="mine")
    first = certificate_revoke(
        certificate=certificate, actor=people["coordinator"], reason="Issued in error"
    )
    second = certificate_revoke(certificate=certificate, actor=people["admin"], reason="again")
    assert first.pk == second.pk and Revocation.objects.count() == 1
    assert verify_text(certificate.code).status == "revoked"
    assert verify_text(certificate.payload).status == "revoked"
    # A new certificate may be issued after a revocation.
    new = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Re-issued",
    )
    assert new.pk != certificate.pk


def test_validity_period_and_expiry(course_tree, people):
    course = course_tree.course
    course.certificate_validity_months = 24
    course.save_revision().publish()
    course.refresh_from_db()
    certificate = certificate_issue(
        holder=people["learner"], course=course, actor=people["admin"], reason="Workshop"
    )
    assert certificate.expires_on is not None
    assert (certificate.expires_on - certificate.issued_on).days in range(728, 733)
    later = certificate.expires_on + datetime.timedelta(days=1)
    assert verify_text(certificate.payload, today=later).status == "expired"
    assert verify_text(certificate.code, today=later).status == "expired"
    assert verify_text(certificate.code, today=certificate.expires_on).status == "valid"


def test_one_changed_character_fails_verification(course_tree, people):
    certificate = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    payload = certificate.payload
    position = len(payload) // 2
    swapped = "A" if payload[position] != "A" else "B"
    tampered = payload[:position] + swapped + payload[position + 1 :]
    assert verify_text(tampered).status in {"forged", "not_ours"}
    code = certificate.code
    mistyped = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert verify_text(mistyped).status == "mistyped"
    assert verify_text("https://example.org/fake").status == "not_ours"


def test_verify_page_shows_the_minimum_to_anyone(client, course_tree, people):
    officer = people["learner"]
    officer.service_number = "TH-40112"
    officer.save()
    certificate = certificate_issue(
        holder=officer, course=course_tree.course, actor=people["admin"], reason="Workshop"
    )
    for data in ({"text": certificate.code}, {"text": certificate.payload}):
        html = client.post(reverse("certificates:verify"), data).content.decode()
        assert "Valid certificate" in html
        assert "S. Jaidee" in html
        assert "Somchai" not in html
        assert "TH-40112" not in html and "Aranyaprathet" not in html
        assert course_tree.course.title in html


def test_verify_page_reads_a_photo_of_the_qr_code(client, course_tree, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    certificate = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    png = io.BytesIO()
    segno.make(certificate.payload, error="m").save(png, kind="png", scale=4)
    photo = SimpleUploadedFile("qr.png", png.getvalue(), content_type="image/png")
    html = client.post(reverse("certificates:verify"), {"image": photo}).content.decode()
    assert "Valid certificate" in html

    not_qr = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (200, 200), "white").save(not_qr, "PNG")
    photo = SimpleUploadedFile("blank.png", not_qr.getvalue(), content_type="image/png")
    html = client.post(reverse("certificates:verify"), {"image": photo}).content.decode()
    assert "No QR code could be read in this picture." in html


def test_verify_command(course_tree, people, capsys):
    certificate = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    call_command("verify_certificate", certificate.payload)
    out = capsys.readouterr().out
    assert out.startswith("VALID") and "S. Jaidee" in out
    certificate_revoke(certificate=certificate, actor=people["admin"], reason="error")
    with pytest.raises(SystemExit):
        call_command("verify_certificate", certificate.code)
    assert capsys.readouterr().out.startswith("REVOKED")
    with pytest.raises(SystemExit):
        call_command("verify_certificate", "EL1:NOT-A-PAYLOAD")
    assert "NOT A CERTIFICATE" in capsys.readouterr().out


def test_coordinator_revokes_from_the_list_with_a_reason(client, course_tree, people):
    mine = certificate_issue(
        holder=people["learner"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    outside = certificate_issue(
        holder=people["learner_la"],
        course=course_tree.course,
        actor=people["admin"],
        reason="Workshop",
    )
    client.force_login(people["coordinator"])
    listing = client.get(reverse("certificates:coordinator")).content.decode()
    assert mine.code in listing and outside.code not in listing
    url = reverse("certificates:revoke", args=[mine.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Give the reason" in response.content.decode()
    assert not Revocation.objects.exists()
    response = client.post(url, {"reason": "Issued to the wrong officer"}, follow=True)
    assert f"Certificate {mine.code} is revoked." in response.content.decode()
    assert Revocation.objects.get().revoked_by == people["coordinator"]
    assert (
        client.post(reverse("certificates:revoke", args=[outside.pk]), {"reason": "x"}).status_code
        == 404
    )
    client.force_login(people["learner"])
    assert client.post(url, {"reason": "x"}).status_code == 403
