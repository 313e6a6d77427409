"""A SCORM package, served from the content origin (ADR 0024), cannot read the platform's cookies
nor fetch a platform page with the officer's session, in real Chromium. The live server answers
``localhost`` (the platform) and ``127.0.0.1`` (the content origin): two origins, and two cookie
hosts, of one process."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from scormplayer.services import issue_launch_token
from tests.scormplayer.packages import stored_package

pytestmark = pytest.mark.browser

PROBE = """<!doctype html><html lang="en"><meta charset="utf-8"><title>Probe</title>
<pre id="out">running</pre>
<script>
const out = {cookie: document.cookie};
fetch(%(platform)s, {credentials: "include"})
  .then((response) => response.text())
  .then((text) => { out.fetch = "read " + text.length + " characters"; })
  .catch(() => { out.fetch = "refused"; })
  .finally(() => { document.getElementById("out").textContent = JSON.stringify(out); });
</script></html>
"""


def test_package_content_cannot_read_platform_cookies_or_fetch_platform_pages(
    open_tab, live_server, settings, tmp_path, make_officer, log_in
):
    # Its own tab: the refusals this test provokes are errors on the console, which the
    # ``page`` fixture rightly counts as a failure of a learner page.
    page = open_tab()
    port = urlsplit(live_server.url).port
    content = f"http://127.0.0.1:{port}"
    settings.SCORM_CONTENT_ORIGIN = content
    settings.SCORM_PLATFORM_ORIGINS = [live_server.url]
    settings.ELEARNING_SCORM_ROOT = tmp_path
    platform_page = live_server.url + reverse("my_learning")
    probe = PROBE % {"platform": json.dumps(platform_page)}
    package = str(stored_package({"index.html": probe.encode()}).pk)
    make_officer("ann")
    log_in("ann", tab=page)
    # On the platform, the page's script sees the CSRF cookie (the session cookie is HttpOnly).
    assert "csrftoken=" in page.evaluate("document.cookie")
    assert {c["name"] for c in page.context.cookies(live_server.url)} >= {"sessionid"}

    token = issue_launch_token("launch-1", "ann", package, 1)
    page.goto(f"{content}/scorm-content/{package}/1/{token}/index.html")
    out = page.locator("#out")
    expect(out).not_to_have_text("running")
    seen = json.loads(out.text_content())
    assert seen == {"cookie": "", "fetch": "refused"}
    assert page.context.cookies(content) == []  # the content origin set none

    # The platform host does not serve the package, even to the logged-in officer.
    response = page.goto(f"{live_server.url}/scorm-content/{package}/1/{token}/index.html")
    assert response.status == 404
