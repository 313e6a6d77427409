"""Writes for node identity: handing out sequence numbers."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import F

from .identity import node_identity
from .models import NodeSequence


def sequence_next(*, node_id: uuid.UUID | None = None) -> tuple[uuid.UUID, int]:
    """Return (node id, next sequence number) for this node.

    Precondition: call inside the transaction that writes the record taking the number, so both
    commit together. The row is updated with ``F()`` under the database's write lock (SQLite
    runs IMMEDIATE transactions; PostgreSQL locks the row), so two concurrent callers never get
    the same number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_next() must run inside transaction.atomic()")
    node_id = node_id or node_identity().node_id
    NodeSequence.objects.get_or_create(node_id=node_id)
    NodeSequence.objects.filter(node_id=node_id).update(last_value=F("last_value") + 1)
    value = NodeSequence.objects.values_list("last_value", flat=True).get(node_id=node_id)
    return node_id, value
