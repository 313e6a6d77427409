"""A SCORM package, its versions, and each version's files by path and SHA-256 (ADR 0023).

A package keeps its id across new versions (``current`` moves), so what officers did with it
(attempts, a later model) can point at the package and the version it was made on. Files are
stored once per content under ``ELEARNING_SCORM_ROOT/blobs/``; ``ScormFile`` maps a version's
paths to them, which is also how a course bundle will carry them (by SHA-256, ADR 0008).
"""

from __future__ import annotations

import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScormPackage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=255)
    current = models.OneToOneField(
        "ScormPackageVersion",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        ordering = ["title", "created_at"]

    def __str__(self) -> str:
        return self.title


class ScormPackageVersion(models.Model):
    """One upload of a package. Its rows stay when a newer version replaces it (history, and
    what attempts made on it point at); its files stay while a launch made before the
    replacement may still play it (``playable_until``) and go once nothing refers to them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    package = models.ForeignKey(
        ScormPackage, on_delete=models.PROTECT, related_name="versions", db_index=False
    )
    number = models.PositiveIntegerField()  # 1, 2, ... within the package
    scorm_version = models.CharField(max_length=16)  # "1.2", "2004 2nd", "2004 3rd", "2004 4th"
    identifier = models.CharField(max_length=255)  # the manifest's identifier
    organization = models.CharField(max_length=255)  # the default organization's identifier
    # The parsed manifest: items tree (launch URLs, SCORM type, mastery score, sequencing XML,
    # ...), the SCOs in order, the sequencing collection; see services.structure_of.
    structure = models.JSONField()
    sha256 = models.CharField(max_length=64)  # of the uploaded zip
    file_count = models.PositiveIntegerField()
    total_size = models.BigIntegerField()  # bytes, extracted
    files_released = models.BooleanField(default=False)  # a newer version replaced this one
    # A launch of this version may fetch its files until then (its token's expiry): a replaced
    # version keeps its file rows until this has passed (services.package_cleanup releases them).
    playable_until = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["package", "number"]
        constraints = [
            models.UniqueConstraint(fields=["package", "number"], name="scorm_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.package.title} v{self.number} (SCORM {self.scorm_version})"


class ScormFile(models.Model):
    """One file of a version: its path inside the package, stored once by content."""

    version = models.ForeignKey(
        ScormPackageVersion, on_delete=models.CASCADE, related_name="files", db_index=False
    )
    path = models.CharField(max_length=1024)  # normalised POSIX path (archive.Entry.name)
    # SHA-256 of the path, what the unique index holds: 1,024 characters of Thai or Chinese are
    # past what a PostgreSQL B-tree entry may be (2,704 bytes).
    path_key = models.CharField(max_length=64)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "path_key"], name="scorm_file_path")
        ]

    def __str__(self) -> str:
        return self.path

    @staticmethod
    def key(path: str) -> str:
        return hashlib.sha256(path.encode()).hexdigest()
