"""A piece of carrying work the operator asked for, followed with a progress bar."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OperatorJob(models.Model):
    """Loading a bundle or a packet, or writing a packet. Not a record: it does not sync."""

    class Kind(models.TextChoices):
        BUNDLE_IMPORT = "bundle_import", _("Load a course bundle")
        PACKET_IMPORT = "packet_import", _("Read a sync packet")
        PACKET_EXPORT = "packet_export", _("Write a sync packet")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Working")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be done")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    recipient = models.UUIDField(_("packet for"), null=True, blank=True)
    incoming = models.CharField(max_length=500, blank=True)
    output = models.CharField(max_length=500, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="operator_jobs"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("operator job")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
