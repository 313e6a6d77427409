"""A course code keeps the case the trainer typed, on the officer's pages and certificate; a
code that differs from another course's only in case is refused at the field."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PDF_TIMEOUT_MS = 60_000


def new_course(page: Page, index_id: int, title: str, code: str) -> None:
    page.goto(f"/admin/pages/add/courses/coursepage/{index_id}/")
    page.get_by_role("textbox", name="Title*").fill(title)
    code_input = page.get_by_role("textbox", name="Course code*")
    code_input.fill(code)
    code_input.press("Tab")  # the admin's slug widget lower-cased a code when it lost focus
    page.get_by_label("Topic").select_option(label="Human rights")
    page.get_by_role("textbox", name="Summary*").fill(f"What {title} teaches.")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


def test_a_course_code_keeps_its_case_and_a_case_only_twin_is_refused(
    page: Page, open_tab, log_in, make_officer, tmp_path
):
    from certificates.services import certificate_issue
    from courses.models import CoursePage
    from courses.services import catalogue_ensure
    from learning.services import enrolment_create

    index = catalogue_ensure()
    make_officer("tess", role="trainer")
    admin = make_officer("ada", role="administrator")
    officer = make_officer("olga")
    log_in("tess", next_url="/admin/")

    new_course(page, index.pk, "Quality assurance", "QA-NU-1")
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(r"'Quality assurance'.*published")
    )
    course = CoursePage.objects.get(title="Quality assurance")
    assert course.code == "QA-NU-1"

    new_course(page, index.pk, "Quality again", "qa-nu-1")
    code_field = page.locator("[data-field-wrapper]", has=page.locator("input[name=code]"))
    expect(code_field).to_contain_text(
        "Another course already uses this code as QA-NU-1: codes differ by more than upper and "
        "lower case."
    )
    assert not CoursePage.objects.filter(title="Quality again", live=True).exists()

    enrolment_create(learner=officer, course=course, actor=officer)
    certificate = certificate_issue(holder=officer, course=course, actor=admin, reason="Workshop")
    learner = open_tab()
    log_in("olga", tab=learner)
    learner.goto("/")
    expect(learner.locator("main")).to_contain_text("QA-NU-1")
    learner.goto(course.url)
    expect(learner.locator("article .meta").first).to_contain_text("QA-NU-1")
    learner.goto("/my-certificates/")
    card = learner.locator("li.card", has=learner.get_by_role("heading", name="Quality assurance"))
    expect(card).to_contain_text(f"QA-NU-1 · {certificate.code}")
    link = card.get_by_role("link", name="Download (PDF)")
    # Rendering a PDF (WeasyPrint) can take longer than a click on a busy machine.
    response = learner.request.get(link.get_attribute("href"), timeout=PDF_TIMEOUT_MS)
    assert response.ok
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "QA-NU-1" in text
    assert "qa-nu-1" not in text
