"""Activity made offline in a real Chromium: a lesson completed with no connection is queued in
IndexedDB, survives closing the page, reaches the server once when the connection returns,
stays once however often the queue is replayed, and waits for a new log-in when the session
expired meanwhile (issue 15).

The service worker that keeps a saved course's pages is part "save"'s; here routes stand in
for its cache while the context is offline: the lesson pages fetched online before, the
static files, and nothing else (every other request fails as offline).
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlparse

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.offline_helpers import QUEUED, open_online, records
from tests.browser.test_accessibility import AXE

AXE_ON_QUEUE = """async () => {
  const results = await axe.run("#offline-queue", {resultTypes: ["violations"]});
  return results.violations.map(v => `${v.id} (${v.impact}): ${v.help}`);
}"""

pytestmark = pytest.mark.browser


@pytest.fixture
def officer_in_course(make_officer, make_course):
    from learning.services import enrolment_create

    officer = make_officer("mali")
    course = make_course("Document checks", "document-checks", "DOC-101", lessons=3)
    enrolment_create(learner=officer, course=course.course, actor=officer)
    return officer, course


def go_offline(context: BrowserContext, saved_urls: list[str]) -> None:
    """Cut the connection, with what part "save" keeps on the device still served."""
    saved = {}
    for url in saved_urls:
        response = context.request.get(url)
        assert response.ok
        saved[url] = (response.headers["content-type"], response.body())

    def serve(route):
        path = urlparse(route.request.url).path
        if path.startswith("/static/"):
            route.fulfill(response=route.fetch())
        elif path in saved and route.request.method == "GET":
            content_type, body = saved[path]
            route.fulfill(status=200, content_type=content_type, body=body)
        else:
            route.abort("internetdisconnected")

    context.route("**/*", serve)
    context.set_offline(True)


def go_online(context: BrowserContext) -> None:
    context.unroute_all(behavior="ignoreErrors")
    context.set_offline(False)


def lesson_completions(officer, lesson) -> int:
    return records(officer, "lesson_completed", lesson)


def end_session(context: BrowserContext) -> None:
    """The officer's session ends (idle, or the browser closed); other cookies stay."""
    kept = [c for c in context.cookies() if c["name"] != "sessionid"]
    context.clear_cookies()
    context.add_cookies(kept)


def logged_in_with_a_saved_course(page: Page, log_in, live_server, username: str) -> None:
    """Logged in, in a browser where the officer saved a course (the cookie part "save" sets)."""
    log_in(username)
    page.context.add_cookies([{"name": "elearning_offline", "value": "1", "url": live_server.url}])


def test_a_lesson_completed_offline_is_sent_once_and_waits_for_a_new_log_in(
    page: Page, log_in, live_server, officer_in_course
):
    from offlinemode.models import OfflineDevice

    officer, course = officer_in_course
    context = page.context
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    open_online(page, course.lesson_url(1), officer)
    assert OfflineDevice.objects.filter(officer=officer).count() == 1

    # Offline: completing the lesson is queued, and the officer goes on to the next one.
    go_offline(context, [course.lesson_url(2), course.lesson_url(3)])
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page).to_have_url(re.compile(re.escape(course.lesson_url(2)) + "$"))
    status = page.locator("#offline-queue")
    expect(status).to_contain_text("Completed on this device; it will be sent when you are online.")
    expect(status).to_contain_text("1 activity waiting to be sent")
    assert status.get_attribute("role") == "status"
    page.evaluate(AXE.read_text())  # through DevTools: the page's CSP does not apply
    assert page.evaluate(AXE_ON_QUEUE) == []  # a list in a live region, not one made a region
    assert lesson_completions(officer, course.lessons[0]) == 0

    # The queue survives the page: a new one in the same browser still has it.
    page.close()
    page = context.new_page()
    page.goto(course.lesson_url(2))
    expect(page.locator("#offline-queue")).to_contain_text("1 activity waiting to be sent")
    queued = page.evaluate(QUEUED)
    assert [(item["kind"], item["officer"]) for item in queued] == [
        ("lesson_completed", officer.pk)
    ]

    # Back online: delivered, once.
    go_online(context)
    expect(page.locator("#offline-queue")).to_contain_text("All sent")
    assert lesson_completions(officer, course.lessons[0]) == 1
    assert page.evaluate(QUEUED) == []

    # The same items put back and sent twice more: still once.
    for _replay in range(2):
        summary = page.evaluate(
            """async (items) => {
              const db = await offlineDb.open();
              for (const item of items) await db.put("queue", item);
              return offlineQueue.flush();
            }""",
            queued,
        )
        assert (summary["sent"], summary["duplicate"], summary["waiting"]) == (1, 1, 0)
    assert lesson_completions(officer, course.lessons[0]) == 1

    # Offline again; the session expires before the connection returns.
    go_offline(context, [course.lesson_url(3)])
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page).to_have_url(re.compile(re.escape(course.lesson_url(3)) + "$"))
    # The page has loaded its scripts (through the routes) before they go.
    expect(page.locator("#offline-queue")).to_contain_text("1 activity waiting to be sent")
    end_session(context)
    go_online(context)
    login_link = page.get_by_role("link", name="Log in to send 1 activity")
    expect(login_link).to_be_visible()
    assert lesson_completions(officer, course.lessons[1]) == 0

    # Logged in again, the queue goes.
    login_link.click()
    page.get_by_label("User name").fill("mali")
    page.get_by_label("Password").fill("a-long-pass-123")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(re.escape(course.lesson_url(3)) + "$"))
    expect(page.locator("#offline-queue")).to_contain_text("All sent")
    assert lesson_completions(officer, course.lessons[1]) == 1


def test_a_shared_browser_keeps_each_officers_queue_for_them_and_shows_a_refusal_until_dismissed(
    page: Page, log_in, live_server, make_officer, officer_in_course
):
    from learning.services import enrolment_create

    mali, course = officer_in_course
    noi = make_officer("noi")
    enrolment_create(learner=noi, course=course.course, actor=noi)
    context = page.context
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    open_online(page, course.lesson_url(1), mali)
    go_offline(context, [course.lesson_url(2)])
    page.get_by_role("button", name="Mark as complete and continue").click()
    expect(page.locator("#offline-queue")).to_contain_text("1 activity waiting to be sent")

    # Mali's session ends before the connection returns; Noi uses the browser next.
    end_session(context)
    page.close()
    go_online(context)
    tab = context.new_page()
    log_in("noi", tab=tab)
    tab.goto(course.lesson_url(1))
    status = tab.locator("#offline-queue")
    expect(status).to_contain_text("1 activity of another officer waits for them to log in")
    expect(status).not_to_contain_text("waiting to be sent")
    assert lesson_completions(mali, course.lessons[0]) == 0

    # Online, "Mark as complete" posts as before and goes on to the next lesson.
    tab.get_by_role("button", name="Mark as complete and continue").click()
    expect(tab).to_have_url(re.compile(re.escape(course.lesson_url(2)) + "$"))
    assert lesson_completions(noi, course.lessons[0]) == 1
    status = tab.locator("#offline-queue")
    expect(status).to_contain_text("1 activity of another officer waits for them to log in")

    # An item the server refuses (a lesson Noi never opened) is shown with its reason.
    tab.evaluate(
        "([officer, lesson]) => offlineQueue.add('lesson_completed', {lesson}, officer)",
        [noi.pk, course.lessons[2].pk],
    )
    expect(status).to_contain_text("Open the lesson before marking it complete.")
    status.get_by_role("button", name="Dismiss").click()
    expect(status).not_to_contain_text("Open the lesson before marking it complete.")
    assert lesson_completions(noi, course.lessons[2]) == 0

    # Mali logs in again: her queue goes from the first page she sees, once.
    end_session(context)
    log_in("mali", tab=tab)
    expect(tab.locator("#offline-queue")).to_contain_text("All sent")
    assert lesson_completions(mali, course.lessons[0]) == 1


def test_a_completion_whose_post_cannot_reach_the_server_is_queued_and_sent_later(
    page: Page, log_in, live_server, officer_in_course
):
    officer, course = officer_in_course
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    # Another tab: Chromium logs the request cut below as an error on the page's console.
    tab = page.context.new_page()
    open_online(tab, course.lesson_url(1), officer)
    # The browser thinks it is online, but the POST never reaches the server.
    tab.route("**/complete/", lambda route: route.abort("connectionreset"))
    tab.get_by_role("button", name="Mark as complete and continue").click()
    expect(tab).to_have_url(re.compile(re.escape(course.lesson_url(2)) + "$"))
    expect(tab.locator("#offline-queue")).to_contain_text("Completed on this device")
    summary = tab.evaluate("() => offlineQueue.flush()")
    assert summary["waiting"] == 0
    assert lesson_completions(officer, course.lessons[0]) == 1


def test_a_browser_with_no_random_uuid_makes_its_ids_all_the_same(
    page: Page, log_in, live_server, officer_in_course
):
    """A browser older than crypto.randomUUID (Safari before 15.4, a Chrome that stopped
    updating) but with a service worker and WebCrypto: the device and its items still get
    random version 4 UUIDs, and what it did offline reaches the server."""
    from offlinemode.models import OfflineDevice, OfflineItem

    officer, course = officer_in_course
    page.context.add_init_script("delete Crypto.prototype.randomUUID;")
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    tab = page.context.new_page()
    open_online(tab, course.lesson_url(1), officer)
    assert tab.evaluate("() => typeof crypto.randomUUID") == "undefined"
    tab.route("**/complete/", lambda route: route.abort("connectionreset"))
    tab.get_by_role("button", name="Mark as complete and continue").click()
    expect(tab.locator("#offline-queue")).to_contain_text("Completed on this device")
    assert tab.evaluate("() => offlineQueue.flush()")["waiting"] == 0
    assert lesson_completions(officer, course.lessons[0]) == 1
    device = OfflineDevice.objects.get(officer=officer)
    (item,) = OfflineItem.objects.filter(device=device)
    for made in (device.device, item.id):
        assert made.version == 4 and made.variant == uuid.RFC_4122


SEED_RESULTS = """async ([officer, other, lesson]) => {
  const db = await offlineDb.open();
  const day = 24 * 3600 * 1000;
  const at = (ago) => new Date(Date.now() - ago).toISOString();
  const result = (id, officer, ago, fields) => Object.assign({
    id, officer, kind: "lesson_opened", payload: {lesson}, status: "accepted",
    first: "accepted", reason: "", feedback: null, answered_at: at(ago), dismissed: false
  }, fields);
  const tx = db.transaction("results", "readwrite");
  // Seen, 40 days ago: a plain acceptance and a dismissed refusal.
  tx.store.put(result("old-seen", officer, 40 * day, {}));
  const refused = {status: "refused", first: "refused"};
  tx.store.put(result("old-dismissed", officer, 40 * day,
    Object.assign({reason: "No.", dismissed: true}, refused)));
  // Not seen yet, 40 days ago: a refusal still listed, a check's answer still to be shown.
  tx.store.put(result("old-unread", officer, 40 * day,
    Object.assign({reason: "Not enrolled."}, refused)));
  tx.store.put(result("old-check", officer, 40 * day, {kind: "check_answer"}));
  // Another officer's, old and seen: theirs to prune.
  tx.store.put(result("old-other", other, 40 * day, {}));
  for (let i = 0; i < 250; i++) tx.store.put(result("recent-" + i, officer, day + i * 60000, {}));
  await tx.done;
  const check = "check:" + officer + ":" + lesson + ":b1";
  await db.put("state", {id: check, officer, item: "old-check"});
}"""

RESULT_IDS = """async (officer) => {
  const db = await offlineDb.open();
  return (await db.getAll("results")).filter((r) => r.officer === officer).map((r) => r.id);
}"""

ADD_ONE = """([officer, lesson]) => offlineQueue.add("lesson_opened", {lesson}, officer)"""
# Added online, the item is sent at once; the flush asked for then runs after that one.
SEND_ONE = """async ([officer, lesson]) => {
  await offlineQueue.add("lesson_opened", {lesson}, officer);
  return offlineQueue.flush();
}"""


def with_results_seeded(page: Page, log_in, live_server, officer_in_course):
    """Mali's lesson page online, with 255 results on the device (SEED_RESULTS)."""
    officer, course = officer_in_course
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    open_online(page, course.lesson_url(1), officer)
    lesson = course.lessons[1].pk
    page.evaluate(SEED_RESULTS, [officer.pk, officer.pk + 1000, lesson])
    return officer, lesson


def test_the_results_kept_on_the_device_are_pruned(
    page: Page, log_in, live_server, officer_in_course
):
    """An officer's results they have seen go after 30 days; beyond their latest 200, any go."""
    officer, lesson = with_results_seeded(page, log_in, live_server, officer_in_course)
    assert page.evaluate(SEND_ONE, [officer.pk, lesson])["waiting"] == 0
    kept = set(page.evaluate(RESULT_IDS, officer.pk))
    assert len(kept) == 200
    assert not kept & {"old-seen", "old-dismissed", "old-unread", "old-check"}  # beyond 200
    assert {f"recent-{i}" for i in range(199)} < kept  # the latest, with the one just sent
    assert page.evaluate(RESULT_IDS, officer.pk + 1000) == ["old-other"]


def test_results_the_officer_has_not_seen_stay_past_30_days(
    page: Page, log_in, live_server, officer_in_course
):
    officer, lesson = with_results_seeded(page, log_in, live_server, officer_in_course)
    few = """async (officer) => {
      const db = await offlineDb.open();
      for (let i = 10; i < 250; i++) await db.delete("results", "recent-" + i);
    }"""
    page.evaluate(few, officer.pk)
    assert page.evaluate(SEND_ONE, [officer.pk, lesson])["waiting"] == 0
    kept = set(page.evaluate(RESULT_IDS, officer.pk))
    assert {"old-unread", "old-check"} < kept
    assert not kept & {"old-seen", "old-dismissed"}
    assert len(kept) == 2 + 10 + 1
    # The refusal not yet dismissed is still said on the page.
    page.reload()
    expect(page.locator("#offline-queue")).to_contain_text("Not enrolled.")


def test_a_withdrawn_device_is_logged_out_its_item_refused_with_the_date_then_registers_anew(
    page: Page, log_in, live_server, officer_in_course
):
    """The phone holds an item it could not send; the officer withdraws the phone from another
    browser, on "Devices for offline use": the phone is logged out. Logged in on it again, what
    it signed before is refused with the date and leaves the queue; the browser makes and
    registers a new key, and what it does from then on counts."""
    from django.utils import timezone
    from django.utils.formats import date_format

    from offlinemode.models import OfflineDevice

    officer, course = officer_in_course
    lesson = course.lessons[1]
    logged_in_with_a_saved_course(page, log_in, live_server, "mali")
    # Another tab: Chromium logs the withdrawn key's 409 as an error. The first tab leaves the
    # site (its queue.js would send what the phone's tab keeps).
    page.goto("about:blank")
    phone = page.context.new_page()
    open_online(phone, course.lesson_url(1), officer)
    # The phone loses its network until the desk has withdrawn it: its page and its service
    # worker (Background Sync) alike cannot send the item before that.
    phone.context.set_offline(True)
    phone.evaluate(ADD_ONE, [officer.pk, lesson.pk])
    status = phone.locator("#offline-queue")
    expect(status).to_contain_text("1 activity waiting to be sent")

    # The desk's browser (its own session, registered too when it shows "On this device").
    desk_context = page.context.browser.new_context(
        base_url=live_server.url, locale="en-GB", user_agent="Desk PC browser"
    )
    desk = desk_context.new_page()
    log_in("mali", tab=desk)
    desk.goto("/offline/")
    desk.get_by_role("link", name="Devices for offline use: see them, withdraw a lost one").click()
    rows = desk.get_by_role("row").filter(has=desk.get_by_role("button", name="Withdraw"))
    expect(rows).to_have_count(2)
    rows.filter(has_not_text="Desk PC").get_by_role("button", name="Withdraw").click()
    today = date_format(timezone.localtime(), "DATE_FORMAT")
    expect(desk.get_by_role("cell", name=f"Withdrawn on {today}")).to_be_visible()

    phone.context.set_offline(False)
    phone.goto(course.lesson_url(1))
    expect(phone).to_have_url(re.compile(r"/accounts/login/"))
    log_in("mali", tab=phone)
    phone.goto(course.lesson_url(1))
    expect(status).to_contain_text(f"This device was withdrawn on {today}")
    assert phone.evaluate(QUEUED) == []
    assert records(officer, "lesson_opened", lesson) == 0
    devices = OfflineDevice.objects.filter(officer=officer).exclude(user_agent="Desk PC browser")
    assert devices.count() == 2 and devices.filter(revoked_at__isnull=True).count() == 1
    # (The page already says "All sent": the refused item was sent. This one's flush is awaited.)
    assert phone.evaluate(SEND_ONE, [officer.pk, lesson.pk])["waiting"] == 0
    expect(status).to_contain_text("All sent")
    assert records(officer, "lesson_opened", lesson) == 1
    desk.reload()  # the desk's session goes on
    expect(desk.get_by_role("heading", name="Devices for offline use")).to_be_visible()
    desk_context.close()
