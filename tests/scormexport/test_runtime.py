"""An exported lesson inside an LMS: a harness page written here plays the LMS side (a real
SCORM API object that records the calls), serves the unzipped package over HTTP and frames a
lesson, as an LMS does; real Chromium runs our runtime script against it."""

from __future__ import annotations

import os
import zipfile

import pytest
from django.core.management import call_command

from .conftest import HARNESS, THAI_TEXT

# Playwright's sync API runs an event loop in this thread; the export is done before it starts.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            "scorm2004",
            [
                "Initialize",
                "GetValue cmi.completion_status",
                "SetValue cmi.completion_status = incomplete",
                "Commit",
                "SetValue cmi.completion_status = completed",
                "Commit",
                "Terminate",
            ],
        ),
        (
            "scorm12",
            [
                "LMSInitialize",
                "LMSGetValue cmi.core.lesson_status",
                "LMSSetValue cmi.core.lesson_status = incomplete",
                "LMSCommit",
                "LMSSetValue cmi.core.lesson_status = completed",
                "LMSCommit",
                "LMSFinish",
            ],
        ),
    ],
)
def test_a_lesson_reports_completion_to_the_lms(rich, served, tmp_path, fmt, expected):
    root, base = served
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", fmt, "--language", "th", "-o", str(out))
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root / "package")
    launch = f"package/lessons/{rich.tree.lessons[0].translation_key.hex}.html"
    (root / "lms.html").write_text(HARNESS.replace("LAUNCH", launch))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(f"{base}/lms.html")
            lesson = page.frame_locator("#sco")
            expect(lesson.locator("h1")).to_have_text("บทเรียนแรก")
            button = lesson.get_by_role("button")
            expect(button).to_be_visible()
            button.click()
            expect(lesson.locator("[data-sco-done]")).to_be_visible()
            page.evaluate("document.getElementById('sco').src = 'about:blank'")
            page.wait_for_function(f"window.calls.length >= {len(expected)}")
            assert page.evaluate("window.calls") == expected
        finally:
            browser.close()


@pytest.mark.browser
def test_a_thai_lesson_alone_shows_in_our_thai_font_and_fetches_only_from_the_package(
    rich, served, tmp_path
):
    root, base = served
    out = tmp_path / "course.zip"
    call_command(
        "scorm_export", "exp-101", "--format", "scorm2004", "--language", "th", "-o", str(out)
    )
    with zipfile.ZipFile(out) as archive:
        archive.extractall(root)
    launch = f"lessons/{rich.tree.lessons[0].translation_key.hex}.html"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto(f"{base}/{launch}")
            expect(page.get_by_text(THAI_TEXT)).to_be_visible()
            # "No learning platform found: your progress is not recorded.", in Thai
            expect(page.get_by_text("ไม่พบระบบการเรียนรู้")).to_be_visible()
            expect(page.get_by_text("No learning platform found")).to_have_count(0)
            loaded = page.evaluate(
                "document.fonts.ready.then(() => [...document.fonts]"
                ".filter(f => f.status === 'loaded').map(f => f.family))"
            )
            assert "Noto Sans Thai" in {family.strip('"') for family in loaded}
            assert requested and all(url.startswith(base + "/") for url in requested)
        finally:
            browser.close()
