"""Reads for the coordinator's dashboard: every figure counted in the database over the officers
in the viewer's scope, as ``tables.Table`` rows that the page, its charts and its exports all
show (ADR 0036).

The number of queries depends on the number of courses (knowledge gain asks five per course
with a pre-test and a post-test), never on the number of officers or records: the officers are
a subquery of every count.

What the date range means: completion counts everyone enrolled by the end date and whether they
had completed by then (a rate never above 100 %); attempts, certificates issued and activity
count what happened within the range; "expiring" counts from the server's today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from assignments.selectors import assignments_by_course
from certificates.models import Certificate, Revocation
from certificates.selectors import with_dates
from courses.models import CoursePage
from courses.selectors import courses_original
from learning.models import LearnerRecord, RecordKind
from modules.models import QuizPage
from officers.countries import COUNTRY_NAMES
from officers.models import BorderPost, User
from officers.selectors import officers_visible_to
from quizzes.models import QuizSubmission
from quizzes.reports import course_gain_overall

from .tables import COUNT, DATE, PERCENT, POINTS, Column, Table, one_place, rate

WEEKS = 12

_Item = TypeVar("_Item")
_Found = TypeVar("_Found")


@dataclass(frozen=True)
class DashboardFilter:
    """What the dashboard counts: the officers of ``post`` or ``country`` (within the viewer's
    scope; everyone in it when neither), one course or all, a date range, and how many days
    ahead "expiring" looks."""

    until: datetime.date
    since: datetime.date | None = None
    post: BorderPost | None = None
    country: str = ""
    course: CoursePage | None = None
    expiring_days: int = 30
    search: str = ""  # narrows the rows of every table but the weeks' (``Table.matching``)


@dataclass(frozen=True)
class Dashboard:
    officers: int
    completion: tuple[Table, ...]  # by course, by post, by agency, by country
    quizzes: Table
    gain: Table
    certificates: Table
    activity: Table  # one row a week, the oldest first
    overdue: Table  # assignments by course, how many past due (assignments.selectors)

    @property
    def tables(self) -> tuple[Table, ...]:
        return (
            *self.completion,
            self.quizzes,
            self.gain,
            self.certificates,
            self.activity,
            self.overdue,
        )

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def dashboard_officers(*, viewer: User, flt: DashboardFilter) -> QuerySet[User]:
    """The officers the dashboard counts: in ``viewer``'s scope, narrowed by the filter."""
    officers = officers_visible_to(viewer=viewer)
    if flt.post is not None:
        officers = officers.filter(post=flt.post)
    if flt.country:
        officers = officers.filter(country=flt.country)
    return officers


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` on this server's clock and time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _period(flt: DashboardFilter, field: str) -> Q:
    """``field`` (a datetime) falls within the filter's range, both days included."""
    q = Q(**{f"{field}__lt": _day_start(flt.until + datetime.timedelta(days=1))})
    if flt.since is not None:
        q &= Q(**{f"{field}__gte": _day_start(flt.since)})
    return q


def _ids(officers: QuerySet[User]) -> QuerySet:
    return officers.order_by().values("pk")


def _courses(flt: DashboardFilter) -> list[CoursePage]:
    return [flt.course] if flt.course is not None else list(courses_original())


def _course_label(course: CoursePage) -> str:
    return f"{course.code} {course.title}" if course.code else course.title


# The finest grouping the completion tables need: a course and an officer's post, agency and
# country. An officer and course pair falls in exactly one such group, so the distinct officers
# counted in each add up exactly to any coarser grouping's.
_FINE = (
    "course_key",
    "learner__post",
    "learner__post__name",
    "learner__agency",
    "learner__agency__name",
    "learner__country",
)


def _completion_counts(
    officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]
) -> list[dict]:
    """Officers enrolled in, and officers who completed, each course by the end date, by course,
    post, agency and country (``_FINE``): one query, a row a group (however many officers)."""
    return list(
        LearnerRecord.objects.filter(
            _period(DashboardFilter(until=flt.until), "recorded_at"),
            learner__in=_ids(officers),
            course_key__in=[c.translation_key for c in courses],
            kind__in=[RecordKind.ENROLLED, RecordKind.COURSE_COMPLETED],
        )
        .values(*_FINE)
        .annotate(
            enrolled=Count("learner", distinct=True, filter=Q(kind=RecordKind.ENROLLED)),
            completed=Count("learner", distinct=True, filter=Q(kind=RecordKind.COURSE_COMPLETED)),
        )
        .order_by()
    )


def _summed(rows: list[dict], key: str, label: str) -> dict[object, list]:
    """``rows`` added up by ``key``: [label, enrolled, completed] by the key's value."""
    sums: dict[object, list] = {}
    for row in rows:
        total = sums.setdefault(row[key], [row[label], 0, 0])
        total[1] += row["enrolled"]
        total[2] += row["completed"]
    return sums


def _completion_table(key: str, caption: str, heading: str, rows: list[tuple]) -> Table:
    return Table(
        key=key,
        caption=caption,
        columns=(
            Column(heading),
            Column(_("Enrolled"), COUNT),
            Column(_("Completed"), COUNT),
            Column(_("Completion rate (%)"), PERCENT),
        ),
        rows=tuple(
            (label, enrolled, completed, rate(completed, enrolled))
            for label, enrolled, completed in rows
        ),
    )


def completion_tables(
    officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]
) -> tuple[Table, ...]:
    """Completion by course, by border post, by agency and by country: one query."""
    counted = _completion_counts(officers, flt, courses)
    by_key = _summed(counted, "course_key", "course_key")
    by_course = [
        (_course_label(c), *by_key.get(c.translation_key, [None, 0, 0])[1:]) for c in courses
    ]

    def grouped(key: str, label: str, name: Callable[[str], str], none: str) -> list[tuple]:
        """Rows by ``key`` by name; officers without one last, as ``none``."""
        sums = _summed(counted, key, label)
        found = sorted((name(t[0]), t[1], t[2]) for k, t in sums.items() if k)
        return found + [(none, t[1], t[2]) for k, t in sums.items() if not k]

    return (
        _completion_table("course", _("Completion by course"), _("Course"), by_course),
        _completion_table(
            "post",
            _("Completion by border post"),
            _("Border post"),
            grouped("learner__post", "learner__post__name", str, _("No border post")),
        ),
        _completion_table(
            "agency",
            _("Completion by agency"),
            _("Agency"),
            grouped("learner__agency", "learner__agency__name", str, _("No agency")),
        ),
        _completion_table(
            "country",
            _("Completion by country"),
            _("Country"),
            grouped(
                "learner__country",
                "learner__country",
                lambda code: str(COUNTRY_NAMES.get(code, code)),
                _("No country"),
            ),
        ),
    )


def _rows_of(
    items: Iterable[_Item], figures: Callable[[_Item], _Found | None], row: Callable[..., tuple]
) -> tuple[tuple, ...]:
    """A row for each of ``items`` that has figures (``figures`` gives None for one that has
    none), in the items' order."""
    return tuple(row(item, found) for item in items if (found := figures(item)) is not None)


def quiz_table(officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]) -> Table:
    """Graded attempts, officers, passes and the pass rate of each quiz, in the range: two
    queries (the counts, and the quizzes' titles in page-tree order)."""
    counted = {
        row["attempt__quiz_key"]: row
        for row in QuizSubmission.objects.filter(
            _period(flt, "attempt__recorded_at"),
            attempt__learner__in=_ids(officers),
            attempt__course_key__in=[c.translation_key for c in courses],
        )
        .values("attempt__quiz_key")
        .annotate(  # counted over the attempt (not the submission's id): from indexes alone
            attempts=Count("attempt"),
            officers=Count("attempt__learner", distinct=True),
            passed=Count("attempt", filter=Q(passed=True)),
        )
        .order_by()
    }
    quizzes = (
        QuizPage.objects.filter(translation_key__in=list(counted), locale=Locale.get_default())
        if counted  # a node without content has no locale yet
        else QuizPage.objects.none()
    ).order_by("path")
    rows = _rows_of(
        quizzes.only("title", "translation_key", "path"),
        lambda quiz: counted.get(quiz.translation_key),
        lambda quiz, row: (
            quiz.title,
            row["attempts"],
            row["officers"],
            row["passed"],
            rate(row["passed"], row["attempts"]),
        ),
    )
    return Table(
        key="quizzes",
        caption=_("Quiz attempts and pass rates"),
        columns=(
            Column(_("Quiz")),
            Column(_("Attempts"), COUNT),
            Column(_("Officers"), COUNT),
            Column(_("Passed attempts"), COUNT),
            Column(_("Pass rate (%)"), PERCENT),
        ),
        rows=rows,
    )


def gain_table(officers: QuerySet[User], courses: list[CoursePage]) -> Table:
    """Each course's knowledge gain over the officers in scope who took both its pre-test and
    its post-test (``quizzes.reports.course_gain_overall``: first pre-test grade, best post-test
    grade): four queries a course with both tests, at any date."""
    rows = _rows_of(
        courses,
        lambda course: course_gain_overall(course=course, learners=officers),
        lambda course, overall: (
            _course_label(course),
            overall.officers,
            one_place(overall.mean_pre),
            one_place(overall.mean_post),
            one_place(overall.mean_gain),
        ),
    )
    return Table(
        key="gain",
        caption=_("Knowledge gain from pre-test to post-test (all dates)"),
        columns=(
            Column(_("Course")),
            Column(_("Officers with both tests"), COUNT),
            Column(_("Pre-test average (%)"), PERCENT),
            Column(_("Post-test average (%)"), PERCENT),
            Column(_("Gain (points)"), POINTS),
        ),
        rows=rows,
    )


def certificate_table(
    officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]
) -> Table:
    """Certificates (not revoked) issued in the range and expiring within the next
    ``expiring_days`` days of the server's today, by course, with the dates that count
    (``certificates.selectors.with_dates``): one query."""
    today = timezone.localdate()
    issued = Q(dated_on__lte=flt.until)
    if flt.since is not None:
        issued &= Q(dated_on__gte=flt.since)
    soon = Q(valid_until__gte=today, valid_until__lte=today + datetime.timedelta(flt.expiring_days))
    counted = {
        row["course_key"]: row
        for row in with_dates(
            Certificate.objects.filter(
                # NOT EXISTS, not an outer join's IS NULL: PostgreSQL plans it as an anti-join
                # estimated from the certificates, where the join's estimate (a revocations
                # table of a few rows, never analysed) had it probe the officer of every
                # certificate in the region one at a time (ADR 0042).
                ~Exists(Revocation.objects.filter(certificate=OuterRef("pk"))),
                holder__in=_ids(officers),
                course_key__in=[c.translation_key for c in courses],
            )
        )
        .values("course_key")
        .annotate(issued=Count("pk", filter=issued), expiring=Count("pk", filter=soon))
        .order_by()
    }
    return Table(
        key="certificates",
        caption=_("Certificates issued in the period and expiring in the next %(days)d days")
        % {"days": flt.expiring_days},
        columns=(
            Column(_("Course")),
            Column(_("Issued"), COUNT),
            Column(_("Expiring"), COUNT),
        ),
        rows=tuple(
            (
                _course_label(c),
                counted.get(c.translation_key, {}).get("issued", 0),
                counted.get(c.translation_key, {}).get("expiring", 0),
            )
            for c in courses
        ),
    )


def activity_table(
    officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]
) -> Table:
    """Lessons and courses completed each week, the 12 weeks up to the end date (weeks begin
    on Monday, in this server's time zone; the last ends with the end date): one query, a
    row a week and kind, read from the records' ``(learner, course, kind, time)`` index."""
    last_monday = flt.until - datetime.timedelta(days=flt.until.weekday())
    mondays = [last_monday - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    ends = [*mondays[1:], flt.until + datetime.timedelta(days=1)]
    kinds = (RecordKind.LESSON_COMPLETED, RecordKind.COURSE_COMPLETED)
    # Each record's week: the first week whose end it is before (one CASE, a few comparisons
    # of the record's time; no function called per row).
    week = Case(
        *(When(recorded_at__lt=_day_start(end), then=Value(n)) for n, end in enumerate(ends)),
        output_field=IntegerField(),
    )
    counted = {
        (row["kind"], row["week"]): row["records"]
        for row in LearnerRecord.objects.filter(
            recorded_at__gte=_day_start(mondays[0]),
            recorded_at__lt=_day_start(ends[-1]),
            learner__in=_ids(officers),
            course_key__in=[c.translation_key for c in courses],
            kind__in=kinds,
        )
        .annotate(week=week)
        .values("kind", "week")
        .annotate(records=Count("*"))
        .order_by()
    }
    return Table(
        key="activity",
        caption=_("Lessons and courses completed each week"),
        columns=(
            Column(_("Week from"), DATE),
            Column(_("Lessons completed"), COUNT),
            Column(_("Courses completed"), COUNT),
        ),
        rows=tuple(
            (monday, *(counted.get((kind, n), 0) for kind in kinds))
            for n, monday in enumerate(mondays)
        ),
    )


def overdue_assignments(officers: QuerySet[User], flt: DashboardFilter) -> Table:
    """Assignments among ``officers`` (of the filtered course) by course: how many, how many
    past their due date on the server's today, and the oldest due date passed."""
    counted = assignments_by_course(
        officers=officers,
        today=timezone.localdate(),
        course_key=flt.course.translation_key if flt.course is not None else None,
    )
    return Table(
        key="overdue",
        caption=_("Assignments and how many are overdue, by course"),
        columns=(
            Column(_("Course")),
            Column(_("Assigned"), COUNT),
            Column(_("Overdue"), COUNT),
            Column(_("Oldest due date passed"), DATE),
        ),
        rows=tuple(
            (_course_label(c.course) if c.course else c.title, c.assigned, c.overdue, c.oldest_due)
            for c in counted
        ),
    )


def _narrowed(table: Table, search: str) -> Table:
    """``table`` narrowed by the search, but the weeks' (every week is always shown)."""
    return table if table.key == "activity" else table.matching(search)


def _builders(
    officers: QuerySet[User], flt: DashboardFilter, courses: list[CoursePage]
) -> dict[str, Callable[[], tuple[Table, ...]]]:
    """Each part of the dashboard by name: what reads its tables (a part's tables are counted
    together)."""
    return {
        "completion": lambda: completion_tables(officers, flt, courses),
        "quizzes": lambda: (quiz_table(officers, flt, courses),),
        "gain": lambda: (gain_table(officers, courses),),
        "certificates": lambda: (certificate_table(officers, flt, courses),),
        "activity": lambda: (activity_table(officers, flt, courses),),
        "overdue": lambda: (overdue_assignments(officers, flt),),
    }


# The part each table belongs to, by the table's key, where the two differ.
_PART = {key: "completion" for key in ("course", "post", "agency", "country")}


def dashboard(*, viewer: User, flt: DashboardFilter) -> Dashboard:
    """Every figure of the dashboard for ``viewer``'s scope and ``flt``."""
    officers = dashboard_officers(viewer=viewer, flt=flt)
    parts = {
        name: tuple(_narrowed(t, flt.search) for t in read())
        for name, read in _builders(officers, flt, _courses(flt)).items()
    }
    return Dashboard(
        officers=officers.count(),
        completion=parts["completion"],
        quizzes=parts["quizzes"][0],
        gain=parts["gain"][0],
        certificates=parts["certificates"][0],
        activity=parts["activity"][0],
        overdue=parts["overdue"][0],
    )


def dashboard_table(*, viewer: User, flt: DashboardFilter, key: str) -> Table | None:
    """The dashboard's table ``key`` (None for no such table), as ``dashboard`` gives it, read
    alone: a download counts only the part of the dashboard it downloads."""
    read = _builders(dashboard_officers(viewer=viewer, flt=flt), flt, _courses(flt)).get(
        _PART.get(key, key)
    )
    found = next((t for t in read() if t.key == key), None) if read is not None else None
    return _narrowed(found, flt.search) if found is not None else None
