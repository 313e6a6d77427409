"""Reads about courses: the catalogue in the active language, with fallback to the original."""

from __future__ import annotations

from wagtail.models import Locale, Page

from .models import CourseIndexPage, CoursePage


def course_list_for_catalogue(*, index: CourseIndexPage) -> list[CoursePage]:
    """Live courses for the active language: each course once, translated where possible.

    Courses are taken from the default language's catalogue (every course starts there) plus
    any course authored only in another language's catalogue.
    """
    default_locale = Locale.get_default()
    original_index = index.get_translation_or_none(default_locale) or index
    originals = list(CoursePage.objects.child_of(original_index).live().specific().order_by("path"))
    seen = {c.translation_key for c in originals}
    active = Locale.get_active()
    translations = {
        c.translation_key: c
        for c in CoursePage.objects.live()
        .filter(locale=active, translation_key__in=seen)
        .select_related("cover_image")
    }
    result = [translations.get(c.translation_key, c) for c in originals]
    if index.locale_id != default_locale.pk:
        result += [
            c
            for c in CoursePage.objects.child_of(index).live().select_related("cover_image")
            if c.translation_key not in seen
        ]
    return result


def courses_original():
    """Live courses in the default language: each course once, for choosing one in a form
    (none on a node that has no content, and so no locale, yet)."""
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return CoursePage.objects.none()
    return CoursePage.objects.live().filter(locale=default).order_by("title")


def course_for_page(page: Page) -> CoursePage | None:
    """The course a page belongs to (itself if it is one)."""
    if isinstance(page, CoursePage):
        return page
    return CoursePage.objects.ancestor_of(page).first()


def course_by_key(translation_key) -> CoursePage | None:
    """The course with this translation key, in the active language if live, else the original."""
    courses = {
        c.locale_id: c for c in CoursePage.objects.live().filter(translation_key=translation_key)
    }
    if not courses:
        return None
    active = Locale.get_active()
    if active.pk in courses:
        return courses[active.pk]
    default = Locale.get_default()
    return courses.get(default.pk) or next(iter(courses.values()))


def children_in_language(page: Page) -> list[Page]:
    """The live children of ``page`` in the original language's order, each in the active
    language where a live translation exists, so a partly translated course still lists
    every module and lesson. Two queries."""
    original = page.get_translation_or_none(Locale.get_default()) or page
    children = list(original.get_children().live().specific())
    active = Locale.get_active()
    if active.pk == original.locale_id:
        return children
    translated = {
        p.translation_key: p
        for p in Page.objects.live()
        .filter(locale=active, translation_key__in=[c.translation_key for c in children])
        .specific()
    }
    return [translated.get(c.translation_key, c) for c in children]
