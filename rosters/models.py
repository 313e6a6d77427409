"""Files a roster import keeps between two requests: the uploaded spreadsheet (between the
preview and the confirmation) and the sheet of initial passwords (until it is downloaded)."""

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
