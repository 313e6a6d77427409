"""Headquarters corrects, by a record that travels, a certificate a post issued on a clock that
was wrong (the ``KH-2019-...`` certificates expired the day they were earned)."""

from __future__ import annotations

import datetime
import subprocess
import uuid

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from certificates.codes import make_code
from certificates.models import Certificate, CertificateCorrection
from certificates.payload import CertificateClaims, sign_payload
from certificates.selectors import verify_text
from elearning.localdates import format_local_date
from nodes.identity import node_identity
from recordsync.services import packet_export, packet_import
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db


def _issued_in_2019(officer, course) -> Certificate:
    """What a post whose clock said March 2019 issued (the software before the fix)."""
    issued, expires = datetime.date(2019, 3, 4), datetime.date(2021, 3, 4)
    code = make_code(country="KH", year=2019, serial=1, node_char="7")
    certificate_id = uuid.uuid4()
    claims = CertificateClaims(
        certificate_id=certificate_id,
        code=code,
        holder=officer.full_name_latin,
        course_code=course.code,
        course_title=course.title,
        issued_on=issued,
        expires_on=expires,
        issuer=node_identity().node_id,
    )
    return Certificate.stamped(
        id=certificate_id,
        recorded_at=timezone.now(),
        code=code,
        holder=officer,
        holder_latin=officer.full_name_latin,
        course_key=course.translation_key,
        course_code=course.code,
        course_title=course.title,
        issued_on=issued,
        expires_on=expires,
        payload=sign_payload(claims, node_identity().private_key),
    )


def test_the_hub_corrects_a_certificate_dated_before_its_course_existed(
    network, people, course_tree, tmp_path, login
):
    officer = people["learner_kh"]
    network.be("poipet")
    with transaction.atomic():
        certificate = _issued_in_2019(officer, course_tree.course)
    assert verify_text(certificate.code).status == "expired"
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])

    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.rejected == []
    published = timezone.localdate(course_tree.course.first_published_at)
    assert f"{certificate.code}: issue date corrected from 2019-03-04 to {published}" in " ".join(
        summary.warnings
    )
    for text in (certificate.code, certificate.payload):
        checked = verify_text(text)
        assert checked.status == "valid", text
        assert checked.issued_on == published and checked.code == certificate.code
        assert (checked.expires_on - checked.issued_on).days == 731
    # The certificate itself is as issued; the correction is a record of headquarters'.
    assert Certificate.objects.get(pk=certificate.pk).issued_on == datetime.date(2019, 3, 4)
    [correction] = CertificateCorrection.objects.all()
    assert correction.origin_node == network.ids["hub"]
    # The officer's list, the coordinator's list and the printed certificate give the
    # corrected date, and none calls it expired.
    shown = format_local_date(published, "en")  # as pages print dates (elearning.localdates)
    page = login(officer).get(reverse("certificates:mine")).content.decode()
    mine = page.split("<main", 1)[1].split("</main>", 1)[0].replace(certificate.code, "")
    assert shown in mine and "Expired" not in mine and "2019" not in mine
    listed = login(people["coordinator"]).get(reverse("certificates:coordinator"))
    assert shown in listed.content.decode()
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(login(officer).get(reverse("certificates:pdf", args=[certificate.pk])).content)
    printed = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    assert "2019" not in printed.stdout.replace(certificate.code, "")

    # It travels to the post with the officer's records; the post verifies it valid too.
    back = tmp_path / "hub-to-poipet.packet"
    packet_export(path=back, recipient=network.ids["poipet"])
    forget_records(network.ids["hub"])
    network.be("poipet")
    assert packet_import(source=back).counts("certificate_correction").new == 1
    assert verify_text(certificate.payload).status == "valid"


def test_a_certificate_issued_with_a_right_clock_is_not_corrected(
    network, people, course_tree, tmp_path
):
    from certificates.services import certificate_issue

    network.be("poipet")
    certificate_issue(
        holder=people["learner_kh"], course=course_tree.course, actor=people["admin"], reason="W"
    )
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.new >= 1 and not CertificateCorrection.objects.exists()
    assert not any("corrected" in w for w in summary.warnings)
