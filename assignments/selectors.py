"""Reads of cohorts and assignments (folded from their records by ``rules``), of what is due for
an officer, and of the certificates expiring in a coordinator's scope."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from certificates.dates import recertification
from certificates.models import Certificate
from certificates.selectors import certificates_of, certificates_visible_to
from courses.models import CoursePage
from elearning.paging import matching
from learning.models import LearnerRecord
from learning.selectors import courses_in_language
from nodes.selectors import is_hub, node_name, this_node
from officers.models import BorderPost, Role, User
from officers.selectors import (
    node_post_codes,
    officers_visible_to,
    posts_visible_to,
    profile_hub_id,
    scope_filter,
)

from .models import AssignmentRecord, AssignmentState, CohortRecord
from .rules import (
    Assignment,
    AssignmentEvent,
    CohortEvent,
    CohortState,
    Refusal,
    Status,
    assignments_fold,
    cohorts_fold,
    due_notice,
    refusal,
    status_on,
)

PICKER_SIZE = 50
OFFICER_SEARCH = ("full_name_native", "full_name_latin", "service_number", "username", "post__name")


def _order(row: dict) -> tuple:
    return (row["recorded_at"], row["origin_node"].hex, row["origin_seq"])


def _cohort_events(records: QuerySet[CohortRecord]) -> list[CohortEvent]:
    fields = ("kind", "cohort", "name", "country", "post_code", "officer_id", "course_key")
    return [
        CohortEvent(
            kind=row["kind"],
            cohort=row["cohort"],
            name=row["name"],
            country=row["country"],
            post_code=row["post_code"],
            officer=row["officer_id"],
            course_key=row["course_key"],
            due_on=row["due_on"],
            order=_order(row),
        )
        for row in records.values(*fields, "due_on", "recorded_at", "origin_node", "origin_seq")
    ]


def cohort_state(cohort: uuid.UUID) -> CohortState | None:
    """The cohort as its records held here say it is now; None when none is held."""
    return cohorts_fold(_cohort_events(CohortRecord.objects.filter(cohort=cohort))).get(cohort)


def cohort_in_scope(*, viewer: User, state: CohortState) -> bool:
    """Administrators: every cohort; a coordinator: cohorts of a post in their scope or of a
    country they coordinate; anyone else none."""
    if viewer.is_administrator:
        return True
    if not viewer.is_coordinator:
        return False
    if state.post_code:
        return posts_visible_to(viewer=viewer).filter(code=state.post_code).exists()
    countries = {scope.country for scope in viewer.scopes.all() if scope.country}
    return bool(state.country) and state.country in countries


def cohorts_visible_to(*, viewer: User) -> list[CohortState]:
    """The cohorts in ``viewer``'s scope, by name."""
    if not (viewer.is_administrator or viewer.is_coordinator):
        return []
    states = cohorts_fold(_cohort_events(CohortRecord.objects.all()))
    shown = [s for s in states.values() if cohort_in_scope(viewer=viewer, state=s)]
    return sorted(shown, key=lambda s: (s.name.casefold(), str(s.uuid)))


def cohorts_matching(*, viewer: User, search: str) -> list[CohortState]:
    """The cohorts in ``viewer``'s scope whose name or place holds every word of ``search``
    (any case), by name: what the cohorts page lists and its download writes."""
    words = search.casefold().split()
    return [
        c
        for c in cohorts_visible_to(viewer=viewer)
        if all(w in f"{c.name} {c.post_code} {c.country}".casefold() for w in words)
    ]


def cohort_homes(*, viewer: User) -> tuple[QuerySet[BorderPost], list[str]]:
    """Where ``viewer`` may make a cohort here: (posts, country codes). At the hub, the posts
    and countries of their scope (an administrator: every post, and their countries); at a post
    only the post itself, since the hub refuses a post's records about any other cohort."""
    posts = posts_visible_to(viewer=viewer).order_by("name")
    if not is_hub():
        return posts.filter(code=this_node().post_code), []
    if viewer.is_administrator:
        return posts, sorted({post.country for post in posts})
    return posts, sorted({scope.country for scope in viewer.scopes.all() if scope.country})


def cohort_visible(*, viewer: User, cohort: uuid.UUID) -> CohortState | None:
    state = cohort_state(cohort)
    if state is None or not cohort_in_scope(viewer=viewer, state=state):
        return None
    return state


def cohort_members(*, viewer: User, state: CohortState) -> QuerySet[User]:
    """The members of the cohort ``viewer`` may see, by name."""
    return (
        officers_visible_to(viewer=viewer)
        .filter(pk__in=sorted(state.members))
        .order_by("full_name_latin", "username")
    )


def officers_to_pick(*, viewer: User, search: str, leave_out: Iterable[int] = ()) -> list[User]:
    """At most ``PICKER_SIZE`` officers in scope matching ``search`` (name in either script,
    service number, user name or post), for a picker; none for an empty search."""
    if not search.strip():
        return []
    found = matching(officers_visible_to(viewer=viewer), search, OFFICER_SEARCH)
    return list(found.exclude(pk__in=list(leave_out)).order_by("full_name_latin")[:PICKER_SIZE])


def officer_to_pick(*, viewer: User, officer_uuid: uuid.UUID | str) -> User | None:
    """The officer in ``viewer``'s scope with this UUID, or None (outside scope or unknown)."""
    try:
        return officers_visible_to(viewer=viewer).get(uuid=officer_uuid)
    except (User.DoesNotExist, ValueError, TypeError):
        return None


def assignment_events(records: QuerySet[AssignmentRecord]) -> list[AssignmentEvent]:
    fields = ("kind", "officer_id", "course_key", "due_on", "cohort", "actor_id")
    return [
        AssignmentEvent(
            kind=row["kind"],
            officer=row["officer_id"],
            course_key=row["course_key"],
            due_on=row["due_on"],
            cohort=row["cohort"],
            actor=row["actor_id"],
            order=_order(row),
            at=row["recorded_at"],
        )
        for row in records.values(*fields, "recorded_at", "origin_node", "origin_seq")
    ]


def assignments_of(
    *, officers: QuerySet[User] | list[int], course_key: uuid.UUID | None = None
) -> dict[tuple[int, uuid.UUID], Assignment]:
    """The assignments in force of ``officers`` (of one course if given)."""
    records = AssignmentRecord.objects.filter(officer__in=officers)
    if course_key is not None:
        records = records.filter(course_key=course_key)
    return assignments_fold(assignment_events(records))


def progress_kinds(pairs: set[tuple[int, uuid.UUID]]) -> dict[tuple[int, uuid.UUID], set[str]]:
    """The kinds of learner record each (officer, course) has."""
    kinds: dict[tuple[int, uuid.UUID], set[str]] = {}
    if not pairs:
        return kinds
    rows = (
        LearnerRecord.objects.filter(
            learner__in={officer for officer, _key in pairs},
            course_key__in={key for _officer, key in pairs},
        )
        .values_list("learner_id", "course_key", "kind")
        .distinct()
    )
    for learner, key, kind in rows:
        kinds.setdefault((learner, key), set()).add(kind)
    return kinds


@dataclass(frozen=True)
class AssignmentRow:
    officer: User
    course: CoursePage | None
    course_key: uuid.UUID
    due_on: datetime.date | None
    status: Status
    assigned_by: User | None
    cohort: str  # the name of the cohort it came through, "" when assigned alone

    @property
    def overdue(self) -> bool:
        return self.status == Status.OVERDUE

    @property
    def course_title(self) -> str:
        return self.course.title if self.course is not None else str(self.course_key)


def _cohort_names(cohorts: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each cohort's newest name, as its records held here say."""
    if not cohorts:
        return {}
    return {
        row["cohort"]: row["name"]
        for row in CohortRecord.objects.filter(cohort__in=cohorts)
        .order_by("recorded_at", "origin_node", "origin_seq")
        .values("cohort", "name")
    }


def assignment_rows(states: Iterable[AssignmentState], today: datetime.date) -> list[AssignmentRow]:
    """The rows a page shows for ``states`` (read with their officer, post and assigner, as
    ``assignments_in_scope`` and ``my_assignments`` give them): each with its course in the
    active language, its cohort's name and its status on ``today`` (``rules.status_on``).
    Two queries whatever the number of rows."""
    states = list(states)
    courses = courses_in_language(sorted({s.course_key for s in states}, key=str))
    cohorts = _cohort_names({s.cohort for s in states if s.cohort})
    return [
        AssignmentRow(
            officer=s.officer,
            course=courses.get(s.course_key),
            course_key=s.course_key,
            due_on=s.due_on,
            status=status_on(progress=Status(s.progress), due_on=s.due_on, today=today),
            assigned_by=s.assigned_by,
            cohort=cohorts.get(s.cohort, "") if s.cohort else "",
        )
        for s in states
    ]


def assignments_by_pk(pks: list[int]) -> list[AssignmentState]:
    """The rows of ``pks`` in that order, with their officer, post and assigner: a page found
    by its keys alone (sorting narrow rows is half the work of sorting whole ones)."""
    found = _in_force().in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def assignment_rows_every(
    states: QuerySet[AssignmentState], today: datetime.date, *, chunk: int = 2000
) -> Iterator[AssignmentRow]:
    """Every row of ``states`` in its order (a download): their keys sorted once, the rows read
    ``chunk`` at a time."""
    pks = list(states.values_list("pk", flat=True))
    for start in range(0, len(pks), chunk):
        yield from assignment_rows(assignments_by_pk(pks[start : start + chunk]), today)


def _in_force() -> QuerySet[AssignmentState]:
    return AssignmentState.objects.filter(withdrawn=False).select_related(
        "officer__post", "assigned_by"
    )


def _by_due(row: AssignmentRow) -> tuple:
    return (row.due_on is None, row.due_on or datetime.date.max, row.course_title.casefold())


def my_assignments(*, learner: User, today: datetime.date) -> list[AssignmentRow]:
    """What is assigned to ``learner``, soonest due first (undated last)."""
    return sorted(assignment_rows(_in_force().filter(officer=learner), today), key=_by_due)


def status_is(state: str, today: datetime.date) -> Q:
    """The rows of the derived table whose status on ``today`` is ``state``: ``rules.status_on``
    written as a query (a test compares the two for every progress and due date)."""
    late = Q(due_on__lt=today) & ~Q(progress=Status.COMPLETED)
    if state == Status.OVERDUE:
        return late
    if state == Status.COMPLETED:
        return Q(progress=Status.COMPLETED)
    return Q(progress=state) & (Q(due_on__isnull=True) | Q(due_on__gte=today))


@dataclass(frozen=True)
class CourseAssignments:
    """A course's assignments among some officers: how many, how many overdue, the oldest due
    date passed."""

    course_key: uuid.UUID
    course: CoursePage | None  # None: not on this node
    title: str
    assigned: int
    overdue: int
    oldest_due: datetime.date | None


def assignments_by_course(
    *, officers: QuerySet[User], today: datetime.date, course_key: uuid.UUID | None = None
) -> list[CourseAssignments]:
    """The assignments in force of ``officers`` (of one course if given) counted by course in
    the database, most overdue first; the coordinator's dashboard reads it."""
    rows = AssignmentState.objects.filter(withdrawn=False, officer__in=officers)
    if course_key is not None:
        rows = rows.filter(course_key=course_key)
    late = status_is(Status.OVERDUE, today)
    counted = list(
        rows.values("course_key")
        .annotate(
            assigned=Count("pk"),
            overdue=Count("pk", filter=late),
            oldest=Min("due_on", filter=late),
        )
        .order_by()
    )
    courses = courses_in_language(sorted((c["course_key"] for c in counted), key=str))
    found = [
        CourseAssignments(
            course_key=c["course_key"],
            course=courses.get(c["course_key"]),
            title=courses[c["course_key"]].title
            if c["course_key"] in courses
            else str(c["course_key"]),
            assigned=c["assigned"],
            overdue=c["overdue"],
            oldest_due=c["oldest"],
        )
        for c in counted
    ]
    return sorted(found, key=lambda c: (-c.overdue, c.title.casefold()))


STATUS_FILTERS = tuple(s.value for s in Status)


def _courses_matching(search: str) -> list[uuid.UUID]:
    """The courses (keys) whose title, in any language, or code holds every word of
    ``search``."""
    return list(
        matching(CoursePage.objects.live(), search, ("title", "code"))
        .values_list("translation_key", flat=True)
        .distinct()
    )


def assignments_in_scope(
    *,
    viewer: User,
    search: str,
    today: datetime.date,
    state: str = "",
    course_key: uuid.UUID | None = None,
    post: BorderPost | None = None,
) -> QuerySet[AssignmentState]:
    """The assignments in force of the officers in ``viewer``'s scope matching ``search`` (the
    officer, or the course's code or title), of one status on ``today`` if ``state`` is given,
    of one course and officers of one post if given, soonest due first (undated last), then by
    officer: rows of the derived table. A page is its keys (``values_list("pk")``, counted and
    sliced by ``elearning.paging.listing``), then ``assignments_by_pk`` and ``assignment_rows``.
    """
    # The scope of ``officers_visible_to`` on the row's own officer: one join with the users,
    # which the order by name needs anyway (not a second one for a subquery of the scope).
    rows = _in_force().filter(officer__role=Role.LEARNER, officer__is_active=True)
    scope = scope_filter(
        viewer=viewer, country_field="officer__country", post_field="officer__post"
    )
    if scope is not None:
        rows = rows.filter(scope)
    if post is not None:
        rows = rows.filter(officer__post=post)
    if course_key is not None:
        rows = rows.filter(course_key=course_key)
    if search.split():
        officers = officers_visible_to(viewer=viewer)
        found = matching(officers, search, OFFICER_SEARCH).values("pk")
        rows = rows.filter(Q(officer__in=found) | Q(course_key__in=_courses_matching(search)))
    if state:
        rows = rows.filter(status_is(state, today))
    return rows.order_by(
        F("due_on").asc(nulls_last=True), "officer__full_name_latin", "course_key", "pk"
    )


@dataclass(frozen=True)
class Reminder:
    """Something an officer should be told: an assignment due soon or overdue, or a certificate
    to renew. ``subject``: the course key or certificate id it is about."""

    notice: str  # Notice's values, or "recertification_due" / "expired"
    title: str
    due_on: datetime.date
    subject: str


def reminders_for(
    *, learner: User, today: datetime.date, assigned: list[AssignmentRow] | None = None
) -> list[Reminder]:
    """``learner``'s reminders on ``today``: assignments within
    ``ELEARNING_ASSIGNMENT_NOTICE_DAYS`` of their due date or past it, and certificates within
    ``ELEARNING_RECERTIFICATION_NOTICE_DAYS`` of expiry or expired (the newest of each course,
    not revoked). ``assigned``: ``my_assignments`` as the caller read it already."""
    found = []
    if assigned is None:
        assigned = my_assignments(learner=learner, today=today)
    for row in assigned:
        notice = due_notice(
            due_on=row.due_on,
            completed=row.status == Status.COMPLETED,
            today=today,
            notice_days=settings.ELEARNING_ASSIGNMENT_NOTICE_DAYS,
        )
        if notice is not None and row.due_on is not None:
            found.append(Reminder(notice.value, row.course_title, row.due_on, row.course_key.hex))
    for certificate in current_certificates(certificates_of(holder=learner)):
        state = recertification(
            valid_until=certificate.valid_until,
            today=today,
            notice_days=settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS,
        )
        if state and certificate.valid_until is not None:
            kind = "expired" if state == "expired" else "recertification_due"
            found.append(
                Reminder(kind, certificate.course_title, certificate.valid_until, certificate.code)
            )
    return found


def current_certificates(certificates: QuerySet[Certificate]) -> QuerySet:
    """``certificates`` without the revoked ones and those a newer certificate of the same
    officer and course replaced (a recertification)."""
    newer = Certificate.objects.filter(
        holder=OuterRef("holder"),
        course_key=OuterRef("course_key"),
        recorded_at__gt=OuterRef("recorded_at"),
    )
    return certificates.filter(revocation__isnull=True).exclude(Exists(newer))


def certificates_expiring(*, viewer: User, today: datetime.date, search: str = "") -> QuerySet:
    """The current certificates in ``viewer``'s scope that expire within
    ``ELEARNING_RECERTIFICATION_NOTICE_DAYS`` of ``today`` or have expired, soonest first."""
    until = today + datetime.timedelta(days=settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS)
    found = current_certificates(certificates_visible_to(viewer=viewer)).filter(
        valid_until__isnull=False, valid_until__lte=until
    )
    for word in search.split():
        found = found.filter(
            Q(holder_latin__icontains=word)
            | Q(holder_native__icontains=word)
            | Q(course_code__icontains=word)
            | Q(holder__service_number__icontains=word)
        )
    return found.order_by("valid_until", "holder_latin", "pk")


def officers_with_email() -> QuerySet[User]:
    """Active officers with an e-mail address: those ``send_reminders`` can reach."""
    return User.objects.filter(is_active=True).exclude(email="")


def _officer_posts(rows: list[dict]) -> dict[str, str]:
    """The post code (or "") of each officer the wire rows name, by UUID hex, of those here."""
    named = set()
    for row in rows:
        try:
            named.add(uuid.UUID(str(row["officer"])))
        except (KeyError, TypeError, ValueError):
            continue
    found = User.objects.filter(uuid__in=named).values_list("uuid", "post__code")
    return {officer.hex: code or "" for officer, code in found}


def _rows_refused(rows: list[dict], *, of_cohorts: bool) -> dict[tuple[str, int], str]:
    if not rows:
        return {}
    hub, makers = profile_hub_id(), node_post_codes()
    posts = _officer_posts(rows)
    refused: dict[tuple[str, int], str] = {}
    for row in rows:
        origin = uuid.UUID(str(row["origin_node"]))
        officer = uuid.UUID(str(row["officer"])).hex if row.get("officer") else None
        if officer is not None and officer not in posts:
            continue  # not here yet: the row waits for its officer
        reason = refusal(
            maker=origin,
            hub=hub,
            maker_post=makers.get(origin, ""),
            officer_post=posts[officer] if officer is not None else None,
            cohort_post=str(row.get("post_code") or "") if of_cohorts else None,
        )
        if reason is not None:
            refused[(row["origin_node"], row["origin_seq"])] = _refusal_text(
                reason, maker=origin, row=row
            )
    return refused


def _refusal_text(reason: Refusal, *, maker: uuid.UUID, row: dict) -> str:
    names = {"node": node_name(maker), "name": row.get("name") or "", "officer": row["officer"]}
    if reason == Refusal.NOT_HOME_OFFICER:
        return (
            _(
                "%(node)s assigned or grouped officer %(officer)s, who is not this post's: only "
                "their own post and headquarters may. Not applied."
            )
            % names
        )
    return (
        _(
            "%(node)s changed the cohort “%(name)s”, which is not this post's: only its own post "
            "and headquarters may. Not applied."
        )
        % names
    )


def cohort_rows_refused(rows: list[dict]) -> dict[tuple[str, int], str]:
    """Cohort records (wire rows) their maker may not write (``rules.refusal``), with the
    reason for the operator, by (origin hex, seq)."""
    return _rows_refused(rows, of_cohorts=True)


def assignment_rows_refused(rows: list[dict]) -> dict[tuple[str, int], str]:
    """Assignment records (wire rows) their maker may not write (``rules.refusal``)."""
    return _rows_refused(rows, of_cohorts=False)
