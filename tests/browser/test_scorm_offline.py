"""A SCORM lesson played with no connection (issue 15, ADR 0045), in real Chromium with the
real content origin (the live server's other host name) and a real package of the conformance
corpus: the course is saved with "On this device", the connection goes, the lesson is played in
two sessions (suspended, reopened, finished), and back online its commits reach the server
exactly once (and once more replayed change nothing); a SCORM lesson the trainer keeps online is
said to need a connection. The device's rule for a session's start (sessions.js) is held to the
server's (scormplayer.services.session_state) on the same states."""

from __future__ import annotations

import json
import time
import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.test_scorm_corpus import imported, leave
from tests.browser.test_scorm_player import (  # noqa: F401 (fixtures)
    api_started,
    cmi,
    runtime_frame,
    scorm_lesson,
)

pytestmark = pytest.mark.browser

GOLF = "golf/RuntimeBasicCalls_SCORM12.zip"
OUTBOX = "() => scormOutbox.waiting()"


@pytest.fixture
def scorm_site(settings, tmp_path, live_server):
    """The content origin on a second port of the live server's host: the same *site* as the
    platform (a port is not part of a site), as a post serves it. Chromium keeps no storage
    and registers no service worker for a frame of another site (third-party storage is
    blocked), so SCORM lessons are saved for offline play only where the content origin is
    same-site with the platform (ADR 0045)."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost:0")
    settings.SCORM_CONTENT_ORIGIN = server.url
    settings.SCORM_PLATFORM_ORIGINS = [live_server.url]
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    yield server.url
    server.stop()


@pytest.fixture
def offline_lesson(scorm_lesson, capsys):  # noqa: F811
    """The Golf 1.2 package as "Golf lesson", which its trainer allows offline, and "Night
    shift" beside it, which needs a connection; Ann enrolled."""
    from modules.models import ScormLessonPage
    from scormpackages.models import ScormPackage

    package = ScormPackage.objects.get(pk=imported(GOLF, capsys))
    lesson = scorm_lesson(None, package=package)
    lesson.offline_allowed = True
    lesson.save_revision().publish()
    other = ScormLessonPage(title="Night shift", slug="night-shift", package=package)
    lesson.get_parent().add_child(instance=other)
    other.save_revision().publish()
    lesson.refresh_from_db()
    return lesson


def server_records(lesson):
    from scormplayer.models import ScormRecord

    return list(
        ScormRecord.objects.filter(lesson_key=lesson.translation_key).order_by(
            "attempt", "commit_seq"
        )
    )


def learner_records(lesson, kind: str) -> int:
    from learning.models import LearnerRecord

    return LearnerRecord.objects.filter(kind=kind, lesson_key=lesson.translation_key).count()


def test_a_scorm_lesson_played_offline_reaches_the_server_once(
    open_tab, log_in, offline_lesson, scorm_site
):
    from courses.selectors import course_for_page

    lesson = offline_lesson
    course = course_for_page(lesson)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(reverse("offline_home") + f"?save={course.pk}")
    expect(page.locator("#offline-message")).to_have_text(
        f"Saved on this device: {course.title}", timeout=60_000
    )
    expect(page.locator('#offline-courses [data-field="needs"]')).to_have_text(
        "Needs a connection: Night shift"
    )
    assert learner_records(lesson, "lesson_opened") == 0
    context = page.context
    context.set_offline(True)

    # Session 1: two pages of the course, then back to the module: the content suspends.
    page.goto(lesson.url)
    runtime = api_started(page)
    assert runtime.evaluate("JSON.parse(document.getElementById('scorm-player').textContent)")[
        "seed"
    ]["offline"]
    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    for _ in range(2):
        content.locator("#butNext").click()
    runtime.wait_for_function("() => window.API.LMSGetValue('cmi.core.lesson_location') === '2'")
    suspended = runtime.evaluate("window.API.LMSGetValue('cmi.suspend_data')")
    leave(page, lesson)

    # Session 2, reopened offline: the same attempt resumes where it was left, and is finished.
    page.goto(lesson.url)
    runtime = api_started(page)
    assert runtime.evaluate("window.API.LMSGetValue('cmi.core.entry')") == "resume"
    # (The content asks whether to resume with confirm(), answered "no": it starts at its first
    # page; the state it left is still in its suspend data.)
    assert runtime.evaluate("window.API.LMSGetValue('cmi.suspend_data')") == suspended
    runtime.evaluate(
        """() => { window.API.LMSSetValue('cmi.core.lesson_status', 'completed');
        window.API.LMSSetValue('cmi.core.exit', '');
        window.API.LMSFinish(''); }"""
    )
    expect(page.locator("#scorm-message")).to_have_text(
        "Played on this device: what it reported is sent when you are online."
    )
    waiting = runtime.evaluate(OUTBOX)
    assert len(waiting) >= 2 and not server_records(lesson)
    assert learner_records(lesson, "lesson_completed") == 0

    # Closed and reopened (a new tab), still offline: what waits is still there.
    page.close()
    page = context.new_page()
    page.goto(lesson.url)
    runtime = runtime_frame(page)
    runtime.wait_for_function("() => window.scormOutbox")
    assert len(runtime.evaluate(OUTBOX)) >= len(waiting)

    # Back online: the lesson's page (a launch of its own) sends what waited first.
    context.set_offline(False)
    page.goto(lesson.url)
    api_started(page)
    # Until the device's outbox is empty (the launch document reloads itself once it sent some:
    # asked between two loads, the question is asked again), a minute at most on a busy machine.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            emptied = runtime_frame(page).evaluate(OUTBOX) == []
        except (PlaywrightError, StopIteration):  # the document was between two loads
            emptied = False
        if emptied and learner_records(lesson, "lesson_completed") == 1:
            break
        page.wait_for_timeout(200)
    found = sorted(server_records(lesson), key=lambda r: r.recorded_at)
    assert found[0].exit == "suspend"  # sent in the order played
    first = [r for r in found if r.attempt == found[0].attempt]
    # Session 1 suspended, session 2 (entry "resume", the same attempt) finished it.
    assert [(r.commit_seq, r.exit, r.terminated) for r in first][-2:] == [
        (first[-2].commit_seq, "suspend", True),
        (first[-2].commit_seq + 1, "", True),
    ]
    assert first[-1].completion_status == "completed"
    # Reopened after it ended: a new attempt made on the device, which the server took too.
    later = [r for r in found if r.attempt != found[0].attempt]
    assert len({r.attempt for r in later}) <= 1
    assert all(r.recorded_at > first[-1].recorded_at for r in later)
    assert learner_records(lesson, "lesson_opened") == 1
    assert learner_records(lesson, "lesson_completed") == 1
    runtime = runtime_frame(page)
    assert runtime.evaluate(OUTBOX) == []
    assert runtime.evaluate("() => scormOutbox.refused()") == []

    # The outbox replayed: every commit answered as a repeat, nothing written.
    before = len(server_records(lesson))
    counts = runtime.evaluate(
        """async (items) => {
          for (const item of items) await scormOutbox.add(item.url, item.body, null);
          return scormOutbox.flush();
        }""",
        waiting,
    )
    assert counts == {"sent": len(waiting), "refused": 0, "kept": 0}
    assert len(server_records(lesson)) == before
    assert learner_records(lesson, "lesson_completed") == 1

    # A commit the server cannot take now (an error, as with no network) stops the flush: the
    # next attempt's commit waits behind it, and both go, in the order made, at the next flush.
    attempts = [str(uuid.uuid4()), str(uuid.uuid4())]
    commit_url = runtime.evaluate(
        """async (attempts) => {
          const seed = JSON.parse(document.getElementById('scorm-player').textContent).seed;
          for (const attempt of attempts) {
            const body = {attempt: attempt, sco: seed.sco.identifier, seq: 1, cmi: seed.cmi,
                          terminated: true};
            await scormOutbox.add(seed.commit_url, JSON.stringify(body), null);
            await new Promise((resolve) => setTimeout(resolve, 5));  // made one after the other
          }
          return seed.commit_url;
        }""",
        attempts,
    )
    sent: list[str] = []
    failing = {attempts[0]}

    def server(route):
        attempt = json.loads(route.request.post_data or "{}").get("attempt")
        sent.append(attempt)
        if attempt in failing:
            route.fulfill(status=503, body="")
        else:
            route.continue_()

    page.route(commit_url, server)
    counts = runtime.evaluate("() => scormOutbox.flush()")
    assert counts == {"sent": 0, "refused": 0, "kept": 2}
    assert sent == attempts[:1]
    failing.clear()
    counts = runtime.evaluate("() => scormOutbox.flush()")
    assert counts["kept"] == 0 and counts["sent"] + counts["refused"] == 2
    assert sent == [attempts[0], *attempts]
    page.unroute(commit_url)


def test_a_scorm_lesson_kept_online_says_offline_that_it_needs_a_connection(
    open_tab, log_in, offline_lesson
):
    from courses.selectors import course_for_page
    from modules.models import ScormLessonPage

    course = course_for_page(offline_lesson)
    other = ScormLessonPage.objects.get(slug="night-shift")
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(reverse("offline_home") + f"?save={course.pk}")
    expect(page.locator("#offline-message")).to_have_text(
        f"Saved on this device: {course.title}", timeout=60_000
    )
    page.context.set_offline(True)
    page.goto(other.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("On this device")
    expect(page.locator('#offline-courses [data-field="needs"]')).to_have_text(
        "Needs a connection: Night shift"
    )


def test_a_commit_the_server_refuses_is_kept_and_shown_until_dismissed(
    open_tab, log_in, offline_lesson, scorm_site
):
    from courses.selectors import course_for_page

    lesson = offline_lesson
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(reverse("offline_home") + f"?save={course_for_page(lesson).pk}")
    expect(page.locator("#offline-message")).to_contain_text("Saved on this device", timeout=60_000)
    page.context.set_offline(True)
    page.goto(lesson.url)
    runtime = api_started(page)
    # A commit changed on the device: it claims another learner (a read-only element).
    runtime.evaluate(
        """() => {
          const seed = JSON.parse(document.getElementById('scorm-player').textContent).seed;
          const cmi = JSON.parse(JSON.stringify(seed.cmi));
          cmi.core.student_id = 'someone-else';
          const body = {attempt: crypto.randomUUID(), sco: seed.sco.identifier, seq: 1, cmi: cmi,
                        terminated: true};
          return scormOutbox.add(seed.commit_url, JSON.stringify(body), null);
        }"""
    )
    page.context.set_offline(False)
    page.goto(lesson.url)  # online: the launch document sends what waits first
    message = page.locator("#scorm-message")
    expect(message).to_contain_text("The server refused what this device played:")
    expect(message).to_contain_text("cmi.core.student_id")
    # (What the content itself reported offline was accepted beside it.)
    assert all(cmi(r, "core.student_id") != "someone-else" for r in server_records(lesson))
    runtime = runtime_frame(page)
    refused = runtime.evaluate("() => scormOutbox.refused()")
    assert [r["status"] for r in refused] == [400]
    page.reload()  # still shown on the next visit
    message = page.locator("#scorm-message")
    expect(message).to_contain_text("cmi.core.student_id")

    # Read, and dismissed: gone from the page and from the content origin's outbox, for good.
    message.get_by_role("button", name="Dismiss").click()
    expect(message).to_have_text("")
    runtime = runtime_frame(page)
    runtime.wait_for_function("async () => (await scormOutbox.refused()).length === 0")
    page.reload()
    api_started(page)
    expect(page.locator("#scorm-message")).not_to_contain_text("refused")


SCORM_CACHES = "async () => (await caches.keys()).filter((name) => name.startsWith('scorm-'))"


def test_removing_a_saved_course_offline_removes_its_scorm_lesson_from_the_content_origin(
    open_tab, log_in, offline_lesson, scorm_site
):
    """Removing a saved course with no connection: the course's SCORM lesson, kept on the
    content origin, goes with it (its save document that removes it was saved with it)."""
    from courses.selectors import course_for_page

    lesson = offline_lesson
    course = course_for_page(lesson)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(reverse("offline_home") + f"?save={course.pk}")
    expect(page.locator("#offline-message")).to_contain_text("Saved on this device", timeout=60_000)
    page.goto(lesson.url)
    assert len(api_started(page).evaluate(SCORM_CACHES)) == 1

    page.goto(reverse("offline_home"))
    remove = page.get_by_role("button", name="Remove from this device")
    expect(remove).to_be_visible()
    page.context.set_offline(True)
    remove.click()
    expect(page.locator("#offline-message")).to_have_text(
        f"“{course.title}” was removed from this device.", timeout=20_000
    )
    page.context.set_offline(False)
    page.goto(lesson.url)
    assert api_started(page).evaluate(SCORM_CACHES) == []


def test_a_scorm_lesson_whose_cache_the_browser_cleared_is_saved_again_while_online(
    open_tab, log_in, offline_lesson, scorm_site
):
    """The content origin's storage cleared (its caches gone, the platform's kept): "On this
    device" notices it, says so, and saves the lesson there again."""
    from courses.selectors import course_for_page

    lesson = offline_lesson
    course = course_for_page(lesson)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(reverse("offline_home") + f"?save={course.pk}")
    expect(page.locator("#offline-message")).to_contain_text("Saved on this device", timeout=60_000)
    page.goto(lesson.url)
    runtime = api_started(page)
    assert len(runtime.evaluate(SCORM_CACHES)) == 1
    runtime.evaluate(
        "async () => { for (const name of await caches.keys()) await caches.delete(name); }"
    )
    assert runtime.evaluate(SCORM_CACHES) == []

    page.goto(reverse("offline_home"))
    expect(page.locator("#offline-message")).to_have_text(
        f"“{course.title}” is saved on this device again.", timeout=60_000
    )
    page.goto(lesson.url)
    assert len(api_started(page).evaluate(SCORM_CACHES)) == 1


SESSION_STATES = [
    # (what the last commit of the attempt left, terminated)
    (
        {
            "core": {
                "lesson_location": "p3",
                "exit": "suspend",
                "session_time": "0000:01:30.00",
                "lesson_status": "incomplete",
            },
            "suspend_data": "abc",
        },
        True,
    ),
    (
        {
            "core": {
                "lesson_location": "p9",
                "exit": "",
                "session_time": "0000:00:10.00",
                "lesson_status": "completed",
            }
        },
        True,
    ),
    ({"core": {"lesson_location": "p1", "session_time": "0000:00:05.50"}}, False),
]


@pytest.mark.parametrize(("written", "terminated"), SESSION_STATES)
def test_the_devices_session_rule_is_the_servers(
    open_tab, log_in, offline_lesson, scorm_site, written, terminated
):
    """The same last commit, applied by the server, then the next session as the server seeds
    it and as sessions.js starts it: the same attempt or a new one, the same entry, the same
    read-only values and carried state; and the server accepts the device's next commit."""
    from officers.models import User
    from scormplayer import cmi as rules
    from scormplayer.models import ScormRecord
    from scormplayer.selectors import launch_for, runtime_seed
    from scormplayer.services import (
        commit_apply,
        item_of,
        launch_token,
        offline_launch,
        session_state,
    )

    ann = User.objects.get(username="ann")
    launch = offline_launch(user=ann, page=offline_lesson)
    token = launch_token(launch)
    launch = launch_for(token, str(launch.version.package_id), launch.version.number)
    seed = runtime_seed(launch=launch, sco_index=0, token=token)
    from scormplayer.selectors import offline_seeds

    templates = offline_seeds(launch=launch, sco_index=0)
    sco = seed["sco"]["identifier"]
    attempt = uuid.UUID(seed["attempt"])
    first = {**seed["cmi"], **written, "core": {**seed["cmi"]["core"], **written["core"]}}
    result = commit_apply(
        launch=launch, attempt=attempt, sco=sco, seq=1, cmi=first, terminated=terminated
    )
    assert result.error_code == 0, result.message
    last = ScormRecord.objects.get(attempt=attempt, commit_seq=1)
    server_state, _before = session_state(launch, item_of(launch.version.structure, sco), last)

    page = open_tab()
    page.goto(scorm_site + "/scorm-runtime/sw.js")  # any page of the content origin
    page.add_script_tag(url=scorm_site + "/static/scormplayer/sessions.js")
    device = page.evaluate(
        """([version, last, templates]) => scormSessions.after(version, last, templates,
             () => "00000000-0000-4000-8000-000000000000")""",
        [
            "1.2",
            {
                "attempt": str(attempt),
                "seq": 1,
                "cmi": first,
                "terminated": terminated,
                "before": 0,
            },
            templates,
        ],
    )
    ended_other_way = terminated and written["core"].get("exit") != "suspend"
    if ended_other_way:
        assert device["attempt"] != str(attempt) and device["seq"] == 1
        fresh, _ = session_state(launch, item_of(launch.version.structure, sco), None)
        expected = fresh
    else:
        assert device["attempt"] == str(attempt) and device["seq"] == 2
        expected = server_state
    mine = rules.flatten(device["cmi"])
    for element, value in expected.items():
        if element in rules.COMPUTED:
            assert rules.seconds_of(mine[element]) == rules.seconds_of(value), element
        else:
            assert mine.get(element, "") == value, element
    # The server accepts the device's next commit of that session as it is.
    accepted = commit_apply(
        launch=launch,
        attempt=uuid.UUID(device["attempt"]),
        sco=sco,
        seq=device["seq"],
        cmi=device["cmi"],
        terminated=True,
    )
    assert accepted.error_code == 0, accepted.message
