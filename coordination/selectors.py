"""Reads for coordinators: who in their scope has done what.

This is the home of coordinator reports: the progress table by course and post today, and the
dashboards, exports and cohorts to come (see "Where reports live" in docs/architecture.md). Learner
records are read through ``learning``'s selectors and scope through ``officers``'; this module
assembles them into what a coordinator reads. The trainers' question statistics stay in
``quizzes.reports`` (about questions, for authors, in the Wagtail admin)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from courses.models import CoursePage
from elearning.paging import matching
from learning.models import LearnerRecord, RecordKind
from learning.rules import Progress
from learning.selectors import outline_modules, progress_from_facts, record_facts_by_learner
from modules.selectors import course_outline
from officers.countries import COUNTRIES
from officers.models import BorderPost, User
from officers.selectors import officers_visible_to, posts_visible_to
from quizzes.selectors import passed_quiz_keys_by_learner


def officers_in_scope(
    *, viewer: User, post: BorderPost | None = None, search: str = ""
) -> QuerySet[User]:
    """The officers ``viewer`` may follow, at ``post`` only when one is given, matching
    ``search`` when one is given (``officers_matching``), in the progress table's order: by
    post, then Latin name."""
    officers = officers_visible_to(viewer=viewer)
    if post is not None:
        officers = officers.filter(post=post)
    return officers_matching(officers, search).order_by(
        "post__name", "full_name_latin", "username", "pk"
    )


def countries_in_scope(*, viewer: User) -> list[tuple[str, str]]:
    """(code, name) of the countries ``viewer`` follows officers in, in the list's order: every
    country for an administrator; a coordinator's scoped countries and their scoped posts'."""
    if viewer.is_administrator:
        return [(code, str(name)) for code, name in COUNTRIES]
    codes = {s.country for s in viewer.scopes.all() if s.country}
    codes |= set(posts_visible_to(viewer=viewer).values_list("country", flat=True))
    return [(code, str(name)) for code, name in COUNTRIES if code in codes]


def officers_matching(officers: QuerySet[User], search: str) -> QuerySet[User]:
    """``officers`` whose name (in their own script or in Latin letters), user name, service
    number or border post contains every word of ``search`` (case aside); all of them for an
    empty search."""
    return matching(
        officers,
        search,
        (
            "full_name_native",
            "full_name_latin",
            "username",
            "service_number",
            "post__name",
            "post__code",
        ),
    )


def officer_in_scope(*, viewer: User, officer_uuid: uuid.UUID) -> User | None:
    """The officer ``officer_uuid`` if ``viewer`` may follow them, else None (out of scope and
    unknown look the same)."""
    return officers_visible_to(viewer=viewer).filter(uuid=officer_uuid).first()


@dataclass(frozen=True)
class OfficerProgressRow:
    officer: User
    progress: Progress


def progress_table(
    *, officers: QuerySet[User] | list[User], course: CoursePage
) -> list[OfficerProgressRow]:
    """Progress in ``course`` for each of ``officers`` (already scoped, and ordered or paged, by
    the caller), in their order.

    Two queries for the course outline and one for all records, whatever the number of officers.
    """
    outline = course_outline(course=course)
    modules = outline_modules(outline)
    officer_list = list(officers)
    learner_ids = [o.pk for o in officer_list]
    facts = record_facts_by_learner(learner_ids=learner_ids, course_key=outline.key)
    passed = passed_quiz_keys_by_learner(learner_ids=learner_ids, quizzes=outline.quizzes)
    return [
        OfficerProgressRow(
            officer=officer,
            progress=progress_from_facts(
                modules=modules,
                facts=facts.get(officer.pk, []),
                passed=passed.get(officer.pk, frozenset()),
            ),
        )
        for officer in officer_list
    ]


@dataclass(frozen=True)
class TableSummary:
    officers: int
    enrolled: int
    in_progress: int
    completed: int


def progress_summary(*, officers: QuerySet[User], course: CoursePage) -> TableSummary:
    """How many of ``officers`` are enrolled in ``course``, have begun it and have completed it:
    completed is a course-completion record, begun (in progress) a lesson opened or completed
    by an enrolled officer who has not completed it.

    Two queries, however many officers: how many they are, and which of those four kinds of
    record each has for the course (a few index entries per officer, through
    ``record_learner_course_kind``), counted here."""
    begun = {RecordKind.LESSON_OPENED, RecordKind.LESSON_COMPLETED}
    pairs = (
        LearnerRecord.objects.filter(
            course_key=course.translation_key,
            kind__in=[RecordKind.ENROLLED, RecordKind.COURSE_COMPLETED, *begun],
            learner__in=officers.order_by().values("pk"),
        )
        .order_by()
        .values_list("learner", "kind")
        .distinct()
    )
    kinds: dict[int, set[str]] = defaultdict(set)
    for learner, kind in pairs:
        kinds[learner].add(kind)
    enrolled = [had for had in kinds.values() if RecordKind.ENROLLED in had]
    completed = sum(1 for had in enrolled if RecordKind.COURSE_COMPLETED in had)
    return TableSummary(
        officers=officers.count(),
        enrolled=len(enrolled),
        in_progress=sum(
            1 for had in enrolled if RecordKind.COURSE_COMPLETED not in had and had & begun
        ),
        completed=completed,
    )


def progress_rows_all(
    *, officers: QuerySet[User], course: CoursePage, batch: int = 500
) -> Iterator[OfficerProgressRow]:
    """``progress_table`` for every one of ``officers`` (an export: all of them, not a page), a
    batch at a time so that memory stays bounded whatever their number."""
    ordered = list(officers.values_list("pk", flat=True))
    for start in range(0, len(ordered), batch):
        ids = ordered[start : start + batch]
        found = {o.pk: o for o in officers.filter(pk__in=ids)}
        yield from progress_table(officers=[found[pk] for pk in ids], course=course)
