"""Phones: no learner or coordinator page scrolls sideways on a 320 px screen, and an officer
takes a quiz with a matching question of long options at 390 px with touch-sized controls and
the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.site_pages import build_site, uncovered_urls, visit

pytestmark = pytest.mark.browser

NARROWEST = 320


SIDEWAYS = """() => {
  const root = document.documentElement;
  const out = [...document.body.querySelectorAll("*")]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
    .filter(e => !e.parentElement.closest("*") || e.parentElement.getBoundingClientRect().right
      <= root.clientWidth + 0.5)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}`
      + ` (${Math.round(e.getBoundingClientRect().right)} px)`);
  return {scroll: root.scrollWidth, client: root.clientWidth, sticking_out: out};
}"""


def sideways(tab) -> dict | None:
    """If the page scrolls sideways: its width, the window's, and the outermost elements that
    stick out (to find the cause); else None."""
    widths = tab.evaluate(SIDEWAYS)
    return widths if widths["scroll"] > widths["client"] else None


def test_no_learner_or_coordinator_page_scrolls_sideways_at_320px(
    browser, live_server, make_course, make_officer, people
):
    pages = build_site(make_course, make_officer, people=people)
    assert uncovered_urls(pages) == set(), "pages missing from the list: add them"
    too_wide = {}
    for where, tab in visit(browser, live_server.url, pages, width=NARROWEST):
        if widths := sideways(tab):
            too_wide[where] = widths
    assert too_wide == {}, f"pages wider than a {NARROWEST} px phone: {too_wide}"


PHONE = {"width": 390, "height": 844}
TOUCH_PX = 44


def assert_touch_sized(control) -> None:
    box = control.bounding_box()
    assert box is not None and box["height"] >= TOUCH_PX, (control, box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (control, box)


def test_officer_takes_a_matching_quiz_on_a_phone_with_touch_targets_and_the_keyboard(
    page, make_course, make_officer, log_in
):
    from learning.services import enrolment_create
    from quizzes.models import QuizAttempt, QuizSubmission
    from tests.browser.site_pages import LONG_PAIRS, matching_quiz
    from tests.browser.test_quiz import ATTEMPT_URL, choose_radio_by_keyboard, press_button

    course = make_course("Wildlife crime", "wildlife-crime", "WLC-101", lessons=1)
    quiz = matching_quiz(course.module)
    officer = make_officer("ann")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    page.set_viewport_size(PHONE)
    log_in("ann")

    page.goto(quiz.url)
    header = page.locator("header.top")
    for control in [*header.get_by_role("link").all(), *header.get_by_role("button").all()]:
        assert_touch_sized(control)
    assert_touch_sized(page.get_by_role("button", name="Start the quiz"))
    press_button(page, "Start the quiz")
    expect(page).to_have_url(ATTEMPT_URL)
    attempt = QuizAttempt.objects.get(pk=ATTEMPT_URL.search(page.url).group(1))
    matching, single = attempt.snapshot["questions"]
    assert matching["type"] == "matching"
    assert sideways(page) is None

    # Each matching row: the item, then every possible match as a whole, wrapped, touch-sized
    # choice; Tab into the row, arrows to the match, Space.
    box = page.locator("fieldset.question#question-1")
    lefts = {left["id"]: left["text"] for left in matching["view"]["lefts"]}
    rights = {right["id"]: right["text"] for right in matching["view"]["rights"]}
    assert sorted(rights.values()) == sorted(right for _left, right in LONG_PAIRS)
    for left, right in matching["key"]["pairs"]:
        row = box.get_by_role("group", name=lefts[left], exact=True)
        for text in rights.values():
            choice = row.get_by_label(text, exact=True)
            label = choice.locator("xpath=..")  # the label around the radio: the touch target
            assert_touch_sized(label)
            expect(label).to_have_text(text)  # the whole text, in the box: not cut off
            assert label.evaluate("e => e.scrollWidth <= e.clientWidth")
        choose_radio_by_keyboard(page, row, rights[right])

    correct = next(o["id"] for o in single["key"]["options"] if o["correct"])
    text = next(o["text"] for o in single["view"]["options"] if o["id"] == correct)
    option = page.locator("fieldset.question#question-2").get_by_label(text, exact=True)
    assert_touch_sized(option.locator("xpath=.."))
    choose_radio_by_keyboard(page, page.locator("fieldset.question#question-2"), text)

    for name in ("Save answers", "Submit for grading"):
        assert_touch_sized(page.get_by_role("button", name=name))
    assert sideways(page) is None
    press_button(page, "Submit for grading")

    expect(page.get_by_role("heading", name="Attempt 1: your result", level=1)).to_be_visible()
    expect(page.locator("p.result")).to_contain_text("100%")
    expect(page.locator("p.result")).to_contain_text("Passed")
    expect(page.get_by_text(re.compile(r"^Right \("))).to_have_count(2)
    assert sideways(page) is None
    assert QuizSubmission.objects.get(attempt=attempt).percent == 100
