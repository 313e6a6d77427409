"""The SCORM content origin (ADR 0024): one process answers two hosts; the content host serves
package files only, to a valid per-launch token, and never reads or sets a cookie; the platform
host never serves package files."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from scormplayer.services import issue_launch_token, launch_keys
from scormplayer.tokens import LaunchClaims, issue
from tests.scormplayer.packages import stored_package

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host
PAGE = b"<!doctype html><title>Golf</title><script src='shared/api.js'></script>"
SCRIPT = b"var API = null;" * 1000


@dataclass(frozen=True)
class Stored:
    """A stored package's id and the content-origin URLs of its files."""

    id: str

    def url(self, path: str, token: str | None = None, version: int = 2) -> str:
        token = token or issue_launch_token("launch-1", "7", self.id, version)
        return f"/scorm-content/{self.id}/{version}/{token}/{path}"


@pytest.fixture
def package(settings, tmp_path) -> Stored:
    """Version 2 of a stored package (version 1 was replaced)."""
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    stored = stored_package({"index.html": PAGE, "shared/api.js": SCRIPT}, versions=2)
    return Stored(str(stored.pk))


def get(client, path: str, host: str = CONTENT, **headers):
    return client.get(path, HTTP_HOST=host, **headers)


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_package_file_is_served_on_the_content_host_in_a_sandbox(client, package):
    response = get(client, package.url("index.html"))
    assert response.status_code == 200
    assert body(response) == PAGE
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-same-origin allow-forms allow-popups" in policy
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in policy
    assert "connect-src 'self'" in policy
    assert "X-Frame-Options" not in response  # the platform frames it; CSP says who may
    script = get(client, package.url("shared/api.js"))
    assert script["Content-Type"].startswith("text/javascript")
    assert body(script) == SCRIPT


def test_a_range_of_a_package_file_is_answered_with_206(client, package):
    response = get(client, package.url("shared/api.js"), HTTP_RANGE="bytes=15-29")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 15-29/{len(SCRIPT)}"
    assert body(response) == SCRIPT[15:30]


def test_the_platform_host_never_serves_package_files_even_to_a_logged_in_officer(
    login, people, package
):
    client = login(people["learner"])
    response = client.get(package.url("index.html"))  # Host: testserver, the platform
    assert response.status_code == 404
    assert PAGE not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/admin/",
        "/django-admin/",
        "/my-learning/",
        "/media/x.png",
        "/sync/",
        "/nodes/",
        "/static/elearning/css/site.css",
        "/scorm-content",
        "/static/scormplayer/../elearning/css/site.css",
        "/static/scormplayer/missing.js",
        "/scorm-content/pkg-3/2/",
    ],
)
def test_every_platform_url_is_404_on_the_content_host(login, people, path):
    client = login(people["learner"])
    response = get(client, path)
    assert response.status_code == 404
    assert not response.cookies
    assert response["Content-Type"].startswith("text/plain")  # no platform page, no links


def test_the_content_host_ignores_the_session_cookie_and_sets_none(login, people, package):
    """A second port of the same host receives the platform's cookies (browsers do not tell
    ports apart): the content host must neither use them nor answer with a cookie."""
    client = login(people["learner"])
    client.cookies["csrftoken"] = "x" * 32
    for path in (package.url("index.html"), "/accounts/login/"):
        response = get(client, path)
        assert not response.cookies, path
        assert "Set-Cookie" not in str(response.serialize_headers())
    refused = client.post("/accounts/login/", {"username": "a", "password": "b"}, HTTP_HOST=CONTENT)
    assert refused.status_code == 404
    assert not refused.cookies


def test_the_platform_session_cookie_is_host_only(client, people):
    client.post("/accounts/login/", {"username": people["learner"].username, "password": "x"})
    client.force_login(people["learner"])
    response = client.get("/")
    cookie = client.cookies["sessionid"]
    assert cookie["domain"] == ""
    assert "domain=" not in cookie.OutputString().lower()
    assert response.status_code in (200, 302)


def refused(client, package: Stored, token: str) -> str:
    response = get(client, package.url("index.html", token))
    assert response.status_code == 403
    assert not response.cookies
    assert PAGE not in response.content
    return response.content.decode()


def test_an_expired_forged_or_other_packages_token_is_403(client, package):
    expired = issue(
        LaunchClaims("launch-1", "7", package.id, 2, 1_000), launch_keys()[0], b"n" * 12
    )
    assert "expired" in refused(client, package, expired)
    forged = issue(LaunchClaims("launch-1", "7", package.id, 2, 2**33), b"f" * 32, b"n" * 12)
    assert "not valid" in refused(client, package, forged)
    assert "not valid" in refused(client, package, "v1.not-a-token")
    other = issue_launch_token("launch-1", "7", "pkg-4", 2)
    assert "another lesson" in refused(client, package, other)
    older = issue_launch_token("launch-1", "7", package.id, 1)
    assert "another lesson" in refused(client, package, older)


def test_only_the_files_the_package_listed_are_served(client, package, settings):
    """Stored files are named by their SHA-256 in a store shared by every package: a request
    reaches a file only through its path in this version's manifest, never through the store."""
    (settings.ELEARNING_SCORM_ROOT / "secret.txt").write_text("not part of any package")
    blob = hashlib.sha256(PAGE).hexdigest()
    for path in (
        "../1/index.html",
        "..%2F..%2F..%2Fsecret.txt",
        "../../../secret.txt",
        f"../../../blobs/{blob[:2]}/{blob}",
        "shared\\api.js",
        "Index.html",
        "missing.html",
    ):
        response = get(client, package.url(path))
        assert response.status_code == 404, path
        assert b"not part of any package" not in body(response)
        assert PAGE not in body(response)
    # The replaced version's files are released: its URL answers nothing, even with its token.
    older = issue_launch_token("launch-1", "7", package.id, 1)
    assert get(client, package.url("index.html", older, version=1)).status_code == 404


def test_post_to_a_package_file_is_refused(client, package):
    assert client.post(package.url("index.html"), HTTP_HOST=CONTENT).status_code == 405


def test_the_content_origin_may_not_be_a_platform_origin(settings):
    settings.SCORM_CONTENT_ORIGIN = "http://127.0.0.1:8000"
    with pytest.raises(SystemCheckError, match="SCORM_CONTENT_ORIGIN must differ"):
        call_command("check")
    settings.SCORM_CONTENT_ORIGIN = "http://content.example:8001/path"
    with pytest.raises(SystemCheckError, match="nothing after it"):
        call_command("check")
    settings.SCORM_CONTENT_ORIGIN = "https://content.example"
    with pytest.raises(SystemCheckError, match="not in ALLOWED_HOSTS"):
        call_command("check", fail_level="WARNING")


def test_package_files_may_not_live_where_the_platform_serves_media(settings):
    settings.ELEARNING_SCORM_ROOT = settings.MEDIA_ROOT / "scorm"
    with pytest.raises(SystemCheckError, match="must not be inside MEDIA_ROOT"):
        call_command("check")
