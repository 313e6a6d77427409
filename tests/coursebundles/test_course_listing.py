"""The hub's course list (what a post asks for at every sync): kept between requests, built
again after any change to published content, never stale."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coursebundles.listing import hub_course_list
from tests.conftest import build_course

pytestmark = pytest.mark.django_db


def _fingerprints() -> dict[str, str]:
    return {course["code"]: course["content_sha"] for course in hub_course_list()}


def _queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        hub_course_list()
    return len(queries)


def test_the_list_is_kept_until_content_changes_and_follows_every_change(nodes):
    nodes.hub()
    small = build_course(code="SML-101", modules=1)
    build_course(code="BIG-101", modules=4)
    first = _fingerprints()
    # Asked again with nothing changed: the same answer, without building any manifest (as
    # few reads for four modules as for one course of one).
    assert _fingerprints() == first
    kept = _queries()
    assert kept <= 4

    lesson = small.lessons[0]
    lesson.title = "Lesson 1.1, corrected"
    lesson.save_revision().publish()
    changed = _fingerprints()
    assert changed["SML-101"] != first["SML-101"]
    assert changed["BIG-101"] == first["BIG-101"]

    small.quizzes[0].unpublish()
    assert _fingerprints()["SML-101"] != changed["SML-101"]
    assert _queries() == kept
