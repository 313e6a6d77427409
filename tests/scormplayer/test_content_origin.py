"""The SCORM content origin (ADR 0024): one process answers two hosts; the content host serves
package files only, to a valid per-launch token, and never reads or sets a cookie; the platform
host never serves package files."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from scormplayer.services import issue_launch_token, launch_keys
from scormplayer.tokens import LaunchClaims, issue

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host
PAGE = b"<!doctype html><title>Golf</title><script src='shared/api.js'></script>"
SCRIPT = b"var API = null;" * 1000


@pytest.fixture
def package(settings, tmp_path):
    settings.SCORM_FILES_ROOT = tmp_path / "scorm"
    root = settings.SCORM_FILES_ROOT / "pkg-3" / "2"
    (root / "shared").mkdir(parents=True)
    (root / "index.html").write_bytes(PAGE)
    (root / "shared" / "api.js").write_bytes(SCRIPT)
    (tmp_path / "secret.txt").write_text("not part of any package")
    return root


def url(path: str, token: str | None = None, package: str = "pkg-3/2") -> str:
    token = token or issue_launch_token("launch-1", "7", "pkg-3", 2)
    return f"/scorm-content/{package}/{token}/{path}"


def get(client, path: str, host: str = CONTENT, **headers):
    return client.get(path, HTTP_HOST=host, **headers)


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_package_file_is_served_on_the_content_host_in_a_sandbox(client, package):
    response = get(client, url("index.html"))
    assert response.status_code == 200
    assert body(response) == PAGE
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-same-origin allow-forms allow-popups" in policy
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in policy
    assert "connect-src 'self'" in policy
    assert "X-Frame-Options" not in response  # the platform frames it; CSP says who may
    script = get(client, url("shared/api.js"))
    assert script["Content-Type"].startswith("text/javascript")
    assert body(script) == SCRIPT


def test_a_range_of_a_package_file_is_answered_with_206(client, package):
    response = get(client, url("shared/api.js"), HTTP_RANGE="bytes=15-29")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 15-29/{len(SCRIPT)}"
    assert body(response) == SCRIPT[15:30]


def test_the_platform_host_never_serves_package_files_even_to_a_logged_in_officer(
    login, people, package
):
    client = login(people["learner"])
    response = client.get(url("index.html"))  # Host: testserver, the platform
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
    for path in (url("index.html"), "/accounts/login/"):
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


def refused(client, token: str, package: str = "pkg-3/2") -> str:
    response = get(client, url("index.html", token, package))
    assert response.status_code == 403
    assert not response.cookies
    assert PAGE not in response.content
    return response.content.decode()


def test_an_expired_forged_or_other_packages_token_is_403(client, package):
    expired = issue(LaunchClaims("launch-1", "7", "pkg-3", 2, 1_000), launch_keys()[0], b"n" * 12)
    assert "expired" in refused(client, expired)
    forged = issue(LaunchClaims("launch-1", "7", "pkg-3", 2, 2**33), b"f" * 32, b"n" * 12)
    assert "not valid" in refused(client, forged)
    assert "not valid" in refused(client, "v1.not-a-token")
    other = issue_launch_token("launch-1", "7", "pkg-4", 2)
    assert "another lesson" in refused(client, other)
    older = issue_launch_token("launch-1", "7", "pkg-3", 1)
    assert "another lesson" in refused(client, older)


def test_paths_leaving_the_package_are_404(client, package):
    os.symlink(package.parent.parent.parent / "secret.txt", package / "link.txt")
    for path in (
        "../1/index.html",
        "..%2F..%2F..%2Fsecret.txt",
        "link.txt",
        "shared\\api.js",
        "missing.html",
    ):
        response = get(client, url(path))
        assert response.status_code == 404, path
        assert b"not part of any package" not in body(response)


def test_post_to_a_package_file_is_refused(client, package):
    assert client.post(url("index.html"), HTTP_HOST=CONTENT).status_code == 405


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
    settings.SCORM_FILES_ROOT = settings.MEDIA_ROOT / "scorm"
    with pytest.raises(SystemCheckError, match="must not be inside MEDIA_ROOT"):
        call_command("check")
