"""A lesson's narrated video plays with its captions on, and its audio clip with the transcript
open, in Chromium: at headquarters, and at a post that got the course from a bundle.

The clips are the demo's own (demodata/recordings, made by scripts/make_demo_media.py): WebM
with VP9 and Opus, which Debian's Chromium plays. One test database plays both nodes, as in
tests/coursebundles: the hub exports, the course and its media are removed, the post imports.
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
from django.test.testcases import _MediaFilesHandler
from playwright.sync_api import Page, expect

from demodata.services import RECORDINGS_DIR, recording_value

pytestmark = pytest.mark.browser

NARRATION = json.loads((RECORDINGS_DIR / "narration.json").read_text(encoding="utf-8"))
SPOKEN = {clip["kind"]: clip for clip in NARRATION["clips"]}


@pytest.fixture
def media_root(settings, tmp_path, monkeypatch) -> Path:
    # Django's live server answers /media/ itself (its private _MediaFilesHandler, with no
    # log-in check and no byte ranges); let the node's own view answer, as at a post.
    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda self, path: False)
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def media_lesson(make_course):
    """A course whose first lesson has the demo's narrated video and audio clip."""
    from tests.conftest import publish

    course = make_course("Narrated course", "narrated", "MED-101", lessons=1)
    lesson = course.lessons[0]
    lesson.body = json.dumps(
        [
            {
                "type": kind,
                "id": str(uuid.uuid4()),
                "value": recording_value(clip_name=SPOKEN[kind]["name"], prefix="MED-101"),
            }
            for kind in ("video", "audio")
        ]
    )
    publish(lesson)
    return course


def enrol(username: str, code: str, make_officer):
    from courses.models import CoursePage
    from learning.services import enrolment_create

    officer = make_officer(username)
    course = CoursePage.objects.get(code=code)
    enrolment_create(learner=officer, course=course, actor=officer)


def play_and_follow(page: Page, lesson_url: str) -> None:
    """Open the lesson; the video plays, captions showing the first sentence said; the audio
    plays beside its transcript."""
    page.goto(lesson_url)
    video = page.locator("video")
    track = video.locator("track")
    expect(track).to_have_attribute("kind", "captions")
    expect(track).to_have_attribute("srclang", "en")
    expect(track).to_have_attribute("label", "English")
    # Keyboard first: the officer tabs to the video and presses Space to play it.
    video.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5")
    assert video.evaluate("v => v.textTracks[0].mode") == "showing"
    page.wait_for_function(
        "() => { const t = document.querySelector('video').textTracks[0];"
        " return t.activeCues && t.activeCues.length > 0; }"
    )
    first = SPOKEN["video"]["sentences"][0]
    cue = video.evaluate("v => v.textTracks[0].cues[0].text")
    assert cue == first
    assert video.evaluate("v => v.error") is None

    audio_figure = page.locator("figure", has=page.locator("audio"))
    audio_figure.get_by_text("Transcript").click()
    for sentence in SPOKEN["audio"]["sentences"]:
        expect(audio_figure.get_by_text(sentence)).to_be_visible()
    audio = page.locator("audio")
    audio.focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('audio').currentTime > 0.5")
    assert audio.evaluate("a => a.error") is None
    # Seeking asks the node for a byte range: the clip plays on from the new place.
    video.evaluate("v => { v.currentTime = 12; }")
    page.wait_for_function("() => document.querySelector('video').currentTime > 12.5")


def test_video_plays_with_captions_and_audio_with_transcript(
    page: Page, log_in, make_course, make_officer, media_root
):
    course = media_lesson(make_course)
    enrol("ann", "MED-101", make_officer)
    log_in("ann")
    play_and_follow(page, course.lesson_url(1))


def test_the_same_at_a_post_that_imported_the_course(
    page: Page, log_in, make_course, make_officer, media_root, settings, tmp_path
):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from coursebundles.services import bundle_export, bundle_import
    from courses.models import CoursePage
    from tests.coursebundles.conftest import Nodes

    nodes = Nodes(settings, tmp_path)
    media_lesson(make_course)
    nodes.hub()
    bundle = tmp_path / "med-101.bundle"
    bundle_export(course_code="MED-101", path=bundle)
    for version in CoursePage.objects.filter(code="MED-101"):
        version.delete()
    get_document_model().objects.all().delete()
    get_image_model().objects.all().delete()
    shutil.rmtree(media_root)
    media_root.mkdir()

    nodes.post()
    bundle_import(path=bundle)
    stored = sorted(p.name for p in media_root.rglob("*") if p.is_file())
    assert any(name.endswith(".webm") for name in stored), stored
    assert sum(name.endswith(".vtt") for name in stored) == 2, stored
    enrol("bea", "MED-101", make_officer)
    log_in("bea")
    lesson = CoursePage.objects.get(code="MED-101").get_descendants().live().last()
    play_and_follow(page, lesson.url)
