"""Supervised exam sessions: their events (immutable node records that sync), and two tables of
this node only: the session code in clear for the room's screen, and wrong codes entered (the
lockout).

A session has no mutable row: its state (window, admitted officers, minutes added, who entered
the code, closed) is the fold of its events (``rules.session_at``). Every event carries the
session's quiz and post, so a node receiving one can judge who may have written it
(``synced``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord

from .rules import Kind


class SessionEvent(NodeRecord):
    """One event of an exam session. ``by``: who did it (the coordinator; the officer for a
    check-in). ``officer``: whom it is about (minutes added, check-in), if one officer."""

    KINDS = [
        (Kind.OPENED.value, _("opened")),
        (Kind.ADMITTED.value, _("officers admitted")),
        (Kind.EXTENDED.value, _("minutes added")),
        (Kind.CHECKED_IN.value, _("code entered")),
        (Kind.CLOSED.value, _("closed")),
    ]

    session = models.UUIDField(_("session"), db_index=True)
    kind = models.CharField(_("event"), max_length=12, choices=KINDS)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exam_events_made"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exam_events",
        db_index=False,
    )
    quiz_key = models.UUIDField(_("quiz"))
    post_code = models.CharField(_("post"), max_length=40)
    starts_at = models.DateTimeField(_("opens"), null=True, blank=True)
    ends_at = models.DateTimeField(_("closes"), null=True, blank=True)
    # HMAC of the code with the session's node's secret key: never the code itself.
    code_hash = models.CharField(_("code hash"), max_length=64, blank=True)
    admitted = models.JSONField(_("officers admitted"), default=list, blank=True)
    minutes = models.PositiveSmallIntegerField(_("minutes added"), default=0)

    class Meta(NodeRecord.Meta):
        verbose_name = _("exam session event")
        indexes = [
            models.Index(fields=["officer", "quiz_key", "kind"], name="exam_event_officer_quiz")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.session}"


class SessionCode(models.Model):
    """The code of a session run on this node, kept here for the room's screen (not synced)."""

    session = models.UUIDField(primary_key=True)
    code = models.CharField(max_length=12)

    def __str__(self) -> str:
        return str(self.session)


class WrongCode(models.Model):
    """A wrong session code an officer entered on this node (not synced): too many in a short
    time lock them out of entering codes for a while."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wrong_exam_codes"
    )
    tried_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.officer_id} {self.tried_at}"
