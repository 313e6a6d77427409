"""A course saved in the browser opens with no connection, in real Chromium with the real
service worker, Cache Storage and IndexedDB (issue 15, part "save").

``context.set_offline(True)`` cuts the pages' and the service worker's network alike in this
Chromium (the first test shows it: a page not saved is answered by the offline page, which
only the service worker serves)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.offline_helpers import (
    captions_load,
    course_with_video,
    lesson_opens,
    log_out,
    open_online,
    save,
    text_block,
)
from tests.browser.test_media import media_root  # noqa: F401  (the node's own media view)

pytestmark = pytest.mark.browser


@pytest.fixture
def saved_course(make_course, make_officer, media_root):  # noqa: F811
    return course_with_video(make_course, make_officer)


def opened_records(course) -> int:
    from learning.models import LearnerRecord

    return LearnerRecord.objects.filter(kind="lesson_opened").count()


def test_a_saved_course_reads_offline_with_its_video_and_captions(page: Page, log_in, saved_course):
    log_in("ann")
    save(page, saved_course)
    assert opened_records(saved_course) == 0  # saving opened no lesson
    listed = page.locator("#offline-courses li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(saved_course.course.title)
    expect(listed.locator('[data-field="size"]')).to_contain_text(re.compile(r"\d.*MB"))
    expect(page.locator("#offline-total")).to_contain_text("Saved courses use")
    expect(page.locator("#offline-persist")).to_contain_text(
        re.compile("Saved courses are kept|The browser may remove saved courses")
    )

    context: BrowserContext = page.context
    context.set_offline(True)
    # From the course page's contents, a link, and the module page's list.
    page.goto(saved_course.url)
    page.get_by_role("link", name="SAV-101 lesson 1").click()
    lesson_opens(page, saved_course, 1)
    captions_load(page)
    video = page.locator("video")
    # Seeking asks for a byte range the saved copy answers (RangeRequestsPlugin).
    seeked = video.evaluate(
        "v => new Promise(done => { v.addEventListener('seeked', () => done(v.currentTime),"
        " {once: true}); v.currentTime = 2; })"
    )
    assert seeked == pytest.approx(2, abs=0.5)
    page.goto(saved_course.lesson_url(2))
    lesson_opens(page, saved_course, 2)
    # Up the breadcrumb to the module, and on to the third lesson.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").last.click()
    page.get_by_role("link", name="SAV-101 lesson 3").click()
    lesson_opens(page, saved_course, 3)

    # A page that was not saved: the offline page, listing what is.
    page.goto("/my-learning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("On this device")
    expect(page.locator("#offline-courses li")).to_contain_text(saved_course.course.title)

    # A new tab after the old one closed: still there.
    page.close()
    again = context.new_page()
    again.goto(saved_course.lesson_url(3))
    lesson_opens(again, saved_course, 3)
    context.set_offline(False)
    again.goto(saved_course.url)
    expect(again.get_by_role("link", name="Saved on this device")).to_be_visible()


def test_a_newer_version_is_shown_and_the_update_fetches_only_what_changed(
    page: Page, log_in, saved_course
):
    from tests.conftest import publish

    log_in("ann")
    save(page, saved_course)
    second = saved_course.lessons[1]
    second.body = json.dumps([text_block("Text of SAV-101 lesson 2, revised.")])
    publish(second)

    page.goto(saved_course.url)
    expect(page.get_by_role("link", name="Newer version: update")).to_be_visible()
    page.goto("/offline/")
    row = page.locator("#offline-courses li")
    expect(row.locator('[data-field="status"]')).to_have_text("A newer version is on the server.")
    fetched = []
    page.context.on(
        "request",
        lambda request: (
            fetched.append(request.url)
            if request.headers.get("x-offline-save") == "1" or "/media/" in request.url
            else None
        ),
    )
    row.get_by_role("button", name="Update").click()
    expect(page.locator("#offline-message")).to_have_text(
        f"Saved on this device: {saved_course.course.title}", timeout=30_000
    )
    assert [url.removeprefix(page.url.split("/offline/")[0]) for url in fetched] == [second.url]
    expect(page.locator('#offline-courses [data-field="status"]')).to_have_text("Up to date")
    # The lesson's old copy is gone: the cache holds the listed entries and nothing else.
    held, listed = page.evaluate(
        "async () => { const db = await offlineDb.open();"
        " const [record] = await db.getAll('courses');"
        " const cache = await caches.open(`course-${record.officer}-${record.course}`);"
        " return [(await cache.keys()).length, record.entries.length]; }"
    )
    assert held == listed

    page.context.set_offline(True)
    page.goto(second.url)
    expect(page.locator("article")).to_contain_text("Text of SAV-101 lesson 2, revised.")


def test_a_course_the_browser_cleared_is_said_and_saved_again_online(
    page: Page, log_in, saved_course
):
    log_in("ann")
    save(page, saved_course)
    removed = page.evaluate(
        "async () => { const names = (await caches.keys()).filter(n => n.startsWith('course-'));"
        " await Promise.all(names.map(n => caches.delete(n))); return names.length; }"
    )
    assert removed == 1
    page.goto(saved_course.url)
    expect(page.locator("main .messages[role=status]")).to_have_text(
        f"“{saved_course.course.title}” is saved on this device again.", timeout=30_000
    )
    page.context.set_offline(True)
    page.goto(saved_course.lesson_url(1))
    lesson_opens(page, saved_course, 1)


def test_another_officer_on_the_same_browser_gets_none_of_the_first_ones_saved_pages(
    page: Page, log_in, saved_course, make_officer
):
    from learning.services import enrolment_create

    log_in("ann")
    save(page, saved_course)
    log_out(page)
    bob = make_officer("bob")
    enrolment_create(learner=bob, course=saved_course.course.specific, actor=bob)
    log_in("bob")
    page.goto(saved_course.url)  # online: bob now uses this browser
    expect(page.get_by_role("link", name="Save for offline")).to_be_visible()
    # The worker Ann's save installed keeps Bob's own offline page (before he saves anything).
    page.wait_for_function(
        "officer => caches.open('offline-start').then(cache => cache.keys())"
        ".then(keys => keys.some(k => k.url.endsWith('?officer=' + officer)))",
        arg=bob.pk,
    )
    page.context.set_offline(True)
    page.goto(saved_course.lesson_url(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("On this device")
    expect(page.locator("#offline-empty")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("Bob Officer")
    page.goto(saved_course.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("On this device")


def test_the_course_page_button_saves_in_place_once_the_browser_has_saved_one(
    page: Page, log_in, saved_course, make_course
):
    from learning.services import enrolment_create
    from officers.models import User

    other = make_course("Second course", "second", "SEC-101", lessons=2)
    ann = User.objects.get(username="ann")
    enrolment_create(learner=ann, course=other.course, actor=ann)
    log_in("ann")
    save(page, saved_course)
    page.goto(other.url)
    button = page.get_by_role("link", name="Save for offline")
    button.click()
    expect(page.get_by_role("link", name="Saved on this device")).to_be_visible(timeout=30_000)
    expect(page).to_have_url(re.compile(r"/second/$"))
    page.context.set_offline(True)
    page.goto(other.lesson_url(2))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEC-101 lesson 2")


def test_a_post_on_plain_http_says_saving_needs_https(
    _playwright, live_server, settings, make_officer
):
    """The same server reached by a LAN name over plain HTTP: not a secure context."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _log_in

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "post.lan"]
    make_officer("ann")
    port = live_server.url.rsplit(":", 1)[1]
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP post.lan 127.0.0.1"],
    )
    try:
        tab = browser.new_context(base_url=f"http://post.lan:{port}", locale="en-GB").new_page()
        _log_in(tab, "ann")
        tab.goto("/offline/")
        assert tab.evaluate("window.isSecureContext") is False
        expect(tab.locator("#offline-insecure")).to_be_visible()
        expect(tab.locator("#offline-insecure")).to_contain_text("Offline saving in the browser")
        expect(tab.locator("#offline-saved")).to_be_hidden()
    finally:
        browser.close()


def test_the_catalogue_and_my_learning_open_offline_as_last_seen_and_never_for_another(
    page: Page, log_in, saved_course, make_officer
):
    from learning.services import enrolment_create

    log_in("ann")
    save(page, saved_course)
    from officers.models import User

    page.goto("/")
    open_online(page, "/my-learning/", User.objects.get(username="ann"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    page.context.set_offline(True)
    page.goto("/my-learning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.locator("footer")).to_contain_text("Ann Officer")
    page.goto("/")
    page.get_by_role("link", name=saved_course.course.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(saved_course.course.title)
    page.get_by_role("link", name="SAV-101 lesson 1").click()
    lesson_opens(page, saved_course, 1)

    page.context.set_offline(False)
    page.goto("/my-learning/")
    log_out(page)
    bob = make_officer("bob")
    enrolment_create(learner=bob, course=saved_course.course.specific, actor=bob)
    log_in("bob")  # he lands on his own My learning, online
    open_online(page, saved_course.url, bob)
    page.context.set_offline(True)
    page.goto("/my-learning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.locator("footer")).to_contain_text("Bob Officer")  # his copy, never Ann's
    page.goto("/")  # he never opened the catalogue online
    expect(page.get_by_role("heading", level=1)).to_have_text("On this device")
