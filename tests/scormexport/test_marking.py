"""Knowledge checks and the quiz inside an exported package, marked in real Chromium with no
server: the quiz SCO in an LMS harness (a SCORM API object written in the test) reports its
score and passed or failed, and a lesson's checks say right or wrong with the platform's
feedback, in the export's language."""

from __future__ import annotations

import os
import re
import uuid
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command

from tests.answering import lesson_with_checks
from tests.quizzes.conftest import OWN_QUESTIONS, question

from .conftest import HARNESS

# Playwright's sync API runs an event loop in this thread; the export is done before it starts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
OWN_POINTS = 8  # OWN_QUESTIONS: the multiple-response question is worth 2, the others 1


def played(root, base, out, launch: str, act) -> list[str]:
    """Unzip ``out`` beside the LMS harness, frame ``launch`` in it, run ``act(frame)``, leave
    the page; return the SCORM calls the LMS recorded."""
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root / "package")
    (root / "lms.html").write_text(HARNESS.replace("LAUNCH", f"package/{launch}"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{base}/lms.html")
            act(page.frame_locator("#sco"))
            page.evaluate("document.getElementById('sco').src = 'about:blank'")
            page.wait_for_function("window.calls.some(c => /^(Terminate|LMSFinish)/.test(c))")
            return page.evaluate("window.calls")
        finally:
            browser.close()


def answer_quiz(frame, *, right: bool) -> int:
    """Answer the rich course's quiz as an officer would: every question right, or only the
    single-choice one (the rest blank or wrong). Returns the quiz's points."""

    def question(stem: str):
        return frame.locator("fieldset.question", has_text=stem)

    question("Which document is forged?").get_by_label("Passport A").check()
    bank = frame.locator("fieldset.question", has_text="Bank statement")
    expect(bank.first).to_be_visible()
    drawn = bank.count()
    if not right:
        question("How many elements").get_by_label("Your answer").fill("4")
        question("The word for moving").get_by_label("Your answer").fill("smuggling")
        return OWN_POINTS + drawn
    indicators = question("Which are indicators?")
    indicators.get_by_label("Debt bondage").check()
    indicators.get_by_label("Confiscated passport").check()
    question("Consent matters").get_by_label("False").check()
    matching = question("Match the appendix.").locator("fieldset.match")
    matching.filter(has=frame.locator("legend", has_text=re.compile(r"^Appendix I$"))).get_by_label(
        "Trade banned"
    ).check()
    matching.filter(has=frame.locator("legend", has_text="Appendix II")).get_by_label(
        "Trade controlled"
    ).check()
    ordering = question("Order the steps.")
    for position, item in enumerate(["Secure", "Record", "Hand over"], start=1):
        ordering.get_by_label(item).select_option(str(position))
    question("How many elements").get_by_label("Your answer").fill("๓")  # 3 in Thai digits
    question("The word for moving").get_by_label("Your answer").fill("  delta-SECRET-4 ")
    for n in range(drawn):
        bank.nth(n).get_by_label("True").check()
    return OWN_POINTS + drawn


@pytest.mark.browser
def test_the_quiz_sco_answered_right_reports_passed_with_its_score_in_2004(rich, served, tmp_path):
    root, base = served
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", "scorm2004", "-o", str(out))
    points = {}

    def act(frame):
        points["max"] = answer_quiz(frame, right=True)
        frame.get_by_role("button", name="Submit for grading").click()
        result = frame.locator("[data-sco-result]")
        expect(result).to_contain_text(f"100% ({points['max']} / {points['max']})")
        expect(result).to_contain_text("Passed")
        expect(frame.locator("[data-mark]", has_text="Right")).to_have_count(points["max"] - 1)

    calls = played(root, base, out, f"quizzes/{rich.tree.quizzes[0].translation_key.hex}.html", act)
    assert calls == [
        "Initialize",
        "GetValue cmi.completion_status",
        "SetValue cmi.completion_status = incomplete",
        "Commit",
        "SetValue cmi.score.scaled = 1",
        f"SetValue cmi.score.raw = {points['max']}",
        "SetValue cmi.score.min = 0",
        f"SetValue cmi.score.max = {points['max']}",
        "SetValue cmi.success_status = passed",
        "SetValue cmi.completion_status = completed",
        "Commit",
        "Terminate",
    ]


@pytest.mark.browser
def test_the_quiz_sco_mostly_wrong_reports_failed_with_its_score_in_12(rich, served, tmp_path):
    root, base = served
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", "scorm12", "-o", str(out))
    points = {}

    def act(frame):
        points["max"] = answer_quiz(frame, right=False)
        frame.get_by_role("button", name="Submit for grading").click()
        expect(frame.locator("[data-sco-result]")).to_contain_text("Not passed")
        marks = frame.locator("[data-mark]")
        expect(marks.filter(has_text=re.compile(r"^Right$"))).to_have_count(1)
        expect(marks.filter(has_text=re.compile(r"^Not right$"))).to_have_count(2)
        expect(marks.filter(has_text="Not answered")).to_have_count(points["max"] - 4)

    calls = played(root, base, out, f"quizzes/{rich.tree.quizzes[0].translation_key.hex}.html", act)
    percent = int(10000 / points["max"]) / 100  # 1 point of the quiz's, rounded down
    assert calls == [
        "LMSInitialize",
        "LMSGetValue cmi.core.lesson_status",
        "LMSSetValue cmi.core.lesson_status = incomplete",
        "LMSCommit",
        f"LMSSetValue cmi.core.score.raw = {percent:g}",
        "LMSSetValue cmi.core.score.min = 0",
        "LMSSetValue cmi.core.score.max = 100",
        "LMSSetValue cmi.core.lesson_status = failed",
        "LMSCommit",
        "LMSFinish",
    ]


@pytest.fixture
def checked(rich):
    """The second module's first lesson with three knowledge checks."""
    single = dict(OWN_QUESTIONS[0][1])
    single.pop("single", None)
    return lesson_with_checks(
        rich.tree.lessons[2],
        {
            "chk1": ("single", single),
            "chk2": ("numeric", question("Days to report?", answer="7", tolerance="1", unit="")),
            "chk3": ("short_text", dict(OWN_QUESTIONS[6][1])),
        },
        before=[{"type": "text", "id": str(uuid.uuid4()), "value": "<p>Teaching.</p>"}],
    )


def feedback_of(frame, block_id: str, answer) -> list[str]:
    form = frame.locator(f"#check-{block_id}")
    answer(form)
    form.get_by_role("button").click()
    out = form.locator(".feedback p")
    expect(out.first).to_be_visible()
    return out.all_inner_texts()


@pytest.mark.browser
def test_knowledge_checks_are_marked_in_the_package_in_thai(checked, served, tmp_path):
    root, base = served
    out = tmp_path / "course.zip"
    call_command(
        "scorm_export", "exp-101", "--format", "scorm12", "--language", "th", "-o", str(out)
    )
    seen = {}

    def act(frame):
        expect(frame.locator("form.check")).to_have_count(3)
        seen["empty"] = feedback_of(frame, "chk1", lambda form: None)
        seen["wrong"] = feedback_of(frame, "chk1", lambda f: f.get_by_label("Visa B").check())
        seen["right"] = feedback_of(frame, "chk1", lambda f: f.get_by_label("Passport A").check())
        seen["near"] = feedback_of(frame, "chk2", lambda f: f.get_by_role("textbox").fill("6,5"))
        seen["far"] = feedback_of(frame, "chk2", lambda f: f.get_by_role("textbox").fill("8.5"))
        seen["text"] = feedback_of(
            frame, "chk3", lambda f: f.get_by_role("textbox").fill("Delta-Secret-4")
        )

    calls = played(root, base, out, f"lessons/{checked.translation_key.hex}.html", act)
    assert seen["empty"] == ["กรุณาเลือกหรือเขียนคำตอบก่อน"]  # "Choose or write an answer first."
    assert seen["wrong"] == [
        "ยังไม่ถูกต้อง",  # "Not quite."
        "WRONG-SECRET-8",
        "EXPLAIN-SECRET-6",
        "คำตอบที่ถูกต้อง: Passport A",  # "The answer: Passport A"
    ]
    assert seen["right"] == ["ถูกต้อง", "RIGHT-SECRET-7", "FEEDBACK-SECRET-5", "EXPLAIN-SECRET-6"]
    assert seen["near"][0] == "ถูกต้อง"
    assert seen["far"][0] == "ยังไม่ถูกต้อง"
    assert seen["far"][-1].startswith("คำตอบที่ถูกต้อง: ")
    assert seen["text"][0] == "ถูกต้อง"
    assert (
        "LMSSetValue cmi.core.lesson_status = completed" not in calls
    )  # practice counts for nothing


TEXTS = [
    "  Delta-SECRET-4 ",
    "STRASSE straße",
    "ΟΔΟΣ οδος",
    "\ufb01le \uff21\uff22\uff23 \u216b",
    "\u0130stanbul \u0131i",
    "a\u200bb\u200d c\ufeff",
    "x\u00a0\u2003y\u3000z\u0085w",
    "ᏣᎳᎩ ꭰꭱ",
    "ǅ ǈ ǲ",
    "e\u0301 é",
    "\u00b5 \u017f \u03d0",
    "ตรวจ  เอกสาร",
]
NUMBERS = [
    "3",
    " -0,5 ",
    "+.5",
    "5.",
    "\u221212.25",
    "๑๒.๕",
    "\u0661\u0662\u0663\u066b\u0665",
    "\U0001d7d9\U0001d7da",
    "႑႒",
    "1,234",
    "1.234,5",
    "½",
    "1e5",
    "inf",
    "",
    "-",
    "3\u200b4",
    "1 000",
]


@pytest.mark.browser
def test_the_package_reads_text_and_numbers_as_the_server_does(rich, served, tmp_path):
    """The marking script's normalisation of short answers and its reading of numbers give what
    ``normalise_text`` and ``parse_number`` give, for text that trips naive rules."""
    from quizzes.qtypes.base import normalise_text, parse_number

    root, base = served
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", "scorm2004", "-o", str(out))
    got = {}

    def act(frame):
        expect(frame.locator("h1")).to_be_visible()
        script = (
            "([texts, numbers]) => [texts.map(t => window.scormMarking.normalise(t)), "
            "numbers.map(n => { const r = window.scormMarking.parseNumber(n); "
            "return r && [r.n.toString(), r.scale]; })]"
        )
        got["texts"], got["numbers"] = frame.locator("html").evaluate(
            f"(_, args) => ({script})(args)", [TEXTS, NUMBERS]
        )

    played(root, base, out, f"lessons/{rich.tree.lessons[0].translation_key.hex}.html", act)
    assert got["texts"] == [normalise_text(t) for t in TEXTS]
    read = [None if r is None else Decimal(r[0]).scaleb(-r[1]) for r in got["numbers"]]
    assert read == [parse_number(n) for n in NUMBERS]
