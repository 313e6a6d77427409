"""A certificate is printed in its holder's language where the course has its certificate in
it, else in the course's language, the same way by every path: the officer's download (also
when a coordinator downloads it), a coordinator's batch and ``print_certificates``. The
reader's or the coordinator's language never leaks into it. Dates on certificates and pages
read in the language (Lao, Burmese, Vietnamese)."""

import datetime
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext, override

from certificates.language import certificate_language
from certificates.models import PrintJob
from certificates.rendering import CertificateDesign, CertificateSheet, render_one
from certificates.services import certificate_issue
from courses.models import CertificateTemplate
from officers.services import officer_set_language
from tests.certificates.conftest import dated
from tests.conftest import publish, run_task_worker, translate

DAY = datetime.date(2026, 12, 3)
KHMER_TITLE = "វគ្គសិក្សាសាកល្បង"


def tr(language: str, message: str) -> str:
    with override(language):
        return gettext(message)


def pdf_text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def has_khmer(text: str) -> bool:
    return any(0x1780 <= ord(c) <= 0x17FF for c in text)


def has_thai(text: str) -> bool:
    return any(0x0E00 <= ord(c) <= 0x0E7F for c in text)


def english_page(text: str) -> None:
    text = text.replace("สมชาย ใจดี", "")  # the Thai officer's name in their own script
    assert "This certifies that" in text
    assert "Course code: TST-101" in text
    assert "Issued on December 3, 2026" in text
    assert not has_khmer(text) and not has_thai(text)


def khmer_page(text: str) -> None:
    assert f"{tr('km', 'Course code')}: TST-101" in text
    assert "3 ធ្នូ 2026" in text
    assert "Course code" not in text and "Issued on" not in text
    assert not has_thai(text)


@pytest.fixture
def in_languages(course_tree, people):
    """The course (English, no template) translated into Khmer; the Khmer officer prefers
    Khmer, the Thai officer Thai (the course has no Thai), the coordinator reads Thai; three
    certificates dated 3 December 2026."""
    assert tr("km", "Course code") != "Course code"  # the Khmer catalogue is compiled
    translate(course_tree.index, "km")
    translate(course_tree.course, "km", title=KHMER_TITLE)
    for name, language in [("learner_kh", "km"), ("learner", "th"), ("coordinator", "th")]:
        officer_set_language(user=people[name], language=language)
    certificates = [
        certificate_issue(
            holder=people[name], course=course_tree.course, actor=people["admin"], reason="Course"
        )
        for name in ("learner", "learner_kh", "learner_la")
    ]
    for certificate in certificates:
        dated(certificate, DAY)
    return certificates


def test_the_rule():
    rule = certificate_language
    assert rule(preferred="km", available={"en", "km"}, course_language="en") == "km"
    assert rule(preferred="th", available={"en", "km"}, course_language="en") == "en"
    assert rule(preferred="", available={"en", "km"}, course_language="en") == "en"


def test_a_download_is_in_the_holders_language_whoever_downloads_it(
    client, in_languages, people, tmp_path
):
    thai, khmer, _lao = in_languages
    pdf = tmp_path / "c.pdf"
    for reader in ("learner_kh", "coordinator"):  # Khmer, Thai
        client.force_login(people[reader])
        pdf.write_bytes(b"".join(client.get(reverse("certificates:pdf", args=[khmer.pk]))))
        khmer_page(pdf_text(pdf))
    client.force_login(people["learner"])  # prefers Thai: the course has no Thai, so English
    pdf.write_bytes(b"".join(client.get(reverse("certificates:pdf", args=[thai.pk]))))
    english_page(pdf_text(pdf))


def test_a_template_only_in_english_prints_wholly_in_english(
    client, in_languages, people, course_tree, tmp_path
):
    template = CertificateTemplate.objects.create(
        name="Border course",
        title="Certificate of completion",
        body="has successfully completed the course",
        locale=course_tree.course.locale,
    )
    course_tree.course.certificate_template = template
    publish(course_tree.course)
    client.force_login(people["learner_kh"])
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"".join(client.get(reverse("certificates:pdf", args=[in_languages[1].pk]))))
    text = pdf_text(pdf)
    english_page(text)
    assert "Check it at /verify/" in text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_batch_prints_each_certificate_in_its_holders_language(
    client, in_languages, people, course_tree, tmp_path
):
    client.force_login(people["coordinator"])  # reads Thai
    client.post(reverse("certificates:batch_new"), {"course": course_tree.course.pk})
    run_task_worker()
    job = PrintJob.objects.get()
    assert job.status == "done", job.error
    pdf = tmp_path / "batch.pdf"
    download = client.get(reverse("certificates:batch", args=[job.pk]), {"download": 1})
    pdf.write_bytes(b"".join(download.streaming_content))
    english_page(pdf_text(pdf, 1))  # Aranyaprathet: the Thai officer
    khmer_page(pdf_text(pdf, 2))  # Poipet: the Khmer officer


def test_the_print_command_prints_each_certificate_in_its_holders_language(in_languages, tmp_path):
    out = tmp_path / "all.pdf"
    call_command("print_certificates", "--course", "TST-101", "-o", str(out))
    english_page(pdf_text(out, 1))  # Aranyaprathet
    khmer_page(pdf_text(out, 2))  # Poipet
    english_page(pdf_text(out, 3))  # Vientiane: no preference, the course's language


# --- dates in Lao, Burmese and Vietnamese ----------------------------------------------------

PDF_DATES = {
    "lo": "3 ທັນວາ 2026",
    "my": "2026 ဒီဇင်ဘာ 3",
    "vi": "3 tháng 12, 2026",
}


@pytest.mark.parametrize("language", sorted(PDF_DATES))
def test_a_certificates_dates_read_in_its_language(language, tmp_path):
    sheet = CertificateSheet(
        holder_native="",
        holder_latin="Sokha Chan",
        course_title="Border course",
        course_code="TST-101",
        issued_on=DAY,
        expires_on=None,
        code="KH-2026-0001-7Q",
        payload="KH-2026-0001-7Q",
    )
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(render_one(sheet, CertificateDesign(language=language)))
    text = pdf_text(pdf)
    assert PDF_DATES[language] in text
    assert "Dec" not in text and "12/03" not in text
    if language == "vi":
        assert "Cấp 3 tháng 12, 2026" in text  # one sentence, no doubled "Ngày"
        assert "Ngày cấp Ngày" not in text


PAGE_DATES = {
    "lo": "3 ທ.ວ. 2026",
    "my": "2026 ဒီ 3",
    "vi": "3 thg 12, 2026",
}


@pytest.mark.parametrize("language", sorted(PAGE_DATES))
def test_my_certificates_dates_read_in_the_officers_language(
    client, in_languages, people, language
):
    officer_set_language(user=people["learner_kh"], language=language)
    client.force_login(people["learner_kh"])
    html = client.get(reverse("certificates:mine")).content.decode()
    assert PAGE_DATES[language] in html
    assert "Dec. 3, 2026" not in html and "Ngày cấp Ngày" not in html


def test_the_coordinators_table_names_the_month(client, in_languages, people):
    officer_set_language(user=people["coordinator"], language="en")
    client.force_login(people["coordinator"])
    html = client.get(reverse("certificates:coordinator")).content.decode()
    assert "Dec 3, 2026" in html
    assert "12/03/2026" not in html
