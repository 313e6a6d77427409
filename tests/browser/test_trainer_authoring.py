"""A trainer authors a lesson in the Wagtail admin; what learners then see."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def write_lesson(page: Page, module_id: int, title: str, text: str) -> None:
    """From the module's page explorer, start a new lesson and fill in its title and body."""
    page.goto(f"/admin/pages/{module_id}/")
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name="Lesson", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/modules/lessonpage/{module_id}/$"))
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_role("textbox", name="Summary").fill("What to do when a child is on the bus.")
    page.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Text", exact=True).click()
    editor = page.get_by_role("region", name="Text *").get_by_role("textbox")
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_contain_text(text)
    # Draftail copies the editor's state into the block's hidden input a moment (~250 ms) after
    # the last keystroke; a form sent before that saves an empty paragraph.
    saved_state = page.locator("input[type=hidden][name=body-0-value]")
    expect(saved_state).to_have_value(re.compile(re.escape(json.dumps(text)[1:-1])))


@pytest.fixture
def enrolled_learner(make_officer):
    from learning.services import enrolment_create

    def enrol(username: str, course):
        learner = make_officer(username)
        enrolment_create(learner=learner, course=course.course, actor=learner)
        return learner

    return enrol


def test_trainer_publishes_a_lesson_that_learners_then_read(
    page: Page, open_tab, log_in, make_officer, make_course, enrolled_learner
):
    course = make_course(
        "Protecting children on the move", "children-on-the-move", "CHM-101", lessons=2
    )
    make_officer("tess", role="trainer")
    enrolled_learner("lena", course)
    title = "Interviewing a child"
    text = "Speak to the child in a quiet room, with a guardian present."

    log_in("tess", next_url="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    write_lesson(page, course.module.pk, title, text)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"'{title}' created and published")
    explorer_row = page.get_by_role("row").filter(has_text=title)
    expect(explorer_row).to_contain_text("Live", ignore_case=True)

    learner = open_tab()
    log_in("lena", tab=learner)
    learner.goto(course.url)
    contents = learner.get_by_role("region", name="Contents")
    lesson_links = contents.get_by_role("list").get_by_role("list").get_by_role("link")
    expect(lesson_links).to_have_text(["CHM-101 lesson 1", "CHM-101 lesson 2", title])
    lesson_links.filter(has_text=title).click()
    expect(learner).to_have_url(
        re.compile(r"/children-on-the-move/module-1/interviewing-a-child/$")
    )
    expect(learner.get_by_role("heading", name=title, level=1)).to_be_visible()
    expect(learner.locator("article")).to_contain_text(text)
    expect(learner.get_by_role("button", name="Mark as complete and continue")).to_be_visible()


def test_draft_lesson_is_not_visible_to_learners(
    page: Page, open_tab, log_in, make_officer, make_course, enrolled_learner
):
    from modules.models import LessonPage

    course = make_course(
        "Protecting children on the move", "children-on-the-move", "CHM-101", lessons=2
    )
    make_officer("tess", role="trainer")
    enrolled_learner("lena", course)
    title = "Working with interpreters"

    log_in("tess", next_url="/admin/")
    write_lesson(page, course.module.pk, title, "Brief the interpreter before the interview.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("status")).to_contain_text(f"'{title}' created")
    draft = LessonPage.objects.get(title=title)
    assert not draft.live

    learner = open_tab()
    log_in("lena", tab=learner)
    learner.goto(course.url)
    contents = learner.get_by_role("region", name="Contents")
    expect(contents.get_by_role("link", name="CHM-101 lesson 2")).to_be_visible()
    expect(contents.get_by_role("link", name=title)).to_have_count(0)
    response = learner.goto(f"{course.url}module-1/{draft.slug}/")
    assert response is not None and response.status == 404
    expect(learner.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    expect(learner.get_by_text(title)).to_have_count(0)
