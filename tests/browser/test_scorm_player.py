"""SCORM lessons play in real Chromium (ADR 0024, 0028): the platform page frames the launch
document on the content origin, scorm-again is seeded before the package's frame loads, and
what the content reports reaches the server as ``ScormRecord``s — also when the tab closes.
The live server answers ``localhost`` (the platform) and ``127.0.0.1`` (the content origin).

Sequencing (ADR 0028) and the conformance corpus have their own files beside this one; the
helpers here are theirs too."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Frame, Page, expect

from tests.browser.conftest import close_context

pytestmark = pytest.mark.browser

CORPUS = Path("/work/shared/conformance/scorm")
if not CORPUS.is_dir():  # a checkout beside ../shared
    CORPUS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "scorm"

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="built12" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Built</title>%(items)s
    </organization>
  </organizations>
  <resources>%(resources)s
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="built2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Built</title>%(items)s
    </organization>
  </organizations>
  <resources>%(resources)s
  </resources>
</manifest>
"""


def built_package(pages: dict[str, str], version: str = "1.2") -> io.BytesIO:
    """A package with one SCO per page (``{"one.html": html, ...}``, in order)."""
    items, resources = [], []
    scorm_type = "scormtype" if version == "1.2" else "scormType"
    for number, name in enumerate(pages, start=1):
        items.append(
            f'\n      <item identifier="item{number}" identifierref="r{number}">'
            f"<title>Part {number}</title></item>"
        )
        resources.append(
            f'\n    <resource identifier="r{number}" type="webcontent" '
            f'adlcp:{scorm_type}="sco" href="{name}"><file href="{name}"/></resource>'
        )
    manifest = (MANIFEST_12 if version == "1.2" else MANIFEST_2004) % {
        "items": "".join(items),
        "resources": "".join(resources),
    }
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name, html in pages.items():
            archive.writestr(name, html)
    data.seek(0)
    return data


@pytest.fixture
def scorm_site(settings, tmp_path, live_server) -> str:
    """The content origin on the live server's other host name; returns it."""
    port = urlsplit(live_server.url).port
    content = f"http://127.0.0.1:{port}"
    settings.SCORM_CONTENT_ORIGIN = content
    settings.SCORM_PLATFORM_ORIGINS = [live_server.url]
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return content


@pytest.fixture
def scorm_lesson(scorm_site, make_course, make_officer) -> Callable[..., object]:
    """``scorm_lesson(source, officer="ann")``: a published SCORM lesson playing the package
    ``source`` (a path or a built zip) in a new course, its officer enrolled (none: not)."""
    from learning.services import enrolment_create
    from modules.models import ScormLessonPage
    from scormpackages.services import package_import

    made = {"count": 0}

    def make(source, officer: str | None = "ann", title: str = "Golf lesson", package=None):
        made["count"] += 1
        code = f"SC-{made['count']}"
        package = package or package_import(source=source, title=title)
        course = make_course(f"Course {code}", f"course-sc-{made['count']}", code, lessons=0)
        lesson = ScormLessonPage(title=title, slug="scorm-lesson", package=package)
        course.module.add_child(instance=lesson)
        lesson.save_revision().publish()
        lesson.refresh_from_db()
        if officer:
            learner = make_officer(officer)
            enrolment_create(learner=learner, course=course.course, actor=learner)
        return lesson

    return make


def records(lesson, **filters) -> list:
    from scormplayer.models import ScormRecord

    return list(
        ScormRecord.objects.filter(lesson_key=lesson.translation_key, **filters).order_by(
            "commit_seq"
        )
    )


def recorded(page: Page, lesson, check: Callable[[list], bool], **filters) -> list:
    """The lesson's records once ``check`` holds for them (beacons arrive after the page has
    gone: poll the database, as a person would reload a report)."""
    for _ in range(100):
        found = records(lesson, **filters)
        if check(found):
            return found
        page.wait_for_timeout(100)
    raise AssertionError(f"never recorded as expected: {[r.state for r in records(lesson)]}")


def cmi(record, path: str) -> object:
    """A value of a record's CMI state by its dotted name (``core.lesson_location``)."""
    value = record.state.get("cmi", record.state)
    for part in path.split("."):
        value = value[part]
    return value


def runtime_frame(page: Page) -> Frame:
    """The launch document's frame (content origin) inside the platform page now shown."""
    page.wait_for_load_state("domcontentloaded")
    src = page.locator("#scorm-frame").get_attribute("src")
    expect(page.frame_locator("#scorm-frame").locator("#sco-host iframe")).to_be_attached()
    return next(frame for frame in page.frames if frame.url == src)


def api_started(page: Page) -> Frame:
    """Waits until the content called Initialize on the API beside it; the runtime frame."""
    frame = runtime_frame(page)
    frame.wait_for_function("() => (window.API || window.API_1484_11).isInitialized()")
    return frame


PROBE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Probe</title>
<pre id="out">running</pre>
<script>
var api = window.parent.API;
api.LMSInitialize("");
var out = {cookie: document.cookie};
try { out.top = window.top.document.cookie; } catch (error) { out.top = "refused"; }
fetch(%(platform)s, {credentials: "include"})
  .then(function (response) { return response.text(); })
  .then(function (text) { out.fetch = "read " + text.length + " characters"; })
  .catch(function () { out.fetch = "refused"; })
  .finally(function () {
    document.getElementById("out").textContent = JSON.stringify(out);
    api.LMSSetValue("cmi.suspend_data", JSON.stringify(out));
    api.LMSCommit("");
  });
</script></html>
"""


def test_content_in_the_player_frame_cannot_read_the_platform_cookie_nor_fetch_its_pages(
    open_tab, live_server, scorm_lesson, log_in
):
    platform_page = live_server.url + reverse("my_learning")
    probe = PROBE % {"platform": json.dumps(platform_page)}
    lesson = scorm_lesson(built_package({"probe.html": probe}))
    page = open_tab()  # the refusals are console errors, which the `page` fixture fails on
    log_in("ann", tab=page)
    assert "csrftoken=" in page.evaluate("document.cookie")  # the platform's own script sees it

    page.goto(lesson.url)
    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    expect(content.locator("#out")).not_to_have_text("running")
    assert json.loads(content.locator("#out").text_content()) == {
        "cookie": "",
        "top": "refused",
        "fetch": "refused",
    }
    # What the content reported through the API reached the server: the same refusals.
    [record] = recorded(page, lesson, lambda found: len(found) == 1)
    assert json.loads(cmi(record, "suspend_data")) == {
        "cookie": "",
        "top": "refused",
        "fetch": "refused",
    }


def test_the_player_page_frames_the_content_origin_sandboxed_with_its_parts(
    page, scorm_site, scorm_lesson, log_in
):
    started = '<script>window.parent.API_1484_11.Initialize("");</script>'
    parts = {f"part{n}.html": f"<!doctype html><title>Part {n}</title>{started}" for n in (1, 2, 3)}
    lesson = scorm_lesson(built_package(parts, version="2004"))
    log_in("ann")
    page.goto(lesson.url)
    expect(page.get_by_role("heading", name="Golf lesson")).to_be_visible()
    frame = page.locator("#scorm-frame")
    assert frame.get_attribute("sandbox") == (
        "allow-scripts allow-same-origin allow-forms allow-popups allow-downloads allow-modals"
    )
    assert frame.get_attribute("src").startswith(f"{scorm_site}/scorm-runtime/")
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    expect(toc.get_by_role("link")).to_have_count(3)  # the package's three SCOs, in order
    expect(toc.get_by_role("link").first).to_have_attribute("aria-current", "step")
    expect(toc).to_contain_text("Not started")
    api_started(page)
    expect(page.get_by_text("Preview: nothing is recorded.")).to_have_count(0)


def test_a_trainer_not_enrolled_previews_and_nothing_is_recorded(
    open_tab, scorm_lesson, make_officer, log_in
):
    lesson = scorm_lesson(CORPUS / "golf/RuntimeBasicCalls_SCORM12.zip", officer=None)
    make_officer("tess", role="trainer")
    page = open_tab()
    log_in("tess", tab=page)
    page.goto(lesson.url)
    expect(page.get_by_text("Preview: nothing is recorded.")).to_be_visible()
    frame = api_started(page)
    assert frame.evaluate("window.API.cmi.core.lesson_mode") == "browse"
    assert frame.evaluate("window.API.cmi.core.credit") == "no-credit"


CLOSING = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Closing</title>
<button id="answer" type="button">Answer</button>
<script>
var api = window.parent.%(api)s;
api.%(init)s("");
document.getElementById("answer").addEventListener("click", function () {
  api.%(set)s("%(element)s", "answered-42");
  document.getElementById("answer").textContent = "Answered";
});
%(unload)s
</script></html>
"""
SCORM_12 = {"api": "API", "init": "LMSInitialize", "set": "LMSSetValue"}
SCORM_2004 = {"api": "API_1484_11", "init": "Initialize", "set": "SetValue"}


def close_after_answering(page: Page, lesson) -> None:
    page.goto(lesson.url)
    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    content.get_by_role("button", name="Answer").click()
    expect(content.get_by_role("button", name="Answered")).to_be_visible()
    page.close()


def test_closing_the_tab_right_after_a_set_value_still_records_it(open_tab, scorm_lesson, log_in):
    """The content neither commits nor terminates (nothing calls Commit before the tab goes,
    and scorm-again's autocommit timer never fires): the launch document's pagehide beacon
    carries what it set."""
    html = CLOSING % {**SCORM_12, "element": "cmi.suspend_data", "unload": ""}
    lesson = scorm_lesson(built_package({"closing.html": html}))
    page = open_tab()
    log_in("ann", tab=page)
    close_after_answering(page, lesson)
    watcher = open_tab()
    [record] = recorded(watcher, lesson, lambda found: len(found) == 1)
    assert cmi(record, "suspend_data") == "answered-42"
    assert record.terminated is False


@pytest.mark.parametrize("scorm", ["1.2", "2004"])
def test_the_terminate_commit_on_closing_is_recorded_with_its_attempt(
    open_tab, scorm_lesson, log_in, scorm
):
    """The content terminates in its own pagehide: scorm-again sends that last commit by
    sendBeacon as text/plain (scorm-again #1645: the server accepts it, with the token and the
    Origin check instead of a CSRF header), built by our requestHandler so it names its
    attempt, SCO and sequence number (#1020: a terminate commit that skipped the handler
    would be refused as nameless)."""
    calls = SCORM_12 if scorm == "1.2" else SCORM_2004
    finish = "LMSFinish" if scorm == "1.2" else "Terminate"
    exit_element = "cmi.core.exit" if scorm == "1.2" else "cmi.exit"
    unload = (
        'window.addEventListener("pagehide", function () {'
        f'api.{calls["set"]}("{exit_element}", "suspend"); api.{finish}(""); }});'
    )
    html = CLOSING % {**calls, "element": "cmi.suspend_data", "unload": unload}
    lesson = scorm_lesson(built_package({"closing.html": html}, version=scorm))
    page = open_tab()
    log_in("ann", tab=page)
    close_after_answering(page, lesson)
    watcher = open_tab()
    found = recorded(watcher, lesson, lambda found: any(r.terminated for r in found))
    last = found[-1]
    assert last.terminated is True
    assert cmi(last, "suspend_data") == "answered-42"
    assert last.exit == "suspend"
    assert last.sco == "item1"


NAVIGATING = """<!doctype html><html lang="en"><meta charset="utf-8"><title>%(title)s</title>
<h1>%(title)s</h1><button id="go" type="button">Continue</button>
<script>
var api = window.parent.API_1484_11;
api.Initialize("");
document.getElementById("go").addEventListener("click", function () {
  api.SetValue("cmi.completion_status", "completed");
  api.SetValue("adl.nav.request", "%(request)s");
  api.Terminate("");
});
</script></html>
"""


def test_the_content_s_navigation_request_moves_the_player_to_the_part_it_names(
    page, scorm_site, scorm_lesson, log_in
):
    """SCORM 2004: the SCO sets adl.nav.request (continue, previous, {target=...}choice) and
    terminates; the platform page opens that part, and the part it left shows completed."""
    lesson = scorm_lesson(
        built_package(
            {
                "one.html": NAVIGATING % {"title": "First", "request": "continue"},
                "two.html": NAVIGATING % {"title": "Second", "request": "{target=item3}choice"},
                "three.html": NAVIGATING % {"title": "Third", "request": "previous"},
            },
            version="2004",
        )
    )
    log_in("ann")
    page.goto(lesson.url)
    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    for now, then in (("First", "Second"), ("Second", "Third"), ("Third", "Second")):
        expect(content.get_by_role("heading", name=now)).to_be_visible()
        content.get_by_role("button", name="Continue").click()
        expect(content.get_by_role("heading", name=then)).to_be_visible()
    expect(toc.locator("li", has_text="Part 1")).to_contain_text("Completed")
    expect(toc.locator("li", has_text="Part 3")).to_contain_text("Completed")
    expect(toc.get_by_role("link", name="Part 2")).to_have_attribute("aria-current", "step")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_player_page_is_accessible_on_a_desktop_and_a_phone(
    browser, live_server, scorm_lesson, log_in, width
):
    from tests.browser.test_accessibility import AXE, RUN_AXE

    started = '<script>window.parent.API.LMSInitialize("");</script>'
    parts = {f"part{n}.html": f"<!doctype html><title>Part {n}</title>{started}" for n in (1, 2)}
    lesson = scorm_lesson(built_package(parts))
    context = browser.new_context(  # CSP bypassed only to inject axe, as test_accessibility
        base_url=live_server.url, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    log_in("ann", tab=page)
    page.goto(lesson.url)
    api_started(page)
    page.add_script_tag(path=AXE)
    assert page.evaluate(RUN_AXE) == []
    frame = page.locator("#scorm-frame").bounding_box()
    assert frame["width"] <= width and frame["height"] >= 320  # the content has room
    for target in page.locator(".scorm-toc a, .scorm-flow a").all():
        assert target.bounding_box()["height"] >= 44  # touch targets
    # By keyboard: the next part is reached with Tab and Enter.
    next_part = page.get_by_role("link", name="Next part")
    next_part.focus()
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Part 2")).to_have_attribute("aria-current", "step")
    close_context(context)
