"""The shape every synced record shares: a UUID, the node that made it and that node's
sequence number, unique together, and immutability. Learner records, quiz attempts and
submissions, certificates, their corrections and revocations, and profile records are all of
this shape, so sync can move any of them by union; the unique ``(origin_node, origin_seq)`` is
what makes receiving a record twice harmless."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .services import sequence_next


class ImmutableRecordError(Exception):
    """Raised on any attempt to change or delete a record."""


class RecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecordError("Records are immutable.")

    def delete(self):
        raise ImmutableRecordError("Records are immutable.")


class NodeRecord(models.Model):
    """Abstract base of immutable, node-stamped records. Create them with ``stamped()``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    origin_node = models.UUIDField(_("origin node"))
    origin_seq = models.BigIntegerField(_("origin sequence number"))
    recorded_at = models.DateTimeField(_("recorded at"))

    objects = RecordQuerySet.as_manager()

    class Meta:
        # A concrete record's Meta inherits this one (``class Meta(NodeRecord.Meta)``), and one
        # that declares constraints of its own adds them to ``NodeRecord.Meta.constraints``:
        # ``recordsync.checks`` refuses to start when a synced table lacks this constraint.
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["origin_node", "origin_seq"], name="%(app_label)s_%(class)s_origin_seq"
            )
        ]

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecordError("Records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError("Records are immutable.")

    @classmethod
    def stamped(cls, **fields):
        """Create a record with this node's next sequence number. Precondition: inside the
        transaction that must commit it (``sequence_next`` checks)."""
        node_id, seq = sequence_next()
        return cls.objects.create(origin_node=node_id, origin_seq=seq, **fields)
