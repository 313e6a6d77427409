"""What playing a SCORM package leaves behind (ADR 0027).

``ScormLaunch`` is one opening of a SCORM lesson on this node: who, which lesson, which package
version. Its id is the ``launch_id`` of the per-launch token (ADR 0024); it is local (a launch
at a post is served by that post) and never syncs.

``ScormRecord`` is one commit the content made and the server accepted: the whole CMI state of
the attempt after it, and the outcome the server computed from it. It is a learner record
(``nodes.records.NodeRecord``: immutable, stamped with its node and sequence number), so it
syncs by USB and HTTP like lessons and quizzes (``scormplayer.synced``). The current state of
an attempt is its record with the highest ``commit_seq``. It names the package by the
``ScormPackage`` id and version number, which are the same on every node a bundle reaches, and
the lesson by Wagtail translation keys, never by a local foreign key.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord


class ScormLaunch(models.Model):
    """One launch of a SCORM lesson. ``preview``: a trainer or administrator not enrolled
    reviews it (mode "browse", credit "no-credit"); nothing they do is recorded."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorm_launches"
    )
    # The lesson page may be deleted later; the records keep its translation keys.
    page = models.ForeignKey(
        "modules.ScormLessonPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    course_key = models.UUIDField(_("course"))
    lesson_key = models.UUIDField(_("lesson"))
    version = models.ForeignKey(
        "scormpackages.ScormPackageVersion", on_delete=models.PROTECT, related_name="launches"
    )
    preview = models.BooleanField(default=False)
    # An offline launch (ADR 0045): made when the officer saves the course, playable with no
    # connection until then (its token's expiry); nothing recorded until its first commit.
    offline_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM launch")

    def __str__(self) -> str:
        return f"launch {self.pk}"


class ScormRecord(NodeRecord):
    """One accepted commit of a SCORM attempt. Written only by ``scormplayer.services``."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="scorm_records",
        db_index=False,
    )
    course_key = models.UUIDField(_("course"))
    lesson_key = models.UUIDField(_("lesson"))
    package_key = models.UUIDField(_("package"))  # scormpackages.ScormPackage id
    package_version = models.PositiveIntegerField(_("package version"))  # its number
    sco = models.CharField(_("SCO"), max_length=255)  # the manifest item's identifier
    attempt = models.UUIDField(_("attempt"))  # made by the server that started it
    # The ScormLaunch it came through (on its node): a commit of another launch, or after a
    # terminated one, starts a new session of the attempt (its session time adds to the total).
    launch_key = models.UUIDField(_("launch"))
    commit_seq = models.PositiveIntegerField(_("commit sequence number"))
    scorm_version = models.CharField(_("SCORM version"), max_length=8)  # "1.2" | "2004"
    state = models.JSONField(_("CMI state"))  # the whole ``cmi`` object after this commit
    completion_status = models.CharField(_("completion"), max_length=16)
    success_status = models.CharField(_("success"), max_length=16)
    score_scaled = models.DecimalField(
        _("scaled score"), max_digits=11, decimal_places=7, null=True
    )
    total_seconds = models.DecimalField(_("total time (seconds)"), max_digits=14, decimal_places=2)
    exit = models.CharField(_("exit"), max_length=16, blank=True)
    terminated = models.BooleanField(_("terminated"), default=False)

    class Meta(NodeRecord.Meta):
        verbose_name = _("SCORM record")
        ordering = ["recorded_at", "origin_seq"]
        indexes = [
            models.Index(fields=["attempt", "commit_seq"], name="scorm_attempt_seq"),
            models.Index(fields=["learner", "course_key"], name="scorm_learner_course"),
            models.Index(fields=["learner", "lesson_key", "sco"], name="scorm_learner_lesson_sco"),
        ]

    def __str__(self) -> str:
        return f"SCORM {self.sco} #{self.commit_seq} ({self.origin_node}:{self.origin_seq})"
