"""Uploaded media are served in byte ranges, so an officer can seek in a lesson's video at a
post, where no web server stands in front of Django."""

from __future__ import annotations

import pytest

from elearning.byteranges import UNSATISFIABLE, byte_range

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def video(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "clip.webm").write_bytes(CONTENT)
    captions = "WEBVTT\n\n1\n00:00.000 --> 00:01.000\nHi\n"
    (tmp_path / "documents" / "clip.en.vtt").write_text(captions)
    return "/media/documents/clip.webm"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_range_is_answered_with_those_bytes(login, people, video):
    client = login(people["learner"])
    response = client.get(video, headers={"Range": "bytes=1000-1999"})
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1000-1999/10240"
    assert response["Content-Length"] == "1000"
    assert response["Content-Type"] == "video/webm"
    assert body(response) == CONTENT[1000:2000]


def test_open_and_suffix_ranges(login, people, video):
    client = login(people["learner"])
    tail = client.get(video, headers={"Range": "bytes=10000-"})
    assert tail.status_code == 206 and body(tail) == CONTENT[10000:]
    last = client.get(video, headers={"Range": "bytes=-40"})
    assert last["Content-Range"] == "bytes 10200-10239/10240" and body(last) == CONTENT[-40:]


def test_whole_file_says_ranges_are_accepted(login, people, video):
    response = login(people["learner"]).get(video)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


def test_a_range_past_the_end_is_refused_with_the_size(login, people, video):
    response = login(people["learner"]).get(video, headers={"Range": "bytes=20000-"})
    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */10240"


def test_captions_are_webvtt(login, people, video):
    response = login(people["learner"]).get("/media/documents/clip.en.vtt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")


def test_media_stay_for_logged_in_people(client, video):
    response = client.get(video, headers={"Range": "bytes=0-9"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-0", (0, 0)),
        ("bytes=5-", (5, 99)),
        ("bytes=90-500", (90, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=-500", (0, 99)),
        ("bytes=100-", UNSATISFIABLE),
        ("bytes=-0", UNSATISFIABLE),
        ("bytes=5-1", None),  # invalid: the whole file
        ("bytes=0-1,5-6", None),  # several ranges: the whole file
        ("items=0-1", None),
        ("", None),
    ],
)
def test_byte_range(header, expected):
    assert byte_range(header, 100) == expected
