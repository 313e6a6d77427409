"""Audit entries and checkpoints (node records: immutable, stamped, synced), and each node's
chain head (local bookkeeping, never synced)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nodes.records import NodeRecord


def _person(name: str) -> models.ForeignKey:
    """A user the entry names (PROTECT: someone in the trail is never deleted under it)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=name,
    )


class AuditEntry(NodeRecord):
    """One action: who (``actor``, None for the system, and their name as it was), what
    (``action``, a dotted code; ``subject``, the thing's short id; ``before``/``after``), about
    whom (``officer``, with their country and post as they were, so a coordinator's scope
    filters the trail as it stood), when (``recorded_at``) and where (``origin_node``).
    ``chain_index`` counts a node's entries 1, 2, 3...; ``entry_hash`` covers every field and
    ``prev_hash`` (``audittrail.chain``). Made only by ``services.audit_record``."""

    actor = _person(_("who"))
    actor_name = models.CharField(_("who (name)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=60)
    officer = _person(_("officer"))
    officer_country = models.CharField(_("officer's country"), max_length=2, blank=True)
    officer_post = models.CharField(_("officer's border post"), max_length=40, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    chain_index = models.PositiveBigIntegerField(_("number in the node's trail"))
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta(NodeRecord.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        constraints = [
            *NodeRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["origin_node", "chain_index"], name="audittrail_entry_chain_index"
            ),
        ]
        indexes = [
            models.Index(fields=["recorded_at"], name="audittrail_entry_time"),
            models.Index(fields=["officer_country", "officer_post"], name="audittrail_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.action} #{self.chain_index}"


class AuditCheckpoint(NodeRecord):
    """A node's Ed25519 signature over its id, the index and hash of its newest entry, and
    the time (``recorded_at``): proof that its trail reached that far, carried by sync, so a
    trail cut short after it is found."""

    chain_index = models.PositiveBigIntegerField(_("newest entry"))
    entry_hash = models.CharField(max_length=64)
    signature = models.CharField(max_length=100)

    class Meta(NodeRecord.Meta):
        verbose_name = _("audit checkpoint")

    def __str__(self) -> str:
        return f"{self.origin_node} @ {self.chain_index}"


class AuditHead(models.Model):
    """The newest entry of this node's own trail, locked by ``audit_record`` so two concurrent
    actions never take the same number. Derived from the entries (rebuilt from them when
    missing); never synced."""

    node_id = models.UUIDField(primary_key=True)
    last_index = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.node_id}: {self.last_index}"
