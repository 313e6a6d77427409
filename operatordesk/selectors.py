"""Reads for the operator's page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from nodes.identity import node_identity
from nodes.models import Enrolment, NodeRole, Peer, PeerExchange
from nodes.selectors import clock_behind, hub_peer, is_hub, this_node
from nodes.wording import describe_duration
from recordsync.selectors import outbox_summary


def operator_overview() -> dict:
    """Who this node is, its hub, the clock check, what waits to go, the last exchanges."""
    hub = hub_peer()
    behind = clock_behind()
    return {
        "is_hub": is_hub(),
        "node": this_node(),
        "node_id": node_identity().node_id,
        "hub": hub,
        "clock_behind": describe_duration(behind) if behind is not None else "",
        "outbox": outbox_summary(),
        "exchanges": PeerExchange.objects.all()[:8],
    }


def packet_recipients() -> QuerySet[Peer]:
    """At headquarters: the posts a packet can be written for. A packet is sealed to a post's
    key, which headquarters holds once the post enrolled over the network or sent its first
    packet."""
    return Peer.objects.filter(role=NodeRole.POST)


def posts_awaiting_first_packet() -> list[Enrolment]:
    """At headquarters: posts invited with an enrolment file whose first packet has not come
    yet (the invitation is unused and still valid)."""
    return list(
        Enrolment.objects.filter(used_by__isnull=True, expires_at__gt=timezone.now()).order_by(
            "name"
        )
    )
