"""Reads about courses: the catalogue in the active language, with fallback to the original."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import override
from wagtail.models import Locale, Page

from .catalogue import search_matches
from .models import CourseIndexPage, CoursePage, Topic


@dataclass(frozen=True)
class CatalogueEntry:
    """One course on the catalogue: shown in the active language where it is live in it, else
    in its original; ``languages`` are the (code, name in that language) of its live versions,
    in the configured order."""

    course: CoursePage
    languages: tuple[tuple[str, str], ...]
    in_active_language: bool


@dataclass(frozen=True)
class Catalogue:
    entries: list[CatalogueEntry]  # after the search and the filters
    total: int  # every live course, before them
    active_language: tuple[str, str]  # the officer's: (code, name in that language)


def _topic_texts() -> dict[str, tuple[str, str]]:
    """Each topic's name in the active language and in the default one, for the search."""
    with override(settings.LANGUAGE_CODE):
        default = {value: str(label) for value, label in Topic.choices}
    return {value: (str(label), default[value]) for value, label in Topic.choices}


def catalogue(
    *, index: CourseIndexPage, query: str = "", topic: str = "", language: str = ""
) -> Catalogue:
    """Live courses for the active language, each once, translated where possible, that match
    ``query`` (title, summary or code in any of its languages, or its topic's name), are on
    ``topic`` and exist in ``language`` (empty: any). Courses are taken from the default
    language's catalogue (every course starts there) plus any course authored only in this
    language's catalogue. The same few queries whatever the number of courses."""
    default_locale = Locale.get_default()
    active = Locale.get_active()
    original_index = index.get_translation_or_none(default_locale) or index
    originals = list(CoursePage.objects.child_of(original_index).live().order_by("path"))
    if index.locale_id != default_locale.pk:
        keys = {c.translation_key for c in originals}
        originals += [
            c
            for c in CoursePage.objects.child_of(index).live().order_by("path")
            if c.translation_key not in keys
        ]
    versions: dict = {}
    for version in (
        CoursePage.objects.live()
        .filter(translation_key__in=[c.translation_key for c in originals])
        .select_related("cover_image", "locale")
    ):
        versions.setdefault(version.translation_key, {})[version.locale.language_code] = version
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    order = list(names)
    topics = _topic_texts()
    entries = []
    for original in originals:
        by_language = versions.get(original.translation_key, {})
        codes = sorted(by_language, key=lambda c: order.index(c) if c in order else len(order))
        texts = [t for v in by_language.values() for t in (v.title, v.summary, v.code)]
        if (
            (topic and original.topic != topic)
            or (language and language not in by_language)
            or not search_matches(query, [*texts, *topics.get(original.topic, ())])
        ):
            continue
        shown = by_language.get(active.language_code) or next(
            (v for v in by_language.values() if v.pk == original.pk), original
        )
        entries.append(
            CatalogueEntry(
                course=shown,
                languages=tuple((c, names.get(c, c)) for c in codes),
                in_active_language=active.language_code in by_language,
            )
        )
    return Catalogue(
        entries=entries,
        total=len(originals),
        active_language=(active.language_code, names.get(active.language_code, "")),
    )


def courses_original() -> QuerySet[CoursePage]:
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


def course_by_key(translation_key: uuid.UUID) -> CoursePage | None:
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
