"""Round trip in the browser: a course exported as SCORM in Thai (``scormexport``) imports back
(``scormpackages``) and plays in our own player, in Thai, and its content completes the lesson
on the server (issue 12, Export: "The exported package imports back into the platform and
plays, and a course exported in Thai plays in Thai")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_scorm_player import (  # noqa: F401 (fixtures)
    api_started,
    recorded,
    scorm_lesson,
    scorm_site,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("fmt", ["scorm2004", "scorm12"])
def test_a_course_exported_in_thai_plays_in_thai_in_our_player_and_completes(
    page: Page,
    make_course,
    scorm_lesson,  # noqa: F811
    log_in,
    tmp_path,
    fmt,
):
    from learning.models import LearnerRecord, RecordKind
    from scormexport.services import course_export

    made = make_course(
        "Wildlife crime", "wildlife-crime", "WLX-101", lessons=1, thai_title="อาชญากรรมสัตว์ป่า"
    )
    package = tmp_path / f"wildlife-th-{fmt}.zip"
    course_export(course=made.course, fmt=fmt, language="th", out=package)
    lesson = scorm_lesson(package, officer="ann", title="Wildlife crime, exported")

    log_in("ann")
    page.goto(lesson.url)
    content = api_started(page).frame_locator("#sco-host iframe")
    expect(content.locator("html")).to_have_attribute("lang", "th")
    expect(content.locator("h1")).to_contain_text("(ไทย)")  # the Thai lesson, not the English
    content.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบ").click()  # "Mark as complete"

    recorded(page, lesson, lambda found: any(r.completion_status == "completed" for r in found))
    assert LearnerRecord.objects.filter(
        learner__username="ann", lesson_key=lesson.translation_key, kind=RecordKind.LESSON_COMPLETED
    ).exists()
    page.reload()
    expect(page.get_by_text("Lesson completed")).to_be_visible()
