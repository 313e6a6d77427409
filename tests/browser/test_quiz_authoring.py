"""A trainer writes a quiz's own questions in the page editor, one of every type, and publishes
it; an officer then takes it. A question the scoring could not use is refused at its field."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

RESULT_URL = re.compile(r"/learn/attempts/[0-9a-f-]{36}/result/$")
AUTOSAVE_TIMEOUT_MS = 60_000  # Wagtail looks for unsaved changes every few seconds


# --- The page editor -------------------------------------------------------------------------


def new_quiz(page: Page, module_id: int, title: str) -> None:
    page.goto(f"/admin/pages/{module_id}/")
    page.get_by_role("link", name="Add child page").click()
    page.get_by_role("link", name="Quiz", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/add/modules/quizpage/{module_id}/$"))
    page.get_by_role("textbox", name="Title*").fill(title)
    page.get_by_role("textbox", name="Title*").press("Tab")  # the slug follows the title
    expect(page.locator("input[name=slug]")).not_to_have_value("")


def insert_question(page: Page, kind: str) -> int:
    """Add a question of ``kind`` (its label in the block menu) at the end; its stream index."""
    number = int(page.locator("input[name=questions-count]").input_value())
    panel = page.locator("#panel-child-content-questions-section")
    panel.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=kind, exact=True).click()
    expect(page.locator("input[name=questions-count]")).to_have_value(str(number + 1))
    return number


def field(page: Page, number: int, path: str) -> Locator:
    return page.locator(f"[name='questions-{number}-value-{path}']")


def write_stem(page: Page, number: int, text: str) -> None:
    state = field(page, number, "stem")
    editor = state.locator("xpath=..").get_by_role("textbox")
    editor.click()
    editor.press_sequentially(text)
    # Draftail copies the editor into the hidden input a moment after the last keystroke.
    expect(state).to_have_value(re.compile(re.escape(json.dumps(text)[1:-1])))


def list_items(page: Page, number: int, listname: str, count: int) -> None:
    """Make the list ``listname`` of question ``number`` ``count`` items long."""
    counter = field(page, number, f"{listname}-count")
    add = counter.locator("xpath=..").locator("[data-streamfield-list-add]")
    while int(counter.input_value()) < count:
        before = int(counter.input_value())
        add.last.click()
        expect(counter).to_have_value(str(before + 1))


def write_choice(page: Page, kind: str, stem: str, options: list[tuple[str, bool]]) -> None:
    n = insert_question(page, kind)
    write_stem(page, n, stem)
    list_items(page, n, "options", len(options))
    for i, (text, correct) in enumerate(options):
        field(page, n, f"options-{i}-value-text").fill(text)
        if correct:
            field(page, n, f"options-{i}-value-correct").check()


def write_all_seven(page: Page) -> None:
    write_choice(
        page,
        "Single choice",
        "Which document proves identity?",
        [("A passport", True), ("A bus ticket", False)],
    )
    write_choice(
        page,
        "Multiple response",
        "Which are signs of trafficking?",
        [("Someone else holds the papers", True), ("Scripted answers", True), ("A map", False)],
    )
    n = insert_question(page, "True or false")
    write_stem(page, n, "A child may be interviewed alone.")
    field(page, n, "correct_answer").select_option(label="False")
    n = insert_question(page, "Matching")
    write_stem(page, n, "Match each document to its issuer.")
    list_items(page, n, "pairs", 2)
    for i, (left, right) in enumerate([("Passport", "Ministry"), ("Visa", "Embassy")]):
        field(page, n, f"pairs-{i}-value-left").fill(left)
        field(page, n, f"pairs-{i}-value-right").fill(right)
    n = insert_question(page, "Ordering")
    write_stem(page, n, "Put the steps of a screening in order.")
    list_items(page, n, "items", 3)
    for i, text in enumerate(["Greet", "Check papers", "Refer"]):
        field(page, n, f"items-{i}-value").fill(text)
    n = insert_question(page, "Numeric")
    write_stem(page, n, "How many days may a visitor stay without a visa?")
    field(page, n, "answer").fill("30")
    field(page, n, "unit").fill("days")
    n = insert_question(page, "Short text")
    write_stem(page, n, "Which agency runs the border post?")
    field(page, n, "accepted-0-value").fill("Immigration")


def publish(page: Page) -> None:
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()


# --- The officer's side ----------------------------------------------------------------------


def take_and_answer_all_right(page: Page) -> None:
    page.get_by_role("button", name="Start the quiz").click()
    questions = page.locator("fieldset.question")
    expect(questions).to_have_count(7)
    for stem in [
        "Which document proves identity?",
        "Which are signs of trafficking?",
        "A child may be interviewed alone.",
        "Match each document to its issuer.",
        "Put the steps of a screening in order.",
        "How many days may a visitor stay without a visa?",
        "Which agency runs the border post?",
    ]:
        expect(questions.filter(has_text=stem)).to_have_count(1)
    box = questions.filter(has_text="Which document proves identity?")
    box.get_by_label("A passport", exact=True).check()
    box = questions.filter(has_text="Which are signs of trafficking?")
    box.get_by_label("Someone else holds the papers", exact=True).check()
    box.get_by_label("Scripted answers", exact=True).check()
    questions.filter(has_text="interviewed alone").get_by_label("False", exact=True).check()
    box = questions.filter(has_text="Match each document")
    box.get_by_role("group", name="Passport", exact=True).get_by_label("Ministry").check()
    box.get_by_role("group", name="Visa", exact=True).get_by_label("Embassy").check()
    box = questions.filter(has_text="Put the steps")
    for position, item in enumerate(["Greet", "Check papers", "Refer"], start=1):
        box.get_by_label(item, exact=True).select_option(label=str(position))
    box = questions.filter(has_text="without a visa")
    expect(box).to_contain_text("days")
    box.get_by_label("Your answer").fill("30")
    questions.filter(has_text="border post").get_by_label("Your answer").fill("immigration")
    page.get_by_role("button", name="Submit for grading").click()
    expect(page).to_have_url(RESULT_URL)


# --- Tests -----------------------------------------------------------------------------------


@pytest.fixture
def trainer_and_officer(make_course, make_officer, log_in):
    from learning.services import enrolment_create

    course = make_course("Screening at the border", "screening", "SCR-101", lessons=1)
    make_officer("tess", role="trainer")
    officer = make_officer("olga")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    log_in("tess", next_url="/admin/")
    return course


def test_trainer_writes_every_question_type_in_the_quiz_and_an_officer_takes_it(
    page: Page, open_tab, log_in, trainer_and_officer
):
    from modules.models import QuizPage

    course = trainer_and_officer
    new_quiz(page, course.module.pk, "Screening quiz")
    write_all_seven(page)
    expect(page.get_by_text("This widget failed to render")).to_have_count(0)
    publish(page)
    # Created by the editor's autosave or by the publish itself: either way, published.
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"'Screening quiz'.*published"))
    quiz = QuizPage.objects.get(title="Screening quiz")
    assert quiz.live
    assert [block.block_type for block in quiz.questions] == [
        "own_single",
        "own_multiple",
        "own_true_false",
        "own_matching",
        "own_ordering",
        "own_numeric",
        "own_short_text",
    ]

    officer = open_tab()
    log_in("olga", tab=officer)
    officer.goto(quiz.url)
    expect(officer.get_by_role("heading", name="Screening quiz", level=1)).to_be_visible()
    take_and_answer_all_right(officer)
    expect(officer.locator("p.result")).to_contain_text("Passed")
    expect(officer.locator("p.result")).to_contain_text("100%")


def test_a_question_with_no_correct_option_is_refused_at_its_field(page: Page, trainer_and_officer):
    from modules.models import QuizPage

    course = trainer_and_officer
    new_quiz(page, course.module.pk, "Screening quiz")
    write_choice(
        page,
        "Single choice",
        "Which document proves identity?",
        [("Passport", False), ("Ticket", False)],
    )
    publish(page)
    options = field(page, 0, "options-count").locator("xpath=..")
    expect(options.get_by_text("Mark exactly one option correct.")).to_be_visible()
    expect(field(page, 0, "options-1-value-text")).to_have_value("Ticket")  # nothing lost
    assert not QuizPage.objects.filter(title="Screening quiz", live=True).exists()


def test_a_quiz_left_after_autosave_does_not_block_the_real_one_and_a_clash_links_it(
    page: Page, trainer_and_officer
):
    from modules.models import QuizPage

    course = trainer_and_officer
    new_quiz(page, course.module.pk, "Started and left")
    n = insert_question(page, "True or false")
    write_stem(page, n, "A child may be interviewed alone.")
    field(page, n, "correct_answer").select_option(label="False")
    # The editor autosaves the new page when a field differs from what it saw once it had
    # taken stock of the form, a moment after the page opened (edits made before that are its
    # starting point): the trainer keeps adding and removing a full stop at the end of the
    # title, as someone hesitating would, until the draft is written.
    title = page.get_by_role("textbox", name="Title*")
    title.press("End")
    drafts = QuizPage.objects.filter(title__startswith="Started and left")
    for _ in range(AUTOSAVE_TIMEOUT_MS // 1000):
        title.press("." if not title.input_value().endswith(".") else "Backspace")
        page.wait_for_timeout(1000)
        if drafts.exists():
            break
    assert not drafts.get().live

    new_quiz(page, course.module.pk, "Module quiz")
    publish(page)
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"'Module quiz'.*published"))

    new_quiz(page, course.module.pk, "Second quiz")
    publish(page)
    kind = page.locator("[data-field-wrapper]", has=page.locator("select[name=test_kind]"))
    expect(kind).to_contain_text("This module already has a quiz: Module quiz (live).")
    live = QuizPage.objects.get(title="Module quiz")
    link = kind.get_by_role("link", name="Module quiz")
    expect(link).to_have_attribute("href", f"/admin/pages/{live.pk}/edit/")
    assert not QuizPage.objects.filter(title="Second quiz", live=True).exists()
