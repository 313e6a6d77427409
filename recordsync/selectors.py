"""Reads for record sync: what this node holds, what a peer holds, and what is waiting to go."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass

from nodes.identity import node_identity
from nodes.selectors import hub_peer

from . import ranges as rng
from .models import HeldRecords, PeerHoldings, PendingRecord, RejectedRecord, RelayChunk
from .registry import TABLES


def holdings() -> dict[uuid.UUID, rng.Ranges]:
    """What this node holds, per origin, as ranges of sequence numbers: its records of every
    synced table, plus records waiting here or refused here (they need not be sent again).

    Read from ``HeldRecords`` (a few rows, kept in the transactions that store records), plus
    this node's own records numbered after its last range; until the ranges are built once
    (``holdings.held_build``), from the tables themselves."""
    stored = dict(HeldRecords.objects.values_list("origin", "ranges"))
    if stored.pop(HeldRecords.BUILT, None) is None:
        return holdings_scanned()
    me = node_identity().node_id
    newer = own_made_after(me, stored.get(me, []))
    if newer:
        stored[me] = rng.union(stored.get(me, []), rng.to_ranges(newer))
    return stored


def own_made_after(me: uuid.UUID, held: rng.Ranges) -> list[int]:
    """The numbers of this node's records made after the last of ``held`` (read through the
    ``(origin_node, origin_seq)`` index: only the new ones). This node hands out its numbers
    in the order their transactions commit, so none is missed below the last one."""
    after = held[-1][1] if held else 0
    return [
        seq
        for table in TABLES
        for seq in table.model._default_manager.filter(
            origin_node=me, origin_seq__gt=after
        ).values_list("origin_seq", flat=True)
    ]


def holdings_scanned() -> dict[uuid.UUID, rng.Ranges]:
    """``holdings()`` read from every row of every synced table (and the waiting and refused
    records): what ``HeldRecords`` is built from once."""
    seqs: dict[uuid.UUID, list[int]] = defaultdict(list)
    for table in TABLES:
        # Origin by origin, through the (origin_node, origin_seq) index: a first export of
        # 100,000 records made no UUID of each row's origin (most of this scan's time).
        rows = table.model._default_manager
        for origin in rows.values_list("origin_node", flat=True).order_by().distinct():
            found = rows.filter(origin_node=origin).values_list("origin_seq", flat=True)
            seqs[origin] += found.order_by().iterator(chunk_size=20_000)
    for model in (PendingRecord, RejectedRecord):
        for origin, seq in model.objects.values_list("origin", "seq").iterator(chunk_size=20_000):
            seqs[origin].append(seq)
    return {origin: rng.to_ranges(values) for origin, values in seqs.items()}


def peer_holdings(peer_id: uuid.UUID) -> dict[uuid.UUID, rng.Ranges]:
    """What ``peer_id`` has said it holds (the union of everything it ever said)."""
    return dict(PeerHoldings.objects.filter(peer_id=peer_id).values_list("origin", "ranges"))


@dataclass(frozen=True)
class Outbox:
    """What waits at this post to go to headquarters."""

    hub_name: str
    by_table: dict[str, int]  # table label -> records headquarters does not hold yet
    oldest: datetime.datetime | None  # when the oldest of them was recorded (this clock)
    carried: int  # records of other posts carried for headquarters
    hub_known: bool  # False until headquarters has said what it holds

    @property
    def total(self) -> int:
        return sum(self.by_table.values()) + self.carried


def outbox_summary() -> Outbox:
    """Records made here that headquarters does not hold yet (as far as its last packet said),
    per table, with the oldest one's time, and the records carried for other posts."""
    hub = hub_peer()
    me = node_identity().node_id
    held = peer_holdings(hub.node_id).get(me, []) if hub else []
    start = rng.first_missing(held)
    by_table: dict[str, int] = {}
    oldest = None
    for table in TABLES:
        rows = table.model._default_manager.filter(
            origin_node=me, origin_seq__gte=start
        ).values_list("origin_seq", "recorded_at")
        waiting = [at for seq, at in rows.iterator() if not rng.contains(held, seq)]
        if waiting:
            by_table[table.label] = len(waiting)
            first = min(waiting)
            oldest = first if oldest is None else min(oldest, first)
    carried = sum(RelayChunk.objects.values_list("count", flat=True))
    return Outbox(
        hub_name=hub.name if hub else "",
        by_table=by_table,
        oldest=oldest,
        carried=carried,
        hub_known=bool(hub and PeerHoldings.objects.filter(peer_id=hub.node_id).exists()),
    )
