"""The SCORM conformance corpus (real third-party packages, ../shared/conformance/scorm/) in real
Chromium: every valid package imports through ``scorm_import`` and launches; each Golf runtime
package's calls (Initialize, SetValue/GetValue, Commit, Terminate, suspend and resume) end up
recorded on the server; and the SCORM 2004 sequencing the player supports (ADR 0028) behaves as
the Golf sequencing packages expect. The invalid packages are refused by the import and tested
there (tests/scormpackages/test_import.py)."""

from __future__ import annotations

import json
import zipfile

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.test_scorm_player import (  # noqa: F401 (fixtures)
    CORPUS,
    api_started,
    cmi,
    recorded,
    runtime_frame,
    scorm_lesson,
    scorm_site,
)
from tests.scormpackages.test_import import VALID

pytestmark = pytest.mark.browser


def imported(name: str, capsys) -> str:
    """``manage.py scorm_import <corpus package> --json``: the stored package's id."""
    capsys.readouterr()
    call_command("scorm_import", str(CORPUS / name), "--json")
    return json.loads(capsys.readouterr().out)["package"]


@pytest.fixture
def lesson_of(scorm_lesson, capsys):  # noqa: F811
    """``lesson_of("golf/X.zip")``: a lesson playing the corpus package, imported by the
    command as a trainer would, and its officer "ann" enrolled."""
    from scormpackages.models import ScormPackage

    def make(name: str, officer: str = "ann"):
        package = ScormPackage.objects.get(pk=imported(name, capsys))
        lesson = scorm_lesson(None, officer=officer, package=package)
        return lesson

    return make


def launched(page: Page) -> dict:
    """What the launch document now in the frame was given (its seed, whether an asset)."""
    runtime = runtime_frame(page)
    return runtime.evaluate("JSON.parse(document.getElementById('scorm-player').textContent)")


def cmi_of(state: dict, path: str) -> object:
    for part in path.split("."):
        state = state[part]
    return state


def leave(page: Page, lesson) -> None:
    """The officer goes back to the module: the content's unload handlers run."""
    page.goto(lesson.get_parent().url)
    expect(page.get_by_role("heading", name=lesson.get_parent().title)).to_be_visible()


# Packages whose launch page loads scripts from the internet (no node serves them: the content
# origin's CSP refuses them, and posts are offline), so their content stops before Initialize.
NEEDS_THE_INTERNET = {
    "golf/SequencingPostTestRollup4thEd_SCORM20044thEdition.zip": "jQuery from ajax.googleapis.com",
}


def calls_the_api(name: str) -> bool:
    """Whether the package's content calls the SCORM API at all (some of golf/'s
    content-packaging examples are trimmed to stubs that never do)."""
    with zipfile.ZipFile(CORPUS / name) as archive:
        return any(
            b"Initialize(" in archive.read(entry)
            for entry in archive.namelist()
            if entry.endswith((".js", ".html", ".htm"))
        )


@pytest.mark.parametrize("name", VALID)
def test_every_valid_corpus_package_launches_and_its_session_is_recorded(
    open_tab, lesson_of, log_in, name
):
    lesson = lesson_of(name)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(lesson.url)
    runtime = runtime_frame(page)
    sco = runtime.child_frames[0]
    sco.wait_for_load_state("domcontentloaded")
    status = "performance.getEntriesByType('navigation')[0].responseStatus"
    assert sco.evaluate(status) == 200  # the first item's page loaded from the package
    if launched(page)["asset"]:
        return  # an asset: no SCORM API beside it, nothing to record, as the package says
    found = "window.API ? typeof window.API.LMSInitialize : typeof window.API_1484_11.Initialize"
    assert runtime.evaluate(found) == "function"  # the API the package's version looks for
    if not calls_the_api(name) or NEEDS_THE_INTERNET.get(name):
        return
    api_started(page)  # the SCO found the API beside it and called Initialize
    leave(page, lesson)  # its session is recorded, whether or not the content terminated it
    recorded(page, lesson, lambda found: len(found) >= 1)


SINGLE_SCO_RUNTIME = [
    ("golf/RuntimeBasicCalls_SCORM12.zip", "core.lesson_location", "core.entry"),
    ("golf/RuntimeBasicCalls_SCORM20043rdEdition.zip", "location", "entry"),
    ("golf/RunTimeAdvancedCalls_SCORM20043rdEdition.zip", "location", "entry"),
]


@pytest.mark.parametrize(("name", "location", "entry"), SINGLE_SCO_RUNTIME)
def test_golf_runtime_calls_are_recorded_and_a_suspended_attempt_resumes(
    open_tab, lesson_of, log_in, name, location, entry
):
    lesson = lesson_of(name)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(lesson.url)
    runtime = api_started(page)
    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    for _ in range(2):
        content.locator("#butNext").click()
    getter = "LMSGetValue" if "12" in name else "GetValue"
    api = "API" if "12" in name else "API_1484_11"
    runtime.wait_for_function(f"() => window.{api}.{getter}('cmi.{location}') === '2'")
    leave(page, lesson)  # not at the end: the content suspends, then terminates

    [first] = recorded(page, lesson, lambda found: any(r.terminated for r in found))[-1:]
    assert first.terminated is True
    assert first.exit == "suspend"
    assert cmi(first, location) == "2"
    assert first.completion_status == "incomplete"

    page.goto(lesson.url)  # back: the same attempt resumes where it was left
    runtime = api_started(page)
    assert runtime.evaluate(f"window.{api}.{getter}('cmi.{entry}')") == "resume"
    # The content read its bookmark back ("2") and asked by confirm() whether to resume; the
    # sandbox has no allow-modals, so the answer is "no" and it starts from its first page.
    seeded = runtime.evaluate("JSON.parse(document.getElementById('scorm-player').textContent)")
    assert cmi_of(seeded["seed"]["cmi"], location) == "2"
    content.locator("#butNext").click()
    runtime.wait_for_function(f"() => window.{api}.{getter}('cmi.{location}') === '1'")
    leave(page, lesson)
    later = recorded(
        page, lesson, lambda found: found[-1].commit_seq > first.commit_seq and found[-1].terminated
    )
    assert later[-1].attempt == first.attempt  # the same attempt, resumed
    assert cmi(later[-1], location) == "1"


@pytest.mark.parametrize(
    "name",
    ["golf/RuntimeMinimumCalls_SCORM12.zip", "golf/RuntimeMinimumCalls_SCORM20043rdEdition.zip"],
)
def test_golf_minimum_calls_initialize_and_terminate_are_recorded(
    open_tab, lesson_of, log_in, name
):
    lesson = lesson_of(name)
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(lesson.url)
    api_started(page)
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    expect(toc.get_by_role("link")).to_have_count(18)  # its 18 SCOs, under four folders
    leave(page, lesson)
    [record] = recorded(page, lesson, lambda found: any(r.terminated for r in found))[-1:]
    assert record.sco == "playing_playing_item"


# --- SCORM 2004 sequencing (ADR 0028) -------------------------------------------------------


def playing(page: Page) -> str:
    """The identifier of the item the frame plays now (the launch document's seed)."""
    return launched(page)["seed"]["sco"]["identifier"]


def follow(page: Page, link) -> None:
    """Click a link of the platform page and wait for the page it opens."""
    link.scroll_into_view_if_needed()  # below the frame: Chromium's own scroll-and-click missed
    with page.expect_navigation(wait_until="domcontentloaded"):
        link.click()


def test_forced_sequential_a_part_opens_once_the_one_before_is_passed(open_tab, lesson_of, log_in):
    """Golf "forced sequential": each SCO after the first is disabled (a pre-condition rule
    over a global objective) until the one before it is satisfied; flow (next part) skips
    nothing it may not reach, and choice cannot open a disabled part."""
    lesson = lesson_of("golf/SequencingForcedSequential_SCORM20043rdEdition.zip")
    page = open_tab()
    page.on("dialog", lambda dialog: dialog.dismiss())
    log_in("ann", tab=page)
    page.goto(lesson.url)
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    assert playing(page) == "playing_item"
    expect(toc.get_by_role("link")).to_have_count(1)  # only the first part may be chosen
    expect(toc.locator("li", has_text="Etiquette")).to_contain_text("Not available yet")
    expect(page.locator("#scorm-next")).to_have_count(0)
    page.goto(lesson.url + "?part=1")  # asking for a disabled part by its address: refused
    assert playing(page) == "playing_item"

    content = page.frame_locator("#scorm-frame").frame_locator("iframe")
    for _ in range(4):  # to the last page: the content sets completed and passed, and commits
        content.locator("#butNext").click()
    recorded(page, lesson, lambda found: any(r.success_status == "passed" for r in found))
    page.goto(lesson.url)  # the lesson goes on with the first part not done, now open
    assert playing(page) == "etuqiette_item"
    expect(toc.locator("li", has_text="Playing")).to_contain_text("Passed")
    expect(toc.get_by_role("link", name="Etiquette")).to_have_attribute("aria-current", "step")
    expect(toc.locator("li", has_text="Handicapping")).to_contain_text("Not available yet")
    expect(page.get_by_role("link", name="Next part")).to_have_count(0)
    follow(page, page.get_by_role("link", name="Previous part"))
    assert playing(page) == "playing_item"


def test_choice_and_flow_between_the_parts_of_a_package(open_tab, lesson_of, log_in):
    """Golf "one file per SCO" (choice and flow allowed): a part is chosen in the table of
    contents; previous and next follow the package's order."""
    lesson = lesson_of("golf/ContentPackagingOneFilePerSCO_SCORM20043rdEdition.zip")
    page = open_tab()
    log_in("ann", tab=page)
    page.goto(lesson.url)
    assert playing(page) == "playing_playing_item"
    toc = page.get_by_role("navigation", name="Parts of this lesson")
    follow(page, toc.get_by_role("link", name="Avoiding Distraction"))
    assert playing(page) == "etiquette_distracting_item"
    expect(toc.get_by_role("link", name="Avoiding Distraction")).to_have_attribute(
        "aria-current", "step"
    )
    follow(page, page.get_by_role("link", name="Next part"))
    assert playing(page) == "etiquette_play_item"
    follow(page, page.get_by_role("link", name="Previous part"))
    follow(page, page.get_by_role("link", name="Previous part"))
    assert playing(page) == "etiquette_course_item"
