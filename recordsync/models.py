"""What this node keeps to sync records: what each peer holds, packets already imported, records
waiting for what they depend on, records refused, and other posts' chunks it carries to the hub.

None of these is a learner record: they are this node's bookkeeping and never travel. Each is
bounded: holdings are ranges (a few numbers per origin), waiting records and carried chunks
have a ceiling and are pruned as soon as they are no longer needed.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeerHoldings(models.Model):
    """What a peer said it holds of one origin's records (ranges of sequence numbers), as it
    said it last: a peer restored from a backup holds less than it once did (ADR 0007,
    Restores). An old packet read late can make records go again; they arrive once."""

    peer_id = models.UUIDField()
    origin = models.UUIDField()
    ranges = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("records a peer holds")
        constraints = [
            models.UniqueConstraint(fields=["peer_id", "origin"], name="holdings_peer_origin")
        ]

    def __str__(self) -> str:
        return f"{self.peer_id} holds {self.origin}: {self.ranges}"


class HeldRecords(models.Model):
    """What this node holds of one origin's records (ranges of sequence numbers): its synced
    tables' rows, and the records waiting or refused here. Kept up to date in the transaction
    that stores the records, so it never claims a record that is not stored (ADR 0030); this
    node's own newest records are found past the last range (numbers are handed out in commit
    order). The row of origin ``BUILT`` says the ranges were built from the tables once."""

    BUILT = uuid.UUID(int=0)

    origin = models.UUIDField(unique=True)
    ranges = models.JSONField(default=list)

    class Meta:
        verbose_name = _("records this node holds")

    def __str__(self) -> str:
        return f"{self.origin}: {self.ranges}"


class ImportedPacket(models.Model):
    """A packet imported here, by its SHA-256: a replay is recognised and changes nothing."""

    sha256 = models.CharField(max_length=64, unique=True)
    sender = models.UUIDField()
    imported_at = models.DateTimeField(default=timezone.now)
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("imported packet")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.sha256[:12]


class PendingRecord(models.Model):
    """A received record whose officer or referred-to record is not on this node yet. Tried
    again after every import; it applies as soon as what it needs arrives."""

    table = models.CharField(max_length=40)
    origin = models.UUIDField()
    seq = models.BigIntegerField()
    data = models.JSONField()
    reason = models.TextField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("record waiting for another")
        ordering = ["origin", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "seq", "table"], name="pending_origin_seq")
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.origin}:{self.seq}"


class RejectedRecord(models.Model):
    """A received record that can never apply here (it clashes with one already stored), kept
    with the reason so an administrator can see it; it is never silently dropped."""

    table = models.CharField(max_length=40)
    origin = models.UUIDField()
    seq = models.BigIntegerField()
    data = models.JSONField()
    reason = models.TextField()
    rejected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("refused record")
        ordering = ["-rejected_at"]
        constraints = [
            models.UniqueConstraint(fields=["origin", "seq", "table"], name="rejected_origin_seq")
        ]

    def __str__(self) -> str:
        return f"{self.table} {self.origin}:{self.seq}: {self.reason}"


class RelayChunk(models.Model):
    """At a post: a chunk of another post's records, from a packet addressed to the hub that
    passed through here (a USB stick visiting two posts). Kept verbatim with its signature,
    sent on in this post's packets to the hub, and deleted once the hub says it holds them."""

    sha256 = models.CharField(max_length=64, unique=True)
    origin = models.UUIDField()
    table = models.CharField(max_length=40)
    signer = models.UUIDField()
    signature = models.CharField(max_length=100)
    count = models.PositiveIntegerField()
    seqs = models.JSONField()
    data = models.BinaryField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("chunk carried for another post")
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"{self.table} of {self.origin} ({self.count})"


class RecomputeDue(models.Model):
    """An officer and course whose derived state must be made again from newly merged records,
    under the topic the records' table named (``nodes.syncing.Touched``): only the derive steps
    that hear it are given the pair. Written in the transaction that applies the records,
    removed once derived, so an import killed between the two still has it done by the next
    import. A note with no topic (written before topics were) is for every derive step."""

    topic = models.CharField(max_length=64, default="", blank=True)
    learner_id = models.BigIntegerField()
    course_key = models.UUIDField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "learner_id", "course_key"], name="recompute_once_a_topic"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id}: {self.course_key}"
