"""A course with SCORM lessons, built in the test: packages made here (1.2 or 2004, one or two
SCOs, a mastery score or a scaled passing score), stored through the import service."""

from __future__ import annotations

import io
import zipfile

from learning.services import enrolment_create
from modules.models import ScormLessonPage
from scormpackages.services import package_import
from tests.conftest import build_course, publish

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="track12" version="1"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Checkpoint drill</title>
      <item identifier="intro" identifierref="r1"><title>Introduction</title>%(mastery)s
        <adlcp:datafromlms>start=1</adlcp:datafromlms></item>
      <item identifier="drill" identifierref="r2"><title>Drill</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a.html">
      <file href="a.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="b.html">
      <file href="b.html"/></resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="track2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 3rd Edition</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org"><title>Document checks</title>
      <item identifier="intro" identifierref="r1"><title>Introduction</title>
        <adlcp:completionThreshold>0.75</adlcp:completionThreshold>
        <imsss:sequencing><imsss:objectives>
          <imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
            <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
          </imsss:primaryObjective></imsss:objectives></imsss:sequencing>
      </item>
      <item identifier="drill" identifierref="r2"><title>Drill</title></item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html">
      <file href="a.html"/></resource>
    <resource identifier="r2" type="webcontent" adlcp:scormType="sco" href="b.html">
      <file href="b.html"/></resource>
  </resources>
</manifest>
"""


def package_zip(version: str, mastery: int | None = None) -> io.BytesIO:
    if version == "1.2":
        score = f"\n        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>" if mastery else ""
        manifest = MANIFEST_12 % {"mastery": score}
    else:
        manifest = MANIFEST_2004
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("imsmanifest.xml", manifest)
        archive.writestr("a.html", b"<!doctype html><title>A</title>")
        archive.writestr("b.html", b"<!doctype html><title>B</title>")
    data.seek(0)
    return data


def scorm_lesson(
    *, version: str = "1.2", rule: str = "completed", mastery: int | None = None, code: str = "SC-1"
) -> ScormLessonPage:
    """A live SCORM lesson in the first module of a new course."""
    package = package_import(source=package_zip(version, mastery), title=f"SCORM {version}")
    tree = build_course(code=code, modules=1, lessons_per_module=1)
    lesson = ScormLessonPage(
        title="Checkpoint drill",
        slug="checkpoint-drill",
        package=package,
        completion_rule=rule,
        browser_score_accepted=rule == "passed",
    )
    tree.modules[0].add_child(instance=lesson)
    return publish(lesson)


def enrol(learner, lesson: ScormLessonPage) -> None:
    from courses.selectors import course_for_page

    enrolment_create(learner=learner, course=course_for_page(lesson), actor=learner)
