"""Saving a course with SCORM lessons for offline play, the server's side (ADR 0045): the
manifest lists the lessons the trainer allows (their pages, parts and what the content origin
saves) and says which need a connection; the saved player page frames the offline launch; the
save document and the content origin's worker; nothing recorded by saving; who may have it."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from courses.selectors import course_for_page
from learning.models import LearnerRecord
from modules.models import ScormLessonPage
from scormplayer.models import ScormLaunch
from tests.conftest import publish
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lessons(people):
    """A course with two SCORM lessons: "Checkpoint drill" allowed offline, "Night shift" not;
    the learner enrolled."""
    allowed = scorm_lesson()
    allowed.offline_allowed = True
    publish(allowed)
    needing = ScormLessonPage(title="Night shift", slug="night-shift", package=allowed.package)
    allowed.get_parent().add_child(instance=needing)
    publish(needing)
    enrol(people["learner"], allowed)
    return allowed, needing


def manifest(client, lesson):
    course = course_for_page(lesson)
    return client.get(reverse("offline_course_manifest", args=[course.pk]))


def test_the_manifest_lists_allowed_scorm_lessons_and_which_need_a_connection(
    people, login, lessons
):
    allowed, needing = lessons
    client = login(people["learner"])
    data = manifest(client, allowed).json()
    urls = {e["url"]: e for e in data["entries"]}
    for url in (allowed.url, allowed.url + "?part=0", allowed.url + "?part=1"):
        assert urls[url]["kind"] == "scorm" and urls[url]["lesson"] == allowed.pk
    assert needing.url not in urls
    (play,) = data["scorm"]
    assert play["lesson"] == allowed.pk and play["title"] == "Checkpoint drill"
    assert re.fullmatch(
        r"http://localhost:8000/scorm-runtime/[^/]+/1/v1\.[^/]+/save/", play["save_url"]
    )
    assert play["bytes"] > 0 and play["revision"]
    assert data["needs_connection"] == [
        {"lesson": needing.pk, "title": "Night shift", "url": needing.url}
    ]
    # Saving records nothing; saving again reuses the one launch (the same URLs).
    assert not LearnerRecord.objects.filter(kind="lesson_opened").exists()
    again = manifest(client, allowed).json()
    assert again["scorm"] == data["scorm"] and again["version"] == data["version"]
    assert ScormLaunch.objects.count() == 1


def test_an_officer_not_enrolled_gets_no_manifest_and_no_launch(people, login, lessons):
    allowed, _needing = lessons
    stranger = login(people["learner_kh"])
    assert manifest(stranger, allowed).status_code == 404
    assert stranger.get(allowed.url, HTTP_X_OFFLINE_SAVE="1").status_code == 403
    assert not ScormLaunch.objects.exists()


def test_the_saved_player_page_frames_the_offline_launch_and_records_nothing(
    people, login, lessons
):
    allowed, needing = lessons
    client = login(people["learner"])
    play = manifest(client, allowed).json()["scorm"][0]
    token = play["save_url"].split("/")[-3]
    page = client.get(allowed.url + "?part=1", HTTP_X_OFFLINE_SAVE="1")
    assert page.status_code == 200
    assert f"/{token}/1/" in page.content.decode()
    assert ScormLaunch.objects.count() == 1
    assert not LearnerRecord.objects.filter(kind="lesson_opened").exists()
    # A lesson the trainer keeps online is not saved.
    assert client.get(needing.url, HTTP_X_OFFLINE_SAVE="1").status_code == 403
    # Read online: a launch of its own, and the lesson opened.
    client.get(allowed.url)
    assert ScormLaunch.objects.filter(offline_until__isnull=True).count() == 1
    assert LearnerRecord.objects.filter(kind="lesson_opened").count() == 1


def _save_data(response) -> dict:
    found = re.search(
        r'<script id="scorm-save" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found
    return json.loads(found.group(1))


def test_the_save_document_lists_every_file_and_launch_document_of_the_offline_launch(
    people, login, lessons, client
):
    allowed, _needing = lessons
    play = manifest(login(people["learner"]), allowed).json()["scorm"][0]
    path = play["save_url"].removeprefix("http://localhost:8000")
    response = client.get(path, HTTP_HOST=CONTENT)
    assert response.status_code == 200
    assert "frame-ancestors http://127.0.0.1:8000" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    data = _save_data(response)
    assert data["command"] == "save" and data["scope"] == "/scorm-"
    urls = [e["url"] for e in data["entries"]]
    token = path.split("/")[-3]
    assert any(u.endswith(f"/{token}/a.html") for u in urls)
    assert any(u.endswith(f"/{token}/imsmanifest.xml") for u in urls)
    assert [u for u in urls if "/scorm-runtime/" in u] == [
        *(play["save_url"].replace("/save/", f"/{n}/") for n in (0, 1)),
        play["save_url"] + "?remove=1",  # removing the course offline removes this launch too
    ]
    assert urls[-2].endswith("/static/scormplayer/save.js")
    assert all(re.fullmatch(r"[0-9a-f]{64}", e["revision"]) for e in data["entries"][:-4])
    assert any(u.endswith("/static/scormplayer/runtime.js") for u in urls)
    assert any(u.endswith("/scorm-again/scorm12.min.js") for u in urls)
    remove = _save_data(client.get(path + "?remove=1", HTTP_HOST=CONTENT))
    assert remove["command"] == "remove" and remove["cache"] == data["cache"]
    check = _save_data(client.get(path + "?check=1", HTTP_HOST=CONTENT))
    assert check["command"] == "check" and check["cache"] == data["cache"]
    # Not on the platform's host; not for an online launch's token; not with a token changed.
    assert client.get(path).status_code == 404
    online = login(people["learner"]).get(allowed.url).content.decode()
    online_token = re.search(r"/scorm-runtime/[^/]+/1/([^/]+)/0/", online).group(1)
    assert client.get(path.replace(token, online_token), HTTP_HOST=CONTENT).status_code == 404
    tampered = path.replace(token, token[:-2] + ("AA" if token[-2:] != "AA" else "BB"))
    assert client.get(tampered, HTTP_HOST=CONTENT).status_code == 403


def test_the_offline_launch_document_carries_the_fresh_session_values(people, login, lessons):
    allowed, _needing = lessons
    play = manifest(login(people["learner"]), allowed).json()["scorm"][0]
    runtime = play["save_url"].removeprefix("http://localhost:8000").replace("/save/", "/0/")
    from django.test import Client

    response = Client().get(runtime, HTTP_HOST=CONTENT)
    found = re.search(
        r'<script id="scorm-player" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    seed = json.loads(found.group(1))["seed"]
    fresh, resume = seed["offline"]["ab-initio"], seed["offline"]["resume"]
    assert fresh["core"]["entry"] == "ab-initio" and resume["core"]["entry"] == "resume"
    assert fresh["core"]["student_id"] == str(people["learner"].uuid)
    assert fresh["launch_data"] == "start=1"


def test_the_content_worker_is_served_for_the_content_paths_only(client):
    response = client.get("/scorm-runtime/sw.js", HTTP_HOST=CONTENT)
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/scorm-"
    assert response["Content-Type"].startswith("text/javascript")
    assert "workbox-precaching" in response.content.decode()
    assert client.get("/scorm-runtime/sw.js").status_code == 404  # not on the platform
    for path in (
        "/static/offlinemode/db.js",
        "/static/offlinemode/vendor/idb-8.0.4/idb.umd.js",
        "/sw.js",
        "/offline/",
    ):
        assert client.get(path, HTTP_HOST=CONTENT).status_code == 404, path
