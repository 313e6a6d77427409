"""Reads for an export: which course, which module, and their lessons in a language."""

from __future__ import annotations

from django.utils import translation
from wagtail.models import Locale, Page

from courses.models import CoursePage
from courses.selectors import children_in_language
from modules.models import LessonPage, ModulePage


def course_by_code(code: str) -> CoursePage | None:
    """The original-language version of the course with this code (any case), or None."""
    courses = CoursePage.objects.filter(code__iexact=code)
    return courses.filter(locale=Locale.get_default()).first() or courses.first()


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


def modules_with_lessons(
    *, course: Page, language: str, only: ModulePage | None = None
) -> list[tuple[ModulePage, list[LessonPage]]]:
    """The course's live modules in order, each with its live lessons, in ``language`` where a
    translation exists (the original's otherwise, as the platform shows them)."""
    with translation.override(language):
        modules = [p for p in children_in_language(course) if isinstance(p, ModulePage)]
        if only is not None:
            modules = [m for m in modules if m.translation_key == only.translation_key]
        return [
            (module, [p for p in children_in_language(module) if isinstance(p, LessonPage)])
            for module in modules
        ]
