"""An officer's journey through the site in a real browser: language, catalogue, enrolment,
lessons, progress; and the doors a visitor who may not read a lesson finds closed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

THAI_COURSE = "การคัดแยกผู้เสียหายจากการค้ามนุษย์"
ENGLISH_COURSE = "Identifying victims of trafficking"
UNTRANSLATED_COURSE = "Wildlife crime at the border"


def thai_catalogue_is_compiled() -> bool:
    return any(
        (Path(folder) / "th" / "LC_MESSAGES" / "django.mo").exists()
        for folder in settings.LOCALE_PATHS
    )


def switch_language(page: Page, code: str, name: str) -> None:
    """Change the interface language from the page header, as an officer does: the header's
    "Language: English" link, then the language's own button on the page it opens (or, in the
    earlier design, the header's language <select> and its "Change" button)."""
    header = page.locator("header")
    select = header.locator("select#language")
    if select.count():
        select.select_option(code)
        header.get_by_role("button", name="Change").click()
        return
    header.get_by_role("link", name=re.compile(r"^Language\b")).click()
    expect(page).to_have_url(re.compile(r"/language/\?next="))
    page.get_by_role("button", name=name, exact=True).click()


def progress(page: Page, tr, language: str, *, done: int, total: int, percent: int) -> None:
    """The progress bar and its sentence show ``done`` of ``total`` lessons."""
    bar = page.get_by_role("progressbar", name=tr(language, "Course progress"))
    expect(bar).to_have_attribute("aria-valuenow", str(percent))
    sentence = tr(language, "%(done)s of %(total)s lessons completed", done=done, total=total)
    expect(page.get_by_text(sentence, exact=True)).to_be_visible()


def test_officer_reads_in_thai_enrols_and_sees_progress(
    page: Page, log_in, make_officer, make_course, tr
):
    course = make_course(
        ENGLISH_COURSE, "identifying-victims", "TIP-101", lessons=4, thai_title=THAI_COURSE
    )
    make_course(UNTRANSLATED_COURSE, "wildlife-crime", "WLC-101", lessons=2)
    make_officer("ann")
    th = lambda message, **values: tr("th", message, **values)  # noqa: E731

    log_in("ann")
    expect(page).to_have_url(re.compile(r"/my-learning/$"))
    expect(page.get_by_role("heading", name="My learning", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch_language(page, "th", "ไทย")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page).to_have_url(re.compile(r"/my-learning/$"))
    my_learning_link = page.get_by_role("link", name=th("My learning"), exact=True)
    expect(my_learning_link).to_be_visible()
    if thai_catalogue_is_compiled():
        # The interface itself is in Thai, not only the <html lang>.
        expect(my_learning_link).not_to_have_text("My learning")

    # The catalogue: the translated course in Thai, the other one in English (fallback).
    page.get_by_role("link", name=th("Courses"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    thai_card = page.locator("li.card", has=page.get_by_role("heading", name=THAI_COURSE))
    expect(thai_card).to_have_attribute("lang", "th")
    fallback_card = page.locator(
        "li.card", has=page.get_by_role("heading", name=UNTRANSLATED_COURSE)
    )
    expect(fallback_card).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name=ENGLISH_COURSE)).to_have_count(0)

    # Enrol: progress starts at 0.
    thai_card.get_by_role("link", name=THAI_COURSE).click()
    expect(page).to_have_url(re.compile(r"/identifying-victims/$"))
    expect(page.get_by_role("heading", name=THAI_COURSE, level=1)).to_be_visible()
    page.get_by_role("button", name=th("Enrol in this course")).click()
    expect(page.get_by_role("status")).to_contain_text(THAI_COURSE)
    progress(page, tr, "th", done=0, total=4, percent=0)

    # The first lesson, in Thai; mark it complete and land on the second.
    page.get_by_role("link", name=th("Start the course")).click()
    expect(page).to_have_url(re.compile(r"/identifying-victims/module-1/lesson-1/$"))
    lesson = page.locator("article")
    expect(lesson).to_have_attribute("lang", "th")
    expect(lesson.get_by_role("heading", level=1)).to_have_text("TIP-101 lesson 1 (ไทย)")
    expect(lesson).to_contain_text("เนื้อหาของ TIP-101 lesson 1")
    page.get_by_role("button", name=th("Mark as complete and continue")).click()
    expect(page).to_have_url(re.compile(r"/identifying-victims/module-1/lesson-2/$"))
    expect(page.get_by_role("heading", name="TIP-101 lesson 2 (ไทย)", level=1)).to_be_visible()
    progress_bar = page.get_by_role("progressbar", name=th("Course progress"))
    expect(progress_bar).to_have_attribute("aria-valuenow", "25")

    # The course page counts it, and "continue" points at the second lesson.
    page.get_by_role("navigation", name=th("Breadcrumb")).get_by_role(
        "link", name=THAI_COURSE
    ).click()
    expect(page).to_have_url(re.compile(r"/identifying-victims/$"))
    progress(page, tr, "th", done=1, total=4, percent=25)
    expect(page.get_by_role("link", name=th("Continue where you left off"))).to_have_attribute(
        "href", course.lesson_url(2)
    )

    # So does "My learning"; its "continue" leads to the second lesson.
    my_learning_link.click()
    expect(page).to_have_url(re.compile(r"/my-learning/$"))
    card = page.locator("li.card", has=page.get_by_role("heading", name=THAI_COURSE))
    expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "25")
    expect(card).to_contain_text(th("%(done)s of %(total)s lessons completed", done=1, total=4))
    card.get_by_role("link", name=th("Continue where you left off")).click()
    expect(page).to_have_url(re.compile(r"/identifying-victims/module-1/lesson-2/$"))
    expect(page.get_by_role("heading", name="TIP-101 lesson 2 (ไทย)", level=1)).to_be_visible()


def test_anonymous_visitor_is_sent_to_log_in(page: Page, make_course):
    course = make_course("Document fraud basics", "document-fraud", "DOC-101", lessons=2)

    page.goto(course.lesson_url(1))

    expect(page).to_have_url(
        re.compile(r"/accounts/login/\?next=/document-fraud/module-1/lesson-1/$")
    )
    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible()
    expect(page.get_by_text("DOC-101 lesson 1")).to_have_count(0)


def test_learner_not_enrolled_is_sent_back_to_the_course(
    page: Page, log_in, make_officer, make_course
):
    course = make_course("Document fraud basics", "document-fraud", "DOC-101", lessons=2)
    make_officer("ben")
    log_in("ben")

    page.goto(course.lesson_url(1))

    expect(page).to_have_url(re.compile(r"/document-fraud/$"))
    expect(page.get_by_role("status")).to_have_text("Enrol in this course to open its lessons.")
    expect(page.get_by_role("heading", name="Document fraud basics", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Enrol in this course")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as complete and continue")).to_have_count(0)


def test_keyboard_reaches_and_activates_mark_as_complete(
    page: Page, log_in, make_officer, make_course
):
    from learning.services import enrolment_create

    course = make_course("Document fraud basics", "document-fraud", "DOC-101", lessons=2)
    learner = make_officer("kim")
    enrolment_create(learner=learner, course=course.course, actor=learner)
    log_in("kim")
    page.goto(course.lesson_url(1))
    button = page.get_by_role("button", name="Mark as complete and continue")
    expect(button).to_be_visible()

    for _presses in range(30):  # skip link, header, language form, breadcrumb, lesson...
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/document-fraud/module-1/lesson-2/$"))
    expect(page.get_by_role("progressbar", name="Course progress")).to_have_attribute(
        "aria-valuenow", "50"
    )
