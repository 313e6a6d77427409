"""Certificates and their revocations: immutable node records, like every learner record."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord


class Certificate(NodeRecord):
    """A certificate as issued: who, which course and content version, the score, when, by
    which node, and the signed payload its QR code carries. ``recorded_at`` is when."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        db_index=False,
    )
    holder_native = models.CharField(_("name (own script)"), max_length=200, blank=True)
    holder_latin = models.CharField(_("name (Latin letters)"), max_length=200, blank=True)
    course_key = models.UUIDField(_("course"))
    course_code = models.CharField(_("course code"), max_length=30)
    course_title = models.CharField(_("course title"), max_length=255)
    content_revision = models.CharField(_("content revision"), max_length=64, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=7, decimal_places=4, null=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    payload = models.TextField(_("signed payload"))
    manual = models.BooleanField(_("issued by hand"), default=False)
    clock_doubtful = models.BooleanField(
        _("issued on a doubtful clock"),
        default=False,
        help_text=_(
            "The issuing node's clock was behind what it knew had already happened; the issue "
            "date is the earliest date it could be."
        ),
    )
    reason = models.TextField(_("reason"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta(NodeRecord.Meta):
        verbose_name = _("certificate")
        indexes = [models.Index(fields=["holder", "course_key"], name="certificate_holder_course")]

    def __str__(self) -> str:
        return self.code


class CertificateCorrection(NodeRecord):
    """Headquarters' correction of a certificate's dates, made when the certificate arrived with
    an issue date its issuing node's clock got wrong (before the course content existed, or
    after it reached headquarters). The certificate and its signed payload stay as issued; the
    newest correction gives the dates that count (``certificates.selectors``)."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="corrections"
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("valid until"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    class Meta(NodeRecord.Meta):
        verbose_name = _("certificate date correction")

    def __str__(self) -> str:
        return f"{self.certificate} issued on {self.issued_on}"


class Revocation(NodeRecord):
    """A certificate withdrawn, with the reason. At most one per certificate."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="revocation"
    )
    reason = models.TextField(_("reason"))
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta(NodeRecord.Meta):
        verbose_name = _("revocation")

    def __str__(self) -> str:
        return f"{self.certificate} revoked"


class PrintJob(models.Model):
    """A batch of certificates being printed as one PDF in the background (not a record: it
    is this node's work, and its file is removed after ``ELEARNING_GENERATED_DAYS``)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Printing")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="print_jobs"
    )
    course_key = models.UUIDField()
    course_code = models.CharField(max_length=30)
    post = models.ForeignKey(
        "officers.BorderPost", null=True, blank=True, on_delete=models.SET_NULL
    )
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.course_code} batch ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
