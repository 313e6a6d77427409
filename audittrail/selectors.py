"""Reads of the audit trail: an entry's hashed fields, and every held trail checked
(``trails_verify``, what ``audit_verify`` prints and the audit page shows)."""

from __future__ import annotations

import base64
import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from django.db.models import QuerySet

from nodes.selectors import node_name, trusted_key

from . import chain
from .models import AuditCheckpoint, AuditEntry

# What a row of the trail is read as to be hashed (``values()`` lookups).
_READ = {
    "id": "id",
    "origin_node": "origin_node",
    "origin_seq": "origin_seq",
    "recorded_at": "recorded_at",
    "chain_index": "chain_index",
    "actor": "actor__uuid",
    "actor_name": "actor_name",
    "action": "action",
    "officer": "officer__uuid",
    "officer_country": "officer_country",
    "officer_post": "officer_post",
    "subject": "subject",
    "before": "before",
    "after": "after",
}


def iso(moment: datetime.datetime) -> str:
    """A time as the chain hashes and signs it: ISO 8601 in UTC, to the microsecond."""
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def _hex(value: Any) -> str:
    return "" if value is None else uuid.UUID(str(value)).hex


def _hashed(values: dict[str, Any]) -> dict[str, Any]:
    """The hashed fields (``chain.HASHED``) of an entry read as ``values``."""
    return values | {
        "id": _hex(values["id"]),
        "origin_node": _hex(values["origin_node"]),
        "recorded_at": iso(values["recorded_at"]),
        "actor": _hex(values["actor"]),
        "officer": _hex(values["officer"]),
    }


def entry_fields(entry: AuditEntry) -> dict[str, Any]:
    """The hashed fields of an entry about to be saved."""
    people = {"actor", "officer"}
    values = {name: getattr(entry, name) for name in chain.HASHED if name not in people}
    for name in people:
        person = getattr(entry, name)
        values[name] = person.uuid if person is not None else None
    return _hashed(values)


def _entries(node: uuid.UUID) -> Iterator[chain.Entry]:
    rows = (
        AuditEntry.objects.filter(origin_node=node)
        .order_by("chain_index")
        .values(*_READ.values(), "prev_hash", "entry_hash")
    )
    for row in rows.iterator(chunk_size=2000):
        values = {name: row[lookup] for name, lookup in _READ.items()}
        yield chain.Entry(
            index=row["chain_index"],
            fields=_hashed(values),
            prev_hash=row["prev_hash"],
            entry_hash=row["entry_hash"],
        )


def checkpoint_valid(
    *, node: uuid.UUID, index: int, entry_hash: str, time: datetime.datetime, signature: str
) -> bool:
    """Whether ``signature`` is ``node``'s over the checkpoint; False for a node not trusted."""
    key = trusted_key(node)
    if key is None:
        return False
    message = chain.checkpoint_message(
        node=node.hex, index=index, entry_hash=entry_hash, time=iso(time)
    )
    try:
        key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _checkpoints(node: uuid.UUID) -> list[chain.Checkpoint]:
    return [
        chain.Checkpoint(
            index=mark.chain_index,
            entry_hash=mark.entry_hash,
            time=iso(mark.recorded_at),
            signature_valid=checkpoint_valid(
                node=node,
                index=mark.chain_index,
                entry_hash=mark.entry_hash,
                time=mark.recorded_at,
                signature=mark.signature,
            ),
        )
        for mark in AuditCheckpoint.objects.filter(origin_node=node).order_by("chain_index")
    ]


@dataclass(frozen=True)
class TrailStatus:
    """One node's trail as this node holds it, checked."""

    node: uuid.UUID
    name: str
    walk: chain.Walk

    @property
    def ok(self) -> bool:
        return self.walk.problem is None

    def as_json(self) -> dict[str, Any]:
        problem = self.walk.problem
        return {
            "node": str(self.node),
            "name": self.name,
            "entries": self.walk.entries,
            "last_index": self.walk.last_index,
            "checkpoints": self.walk.checkpoints,
            "ok": self.ok,
            "problem": None
            if problem is None
            else {"index": problem.index, "kind": problem.kind, "detail": problem.detail},
        }


def trail_nodes() -> list[uuid.UUID]:
    """Every node whose trail (entries or checkpoints) this node holds."""
    found = set(AuditEntry.objects.values_list("origin_node", flat=True).distinct())
    found |= set(AuditCheckpoint.objects.values_list("origin_node", flat=True).distinct())
    return sorted(uuid.UUID(str(node)) for node in found)


def trails_verify(*, node: uuid.UUID | None = None) -> list[TrailStatus]:
    """Every held trail (or ``node``'s) walked: each hash recomputed, each link and checkpoint
    checked, the first broken link named."""
    nodes = [node] if node is not None else trail_nodes()
    return [
        TrailStatus(
            node=found,
            name=node_name(found),
            walk=chain.trail_walk(_entries(found), _checkpoints(found)),
        )
        for found in nodes
    ]


def audit_entries() -> QuerySet[AuditEntry]:
    """Every entry held, newest first, with who and about whom."""
    return AuditEntry.objects.select_related("actor", "officer").order_by(
        "-recorded_at", "-origin_seq"
    )
