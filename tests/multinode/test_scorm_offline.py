"""A SCORM lesson across separate nodes: headquarters imports a package and bundles a course that
plays it; a border post installs the bundle (the package under the same id and version number)
and, with no link to headquarters, serves the package's files on its own content origin to an
officer who plays the lesson, committing as scorm-again does; the records reach headquarters on
a USB stick, and the coordinator there sees the officer's lesson, and so the course, done."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from tests.multinode.harness import Node, carry, hub_server

GOLF = Path("/work/shared/conformance/scorm/golf/RuntimeBasicCalls_SCORM20043rdEdition.zip")
NEWER = GOLF.with_name("RunTimeAdvancedCalls_SCORM20043rdEdition.zip")  # its next version
COORDINATOR = "coordinator.poipet"  # the demo's coordinator of the Poipet post
DEMO_PASSWORD = "border-demo-2026"
OFFICER_PASSWORD = "multinode-officer-2026"  # tests.multinode.actions.PASSWORD
POIPET = {"post_name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
CONTENT_ORIGIN = "http://localhost:8000"  # the nodes' SCORM_CONTENT_ORIGIN (settings default)

# Headquarters: a course of one module whose one lesson plays the imported package.
BUILD_COURSE = """
from courses.models import CoursePage
from courses.services import catalogue_ensure
from modules.models import ModulePage, ScormLessonPage
from scormpackages.models import ScormPackage

def live(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page

course = live(catalogue_ensure(), CoursePage(
    title="Golf at the border", slug="sco-101", code="SCO-101", summary="Played offline.",
    topic="trafficking", estimated_hours=1))
module = live(course, ModulePage(title="Playing", slug="playing", summary="One SCORM lesson."))
live(module, ScormLessonPage(
    title="Golf, played", slug="golf", summary="Play the package.",
    package=ScormPackage.objects.get(pk="{package}"), completion_rule="completed"))
"""

# The post: what it holds of the package, and a token for its files as a launch would issue.
PACKAGE_AT_POST = """
import json, uuid
from pathlib import Path
from modules.models import ScormLessonPage
from scormplayer.services import issue_launch_token

page = ScormLessonPage.objects.live().select_related("package__current").get(slug="golf")
version = page.package.current
Path("{out}").write_text(json.dumps({{
    "package": str(page.package_id), "number": version.number, "files": version.file_count,
    "lesson_url": page.url,
    "token": issue_launch_token(str(uuid.uuid4()), "0", str(page.package_id), version.number),
}}))
"""

# The officer's launch (scormplayer, part P1): what the launch document seeds scorm-again with.
LAUNCH = """
import json
from pathlib import Path
from modules.models import ScormLessonPage
from officers.models import User
from scormplayer.selectors import runtime_seed
from scormplayer.services import launch_start

launch = launch_start(user=User.objects.get(username="{username}"),
                      page=ScormLessonPage.objects.live().get(slug="golf"))
Path("{out}").write_text(json.dumps(runtime_seed(launch=launch, sco_index=0), default=str))
"""


def _shell(node: Node, code: str, **values: str) -> dict:
    """Run ``code`` (``values`` filled in) in the node's Django (``manage.py shell -c``); what
    it writes to ``{out}`` as JSON is the answer."""
    out = node.dir / "answer.json"
    out.unlink(missing_ok=True)
    node.call("shell", "-c", code.format(out=out, **values))
    return json.loads(out.read_text()) if out.exists() else {}


def _content_origin(url: str, path: str, *, body: dict | None = None) -> tuple[int, bytes]:
    """A request to the node's content origin (its host, at the node's server ``url``), as the
    sandboxed frame's browser makes it: no cookie; a commit with its Origin header."""
    headers = {"Host": urlsplit(CONTENT_ORIGIN).netloc}
    data = None
    if body is not None:
        headers |= {"Content-Type": "application/json", "Origin": CONTENT_ORIGIN}
        data = json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _row_of(page_text: str, name: str) -> str:
    for row in page_text.split("<tr")[1:]:
        if name in row:
            return row
    raise AssertionError(f"{name} is not on the page")


def test_a_scorm_lesson_bundled_at_the_hub_is_played_offline_at_a_post(network):
    hub = network.hub()
    imported = json.loads(hub.call("scorm_import", GOLF, "--json").stdout)
    package_id = imported["package"]
    _shell(hub, BUILD_COURSE, package=package_id)
    assert "SCO-101" in hub.fn("course_codes")

    # The course travels in a bundle (by file: the post has no link), with its package.
    post = network.enrolled_post(hub, "poipet", courses=["SCO-101"], **POIPET)
    at_post = _shell(post, PACKAGE_AT_POST)
    assert (at_post["package"], at_post["number"]) == (package_id, 1)
    assert at_post["files"] == imported["file_count"]

    post.fn(
        "officer_register", username="vanna", full_name_latin="Vanna Keo", post_code="kh-poipet"
    )
    enrolled = post.fn("course_learn", username="vanna", course_code="SCO-101", modules=[])
    assert enrolled["status"] != "completed"
    lesson = post.fn(
        "browse", username="vanna", password=OFFICER_PASSWORD, path=at_post["lesson_url"]
    )
    assert lesson["status"] == 200 and "Golf, played" in lesson["text"]

    with zipfile.ZipFile(GOLF) as package:
        launch_page = package.read("shared/launchpage.html")
    with hub_server(post) as url:  # the post's own server; headquarters is not running
        # The package's files come from the post's own store, on its content origin.
        base = f"/scorm-content/{package_id}/1/{at_post['token']}/"
        assert _content_origin(url, base + "shared/launchpage.html") == (200, launch_page)
        assert _content_origin(url, base + "not/in/the/package.html")[0] == 404

        # The officer plays: the launch seeds scorm-again, which commits as the SCO runs.
        seed = _shell(post, LAUNCH, username="vanna")
        commit = urlsplit(seed["commit_url"]).path
        for seq, cmi in enumerate(
            [
                {"completion_status": "incomplete", "location": "p2", "session_time": "PT2M"},
                {
                    "completion_status": "completed",
                    "success_status": "passed",
                    "score": {"scaled": "0.9"},
                    "session_time": "PT3M",
                    "exit": "normal",
                },
            ],
            start=seed["next_seq"],
        ):
            body = {"attempt": seed["attempt"], "sco": seed["sco"]["identifier"], "seq": seq}
            status, answer = _content_origin(url, commit, body={**body, "cmi": cmi})
            assert (status, json.loads(answer)) == (200, {"result": True, "errorCode": 0})

    assert post.fn("course_progress", username="vanna", course_code="SCO-101") == {
        "status": "completed",
        "percent": 100,
    }

    # Back to headquarters on a USB stick; the coordinator there sees the course done.
    summary = carry(post, hub, network.files, "poipet-scorm")
    assert summary["rejected"] == [] and summary["pending"] == 0, summary
    assert post.own_records() <= hub.records()
    scorm_records = {r for r in post.own_records() if r[0] == "scorm_record"}
    assert len(scorm_records) == 2  # one per accepted commit, now at headquarters too
    page = hub.fn(
        "browse",
        username=COORDINATOR,
        password=DEMO_PASSWORD,
        path="coordination:progress",
        query={"course": hub.fn("course_pk", course_code="SCO-101")},
    )
    assert page["status"] == 200
    row = hub.fn("html_text", html=_row_of(page["text"], "Vanna Keo"))
    assert "Completed" in row and "100%" in row, row

    # Headquarters updates the package; with a link, the post pulls the course again and
    # plays the new version, under the same package id; the officer's progress stays.
    hub.call("scorm_import", NEWER, "--replace", package_id)
    with hub_server(hub, network.hub_port) as hub_url:
        synced = post.call("sync", "--hub", hub_url)
    assert synced.ok and "installed or updated" in synced.output, synced.output
    updated = _shell(post, PACKAGE_AT_POST)
    assert (updated["package"], updated["number"]) == (package_id, 2)
    with zipfile.ZipFile(NEWER) as package:
        launch_page = package.read("shared/launchpage.html")
    with hub_server(post) as url:
        base = f"/scorm-content/{package_id}/2/{updated['token']}/"
        assert _content_origin(url, base + "shared/launchpage.html") == (200, launch_page)
    assert post.fn("course_progress", username="vanna", course_code="SCO-101")["percent"] == 100
