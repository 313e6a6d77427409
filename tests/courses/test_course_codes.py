"""Course codes keep the case a trainer typed and are unique whatever the case."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from courses.models import CoursePage
from tests.conftest import build_course


def course_with_code(index, code: str) -> CoursePage:
    return CoursePage(
        title=f"Course {code}",
        slug=f"course-{code.lower()}-{len(code)}x",
        code=code,
        summary="A summary.",
        topic="trafficking",
        estimated_hours=1,
        locale=index.locale,
    )


def code_errors(page: CoursePage) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict["code"]


def test_a_code_that_differs_only_in_case_is_refused_naming_the_other(db):
    tree = build_course(code="QA-NU-1")
    twin = course_with_code(tree.index, "qa-nu-1")
    assert code_errors(twin) == [
        "Another course already uses this code as QA-NU-1: codes differ by more than upper and "
        "lower case."
    ]
    same = course_with_code(tree.index, "QA-NU-1")
    assert code_errors(same) == ["Another course already uses this code."]


def test_a_code_with_spaces_or_other_characters_is_refused(db):
    tree = build_course(code="QA-NU-1")
    assert code_errors(course_with_code(tree.index, "QA NU 2")) == [
        "Use only letters A-Z, digits, hyphens and underscores, e.g. TIP-101."
    ]
