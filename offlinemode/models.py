"""The devices that may send activity made offline, and the items already answered.

Neither table syncs between nodes: a browser talks to one node, and what travels are the
learner records the items became (``learning``). Written only by ``offlinemode.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfflineDevice(models.Model):
    """A browser's signing key for one officer: the key pair is made on the device (its
    private half never leaves it), the public half registered here from a logged-in page.
    One browser shared by two officers holds one key per officer."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offline_devices"
    )
    device = models.UUIDField(_("device"))
    public_key = models.JSONField(_("public key (JWK, EC P-256)"))
    registered_at = models.DateTimeField(_("registered at"))
    last_seen = models.DateTimeField(_("last seen"))
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The log-in session this browser last spoke from (registered its key, or sent activity
    # it signed): withdrawing the device ends it. A link to the session's row, so the key is
    # never copied anywhere; no constraint, since sessions are made and ended by the session
    # engine, and a link to a session ended meanwhile simply ends nothing.
    session = models.ForeignKey(
        "sessions.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("offline device")
        constraints = [
            models.UniqueConstraint(fields=["device", "officer"], name="offline_device_officer")
        ]

    def __str__(self) -> str:
        return f"{self.device} ({self.officer_id})"


class OfflineItemStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")


class OfflineItem(models.Model):
    """An item a device signed and the server answered, once: the row and the learner record
    it made are written in one transaction, so an item sent again finds its row and is
    answered as a duplicate with the same outcome, never applied twice."""

    id = models.UUIDField(primary_key=True)
    device = models.ForeignKey(
        OfflineDevice, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    seq = models.BigIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=32)
    digest = models.CharField(_("SHA-256 of the signed item"), max_length=64)
    received_at = models.DateTimeField(_("received at"))
    made_at_device = models.CharField(_("made at (device's clock)"), max_length=40)
    made_at = models.DateTimeField(_("made at (server's estimate)"))
    status = models.CharField(_("status"), max_length=16, choices=OfflineItemStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    feedback = models.JSONField(_("feedback"), null=True, blank=True)
    record_id = models.UUIDField(_("learner record"), null=True, blank=True)

    class Meta:
        verbose_name = _("offline activity item")
        constraints = [
            models.UniqueConstraint(fields=["device", "seq"], name="offline_item_device_seq")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id}"
