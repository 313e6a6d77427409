"""Immutable learner records.

A record is a fact: once written it is never changed or deleted (the model and its queryset
refuse). ``(origin_node, origin_seq)`` identifies it on every node; ``id`` is its UUID.
Content is referred to by Wagtail translation keys, which are the same in every language and
on every node a course bundle reaches; ``content_revision`` and ``content_locale`` say exactly
which version the officer saw.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import ImmutableRecordError, NodeRecord

__all__ = ["ImmutableRecordError", "LearnerRecord", "RecordKind"]


class RecordKind(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    LESSON_OPENED = "lesson_opened", _("Opened a lesson")
    LESSON_COMPLETED = "lesson_completed", _("Completed a lesson")
    MODULE_COMPLETED = "module_completed", _("Completed a module")
    COURSE_COMPLETED = "course_completed", _("Completed a course")


class LearnerRecord(NodeRecord):
    """One thing an officer did, as it happened. Written only by ``learning.services``."""

    kind = models.CharField(_("kind"), max_length=32, choices=RecordKind.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="learner_records",
        db_index=False,
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        help_text=_("Who made it happen, when not the learner (a coordinator enrolling)."),
    )
    course_key = models.UUIDField(_("course"))
    module_key = models.UUIDField(_("module"), null=True)
    lesson_key = models.UUIDField(_("lesson"), null=True)
    content_revision = models.CharField(_("content revision"), max_length=64, blank=True)
    content_locale = models.CharField(_("content language"), max_length=10, blank=True)

    class Meta(NodeRecord.Meta):
        verbose_name = _("learner record")
        ordering = ["recorded_at", "origin_seq"]
        # A learner's records of a course, and of some kinds, and when: a coordinator's
        # progress summary reads which kinds every officer in scope has, and the dashboard
        # counts completions by date and week, from the index alone.
        indexes = [
            models.Index(
                fields=["learner", "course_key", "kind", "recorded_at"],
                name="record_learner_course_kind_at",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.origin_node}:{self.origin_seq})"
