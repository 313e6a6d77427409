"""Practice with no connection, in Chromium (issue 15, ADR 0041): a practice-only knowledge
check is marked on the device exactly as the server marks it; a check that also serves a graded
quiz keeps the answer in the real queue (queue.js) and shows the server's marking when it comes
back; a graded quiz says it needs a connection and does not start."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils.datastructures import MultiValueDict
from playwright.sync_api import Page, expect

from tests.answering import lesson_with_checks
from tests.browser.offline_helpers import (
    QUEUED,
    check_value,
    open_online,
    practice_value,
    with_graded_quiz,
)
from tests.quizzes.conftest import OWN_QUESTIONS

pytestmark = pytest.mark.browser


@pytest.fixture
def practice_course(make_course, make_officer):
    """Officer "ann", enrolled in a course with no graded quiz: every check serves practice."""
    from learning.services import enrolment_create

    course = make_course("Document checks", "document-checks", "DOC-1", lessons=2)
    officer = make_officer("ann")
    enrolment_create(learner=officer, course=course.course, actor=officer)
    course.officer = officer
    return course


@pytest.fixture
def course(practice_course):
    """The same, its module ending with a graded quiz."""
    return with_graded_quiz(practice_course)


def saved(page: Page, live_server) -> None:
    """This browser as one where the officer saved a course (part "save" sets the cookie)."""
    page.context.add_cookies(
        [{"name": settings.OFFLINE_COOKIE, "value": "1", "url": live_server.url}]
    )


def test_offline_a_practice_check_is_marked_here_and_a_graded_one_kept(
    page: Page, log_in, live_server, course
):
    from learning.selectors import check_marked

    lesson = lesson_with_checks(
        course.lessons[0],
        {
            "practice": practice_value(),
            "graded": check_value(6),  # the quiz's own short-text question, copied
        },
    )
    log_in("ann")
    saved(page, live_server)
    open_online(page, lesson.url, course.officer)
    page.context.set_offline(True)

    practice = page.locator("#check-practice")
    practice.get_by_label("Visa B").check()
    practice.get_by_role("button", name="Check").click()
    feedback = practice.locator(".feedback p")
    expect(feedback).to_have_text(
        [
            "Not quite.",
            "WRONG-SECRET-8",
            "EXPLAIN-SECRET-6",
            "The answer: Passport A",
            "Marked on this device.",
        ]
    )
    practice.get_by_label("Passport A").check()
    practice.get_by_role("button", name="Check").click()
    expect(feedback.first).to_have_text("Correct.")
    expect(practice.locator(".feedback")).to_have_class(re.compile(r"\bright\b"))

    graded = page.locator("#check-graded")
    graded.get_by_label("Your answer").fill("a guess")
    graded.get_by_role("button", name="Check").click()
    expect(graded.locator(".feedback")).to_have_text(
        "Your answer is kept; it will be marked when you are back online."
    )
    queued = page.evaluate(QUEUED)
    assert [(item["kind"], item["payload"], item["officer"]) for item in queued] == [
        (
            "check_answer",
            {"lesson": lesson.pk, "block": "graded", "response": {"q-c-graded": ["a guess"]}},
            course.officer.pk,
        )
    ]
    # Nothing of the graded question's key reached the page.
    assert "DELTA-SECRET-4" not in page.content()

    # Back online, the queue sends the answer; the server's marking shows on the check.
    def server_says(answer: str) -> list[str]:
        marked = check_marked(
            learner=course.officer,
            lesson_id=lesson.pk,
            block_id="graded",
            form=MultiValueDict({"q-c-graded": [answer]}),
        )
        return [marked.message, *marked.details]

    page.context.set_offline(False)
    expect(graded.locator(".feedback p")).to_have_text(server_says("a guess"))
    expect(graded.locator(".feedback")).to_have_class(re.compile(r"\bwrong\b"))
    assert page.evaluate(QUEUED) == []

    # Kept again, and the page closed before the connection returns: the answer is sent from
    # another page, and shows on the lesson's next visit (once, as an answer shown online).
    context = page.context
    context.set_offline(True)
    graded.get_by_label("Your answer").fill("delta-secret-4")
    graded.get_by_role("button", name="Check").click()
    expect(graded.locator(".feedback")).to_contain_text("Your answer is kept")
    page.close()
    context.set_offline(False)
    page = context.new_page()
    graded = page.locator("#check-graded")
    page.goto(course.url)
    expect(page.locator("#offline-queue")).to_contain_text("All sent")
    page.goto(lesson.url)
    expect(graded.locator(".feedback p")).to_have_text(server_says("delta-secret-4"))
    expect(graded.locator(".feedback p").first).to_have_text("Correct.")
    expect(graded.locator(".feedback")).to_have_class(re.compile(r"\bright\b"))
    kept = page.evaluate(
        "key => offlineDb.open().then(db => db.get('state', key))",
        f"check:{course.officer.pk}:{lesson.pk}:graded",
    )
    assert kept is None  # shown once: the next visit starts afresh
    page.reload()
    expect(graded.locator(".feedback p")).to_have_count(0)


# --- The browser marks as the server does, type by type -----------------------------------

FILL = """([formId, fields]) => {
  const form = document.getElementById(formId);
  form.querySelectorAll("input[type=radio], input[type=checkbox]")
    .forEach(i => { i.checked = false; });
  form.querySelectorAll("input[type=text]").forEach(i => { i.value = ""; });
  form.querySelectorAll("select").forEach(s => { s.value = ""; });
  for (const [name, values] of Object.entries(fields)) {
    form.querySelectorAll(`[name="${name}"]`).forEach(input => {
      if (input.type === "radio" || input.type === "checkbox") {
        input.checked = values.includes(input.value);
      } else {
        input.value = values[0];
      }
    });
  }
  window.offlinePractice.answer(form);
  const out = form.querySelector(".feedback");
  return {
    texts: Array.from(out.querySelectorAll("p")).map(p => p.textContent),
    right: out.classList.contains("right"),
    wrong: out.classList.contains("wrong"),
  };
}"""


def responses(lesson, block_id: str) -> list[dict[str, list[str]]]:
    """Form fields answering the check right, wrong, blank, and in the ways a typed or
    partly right answer can differ (as the page's inputs send them)."""
    from quizzes.practice import check_question
    from quizzes.qtypes import form_fields, qtype
    from quizzes.snapshot import presentation, responses_to_shown

    block = next(b for b in lesson.body if b.id == block_id)
    q = check_question(block.value, block_id)
    rules = qtype(q["type"])
    view = presentation({"questions": [q]})[0]
    name = f"q-{q['id']}"

    def fields(response) -> dict[str, list[str]]:
        shown = responses_to_shown({"questions": [q]}, {q["id"]: response})[q["id"]]
        made = form_fields(view, shown)
        return {k: v if isinstance(v, list) else [v] for k, v in made.items()}

    made = [fields(rules.right_answer(q)), fields(rules.wrong_answer(q)), {}]
    typed = {
        "numeric": ["3,0", " +3. ", "\u0663", "2.9", "three"],
        "short_text": ["  delta-SECRET-4 ", "DELTA\u200b-SECRET-4", "delta secret 4"],
        "true_false": ["true", "false"],
    }
    made += [{name: [text]} for text in typed.get(q["type"], [])]
    if q["type"] == "multiple":
        options = [o["id"] for o in view["options"]]
        made += [{name: options}, {name: options[:1]}]
    if q["type"] == "matching":
        rights = [r["id"] for r in view["rights"]]
        made += [{f"{name}-{left['id']}": [rights[0]] for left in view["lefts"]}]
    if q["type"] == "ordering":
        items = [i["id"] for i in view["items"]]
        made += [{f"{name}-{i}": ["1"] for i in items}, {f"{name}-{items[0]}": ["1"]}]
    return made


def test_the_browser_marks_every_type_as_the_server(
    page: Page, log_in, live_server, practice_course
):
    course = practice_course
    from learning.selectors import check_marked

    checks = {
        f"t{n}": check_value(n, stem=f"<p>Practice {n}</p>") for n in range(len(OWN_QUESTIONS))
    }
    lesson = lesson_with_checks(course.lessons[1], checks)
    log_in("ann")
    saved(page, live_server)
    page.goto(lesson.url)
    compared = 0
    for block_id in checks:
        for fields in responses(lesson, block_id):
            browser = page.evaluate(FILL, [f"check-{block_id}", fields])
            server = check_marked(
                learner=course.officer,
                lesson_id=lesson.pk,
                block_id=block_id,
                form=MultiValueDict(fields),
            )
            expected = [server.message, *server.details, "Marked on this device."]
            assert (browser["texts"], browser["right"], browser["wrong"]) == (
                expected,
                server.correct,
                server.answered and not server.correct,
            ), (block_id, fields)
            compared += 1
    assert compared >= 7 * 3


# --- A graded quiz ----------------------------------------------------------------------------


def test_offline_a_graded_quiz_says_it_needs_a_connection_and_does_not_start(
    page: Page, log_in, live_server, course
):
    from quizzes.models import QuizAttempt

    log_in("ann")
    saved(page, live_server)
    open_online(page, course.quiz.url, course.officer)
    # Part "save" writes who uses this browser, and when they were last online.
    page.evaluate(
        """officer => offlineDb.open().then(db => db.put("state", {
             id: "current", officer, name: "Ann", last_online: "2026-12-04T09:30:00Z"}))""",
        course.officer.pk,
    )
    page.context.set_offline(True)
    notice = page.locator("#quiz-offline")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(
        "This quiz needs a connection to the server. You were last online "
    )
    expect(notice).to_contain_text("2026")
    start = page.get_by_role("button", name="Start the quiz")
    expect(start).to_be_disabled()
    start.dispatch_event("click")
    page.locator("form[data-quiz-start]").evaluate("form => form.requestSubmit()")
    expect(page).to_have_url(re.compile(re.escape(course.quiz.url) + "$"))
    assert not QuizAttempt.objects.exists()

    # Online again, it starts.
    page.context.set_offline(False)
    expect(start).to_be_enabled()
    start.click()
    expect(page).to_have_url(re.compile(r"/attempts?/"))
    assert QuizAttempt.objects.count() == 1
