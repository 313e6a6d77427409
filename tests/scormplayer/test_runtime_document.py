"""The launch document on the content origin (ADR 0028) and the SCORM lesson page on the
platform: what a browser receives, with Django's test client (the browser side is in
tests/browser/test_scorm_player.py)."""

from __future__ import annotations

import json
import re

import pytest

from scormplayer.services import launch_start, launch_token
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"


@pytest.fixture
def launched(people):
    lesson = scorm_lesson(version="2004")
    enrol(people["learner"], lesson)
    launch = launch_start(user=people["learner"], page=lesson)
    package = lesson.package.current
    base = f"/scorm-runtime/{package.package_id}/{package.number}/{launch_token(launch)}"
    return lesson, base


def player_of(response) -> dict:
    found = re.search(
        r'<script id="scorm-player" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "the seed is JSON in the page, never a script that runs"
    return json.loads(found.group(1))


def test_the_launch_document_seeds_scorm_again_before_it_frames_the_sco(client, launched):
    _lesson, base = launched
    response = client.get(f"{base}/1/", HTTP_HOST=CONTENT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "scorm2004.min.js" in page and "scorm12.min.js" not in page
    assert page.index("scorm2004.min.js") < page.index("runtime.js")
    player = player_of(response)
    assert player["seed"]["sco"]["identifier"] == "drill"
    assert player["seed"]["cmi"]["learner_name"] == "Somchai Jaidee"  # Latin letters
    assert player["asset"] is False
    assert player["platform_origins"] == ["http://127.0.0.1:8000"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy  # no inline script runs in it
    assert "frame-ancestors http://127.0.0.1:8000" in policy
    assert "sandbox allow-scripts allow-same-origin" in policy
    assert "Set-Cookie" not in response


def test_the_launch_document_refuses_a_bad_token_an_unknown_part_and_the_platform_host(
    client, launched
):
    _lesson, base = launched
    tampered = base[:-3] + ("AAA" if not base.endswith("AAA") else "BBB")
    refused = client.get(f"{tampered}/0/", HTTP_HOST=CONTENT)
    assert refused.status_code == 403
    assert refused.content.decode() == "This link to the lesson is not valid."
    assert client.get(f"{base}/2/", HTTP_HOST=CONTENT).status_code == 404
    assert client.get(f"{base}/0/").status_code == 404  # not on the platform's host


def test_the_lesson_page_frames_the_content_origin_and_its_csp_allows_only_that(
    client, people, settings
):
    lesson = scorm_lesson(version="1.2")
    enrol(people["learner"], lesson)
    client.force_login(people["learner"])
    response = client.get(lesson.url)
    assert response.status_code == 200
    page = response.content.decode()
    frame = re.search(r'<iframe id="scorm-frame" src="([^"]+)"[^>]*sandbox="([^"]+)"', page)
    assert frame.group(1).startswith("http://localhost:8000/scorm-runtime/")
    assert (
        frame.group(2)
        == "allow-scripts allow-same-origin allow-forms allow-popups allow-downloads allow-modals"
    )
    assert "frame-src http://localhost:8000" in response["Content-Security-Policy"]
    assert "frame-src" not in client.get("/")["Content-Security-Policy"]  # this page alone
    assert "Preview: nothing is recorded." not in page
    assert 'href="?part=1"' in page  # the second part, in the table of contents and as "next"


def test_a_trainer_previewing_is_told_nothing_is_recorded(client, people):
    lesson = scorm_lesson(version="1.2")
    client.force_login(people["trainer"])
    page = client.get(lesson.url).content.decode()
    assert "Preview: nothing is recorded." in page
