"""The columns and rows of each coordinator list's download, from the selector its page reads
(ADR 0036): the progress table (``selectors.officers_in_scope`` and ``progress_table``) and
the certificate list (``certificates.selectors.certificates_found``). Every row the filters
select, read a batch at a time."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments.rules import CohortState
from assignments.selectors import AssignmentRow
from certificates.models import Certificate
from certificates.selectors import certificates_found, dates_of
from courses.models import CoursePage
from examsessions.rules import Phase
from examsessions.selectors import SessionRow
from officers.models import User

from . import selectors
from .tables import COUNT, DATE, Column, Value


def status_labels() -> dict[str, str]:
    """A progress status as the progress table names it."""
    return {
        "completed": _("Completed"),
        "in_progress": _("In progress"),
        "not_started": _("Not started"),
        "not_enrolled": _("Not enrolled"),
    }


def _local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A moment as this server's local wall time, without a zone (a spreadsheet has none)."""
    return None if moment is None else timezone.localtime(moment).replace(tzinfo=None)


def progress_columns() -> tuple[Column, ...]:
    return (
        Column(_("Officer")),
        Column(_("Name (Latin letters)")),
        Column(_("User name")),
        Column(_("Service number")),
        Column(_("Border post")),
        Column(_("Agency")),
        Column(_("Status")),
        Column(_("Steps done"), COUNT),
        Column(_("Steps"), COUNT),
        Column(_("Progress (%)"), COUNT),
        Column(_("Last activity"), DATE),
    )


def progress_rows(*, officers: QuerySet[User], course: CoursePage) -> Iterator[tuple[Value, ...]]:
    """One row an officer of ``officers`` (the progress page's selection, every page of it)."""
    labels = status_labels()
    for row in selectors.progress_rows_all(officers=officers, course=course):
        officer, progress = row.officer, row.progress
        enrolled = progress.status != "not_enrolled"
        yield (
            officer.display_name,
            officer.full_name_latin,
            officer.username,
            officer.service_number,
            officer.post.name if officer.post else "",
            str(officer.agency) if officer.agency else "",
            labels.get(progress.status, progress.status),
            progress.steps_done if enrolled else None,
            progress.steps_total if enrolled else None,
            progress.percent if enrolled else None,
            _local(progress.last_activity),
        )


def certificate_columns() -> tuple[Column, ...]:
    return (
        Column(_("Code")),
        Column(_("Name (own script)")),
        Column(_("Name (Latin letters)")),
        Column(_("User name")),
        Column(_("Border post")),
        Column(_("Course")),
        Column(_("Issued on"), DATE),
        Column(_("Valid until"), DATE),
        Column(_("Status")),
    )


def certificate_rows(*, viewer: User, search: str) -> Iterator[tuple[Value, ...]]:
    """One row a certificate the certificate list shows for ``search``, newest first."""
    found = certificates_found(viewer=viewer, search=search)
    for c in found.iterator(chunk_size=500):
        yield (
            c.code,
            c.holder_native,
            c.holder_latin,
            c.holder.username,
            c.holder.post.name if c.holder.post else "",
            c.course_code,
            c.dated_on,
            c.valid_until,
            _("Revoked") if hasattr(c, "revocation") else _("Valid"),
        )


def assignment_columns() -> tuple[Column, ...]:
    return (
        Column(_("Course")),
        Column(_("Officer")),
        Column(_("Service number")),
        Column(_("Border post")),
        Column(_("Cohort")),
        Column(_("Due"), DATE),
        Column(_("Status")),
    )


def assignment_rows(rows: Iterable[AssignmentRow]) -> Iterator[tuple[Value, ...]]:
    """The rows of the assignments list (``assignments.selectors.assignments_in_scope``, the
    same call the page makes), every one rather than a page."""
    labels = {**status_labels(), "overdue": _("Overdue")}
    for row in rows:
        yield (
            row.course_title,
            row.officer.display_name,
            row.officer.service_number,
            row.officer.post.name if row.officer.post else "",
            row.cohort,
            row.due_on,
            labels.get(row.status, row.status),
        )


def renewal_columns() -> tuple[Column, ...]:
    return (
        Column(_("Valid until"), DATE),
        Column(_("Officer")),
        Column(_("Service number")),
        Column(_("Border post")),
        Column(_("Course")),
        Column(_("Status")),
    )


def renewal_rows(found: QuerySet[Certificate], today: datetime.date) -> Iterator[tuple[Value, ...]]:
    """The rows of "Certificates to renew" (``assignments.selectors.certificates_expiring``, the
    query the page pages through), every one."""
    for c in found.select_related("holder__post").iterator(chunk_size=500):
        _dated_on, valid_until = dates_of(c)  # annotated by the query: no query here
        yield (
            valid_until,
            c.holder.display_name,
            c.holder.service_number,
            c.holder.post.name if c.holder.post else "",
            f"{c.course_code} {c.course_title}",
            _("Expired") if valid_until and valid_until < today else _("Recertification due"),
        )


def cohort_columns() -> tuple[Column, ...]:
    return (
        Column(_("Cohort")),
        Column(_("Belongs to")),
        Column(_("Members"), COUNT),
        Column(_("Courses"), COUNT),
    )


def cohort_rows(cohorts: list[CohortState]) -> Iterator[tuple[Value, ...]]:
    """The rows of the cohorts page (``assignments.selectors.cohorts_matching``), every one."""
    for c in cohorts:
        yield (c.name, c.post_code or c.country, len(c.members), len(c.courses))


def exam_session_columns() -> tuple[Column, ...]:
    return (
        Column(_("Quiz")),
        Column(_("Post")),
        Column(_("Opens")),
        Column(_("Closes for new starts")),
        Column(_("Officers admitted"), COUNT),
        Column(_("State")),
    )


def exam_session_rows(rows: list[SessionRow]) -> Iterator[tuple[Value, ...]]:
    """The rows of the exam sessions list (``examsessions.selectors.sessions_listed``), every one;
    times as this server's local wall time, as the page shows them."""
    phases = {
        Phase.CLOSED: _("Closed"),
        Phase.ENDED: _("Window over"),
        Phase.NOT_OPEN_YET: _("Not open yet"),
    }
    for row in rows:
        yield (
            row.quiz_title,
            row.post_name,
            _minutes(row.session.starts_at),
            _minutes(row.session.ends_at),
            len(row.session.admitted),
            phases.get(row.phase, _("Open")),
        )


def _minutes(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
