"""Reads for an export: which course, which module, and their lessons and quizzes in a
language."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import translation
from wagtail.models import Locale, Page

from courses.models import CoursePage
from courses.selectors import children_in_language
from modules.models import LessonPage, ModulePage, QuizPage, ScormLessonPage, TestKind
from scormpackages.models import ScormFile, ScormPackageVersion
from scormpackages.storage import blob_path


def course_by_code(code: str) -> CoursePage | None:
    """The original-language version of the course with this code (any case), or None."""
    courses = CoursePage.objects.filter(code__iexact=code)
    return courses.filter(locale=Locale.get_default()).first() or courses.first()


def editable_courses(user: Any) -> QuerySet[CoursePage]:
    """The live courses (their original-language versions) ``user`` may edit, by code."""
    courses = CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("code")
    allowed = [c.pk for c in courses if c.permissions_for_user(user).can_edit()]
    return courses.filter(pk__in=allowed)


def course_modules(courses: QuerySet[CoursePage]) -> QuerySet[ModulePage]:
    """The modules (original-language versions) of ``courses``, in the courses' order."""
    children = [ModulePage.objects.child_of_q(course) for course in courses]
    if not children:
        return ModulePage.objects.none()
    return ModulePage.objects.filter(reduce(or_, children, Q())).order_by("path")


def module_in_course(*, course: Page, page_id: int) -> ModulePage | None:
    """The module page ``page_id`` (any language version) if it is a module of ``course``."""
    module = ModulePage.objects.filter(pk=page_id).first()
    if module is None:
        return None
    original = course.get_default_locale_page() or course
    in_course = ModulePage.objects.child_of(original).filter(translation_key=module.translation_key)
    return in_course.first()


def course_in_language(*, course: Page, language: str) -> CoursePage | None:
    """The live version of ``course`` in ``language``, or None."""
    return (
        CoursePage.objects.live()
        .filter(translation_key=course.translation_key, locale__language_code=language)
        .first()
    )


ModuleChild = LessonPage | ScormLessonPage | QuizPage


def modules_with_pages(
    *, course: Page, language: str, only: ModulePage | None = None
) -> list[tuple[ModulePage, list[ModuleChild]]]:
    """The course's live modules in order, each with its live lessons (ours and SCORM ones)
    and its quiz in order, in ``language`` where a translation exists (the original's
    otherwise, as the platform shows them)."""
    with translation.override(language):
        modules = [p for p in children_in_language(course) if isinstance(p, ModulePage)]
        if only is not None:
            modules = [m for m in modules if m.translation_key == only.translation_key]
        return [
            (
                module,
                [p for p in children_in_language(module) if isinstance(p, ModuleChild)],
            )
            for module in modules
        ]


def course_tests(*, course: Page, language: str) -> dict[str, QuizPage]:
    """The course's live pre-test and post-test (by kind, ``pre`` and ``post``), in
    ``language`` where a translation exists."""
    with translation.override(language):
        return {
            page.test_kind: page
            for page in children_in_language(course)
            if isinstance(page, QuizPage) and page.test_kind in {TestKind.PRE, TestKind.POST}
        }


def scorm_lesson_files(page: ScormLessonPage) -> tuple[ScormPackageVersion | None, dict[str, Any]]:
    """The current version of the package ``page`` plays, and its files: path inside the
    package -> where it is stored."""
    version = page.package.current
    if version is None:
        return None, {}
    rows = ScormFile.objects.filter(version=version).order_by("path").only("path", "sha256")
    return version, {row.path: blob_path(row.sha256) for row in rows}
