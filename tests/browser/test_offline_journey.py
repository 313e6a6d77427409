"""Issue 15's proof, as one officer's journey in real Chromium with the real service worker,
queue.js and practice.js: a course saved, then read, watched and practised with no connection;
a new page in the same browser still knows what waits; back online, everything reaches the
server once, however often it is sent again; a graded quiz offline starts nothing."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.answering import lesson_with_checks
from tests.browser.offline_helpers import (
    QUEUED,
    captions_load,
    check_value,
    course_with_video,
    lesson_opens,
    practice_value,
    records,
    save,
    text_block,
    with_graded_quiz,
)
from tests.browser.test_media import media_root  # noqa: F401  (the node's own media view)

pytestmark = pytest.mark.browser

REPLAY = """async (items) => {
  const db = await offlineDb.open();
  for (const item of items) await db.put("queue", item);
  return offlineQueue.flush();
}"""


@pytest.fixture
def course(make_course, make_officer, media_root):  # noqa: F811
    """Ann's course: lesson 1 with a narrated video, lesson 2 with a practice-only check and a
    check copied from the graded quiz at the end of the module, lesson 3 plain."""
    from officers.models import User

    course = with_graded_quiz(course_with_video(make_course, make_officer))
    lesson_with_checks(
        course.lessons[1],
        {
            "practice": practice_value(),
            "graded": check_value(6),  # the quiz's own short-text question, copied
        },
        before=[text_block("Text of SAV-101 lesson 2.")],
    )
    course.officer = User.objects.get(username="ann")
    return course


def saved_then_offline(page: Page, log_in, course) -> None:
    """Ann logs in and saves ``course``; once what the saved page asks is answered (whether a
    newer version is on the server, this browser's key), the connection goes."""
    log_in("ann")
    save(page, course)
    expect(page.locator('#offline-courses [data-field="status"]')).to_have_text("Up to date")
    page.evaluate("(officer) => offlineQueue.ensureDevice(officer)", course.officer.pk)
    page.context.set_offline(True)


def fire_sync(tab: Page) -> None:
    """Fire the worker's "offline-activity" sync from DevTools, as Chromium does when it sees
    the connection return (its offline emulation does not make it)."""
    origin = "{0.scheme}://{0.netloc}".format(urlparse(tab.url))
    devtools = tab.context.new_cdp_session(tab)
    registrations: list[dict] = []
    devtools.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    devtools.send("ServiceWorker.enable")
    for _roundtrip in range(100):  # the registrations come as events after "enable" answers
        if registrations:
            break
        devtools.send("Runtime.evaluate", {"expression": "0"})
    assert [r["scopeURL"] for r in registrations] == [origin + "/"]
    devtools.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": origin,
            "registrationId": registrations[0]["registrationId"],
            "tag": "offline-activity",
            "lastChance": False,
        },
    )
    devtools.detach()


def test_a_course_saved_then_used_offline_reaches_the_server_once(page: Page, log_in, course):
    from quizzes.models import QuizAttempt

    ann = course.officer
    context = page.context
    saved_then_offline(page, log_in, course)

    # Lesson 1, from the course page's contents: its video plays with its captions.
    page.goto(course.url)
    page.get_by_role("link", name="SAV-101 lesson 1").click()
    lesson_opens(page, course, 1)
    captions_load(page)
    # Completed here; the officer goes on to lesson 2.
    page.get_by_role("button", name="Mark as complete and continue").click()
    lesson_opens(page, course, 2)
    expect(page.locator("#offline-queue")).to_contain_text(
        "Completed on this device; it will be sent when you are online."
    )

    # Lesson 2's checks: the practice-only one marked here, the graded one's answer kept.
    practice = page.locator("#check-practice")
    practice.get_by_label("Passport A").check()
    practice.get_by_role("button", name="Check").click()
    expect(practice.locator(".feedback p").first).to_have_text("Correct.")
    expect(practice.locator(".feedback p").last).to_have_text("Marked on this device.")
    graded = page.locator("#check-graded")
    graded.get_by_label("Your answer").fill("delta-secret-4")
    graded.get_by_role("button", name="Check").click()
    expect(graded.locator(".feedback")).to_have_text(
        "Your answer is kept; it will be marked when you are back online."
    )
    assert "DELTA-SECRET-4" not in page.content()

    # Up the breadcrumb to the module, on to lesson 3, and to the graded quiz.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").last.click()
    page.get_by_role("link", name="SAV-101 lesson 3").click()
    lesson_opens(page, course, 3)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").last.click()
    page.get_by_role("link", name="Final quiz").click()
    notice = page.locator("#quiz-offline")
    expect(notice).to_contain_text(
        "This quiz needs a connection to the server. You were last online "
    )
    start = page.get_by_role("button", name="Start the quiz")
    expect(start).to_be_disabled()
    page.locator("form[data-quiz-start]").evaluate("form => form.requestSubmit()")
    expect(page).to_have_url(re.compile(re.escape(course.quiz.url) + "$"))

    # The page closed; a new one in the same browser still says what waits.
    page.close()
    page = context.new_page()
    page.goto("/offline/")
    status = page.locator("#offline-queue")
    expect(status).to_contain_text("5 activities waiting to be sent")
    queued = page.evaluate(QUEUED)
    assert sorted((item["kind"], item["payload"].get("lesson")) for item in queued) == sorted(
        [
            ("lesson_opened", course.lessons[0].pk),
            ("lesson_completed", course.lessons[0].pk),
            ("lesson_opened", course.lessons[1].pk),
            ("check_answer", course.lessons[1].pk),
            ("lesson_opened", course.lessons[2].pk),
        ]
    )
    assert records(ann, "lesson_opened", course.lessons[0]) == 0

    # Back online: everything delivered, once.
    context.set_offline(False)
    expect(status).to_contain_text("All sent")

    def delivered() -> None:
        for lesson in course.lessons:
            assert records(ann, "lesson_opened", lesson) == 1, lesson.title
        assert records(ann, "lesson_completed", course.lessons[0]) == 1
        assert records(ann, "lesson_completed", course.lessons[1]) == 0
        assert not QuizAttempt.objects.exists()

    delivered()
    assert page.evaluate(QUEUED) == []

    # The same items put back in the queue and sent twice more: still once.
    for _replay in range(2):
        summary = page.evaluate(REPLAY, queued)
        assert (summary["sent"], summary["duplicate"], summary["waiting"]) == (5, 5, 0)
    delivered()

    # The kept answer was marked on the server; lesson 2 shows its marking.
    page.goto(course.lessons[1].url)
    graded = page.locator("#check-graded")
    expect(graded.locator(".feedback p").first).to_have_text("Correct.")
    expect(graded.locator(".feedback")).to_have_class(re.compile(r"\bright\b"))
    delivered()


def lesson_3_offline_then_a_tab_that_cannot_send(page: Page, log_in, course):
    """Lesson 3 opened offline (the worker queues it), the page closed, and a tab on "On this
    device" whose own sends cannot reach the server (its requests, not the worker's, routed):
    the tab and its status list, which says the one item waits."""
    saved_then_offline(page, log_in, course)
    page.goto(course.lessons[2].url)
    lesson_opens(page, course, 3)
    context = page.context
    page.close()
    tab = context.new_page()
    tab.route("**/offline/activity/", lambda route: route.abort("connectionrefused"))
    tab.goto("/offline/")
    status = tab.locator("#offline-queue")
    expect(status).to_have_text("1 activity waiting to be sent")
    return tab, status


def test_the_worker_sends_what_waits_when_the_browser_fires_background_sync(
    page: Page, log_in, course
):
    """Background Sync: the page cannot send; the worker's "offline-activity" sync does, and the
    page says all was sent. DevTools fires the sync event (as Chromium does when it sees the
    connection return; its offline emulation does not make it)."""
    ann = course.officer
    tab, status = lesson_3_offline_then_a_tab_that_cannot_send(page, log_in, course)
    tab.context.set_offline(False)
    fire_sync(tab)
    expect(status).to_contain_text("All sent")
    assert records(ann, "lesson_opened", course.lessons[2]) == 1


def test_the_waiting_count_includes_what_the_worker_queues_for_a_saved_lesson(
    page: Page, log_in, course
):
    """Offline, the worker serves a saved lesson and queues its "lesson_opened" after the page
    has its response: the page's status counts it when it is stored, and says "All sent" once
    the connection returns."""
    ann = course.officer
    saved_then_offline(page, log_in, course)
    page.goto(course.lessons[0].url)
    lesson_opens(page, course, 1)
    status = page.locator("#offline-queue")
    expect(status).to_have_text("1 activity waiting to be sent")
    page.goto(course.lessons[2].url)
    lesson_opens(page, course, 3)
    expect(status).to_have_text("2 activities waiting to be sent")
    # Another tab sees the count the worker changes, too.
    other = page.context.new_page()
    other.goto("/offline/")
    expect(other.locator("#offline-queue")).to_have_text("2 activities waiting to be sent")
    page.goto(course.lessons[1].url)
    expect(other.locator("#offline-queue")).to_have_text("3 activities waiting to be sent")
    page.context.set_offline(False)
    expect(status).to_have_text("All sent")
    expect(other.locator("#offline-queue")).to_have_text("All sent")
    for lesson in course.lessons:
        assert records(ann, "lesson_opened", lesson) == 1, lesson.title


SYNC_TAGS = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  return registration.sync.getTags();
}"""


def worker_sends(officer) -> int:
    """How many times the officer's sends reached /offline/activity/ in this hour, as its rate
    limit counts them (the test sets the limit to "0/h": every send is refused with 429)."""
    from django.test import RequestFactory
    from django_ratelimit.core import get_usage

    request = RequestFactory().post("/offline/activity/")
    request.user = officer
    usage = get_usage(
        request,
        group="offline",
        key=lambda _group, _request: f"officer:{officer.pk}",
        rate="0/h",
        increment=False,
    )
    return usage["count"] if usage else 0


def test_a_sync_whose_send_fails_keeps_the_items_and_stays_for_the_browser_to_retry(
    page: Page, log_in, course, settings
):
    """Background Sync's retry path: the worker's send is refused (the server's rate limit), so
    the sync fails; the browser keeps it registered to try again, the items stay and the page
    says they wait. The next sync, with the server answering, sends them once."""
    ann = course.officer
    tab, status = lesson_3_offline_then_a_tab_that_cannot_send(page, log_in, course)
    limits = settings.ELEARNING_RATE_LIMITS
    settings.ELEARNING_RATE_LIMITS = {**limits, "offline": "0/h"}
    tab.context.set_offline(False)
    # Online, the page adds an item and asks for a sync (its own send cut): Chromium fires it.
    tab.evaluate(
        "([officer, lesson]) => offlineQueue.add('lesson_opened', {lesson}, officer)",
        [ann.pk, course.lessons[0].pk],
    )
    expect(status).to_have_text("2 activities waiting to be sent")
    for _wait in range(100):
        if worker_sends(ann):
            break
        tab.wait_for_timeout(100)
    assert worker_sends(ann) >= 1  # the worker sent, and was refused
    # Its flush over (it held the queue's lock), the sync failed and is kept to retry: a sync
    # that succeeds leaves the registration.
    tab.evaluate("() => navigator.locks.request('offline-activity', () => null)")
    assert tab.evaluate(SYNC_TAGS) == ["offline-activity"]
    assert len(tab.evaluate(QUEUED)) == 2
    expect(status).to_have_text("2 activities waiting to be sent")
    assert records(ann, "lesson_opened", course.lessons[2]) == 0

    settings.ELEARNING_RATE_LIMITS = limits
    fire_sync(tab)  # the retry
    expect(status).to_have_text("All sent")
    assert records(ann, "lesson_opened", course.lessons[2]) == 1
    assert records(ann, "lesson_opened", course.lessons[0]) == 1
