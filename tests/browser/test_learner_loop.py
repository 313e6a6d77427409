"""The officer's learning loop in a real browser: a knowledge check keeps the officer's choice
after "Check" (with and without JavaScript), and each role lands on its own start page after
logging in."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import answering
from tests.browser.conftest import PASSWORD, TIMEOUT_MS, close_context

pytestmark = pytest.mark.browser


def item(value) -> dict:
    return {"type": "item", "id": str(uuid.uuid4()), "value": value}


def option(text: str, correct: bool = False) -> dict:
    return item({"text": text, "correct": correct, "feedback": ""})


def question(stem: str, **fields) -> dict:
    return {
        "stem": f"<p>{stem}</p>",
        "points": 1,
        "feedback_correct": "",
        "feedback_incorrect": "",
        "explanation": "",
        **fields,
    }


@pytest.fixture
def lesson_with_checks(make_course, make_officer):
    """An enrolled officer "ann" and a lesson with a single-choice and a short-text check."""
    from learning.services import enrolment_create

    course = make_course("Document checks", "document-checks", "DOC-1", lessons=1)
    lesson = course.lessons[0]
    single = question(
        "Which document is forged?",
        options=[option("Passport A", True), option("Visa B"), option("Permit C")],
    )
    typed = question("The document for crossing?", accepted=["Passport"])
    answering.lesson_with_checks(
        lesson, {"pick": ("single", single), "type": ("short_text", typed)}
    )
    officer = make_officer("ann")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    return lesson


def answer_both_checks(tab: Page) -> None:
    pick = tab.locator("#check-pick")
    pick.get_by_label("Visa B").check()
    pick.get_by_role("button", name="Check").click()
    expect(tab.locator("#check-pick .feedback, .messages").first).to_contain_text("Not quite.")
    typed = tab.locator("#check-type")
    typed.get_by_label("Your answer").fill("visa")
    typed.get_by_role("button", name="Check").click()


def expect_choices_kept(tab: Page) -> None:
    pick = tab.locator("#check-pick")
    expect(pick.get_by_label("Visa B")).to_be_checked()
    expect(pick.get_by_label("Passport A")).not_to_be_checked()
    expect(tab.locator("#check-type").get_by_label("Your answer")).to_have_value("visa")


def test_a_knowledge_check_keeps_the_choice_with_javascript(page: Page, log_in, lesson_with_checks):
    log_in("ann")
    page.goto(lesson_with_checks.url)
    answer_both_checks(page)
    expect(page.locator("#check-type .feedback")).to_contain_text("Not quite.")
    expect_choices_kept(page)


def test_a_knowledge_check_keeps_the_choice_without_javascript(
    browser: Browser, live_server, lesson_with_checks
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = context.new_page()
        tab.goto("/accounts/login/")
        tab.get_by_label("User name").fill("ann")
        tab.get_by_label("Password").fill(PASSWORD)
        tab.get_by_role("button", name="Log in").click()
        tab.goto(lesson_with_checks.url)
        pick = tab.locator("#check-pick")
        pick.get_by_label("Visa B").check()
        pick.get_by_role("button", name="Check").click()
        expect(tab).to_have_url(re.compile(r"#check-pick$"))
        expect(tab.get_by_text(re.compile(r"^Not quite\."))).to_be_visible()
        expect(tab.locator("#check-pick").get_by_label("Visa B")).to_be_checked()
        typed = tab.locator("#check-type")
        typed.get_by_label("Your answer").fill("visa")
        typed.get_by_role("button", name="Check").click()
        expect(tab).to_have_url(re.compile(r"#check-type$"))
        expect(tab.locator("#check-type").get_by_label("Your answer")).to_have_value("visa")
    finally:
        close_context(context)


@pytest.mark.parametrize(
    ("role", "landing", "heading"),
    [
        ("trainer", "/admin/", None),
        ("coordinator", "/coordinator/", "Officers' progress"),
        ("learner", "/my-learning/", "My learning"),
    ],
)
def test_each_role_lands_on_its_own_start_page(
    page: Page, log_in, make_officer, role, landing, heading
):
    make_officer("pat", role=role)
    log_in("pat")
    expect(page).to_have_url(re.compile(re.escape(landing) + "$"))
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    else:
        expect(page).to_have_title(re.compile(r"^Dashboard"))  # the authoring admin's


def test_an_explicit_next_still_wins(page: Page, log_in, make_officer):
    make_officer("pat", role="coordinator")
    log_in("pat", next_url="/my-learning/")
    expect(page).to_have_url(re.compile(r"/my-learning/$"))


def test_the_transcript_prints_on_a4_without_navigation(
    page: Page, log_in, make_officer, make_course
):
    import io

    from pypdf import PdfReader

    from learning.services import enrolment_create

    course = make_course("Document checks", "document-checks", "DOC-1", lessons=1)
    officer = make_officer("ann")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    log_in("ann")
    page.goto("/my-learning/")
    page.get_by_role("link", name=re.compile("My transcript")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transcript")
    expect(page.get_by_role("heading", name="DOC-1 · Document checks")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    first = pdf.pages[0]
    assert (round(first.mediabox.width), round(first.mediabox.height)) == (595, 842)  # A4
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "DOC-1 · Document checks" in text and "Not completed yet" in text
    assert "Log out" not in text and "Language" not in text
    page.set_viewport_size({"width": 680, "height": 960})  # A4's 180 mm between margins
    width = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    assert page.evaluate(width)
