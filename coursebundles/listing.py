"""Writes of the hub's course list (what a post asks for at every sync): each course's entry
kept with the content generation it was built at, and the generation noted at every change to
published content (``coursebundles.receivers``)."""

from __future__ import annotations

from django.db.models import F

from courses.selectors import courses_original

from .models import ContentGeneration, CourseListing
from .selectors import content_generation, course_listing_entry


def hub_course_list() -> list[dict]:
    """At the hub: every published course with the fingerprint of its content now, so a post
    can tell whether it is up to date without downloading anything. Each entry is kept with
    the content generation it was built at (``CourseListing``) and built again only after a
    change; the generation is read before the content, so an entry is never older than the
    generation it is kept under."""
    generation = content_generation()
    kept = {
        listing.course_key: listing.entry
        for listing in CourseListing.objects.filter(generation=generation)
    }
    courses = []
    for course in courses_original().order_by("code"):
        entry = kept.get(course.translation_key)
        if entry is None:
            entry = course_listing_entry(course)
            CourseListing.objects.update_or_create(
                course_key=course.translation_key,
                defaults={"generation": generation, "entry": entry},
            )
        courses.append(entry)
    return courses


def content_changed() -> None:
    """Note that published content changed (``ContentGeneration``): every course's entry in
    the hub's list is built again when next asked for. Called in the transaction that makes
    the change (``receivers``)."""
    if not ContentGeneration.objects.update(value=F("value") + 1):
        ContentGeneration.objects.create(value=1)
