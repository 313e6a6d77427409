"""Cohort and assignment records (immutable, synced: ``synced.py``), the state they fold to kept
as a derived table (``AssignmentState``, rebuilt from the records, never synced), and the local
note of the reminders this node has e-mailed (not synced: each hub sends its own)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord

from .rules import AssignmentKind, CohortKind, Status

COHORT_KINDS = [
    (CohortKind.CREATED.value, _("Created")),
    (CohortKind.RENAMED.value, _("Renamed")),
    (CohortKind.MEMBER_ADDED.value, _("Member added")),
    (CohortKind.MEMBER_REMOVED.value, _("Member removed")),
    (CohortKind.COURSE_ASSIGNED.value, _("Course assigned")),
    (CohortKind.COURSE_WITHDRAWN.value, _("Course withdrawn")),
]
ASSIGNMENT_KINDS = [
    (AssignmentKind.ASSIGNED.value, _("Assigned")),
    (AssignmentKind.DUE_CHANGED.value, _("Due date changed")),
    (AssignmentKind.WITHDRAWN.value, _("Withdrawn")),
]


class CohortRecord(NodeRecord):
    """One thing done to a cohort. Every record carries the cohort's name and home as they
    were, so a post that receives only its officers' membership records still names the
    cohort. Written only by ``assignments.services``."""

    kind = models.CharField(_("kind"), max_length=32, choices=COHORT_KINDS)
    cohort = models.UUIDField(_("cohort"))
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    post_code = models.CharField(_("border post"), max_length=40, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    course_key = models.UUIDField(_("course"), null=True)
    due_on = models.DateField(_("due on"), null=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta(NodeRecord.Meta):
        verbose_name = _("cohort record")
        ordering = ["recorded_at", "origin_node", "origin_seq"]
        indexes = [models.Index(fields=["cohort"], name="cohortrecord_cohort")]


class AssignmentRecord(NodeRecord):
    """One thing done to an officer's assignment of a course. Written only by
    ``assignments.services``."""

    kind = models.CharField(_("kind"), max_length=32, choices=ASSIGNMENT_KINDS)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignment_records",
        db_index=False,
    )
    course_key = models.UUIDField(_("course"))
    due_on = models.DateField(_("due on"), null=True)
    cohort = models.UUIDField(_("cohort"), null=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta(NodeRecord.Meta):
        verbose_name = _("assignment record")
        ordering = ["recorded_at", "origin_node", "origin_seq"]
        indexes = [models.Index(fields=["officer", "course_key"], name="assignmentrecord_officer")]


PROGRESS = [
    (Status.NOT_STARTED.value, _("Not started")),
    (Status.IN_PROGRESS.value, _("In progress")),
    (Status.COMPLETED.value, _("Completed")),
]


class AssignmentState(models.Model):
    """Derived, never edited by hand: one row per officer and course assigned here (withdrawn
    or not), what ``rules`` folds their assignment records and learner records to (ADR 0044).
    Written only by ``assignments.derived``, in the transaction of each record written here and
    by sync's derive step for imported ones; ``manage.py assignment_state_rebuild`` makes it
    again from the records. ``progress`` is the status without its date: overdue is decided
    when read, against the day it is read (``rules.status_on``)."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    course_key = models.UUIDField()
    cohort = models.UUIDField(null=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True
    )
    assigned_at = models.DateTimeField(null=True)
    due_on = models.DateField(null=True)
    progress = models.CharField(max_length=16, choices=PROGRESS)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["officer", "course_key"], name="assignmentstate_once")
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} {self.course_key} {self.progress}"


class ReminderSent(models.Model):
    """A reminder this node e-mailed: one per officer, subject and threshold (and due date, so
    a changed due date is reminded again), so running ``send_reminders`` twice sends nothing
    twice."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, db_index=False)
    subject = models.CharField(max_length=64)  # a course key or a certificate id
    notice = models.CharField(max_length=20)
    due_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "subject", "notice", "due_on"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.notice} {self.subject} ({self.due_on})"
