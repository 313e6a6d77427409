"""The audit trail's tables that sync (``nodes.syncing``): entries and checkpoints. They go up
only: a post sends its own trail to headquarters, which keeps every post's, and the hub sends
none to posts (``to_posts``), so a trail held anywhere is whole as its maker wrote it (ADR 0033).
Sync accepts a chunk only from the node that made its rows (or the hub for rows it relays:
``recordsync.verify``); a checkpoint whose signature is not its maker's is refused here."""

from __future__ import annotations

import datetime
import uuid

from django.utils.translation import gettext as _

from nodes.syncing import SyncedTable, WireRow

from .selectors import checkpoint_valid
from .services import audit_before_export


def _checkpoints_refused(rows: list[WireRow]) -> dict[tuple[str, int], str]:
    refused: dict[tuple[str, int], str] = {}
    for row in rows:
        try:
            valid = checkpoint_valid(
                node=uuid.UUID(row["origin_node"]),
                index=int(row["chain_index"]),
                entry_hash=str(row["entry_hash"]),
                time=datetime.datetime.fromisoformat(row["recorded_at"]),
                signature=str(row["signature"]),
            )
        except (TypeError, ValueError):
            valid = False
        if not valid:
            refused[(row["origin_node"], row["origin_seq"])] = _(
                "its signature is not that of the node it claims to come from: the audit "
                "checkpoint may have been forged"
            )
    return refused


SYNCED = [
    SyncedTable(
        "audit_entry",
        "audittrail.AuditEntry",
        scope="officer__uuid",
        label="audit entry",
        to_posts=False,
    ),
    SyncedTable(
        "audit_checkpoint",
        "audittrail.AuditCheckpoint",
        scope="",
        label="audit checkpoint",
        to_posts=False,
        refused=_checkpoints_refused,
        before_export=audit_before_export,
    ),
]
