"""A trainer translates a whole course into Thai with wagtail-localize (ADR 0015) and publishes
it; an officer whose language is Thai then finds it, reads the Thai lesson and passes the Thai
quiz."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

THAI = "ไทย"
RESULT_URL = re.compile(r"/learn/attempts/[0-9a-f-]{36}/result/$")


def thai(text: str) -> str:
    """What the trainer types for ``text``: recognisably Thai, and traceable to its source."""
    return f"ไทย: {text}"


def quiz_with_one_question(module):
    from modules.models import QuizPage

    item = lambda value: {"type": "item", "id": str(uuid.uuid4()), "value": value}  # noqa: E731
    question = {
        "stem": "<p>Which document is forged?</p>",
        "points": 1,
        "feedback_correct": "",
        "feedback_incorrect": "",
        "explanation": "",
        "options": [
            item({"text": "The passport with a lifted laminate", "correct": True, "feedback": ""}),
            item({"text": "The visa with a hologram", "correct": False, "feedback": ""}),
        ],
    }
    quiz = QuizPage(
        title="Module quiz",
        slug="quiz",
        pass_mark=50,
        questions=json.dumps([{"type": "own_single", "value": question, "id": str(uuid.uuid4())}]),
    )
    module.add_child(instance=quiz)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return quiz


def translate_every_segment(page: Page) -> None:
    """In the translation editor's open tab, translate each untranslated string, reading its
    source from the editor, and wait until each is saved."""
    pending = page.locator("li.incomplete").filter(
        has=page.get_by_role("button", name="Translate", exact=True)
    )
    expect(pending.first).to_be_visible()
    while pending.count():  # the slug is not offered: the page keeps its original's path
        segment = pending.first
        source = segment.locator("p").first.inner_text().strip()
        segment.get_by_role("button", name="Translate", exact=True).click()
        box = (
            page.locator("li")
            .filter(has=page.get_by_role("button", name="Save", exact=True))
            .locator("textarea")
        )
        box.fill(thai(source))
        box.press("Enter")
        expect(page.locator("li.complete").filter(has_text=thai(source)).first).to_be_visible()
        expect(page.get_by_text("Saving...")).to_have_count(0)


def publish_in_thai(page: Page, title: str) -> None:
    page.get_by_role("button", name=f"Publish in {THAI}").click()
    expect(page.get_by_text(f"Published '{thai(title)}' in {THAI}.")).to_be_visible()


def test_trainer_translates_a_course_into_thai_and_a_thai_officer_takes_it(
    page: Page, open_tab, log_in, make_officer, make_course, tr
):
    from wagtail.models import Locale

    from learning.services import enrolment_create

    course = make_course("Spotting forged documents", "forged-documents", "DOC-301", lessons=1)
    quiz = quiz_with_one_question(course.module)
    make_officer("tess", role="trainer")
    officer = make_officer("somchai", preferred_language="th")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    thai_locale = Locale.objects.get(language_code="th")

    # The trainer asks for the whole course in Thai from the course's page in the admin.
    log_in("tess", next_url=f"/admin/pages/{course.course.pk}/")
    page.get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Translate this page").click()
    page.get_by_label(THAI).check()
    page.get_by_label(re.compile(r"Include subtree")).check()
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text(f"successfully submitted for translation into {THAI}")).to_be_visible()

    # Then translates and publishes each page: course, module, lesson, quiz.
    for original in [course.course, course.module, course.lessons[0], quiz]:
        translated = original.get_translation(thai_locale)
        page.goto(f"/admin/pages/{translated.pk}/edit/")
        translate_every_segment(page)
        publish_in_thai(page, original.title)

    # The Thai officer finds the course in Thai and takes it in Thai.
    learner = open_tab()
    log_in("somchai", tab=learner)
    learner.goto("/")
    card = learner.locator("li.card").filter(has_text=thai("Spotting forged documents"))
    expect(card.locator('.lang-badge[lang="th"]')).to_have_text(THAI)
    expect(card.locator(".not-in-language")).to_have_count(0)
    card.get_by_role("link", name=thai("Spotting forged documents")).click()
    expect(learner.get_by_role("heading", level=1)).to_have_text(thai("Spotting forged documents"))
    learner.get_by_role("link", name=thai("DOC-301 lesson 1")).click()
    expect(learner.locator("article")).to_contain_text(thai("Text of DOC-301 lesson 1."))

    learner.goto(quiz.url)
    expect(learner.get_by_role("heading", level=1)).to_have_text(thai("Module quiz"))
    learner.get_by_role("button", name=tr("th", "Start the quiz")).click()
    question = learner.locator("fieldset.question").first
    expect(question).to_contain_text(thai("Which document is forged?"))
    question.get_by_label(thai("The passport with a lifted laminate"), exact=True).check()
    learner.get_by_role("button", name=tr("th", "Submit for grading")).click()
    expect(learner).to_have_url(RESULT_URL)
    expect(learner.locator("p.result")).to_contain_text("100")
