"""Certificates in a real browser: a coordinator prints a batch for their scope and follows it
while the background worker renders it; anyone checks a certificate at /verify/ (genuine,
altered, mistyped); an officer downloads their own certificate from "My certificates"."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import WORKER_TIMEOUT_MS as PRINTING_TIMEOUT_MS
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def issue(people, course, *names: str) -> list:
    from certificates.services import certificate_issue

    return [
        certificate_issue(
            holder=people[name], course=course, actor=people["admin"], reason="Workshop"
        )
        for name in names
    ]


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE).group(1))


def test_coordinator_prints_a_batch_for_their_scope_and_downloads_it(
    page: Page, log_in, people, course_tree, start_db_worker, tmp_path
):
    from django_tasks_db.models import DBTaskResult

    from certificates.models import PrintJob
    from officers.services import officer_create

    people["learner_th2"] = officer_create(
        username="learner_th2",
        password=PASSWORD,
        post=people["learner"].post,
        full_name_latin="Malee Srisuk",
    )
    in_scope = issue(people, course_tree.course, "learner", "learner_kh", "learner_th2")
    (outside,) = issue(people, course_tree.course, "learner_la")

    log_in("coord", PASSWORD)
    page.goto("/coordinator/certificates/print/")
    expect(page.get_by_role("heading", name="Print certificates", level=1)).to_be_visible()
    page.get_by_label("Course").select_option(label=course_tree.course.title)
    page.get_by_role("button", name="Prepare the PDF").click()

    expect(page).to_have_url(re.compile(r"/coordinator/certificates/print/[0-9a-f-]{36}/$"))
    job = PrintJob.objects.get()
    assert job.requested_by == people["coordinator"]
    assert job.total == len(in_scope)  # the Lao officer is outside the coordinator's scope
    expect(page.get_by_role("heading", name="Certificates for TST-101", level=1)).to_be_visible()
    batch = page.locator("#batch")
    bar = batch.get_by_role("progressbar", name="Printing progress")
    status = batch.get_by_role("status")
    download_link = batch.get_by_role("link", name="Download the PDF")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(status).to_have_text("Waiting · 0 / 3")
    expect(download_link).to_be_hidden()

    # The task is queued (on commit of the request); the worker runs it (and the search and
    # reference-index updates Wagtail queued while the course was published) and exits.
    printing = DBTaskResult.objects.filter(task_path="certificates.batches.print_batch")
    assert list(printing.values_list("status", flat=True)) == ["READY"]
    start_db_worker()

    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=PRINTING_TIMEOUT_MS)
    expect(status).to_have_text("Ready · 3 / 3", timeout=PRINTING_TIMEOUT_MS)
    expect(download_link).to_be_visible()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.error) == ("done", 3, 3, "")
    assert list(printing.values_list("status", flat=True)) == ["SUCCESSFUL"]

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "certificates-TST-101.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) == 3
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for certificate in in_scope:
        assert certificate.code in text
    assert outside.code not in text

    # The batch is listed on the "Print certificates" page, ready.
    page.get_by_role("link", name="Print certificates").first.click()
    expect(page.get_by_role("link", name="TST-101")).to_be_visible()
    expect(page.locator("main li", has_text="TST-101")).to_contain_text("Ready")


def tampered(payload: str) -> str:
    """``payload`` with one character of its signature (the end of the QR text) changed to
    another character that still decodes: what a copy altered by hand looks like."""
    from certificates.payload import BASE45_ALPHABET, PREFIX, base45_decode

    position = len(payload) - 20
    for replacement in BASE45_ALPHABET:
        if replacement == payload[position]:
            continue
        candidate = payload[:position] + replacement + payload[position + 1 :]
        try:
            base45_decode(candidate[len(PREFIX) :])
        except ValueError:
            continue
        return candidate
    raise AssertionError("no replacement character decodes")


def test_anyone_checks_a_certificate_without_logging_in(page: Page, people, course_tree):
    people["learner"].service_number = "TH-40112"
    people["learner"].save()
    (certificate,) = issue(people, course_tree.course, "learner")
    verdict = page.locator("section.verdict")
    field = page.get_by_label("Certificate code or scanned QR text")
    check = page.get_by_role("button", name="Check")

    page.goto("/verify/")
    expect(page.get_by_role("heading", name="Check a certificate", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="My certificates")).to_have_count(0)  # not logged in

    # The code as an officer would type it from the paper: lower case, spaces for hyphens.
    field.fill(certificate.code.lower().replace("-", " "))
    check.click()
    expect(verdict.get_by_role("heading", level=2)).to_have_text("✓ Valid certificate")
    expect(verdict.locator("dd").first).to_have_text("S. Jaidee")  # initials and family name
    expect(verdict).to_contain_text(course_tree.course.title)
    expect(verdict).to_contain_text(certificate.code)
    for private in ("Somchai", "สมชาย", "TH-40112", "Aranyaprathet"):
        expect(page.locator("main")).not_to_contain_text(private)

    # The whole QR text, genuine, then with one character changed.
    field.fill(certificate.payload)
    check.click()
    expect(verdict.get_by_role("heading", level=2)).to_have_text("✓ Valid certificate")
    expect(verdict.locator("dd").first).to_have_text("S. Jaidee")

    field.fill(tampered(certificate.payload))
    check.click()
    expect(verdict.get_by_role("heading", level=2)).to_have_text(
        "✗ Not genuine: the signature does not match"
    )
    expect(verdict.locator("dl")).to_have_count(0)
    expect(verdict).not_to_contain_text("Jaidee")

    # One digit of the serial mistyped: the check character catches it.
    serial_digit = certificate.code.index("-", 3) + 4  # last digit of NNNN in CC-YYYY-NNNN-XK
    wrong = "7" if certificate.code[serial_digit] != "7" else "8"
    mistyped = certificate.code[:serial_digit] + wrong + certificate.code[serial_digit + 1 :]
    field.fill(mistyped)
    check.click()
    expect(verdict.get_by_role("heading", level=2)).to_have_text(
        "This code has a typing mistake: check each character"
    )
    expect(verdict.locator("dl")).to_have_count(0)


def test_officer_downloads_their_certificate_from_my_certificates(
    page: Page, log_in, people, course_tree, tmp_path
):
    mine, others = issue(people, course_tree.course, "learner", "learner_kh")

    log_in("learner", PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My certificates").click()
    expect(page).to_have_url(re.compile(r"/my-certificates/$"))
    expect(page.get_by_role("heading", name="My certificates", level=1)).to_be_visible()
    card = page.locator("li.card", has=page.get_by_role("heading", name=course_tree.course.title))
    expect(card).to_have_count(1)
    expect(card).to_contain_text(f"TST-101 · {mine.code}")
    expect(page.locator("main")).not_to_contain_text(others.code)

    with page.expect_download() as download_info:
        card.get_by_role("link", name="Download (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{mine.code}.pdf"
    pdf = tmp_path / download.suggested_filename
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) == 1
