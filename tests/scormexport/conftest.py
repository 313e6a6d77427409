"""A course worth exporting: the bundles' rich course (two languages, images, a document link,
a document block, a quiz), a lesson with a captioned video, and a Thai lesson text; and an LMS
for the browser tests: a harness page with a real SCORM API object that records the calls,
served over HTTP with the unzipped package beside it."""

from __future__ import annotations

import functools
import json
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import ManagementUtility
from wagtail.documents import get_document_model
from wagtail.models import Locale

from modules.models import LessonPage
from tests.conftest import publish
from tests.coursebundles.conftest import RichCourse, build_rich_course, uid

THAI_TEXT = "เจ้าหน้าที่ตรวจคนเข้าเมืองต้องตรวจเอกสารทุกฉบับ"
XSD_2004 = Path("/work/shared/conformance/scorm/xsd-2004-4ed")
GOLF_12 = Path("/work/shared/conformance/scorm/golf/ContentPackagingSingleSCO_SCORM12.zip")


@pytest.fixture
def rich(db, settings, tmp_path) -> RichCourse:
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # Wagtail caches renditions by image id, and ids repeat across tests
    rich = build_rich_course("EXP-101")
    documents = get_document_model().objects
    video = documents.create(title="Interview", file=ContentFile(b"\0" * 64, name="interview.mp4"))
    captions = documents.create(
        title="Captions", file=ContentFile(b"WEBVTT\n\n", name="interview.vtt")
    )
    lesson = rich.tree.lessons[1]
    lesson.body = json.dumps(
        [
            {
                "type": "text",
                "id": uid(),
                "value": '<p>See <a href="https://example.org/x">it</a></p>',
            },
            {
                "type": "video",
                "id": uid(),
                "value": {
                    "title": "An interview",
                    "file": video.pk,
                    "captions": captions.pk,
                    "transcript": "",
                    "poster": rich.images[2].pk,
                },
            },
        ]
    )
    publish(lesson)
    thai = LessonPage.objects.get(
        translation_key=rich.tree.lessons[0].translation_key,
        locale=Locale.objects.get(language_code="th"),
    )
    thai.body = json.dumps([{"type": "text", "id": uid(), "value": f"<p>{THAI_TEXT}</p>"}])
    publish(thai)
    return rich


def export_refused(capsys, *args: str) -> str:
    """What ``manage.py scorm_export ARGS`` says on stderr, after checking it exits with 1."""
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "scorm_export", *args]).execute()
    assert exited.value.code == 1
    return capsys.readouterr().err


def package_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def validated(manifest: bytes, folder: Path, schema: Path) -> str:
    """``manifest`` as text, after ``xmllint --noout --schema`` accepted it (run in the
    schema's folder, as the schemas import each other by relative path)."""
    path = folder / "imsmanifest.xml"
    path.write_bytes(manifest)
    result = subprocess.run(
        ["xmllint", "--noout", "--schema", schema.name, str(path)],
        cwd=schema.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return path.read_text()


@pytest.fixture
def schema_12(tmp_path) -> Path:
    """The 1.2 schemas are not in the corpus's xsd folder; Golf's 1.2 packages carry them."""
    schemas = tmp_path / "xsd12"
    with zipfile.ZipFile(GOLF_12) as golf:
        for name in golf.namelist():
            if name.endswith(".xsd"):
                golf.extract(name, schemas)
    (schemas / "all.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">'
        '<xs:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'schemaLocation="imscp_rootv1p1p2.xsd"/>'
        '<xs:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
        'schemaLocation="adlcp_rootv1p2.xsd"/>'
        '<xs:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" '
        'schemaLocation="imsmd_rootv1p2p1.xsd"/></xs:schema>'
    )
    return schemas / "all.xsd"


# The LMS side: SCORM 1.2's `API` and SCORM 2004's `API_1484_11`, each recording its calls.
HARNESS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script>
window.calls = [];
var values = {};
function method(name, result) {
  return function (key, value) {
    window.calls.push(name + (key ? " " + key : "") + (value !== undefined ? " = " + value : ""));
    if (value !== undefined) { values[key] = value; }
    return result === "get" ? (values[key] || "") : "true";
  };
}
window.API_1484_11 = {Initialize: method("Initialize"), Terminate: method("Terminate"),
  GetValue: method("GetValue", "get"), SetValue: method("SetValue"), Commit: method("Commit"),
  GetLastError: function () { return "0"; }};
window.API = {LMSInitialize: method("LMSInitialize"), LMSFinish: method("LMSFinish"),
  LMSGetValue: method("LMSGetValue", "get"), LMSSetValue: method("LMSSetValue"),
  LMSCommit: method("LMSCommit"), LMSGetLastError: function () { return "0"; }};
</script></head><body><iframe id="sco" title="lesson" src="LAUNCH" width="900" height="700">
</iframe></body></html>"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[Path, str]]:
    root = tmp_path / "lms"
    root.mkdir()
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
