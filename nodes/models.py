"""The node's sequence counter: one row per origin node this database has a counter for."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NodeSequence(models.Model):
    """The last sequence number handed out on this node.

    Only ``nodes.services.sequence_next`` changes it, inside the caller's transaction, so a
    record and its sequence number commit (or roll back) together and numbers are never reused.
    """

    node_id = models.UUIDField(primary_key=True)
    last_value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.node_id}: {self.last_value}"


class NodeRole(models.TextChoices):
    HUB = "hub", _("Headquarters (hub)")
    POST = "post", _("Border post")


class Peer(models.Model):
    """Another node this one trusts: at a post, the hub it is enrolled with (and the other posts
    the hub told it about); at the hub, every enrolled post. Its public key checks what it signs."""

    node_id = models.UUIDField(primary_key=True)
    role = models.CharField(_("role"), max_length=10, choices=NodeRole.choices)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    post_code = models.CharField(_("border post code"), max_length=40, blank=True)
    public_key = models.CharField(_("public key (hex)"), max_length=64, unique=True)
    url = models.URLField(_("address"), blank=True)
    number = models.PositiveIntegerField(
        _("enrolment number"),
        null=True,
        blank=True,
        help_text=_("Given by the hub to each post in turn (certificate codes use it)."),
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    pending_claim = models.JSONField(
        _("enrolment claim not yet acknowledged"),
        null=True,
        blank=True,
        help_text=_("At a post: sent with every packet until the hub confirms the enrolment."),
    )
    latest_signed_time = models.DateTimeField(
        _("latest time it signed"),
        null=True,
        blank=True,
        help_text=_("Its clock, as stated in the newest file it signed: a check on this one's."),
    )

    class Meta:
        verbose_name = _("node")
        ordering = ["role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Enrolment(models.Model):
    """At the hub: a one-time invitation for a post. Only the token's hash is kept."""

    token_hash = models.CharField(max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, blank=True)
    post_code = models.CharField(_("border post code"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("enrolment number"), unique=True, null=True)
    border_post = models.JSONField(
        _("border post"), null=True, blank=True, help_text=_("As the hub describes it.")
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_by = models.UUIDField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class PeerExchange(models.Model):
    """What was sent to or received from a peer, and when (kept short: the newest per kind
    matters to the operator)."""

    class Direction(models.TextChoices):
        SENT = "sent", _("sent")
        RECEIVED = "received", _("received")

    peer_id = models.UUIDField()
    direction = models.CharField(max_length=10, choices=Direction.choices)
    what = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["peer_id", "-at"], name="exchange_peer_at")]

    def __str__(self) -> str:
        return f"{self.direction} {self.what} ({self.count})"


class ThisNode(models.Model):
    """This node's own name, post and enrolment number (one row), written when a post is
    enrolled."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    post_code = models.CharField(_("border post code"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("enrolment number"), null=True, blank=True)
    border_post = models.JSONField(
        _("border post"), null=True, blank=True, help_text=_("As headquarters describes it.")
    )

    def __str__(self) -> str:
        return self.name
