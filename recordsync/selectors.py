"""Reads for record sync: what this node holds, what a peer holds, and what is waiting to go."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min

from nodes.identity import node_identity
from nodes.models import Peer, PeerExchange
from nodes.peers import hub_peer

from . import ranges as rng
from .models import PeerHoldings, PendingRecord, RejectedRecord, RelayChunk
from .registry import tables


def holdings() -> dict[uuid.UUID, rng.Ranges]:
    """What this node holds, per origin, as ranges of sequence numbers: its records of every
    synced table, plus records waiting here or refused here (they need not be sent again)."""
    seqs: dict[uuid.UUID, list[int]] = defaultdict(list)
    for table in tables():
        rows = table.model.objects.values_list("origin_node", "origin_seq")
        for origin, seq in rows.iterator(chunk_size=20_000):
            seqs[origin].append(seq)
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
    for table in tables():
        rows = table.model.objects.filter(origin_node=me, origin_seq__gte=start).values_list(
            "origin_seq", "recorded_at"
        )
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


@dataclass(frozen=True)
class PeerState:
    """What this node knows of a peer's holdings and of the last exchanges with it."""

    peer: Peer | None
    holds: dict[uuid.UUID, int]  # origin -> number of records the peer said it holds
    last_sent: PeerExchange | None
    last_received: PeerExchange | None
    waiting_here: int = 0  # records received that wait for another (any sender)
    refused_here: int = 0  # records received that were refused (any sender)
    oldest_waiting: datetime.datetime | None = None
    extra: dict = field(default_factory=dict)


def peer_state(node_id: uuid.UUID) -> PeerState:
    exchanges = PeerExchange.objects.filter(peer_id=node_id)
    return PeerState(
        peer=Peer.objects.filter(node_id=node_id).first(),
        holds={origin: rng.count(ranges) for origin, ranges in peer_holdings(node_id).items()},
        last_sent=exchanges.filter(direction="sent").first(),
        last_received=exchanges.filter(direction="received").first(),
        waiting_here=PendingRecord.objects.count(),
        refused_here=RejectedRecord.objects.count(),
        oldest_waiting=PendingRecord.objects.aggregate(oldest=Min("received_at"))["oldest"],
    )
