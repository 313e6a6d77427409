"""Reads for the operator's page."""

from __future__ import annotations

from nodes.identity import node_identity
from nodes.models import PeerExchange
from nodes.peers import clock_behind, describe_duration, hub_peer, is_hub, this_node
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
