"""The quiz engine in a real browser, as an officer uses it: start, answer every kind of question
by its visible label, submit, read the result at the quiz's review level, try again; one question
a page with the keyboard; a timed quiz's clock; a phone-sized screen.

The tests know the right answers from the attempt's snapshot (the server's copy), never from the
page: the attempt page holds no answer key.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.quizzes.conftest import SECRETS, build_quiz

pytestmark = pytest.mark.browser

ATTEMPT_URL = re.compile(r"/learn/attempts/([0-9a-f-]{36})/(\?q=\d+)?$")  # no (?P<>): JS
RESULT_URL = re.compile(r"/learn/attempts/[0-9a-f-]{36}/result/$")
TOTAL_QUESTIONS = 9  # seven of the quiz's own, two drawn from the bank
PASS_MARK = 70


# --- Fixtures --------------------------------------------------------------------------------


@pytest.fixture
def quiz_for(make_course, make_officer, log_in) -> Callable[..., object]:
    """``quiz_for(**settings)``: a course whose module ends with a quiz of every question type
    (``build_quiz``'s, with ``settings``), and officer "ann" enrolled in it and logged in.
    Returns the published QuizPage."""
    from learning.services import enrolment_create
    from modules.models import QuizPage

    def make(**settings):
        course = make_course("Spotting forged documents", "forged-documents", "DOC-201", lessons=1)
        quiz = QuizPage(title="Module quiz", slug="quiz", pass_mark=PASS_MARK)
        course.module.add_child(instance=quiz)
        quiz = build_quiz(quiz, **settings)
        officer = make_officer("ann")
        enrolment_create(learner=officer, course=course.course, actor=officer)
        log_in("ann")
        make.course, make.officer = course, officer
        return quiz

    return make


# --- Helpers ---------------------------------------------------------------------------------


def start(page: Page, quiz, button: str = "Start the quiz"):
    """From the quiz page, start an attempt; returns the attempt as the server keeps it."""
    from quizzes.models import QuizAttempt

    page.goto(quiz.url)
    page.get_by_role("button", name=button).click()
    expect(page).to_have_url(ATTEMPT_URL)
    attempt_id = ATTEMPT_URL.search(page.url).group(1)
    return QuizAttempt.objects.get(pk=attempt_id)


def question(page: Page, number: int) -> Locator:
    return page.locator(f"fieldset.question#question-{number}")


def answer(page: Page, number: int, q: dict, *, right: bool) -> None:
    """Answer question ``number`` (snapshot entry ``q``) right or wrong (the type's own right
    and wrong answers, ``quizzes.qtypes``), by clicking and typing into the controls its
    visible labels name."""
    from quizzes.qtypes import qtype

    box = question(page, number)
    view = q["view"]
    rules = qtype(q["type"])
    response = rules.right_answer(q) if right else rules.wrong_answer(q)
    if q["type"] in {"single", "multiple"}:
        texts = {o["id"]: o["text"] for o in view["options"]}
        for option_id in response if isinstance(response, list) else [response]:
            box.get_by_label(texts[option_id], exact=True).check()
    elif q["type"] == "true_false":
        box.get_by_label("True" if response == "true" else "False", exact=True).check()
    elif q["type"] == "matching":
        rights = {r["id"]: r["text"] for r in view["rights"]}
        lefts = {left["id"]: left["text"] for left in view["lefts"]}
        for left, match in response.items():
            row = box.get_by_role("group", name=lefts[left], exact=True)
            row.get_by_label(rights[match], exact=True).check()
    elif q["type"] == "ordering":
        texts = {item["id"]: item["text"] for item in view["items"]}
        for position, item in enumerate(response, start=1):
            box.get_by_label(texts[item], exact=True).select_option(label=str(position))
    elif q["type"] in {"numeric", "short_text"}:
        box.get_by_label("Your answer").fill(response)
    else:
        raise AssertionError(f"no way to answer a {q['type']} question")


def answer_all(page: Page, attempt, *, right: bool | Callable[[int], bool]) -> None:
    questions = attempt.snapshot["questions"]
    assert len(questions) == TOTAL_QUESTIONS
    for number, q in enumerate(questions, start=1):
        answer(page, number, q, right=right(number) if callable(right) else right)


def submit(page: Page) -> None:
    page.get_by_role("button", name="Submit for grading").click()
    expect(page).to_have_url(RESULT_URL)


def shown_percent(page: Page) -> int:
    result = page.locator("p.result")
    expect(result).to_contain_text("%")
    return int(re.search(r"(\d+)%", result.inner_text()).group(1))


def verdicts(page: Page) -> Locator:
    """The per-question "Right / Not right / Not answered (score / points)" lines."""
    return page.locator("ol.review > li").get_by_text(
        re.compile(r"^(Right|Not right|Not answered) \(")
    )


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator | Callable[[], bool], presses: int = 60) -> None:
    """Press Tab until ``target`` (a locator, or a test of the focused element) has focus."""
    focused = target if callable(target) else lambda: is_focused(target)
    for _press in range(presses):
        if focused():
            return
        page.keyboard.press("Tab")
    assert focused(), "Tab never reached the control"


def choose_radio_by_keyboard(page: Page, box: Locator, label: str) -> None:
    """Tab into the question's radio group (focus lands on one of its radios), move to the
    option with the arrow keys, and choose it with Space."""
    target = box.get_by_label(label, exact=True)
    tab_to(
        page,
        lambda: box.evaluate(
            "box => box.contains(document.activeElement) && document.activeElement.type === 'radio'"
        ),
    )
    for _press in range(box.locator("input[type=radio]").count()):
        if is_focused(target):
            break
        page.keyboard.press("ArrowDown")
    expect(target).to_be_focused()
    page.keyboard.press("Space")
    expect(target).to_be_checked()


def press_button(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name)
    tab_to(page, button)
    page.keyboard.press("Enter")


# --- Tests -----------------------------------------------------------------------------------


def test_officer_fails_reviews_the_answers_tries_again_and_passes(page: Page, quiz_for):
    from learning.services import lesson_complete, lesson_open
    from quizzes.models import QuizSubmission

    quiz = quiz_for(review="answers", max_attempts=3)
    officer, lesson = quiz_for.officer, quiz_for.course.lessons[0]
    lesson_open(learner=officer, lesson=lesson)
    lesson_complete(learner=officer, lesson=lesson)

    page.goto(quiz.url)
    expect(page.get_by_role("heading", name="Module quiz", level=1)).to_be_visible()
    expect(page.get_by_text(f"Pass mark: {PASS_MARK}%")).to_be_visible()
    expect(page.get_by_text("Attempts allowed: 3")).to_be_visible()
    expect(page.get_by_text("Attempts left: 3")).to_be_visible()

    # First attempt: everything wrong.
    first = start(page, quiz)
    expect(page.locator("fieldset.question")).to_have_count(TOTAL_QUESTIONS)
    expect(page.get_by_text(f"0 of {TOTAL_QUESTIONS} questions answered")).to_be_visible()
    for secret in SECRETS:  # no answer, feedback or explanation before submitting
        expect(page.get_by_text(secret)).to_have_count(0)
    answer_all(page, first, right=False)
    submit(page)
    expect(page.get_by_role("heading", name="Attempt 1: your result", level=1)).to_be_visible()
    expect(page.locator("p.result")).to_contain_text("Not passed")
    assert shown_percent(page) < PASS_MARK
    # Review "answers": per question, the verdict, the officer's answer, the correct answer,
    # feedback and explanation.
    expect(verdicts(page)).to_have_count(TOTAL_QUESTIONS)
    expect(page.get_by_text(re.compile(r"^Not right \("))).to_have_count(TOTAL_QUESTIONS)
    expect(page.get_by_text("Correct answer: DELTA-SECRET-4", exact=True)).to_be_visible()
    expect(page.get_by_text("Your answer: no idea", exact=True)).to_be_visible()
    expect(page.get_by_text("Correct answer: False", exact=True)).to_be_visible()
    expect(page.get_by_text("WRONG-SECRET-8").first).to_be_visible()
    expect(page.get_by_text("EXPLAIN-SECRET-6").first).to_be_visible()
    expect(page.get_by_text("RIGHT-SECRET-7")).to_have_count(0)

    # Back on the quiz page: the failed attempt is listed; try again.
    page.get_by_role("link", name="Back to the quiz").click()
    expect(page).to_have_url(re.compile(re.escape(quiz.url) + "$"))
    expect(page.get_by_text("Not passed yet")).to_be_visible()
    expect(page.get_by_text("Attempts left: 2")).to_be_visible()
    second = start(page, quiz, button="Try again")
    assert second.pk != first.pk and second.number == 2
    answer_all(page, second, right=True)
    submit(page)
    expect(page.get_by_role("heading", name="Attempt 2: your result", level=1)).to_be_visible()
    expect(page.locator("p.result")).to_contain_text("Passed")
    expect(page.locator("p.result")).not_to_contain_text("Not passed")
    assert shown_percent(page) == 100
    expect(page.get_by_text(re.compile(r"^Right \("))).to_have_count(TOTAL_QUESTIONS)
    expect(page.get_by_text("RIGHT-SECRET-7").first).to_be_visible()
    expect(page.get_by_text("FEEDBACK-SECRET-5")).to_be_visible()  # the chosen option's

    page.get_by_role("link", name="Back to the quiz").click()
    expect(page.get_by_text(re.compile(r"Your grade: 100%"))).to_be_visible()
    expect(page.locator("section", has_text="Your attempts").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_text("Attempts left: 1")).to_be_visible()
    expect(page.get_by_role("button", name="Try again")).to_be_visible()

    assert [s.passed for s in QuizSubmission.objects.order_by("recorded_at")] == [False, True]
    # The lesson done and the quiz passed: the module is complete.
    assert officer.learner_records.filter(kind="module_completed").count() == 1


@pytest.mark.parametrize("review", ["score", "which"])
def test_result_page_shows_only_what_the_review_option_allows(page: Page, quiz_for, review):
    quiz = quiz_for(review=review)
    attempt = start(page, quiz)
    answer_all(page, attempt, right=lambda number: number % 2 == 1)  # 1st, 3rd, ... right
    submit(page)

    expect(page.locator("p.result")).to_contain_text("Not passed")
    assert 0 < shown_percent(page) < PASS_MARK
    expect(page.get_by_text("Correct answer")).to_have_count(0)
    expect(page.get_by_text("Your answer")).to_have_count(0)
    for secret in SECRETS:
        expect(page.get_by_text(secret)).to_have_count(0)
    if review == "score":
        expect(page.locator("ol.review")).to_have_count(0)
        expect(verdicts(page)).to_have_count(0)
        expect(page.get_by_text(re.compile(r"^(Right|Not right)\b"))).to_have_count(0)
    else:
        expect(verdicts(page)).to_have_count(TOTAL_QUESTIONS)
        expect(page.get_by_text(re.compile(r"^Right \("))).to_have_count(5)
        expect(page.get_by_text(re.compile(r"^Not right \("))).to_have_count(4)


def test_one_question_a_page_with_the_keyboard(page: Page, quiz_for):
    quiz = quiz_for(layout="per_question")
    attempt = start(page, quiz)
    questions = attempt.snapshot["questions"]
    assert [q["type"] for q in questions[:3]] == ["single", "multiple", "true_false"]

    # Question 1 (single choice): Tab into the radios, arrows to the right one, Space.
    expect(page.locator("fieldset.question")).to_have_count(1)
    expect(question(page, 1)).to_contain_text(f"Question 1 of {TOTAL_QUESTIONS}")
    expect(page.get_by_role("button", name="Previous")).to_have_count(0)
    single = questions[0]
    correct = next(o["id"] for o in single["key"]["options"] if o["correct"])
    text = next(o["text"] for o in single["view"]["options"] if o["id"] == correct)
    choose_radio_by_keyboard(page, question(page, 1), text)
    press_button(page, "Next")
    expect(page).to_have_url(re.compile(r"\?q=2$"))

    # Question 2 (multiple response): Tab to each right checkbox, Space ticks it.
    box = question(page, 2)
    expect(box).to_contain_text(f"Question 2 of {TOTAL_QUESTIONS}")
    multiple = questions[1]
    correct = {o["id"] for o in multiple["key"]["options"] if o["correct"]}
    for option in multiple["view"]["options"]:
        if option["id"] in correct:
            checkbox = box.get_by_label(option["text"], exact=True)
            tab_to(page, checkbox)
            page.keyboard.press("Space")
            expect(checkbox).to_be_checked()
    press_button(page, "Next")
    expect(page).to_have_url(re.compile(r"\?q=3$"))

    # Question 3 (true or false), then "Save answers" and a reload: the choice is kept.
    box = question(page, 3)
    expect(box).to_contain_text(f"Question 3 of {TOTAL_QUESTIONS}")
    label = "True" if questions[2]["key"]["correct_answer"] else "False"
    choose_radio_by_keyboard(page, box, label)
    press_button(page, "Save answers")
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?q=3$"))
    page.reload()
    expect(question(page, 3).get_by_label(label, exact=True)).to_be_checked()
    expect(page.get_by_text(f"3 of {TOTAL_QUESTIONS} questions answered")).to_be_visible()

    # "Previous" goes back to question 2, its ticks still there.
    press_button(page, "Previous")
    expect(page).to_have_url(re.compile(r"\?q=2$"))
    for option in multiple["view"]["options"]:
        checkbox = question(page, 2).get_by_label(option["text"], exact=True)
        if option["id"] in correct:
            expect(checkbox).to_be_checked()
        else:
            expect(checkbox).not_to_be_checked()

    # Submitting with six questions unanswered asks first; "Go back" keeps the attempt open.
    unanswered = TOTAL_QUESTIONS - 3
    warning = page.get_by_role("alert")
    press_button(page, "Submit for grading")
    expect(warning).to_contain_text(f"You have not answered {unanswered} questions. Submit anyway?")
    page.get_by_role("button", name="Go back to the questions").click()
    expect(page).to_have_url(ATTEMPT_URL)
    expect(page.get_by_role("alert").filter(has_text="Submit anyway?")).to_have_count(0)
    press_button(page, "Submit for grading")
    expect(warning).to_contain_text(f"You have not answered {unanswered} questions. Submit anyway?")
    press_button(page, "Submit anyway")
    expect(page).to_have_url(RESULT_URL)
    # Three right (1 + 2 + 1 points) of ten points.
    assert shown_percent(page) == 40
    expect(page.locator("p.result")).to_contain_text("Not passed")
    expect(page.get_by_text(re.compile(r"^Not answered \("))).to_have_count(unanswered)


def test_timed_quiz_shows_the_time_left_counting_down(page: Page, quiz_for):
    quiz = quiz_for(time_limit_minutes=5)
    page.goto(quiz.url)
    expect(page.get_by_text("Time limit: 5 minutes")).to_be_visible()
    start(page, quiz)

    clock = page.locator("#time-left")
    expect(clock).to_be_visible()
    # The server writes "Time left: about 5 min"; the script then counts down in m:ss.
    expect(clock).to_contain_text(re.compile(r"\b[45]:\d\d\b"))
    before = clock.inner_text()
    expect(clock).not_to_have_text(before, timeout=2_000)
    # And the clock still says what it counts, to the eye and to a screen reader.
    expect(clock).to_contain_text("Time left", timeout=2_000)


def test_attempt_page_fits_a_phone_screen(page: Page, quiz_for):
    quiz = quiz_for()
    page.set_viewport_size({"width": 390, "height": 844})
    start(page, quiz)
    expect(page.locator("fieldset.question")).to_have_count(TOTAL_QUESTIONS)
    expect(page.get_by_role("button", name="Submit for grading")).to_be_visible()
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    assert widths["scroll"] <= widths["inner"], f"horizontal scroll on a phone: {widths}"
