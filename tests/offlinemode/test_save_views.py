"""Saving a course for offline use, the server's side: the course's offline manifest (who may
have it, what it lists, when an entry's revision changes, that it records nothing and reads
the same number of queries for a bigger course), the service worker and the web app manifest,
and which pages carry the offline scripts."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override

from demodata.services import _image, recording_value
from learning.models import LearnerRecord
from learning.services import enrolment_create
from offlinemode.selectors import PAGE_STATIC
from tests.conftest import build_course, publish, text_body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def manifest_url(course) -> str:
    return reverse("offline_course_manifest", args=[course.pk])


def with_media(lesson):
    """Give ``lesson`` an image and the demo's narrated video with captions."""
    image = _image("hrb-cover.png", "Cover")
    lesson.body = json.dumps(
        [
            {"type": "text", "value": "<p>Before the video.</p>", "id": str(uuid.uuid4())},
            {
                "type": "image",
                "id": str(uuid.uuid4()),
                "value": {"image": image.pk, "alt_text": "A post", "caption": ""},
            },
            {
                "type": "video",
                "id": str(uuid.uuid4()),
                "value": recording_value(clip_name="tip-three-elements", prefix="TST"),
            },
        ]
    )
    return publish(lesson)


@pytest.fixture
def enrolled(people, course_tree, login):
    learner = people["learner"]
    enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    return login(learner)


def test_an_officer_not_enrolled_gets_no_manifest_and_no_cookie(people, course_tree, login):
    client = login(people["learner"])
    response = client.get(manifest_url(course_tree.course))
    assert response.status_code == 404
    assert settings.OFFLINE_COOKIE not in response.cookies


def test_the_manifest_lists_the_course_its_pages_and_files_and_sets_the_cookie(
    enrolled, course_tree
):
    response = enrolled.get(manifest_url(course_tree.course))
    assert response.status_code == 200
    cookie = response.cookies[settings.OFFLINE_COOKIE]
    assert cookie.value == "1"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"] > 300 * 86400
    data = response.json()
    urls = {e["url"]: e for e in data["entries"]}
    assert urls[course_tree.course.url]["kind"] == "course"
    for lesson in course_tree.lessons:
        assert urls[lesson.url]["kind"] == "lesson"
        assert urls[lesson.url]["lesson"] == lesson.pk
    for quiz in course_tree.quizzes:
        assert urls[quiz.url]["kind"] == "quiz"
    assert "/static/elearning/css/site.css" in urls
    assert "/static/offlinemode/offline.js" in urls
    assert all(e["revision"] for e in data["entries"])
    assert data["version"] and data["title"] == course_tree.course.title


def test_the_manifest_lists_what_a_lesson_page_shows_images_video_and_captions(
    enrolled, course_tree
):
    lesson = with_media(course_tree.lessons[0])
    entries = enrolled.get(manifest_url(course_tree.course)).json()["entries"]
    media = [e for e in entries if e.get("lesson") == lesson.pk and e["kind"] != "lesson"]
    kinds = sorted(e["kind"] for e in media)
    assert kinds == ["captions", "image", "image", "media"]
    html = enrolled.get(lesson.url).content.decode()
    for entry in media:
        assert entry["url"] in html  # the very URLs the page loads
    captions = next(e for e in media if e["kind"] == "captions")
    assert captions["url"].endswith(".vtt") and captions["bytes"] > 0


def test_a_republished_lesson_changes_its_own_revision_only(enrolled, course_tree):
    before = {
        e["url"]: e["revision"]
        for e in enrolled.get(manifest_url(course_tree.course)).json()["entries"]
    }
    first, second = course_tree.lessons[0], course_tree.lessons[1]
    first.body = text_body("Changed teaching text.")
    publish(first)
    after_data = enrolled.get(manifest_url(course_tree.course)).json()
    after = {e["url"]: e["revision"] for e in after_data["entries"]}
    assert after[first.url] != before[first.url]
    assert after[second.url] == before[second.url]
    assert after["/static/elearning/css/site.css"] == before["/static/elearning/css/site.css"]
    changed = {url for url in after if after[url] != before.get(url)}
    assert changed == {first.url}


def test_fetching_the_manifest_records_nothing(enrolled, course_tree):
    before = LearnerRecord.objects.count()
    enrolled.get(manifest_url(course_tree.course))
    assert LearnerRecord.objects.count() == before


def test_a_page_fetched_to_be_saved_records_no_lesson_opened_and_is_refused_to_others(
    enrolled, course_tree, people, login, client
):
    lesson = course_tree.lessons[0]
    before = LearnerRecord.objects.count()
    response = enrolled.get(lesson.url, HTTP_X_OFFLINE_SAVE="1")
    assert response.status_code == 200 and lesson.title in response.content.decode()
    assert LearnerRecord.objects.count() == before
    enrolled.get(lesson.url)  # read: recorded
    assert LearnerRecord.objects.count() == before + 1
    stranger = login(people["learner_kh"])
    assert stranger.get(lesson.url, HTTP_X_OFFLINE_SAVE="1").status_code == 403


def _queries(client, url) -> int:
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_manifest_reads_the_same_queries_for_a_bigger_course(people, login):
    learner = people["learner"]
    small, big = build_course(code="SML-101", modules=1), build_course(code="BIG-101", modules=4)
    for tree in (small, big):
        enrolment_create(learner=learner, course=tree.course, actor=learner)
        for lesson in tree.lessons:
            with_media(lesson)
    client = login(learner)
    assert _queries(client, manifest_url(small.course)) == _queries(
        client, manifest_url(big.course)
    )


def test_the_service_worker_is_served_for_the_whole_site_and_never_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    scripts = re.findall(r'"(/static/[^"]+)"', response.content.decode())
    names = [s.rsplit("/", 1)[1] for s in scripts]
    assert names[0] == "workbox-core.prod.js"
    assert names[-4:] == ["idb.umd.js", "db.js", "queue.js", "worker.js"]
    for script in scripts:
        assert finders.find(script.removeprefix(settings.STATIC_URL)), script


@pytest.mark.parametrize("language", ["en", "th"])
def test_the_web_app_manifest_is_in_the_officers_language(people, login, language):
    learner = people["learner"]
    learner.preferred_language = language
    learner.save()
    data = login(learner).get("/manifest.webmanifest").json()
    with override(language):
        assert data["name"] == gettext("Border Officer E-Learning")
    assert data["lang"] == language
    assert (data["name"] != "Border Officer E-Learning") == (language == "th")
    assert (data["start_url"], data["scope"], data["display"]) == ("/", "/", "standalone")
    sizes = {(icon["sizes"], icon["purpose"]) for icon in data["icons"]}
    assert sizes == {(s, p) for s in ("192x192", "512x512") for p in ("any", "maskable")}


def test_pages_carry_the_offline_scripts_only_in_a_browser_that_saved(enrolled, course_tree):
    page = enrolled.get(course_tree.course.url).content.decode()
    assert "offline-config" not in page and 'rel="manifest"' not in page
    assert "Save for offline" in page  # a plain link: nothing loaded for it
    enrolled.get(manifest_url(course_tree.course))
    page = enrolled.get(course_tree.lessons[0].url).content.decode()
    assert "offline-config" in page and 'rel="manifest"' in page


def test_on_this_device_needs_a_login_and_always_has_the_scripts(enrolled):
    assert Client().get("/offline/").status_code == 302
    page = enrolled.get("/offline/").content.decode()
    assert "offline-config" in page and "offlinemode/offline.js" in page


def test_the_saved_static_files_are_every_one_a_learner_page_loads():
    root = settings.BASE_DIR
    named = set()
    for template in (
        "elearning/templates/base.html",
        "offlinemode/templates/offlinemode/scripts.html",
        "modules/templates/modules/lesson_page.html",
    ):
        named |= set(re.findall(r"{% static '([^']+)' %}", (root / template).read_text()))
    assert named == set(PAGE_STATIC)
