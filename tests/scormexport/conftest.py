"""A course worth exporting: the bundles' rich course (two languages, images, a document link,
a document block, a quiz), a lesson with a captioned video, and a Thai lesson text."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
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


def package_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
