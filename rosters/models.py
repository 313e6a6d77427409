"""Files a roster import keeps between two requests: the uploaded spreadsheet (between the
preview and the confirmation) and the sheet of initial passwords (until it is downloaded); and
each confirmed import, which the task worker runs (a large file takes minutes, longer than a
web request may last)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RosterFile(models.Model):
    """One stored file, owned by the person who uploaded it (or whose import made it). The
    bytes live in ``ELEARNING_ROSTER_ROOT/<kind>/<uuid>``, outside MEDIA_ROOT; never served
    but through the owner's own page. Removed when used, or when too old (``services``)."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("uploaded spreadsheet")
        SHEET = "sheet", _("initial passwords sheet")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(_("file name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("roster file")
        indexes = [models.Index(fields=["kind", "created_at"], name="rosterfile_kind_age")]

    def __str__(self) -> str:
        return self.name

    @property
    def path(self) -> Path:
        return Path(settings.ELEARNING_ROSTER_ROOT) / self.kind / self.uuid.hex


class RosterImport(models.Model):
    """A confirmed upload being imported by the task worker (``services.roster_import_run``),
    and what came of it. Only its owner sees it. Not a record: it does not sync (the officers
    it makes do). Removed with its upload's age (``services.roster_files_purge``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Nothing was imported")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    # The upload, until it is imported (then removed) or found refused; kept on other failures,
    # so that the preview shows what is wrong and the file can be confirmed again.
    upload = models.ForeignKey(
        RosterFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(default=0)
    base_url = models.CharField(max_length=500)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Counts when done: created, updated, unchanged, enrolments, cohort_joins.
    counts = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    sheet = models.ForeignKey(
        RosterFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("roster import")
        indexes = [models.Index(fields=["created_at"], name="rosterimport_age")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
