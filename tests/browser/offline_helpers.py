"""What the offline browser tests share (issue 15): a saved course with a narrated video, saving
it through "On this device", knowledge checks copied from a graded quiz, and what the queue
holds and the server recorded."""

from __future__ import annotations

import json
import uuid

from playwright.sync_api import Page, expect

from demodata.services import recording_value
from tests.quizzes.conftest import OWN_QUESTIONS, build_quiz

QUEUED = """async () => {
  const db = await offlineDb.open();
  return db.getAll("queue");
}"""


def text_block(text: str) -> dict:
    return {"type": "text", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def course_with_video(make_course, make_officer):
    """Ann, enrolled in a course of three lessons, the first with the demo's narrated video
    (the media are the node's: use the ``media_root`` fixture of tests.browser.test_media)."""
    from learning.services import enrolment_create
    from tests.conftest import publish

    course = make_course("Saved course", "saved", "SAV-101", lessons=3)
    first = course.lessons[0]
    first.body = json.dumps(
        [
            text_block("Text of SAV-101 lesson 1."),
            {
                "type": "video",
                "id": str(uuid.uuid4()),
                "value": recording_value(clip_name="tip-three-elements", prefix="SAV-101"),
            },
        ]
    )
    publish(first)
    ann = make_officer("ann")
    enrolment_create(learner=ann, course=course.course, actor=ann)
    return course


def save(page: Page, course) -> None:
    """Save ``course`` through "On this device", as the course page's link leads there."""
    page.goto(course.url)
    page.get_by_role("link", name="Save for offline").click()
    expect(page.locator("#offline-message")).to_have_text(
        f"Saved on this device: {course.course.title}", timeout=30_000
    )


def open_online(tab: Page, url: str, officer) -> None:
    """Open a page online, and wait for its script to register this browser's key for the
    officer (a test that cuts the connection sooner cuts that request)."""
    tab.goto(url)
    tab.evaluate("(officer) => offlineQueue.ensureDevice(officer)", officer.pk)


def lesson_opens(page: Page, course, number: int) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(f"SAV-101 lesson {number}")
    expect(page.locator("article")).to_contain_text(f"Text of SAV-101 lesson {number}.")


def captions_load(page: Page) -> None:
    """The lesson's video loads, and so do its captions' cues."""
    video = page.locator("video")
    video.evaluate("v => { v.preload = 'auto'; v.textTracks[0].mode = 'showing'; v.load(); }")
    page.wait_for_function("() => document.querySelector('video').readyState > 0")
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0];"
        " return t.cues && t.cues.length > 0; }"
    )


def with_graded_quiz(course):
    """``course`` with a graded quiz, "Final quiz", at the end of its module (``course.quiz``)."""
    from modules.models import QuizPage

    quiz = QuizPage(title="Final quiz", slug="final-quiz")
    course.module.add_child(instance=quiz)
    course.quiz = build_quiz(quiz, with_bank=False)
    return course


def check_value(index: int, **changes) -> tuple[str, dict]:
    """The graded quiz's own question ``index`` as a check block (type, value), with
    ``changes``."""
    block_type, value = OWN_QUESTIONS[index]
    value = {**value, **changes}
    value.pop("single", None)
    copy = dict(value)
    for field in ("options", "pairs", "items"):
        if field in copy:
            copy[field] = [{**item, "id": str(uuid.uuid4())} for item in copy[field]]
    return block_type.removeprefix("own_"), copy


def practice_value() -> tuple[str, dict]:
    """The graded quiz's first question reworded and with one more wrong option: another
    question (its answer data is not the quiz's), so it serves practice only."""
    block_type, value = check_value(0, stem="<p>Which document is genuine?</p>")
    last = value["options"][-1]
    extra = {**last, "id": str(uuid.uuid4()), "value": {**last["value"], "text": "Licence D"}}
    return block_type, {**value, "options": [*value["options"], extra]}


def records(officer, kind: str, lesson) -> int:
    """How many ``kind`` records the server holds for ``officer`` and ``lesson``."""
    from learning.models import LearnerRecord

    return LearnerRecord.objects.filter(
        learner=officer, kind=kind, lesson_key=lesson.translation_key
    ).count()


def log_out(page: Page) -> None:
    """Log out and wait for the logged-out page: offline.js forgets who used the browser before
    the form goes, so a navigation started at once would cut the logout short."""
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
