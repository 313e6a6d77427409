"""Quiz attempts (immutable records), their submissions, and the working copy of answers.

``QuizAttempt`` is written when an officer starts: it fixes the questions drawn, their order,
the options' order and the answer keys (``snapshot``), the content revision and the deadline.
``QuizSubmission`` is written once when it is graded (by the officer or, past the deadline,
by the server). Both are node records: sync moves them by union. ``AttemptDraft`` is this
node's working copy of an unfinished attempt's answers, so a reload or a dropped connection
loses nothing; it is not a record and does not sync.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord

from .fields import SnapshotField


class QuizAttempt(NodeRecord):
    """An attempt, as started. ``recorded_at`` is when it started (server clock)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
        db_index=False,
    )
    quiz_key = models.UUIDField(_("quiz"))
    module_key = models.UUIDField(_("module"))
    course_key = models.UUIDField(_("course"))
    number = models.PositiveSmallIntegerField(_("attempt number"))
    content_revision = models.CharField(_("content revision"), max_length=64, blank=True)
    content_locale = models.CharField(_("content language"), max_length=10, blank=True)
    snapshot = SnapshotField(_("questions drawn, with their keys"))
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)

    class Meta(NodeRecord.Meta):
        verbose_name = _("quiz attempt")
        constraints = [
            *NodeRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["learner", "quiz_key", "number", "origin_node"], name="attempt_number"
            ),
        ]
        # An officer's attempts at a quiz in order (the first pre-test grade), and the
        # dashboard's counts of the attempts of the officers in scope at the courses shown in
        # a date range: both read from this index alone (``id`` finds the submission), never
        # from the rows with their snapshots.
        indexes = [
            models.Index(
                fields=["learner", "quiz_key", "recorded_at", "id", "course_key"],
                name="attempt_learner_quiz_at",
            ),
            # One quiz's attempts by the officers of a scope, in order: knowledge gain's first
            # pre-test and best post-test (``reports.course_gain_overall``) read a quiz's range
            # of this index instead of every attempt (ADR 0042).
            models.Index(
                fields=["quiz_key", "learner", "recorded_at", "id"], name="attempt_quiz_learner_at"
            ),
        ]

    def __str__(self) -> str:
        return f"Attempt {self.number} ({self.id})"

    @property
    def seconds_left(self) -> int | None:
        """Seconds until the deadline the server keeps (``gates.deadline_of``: a higher app may
        have moved it) by the server's clock (None: no time limit)."""
        from .gates import seconds_left

        return seconds_left(self, timezone.now())


class DrawnQuestion(models.Model):
    """A question as drawn into attempts, less each attempt's own shown ids, stored once and
    named by the SHA-256 of its text (``quizzes.drawn``, ADR 0051). Never changed: a new
    wording or order is a new part. It travels with the attempts that refer to it."""

    digest = models.CharField(_("SHA-256 of the text"), max_length=64, primary_key=True)
    text = models.TextField(_("the question as JSON"))

    class Meta:
        verbose_name = _("drawn question")

    def __str__(self) -> str:
        return self.digest[:12]


class QuizSubmission(NodeRecord):
    """The graded end of an attempt: one per attempt, whoever submits it and however often."""

    attempt = models.OneToOneField(QuizAttempt, on_delete=models.PROTECT, related_name="submission")
    responses = models.JSONField(_("responses"))
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=4)
    max_score = models.PositiveIntegerField(_("maximum score"))
    percent = models.DecimalField(_("percent"), max_digits=7, decimal_places=4)
    passed = models.BooleanField(_("passed"))
    question_scores = models.JSONField(_("score per question"))
    scoring_version = models.PositiveSmallIntegerField(_("scoring version"))
    closed_by_server = models.BooleanField(
        _("closed by the server"),
        default=False,
        help_text=_("The time limit ran out; graded on the answers saved by then."),
    )

    class Meta(NodeRecord.Meta):
        verbose_name = _("quiz submission")
        # On PostgreSQL only, migration 0004 adds "submission_attempt_grade": (attempt_id)
        # INCLUDE (passed, percent), not declared here (ADR 0042).

    def __str__(self) -> str:
        return f"{self.attempt}: {self.percent}%"


class AttemptDraft(models.Model):
    """The answers saved so far in an unfinished attempt (this node only)."""

    attempt = models.OneToOneField(
        QuizAttempt, on_delete=models.CASCADE, primary_key=True, related_name="draft"
    )
    responses = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Draft of {self.attempt}"
