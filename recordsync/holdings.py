"""What a node holds: as this node keeps it (``HeldRecords``, ADR 0030), as a packet's header
says it, and as this node notes what a peer holds."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nodes.identity import node_identity
from nodes.models import Peer
from nodes.selectors import node_name
from nodes.services import sequence_at_least

from . import ranges as rng
from .models import HeldRecords, PeerHoldings
from .selectors import holdings_scanned, own_made_after, peer_holdings
from .summaries import ImportSummary


def held_add(added: dict[uuid.UUID, rng.Ranges]) -> None:
    """Note that this node now holds the records ``added`` (ranges by origin). Precondition:
    inside the transaction that stores them, so the ranges never claim a record that a
    rolled-back or cut-off import did not store. The origins' rows are locked while they are
    changed (two imports at the hub never lose each other's ranges)."""
    added = {origin: ranges for origin, ranges in added.items() if ranges}
    if not added:
        return
    current = dict(
        HeldRecords.objects.select_for_update()
        .filter(origin__in=list(added))
        .values_list("origin", "ranges")
    )
    for origin, ranges in added.items():
        if origin not in current:
            HeldRecords.objects.create(origin=origin, ranges=ranges)
            continue
        merged = rng.merged(current[origin], ranges)
        if merged != current[origin]:
            HeldRecords.objects.filter(origin=origin).update(ranges=merged)


def held_locked(origins: list[uuid.UUID]) -> dict[uuid.UUID, rng.Ranges]:
    """What this node holds of ``origins``, their rows locked until the transaction ends: an
    import asks the tables only about numbers these ranges claim (the rest cannot be here),
    and two imports of one origin at the hub take turns. Precondition: inside the applying
    transaction, after ``held_build``."""
    HeldRecords.objects.bulk_create(
        [HeldRecords(origin=origin, ranges=[]) for origin in origins], ignore_conflicts=True
    )
    return dict(
        HeldRecords.objects.select_for_update()
        .filter(origin__in=origins)
        .values_list("origin", "ranges")
    )


def held_build() -> None:
    """Build this node's holdings from its tables, once (the first export after an upgrade),
    and note its own records made since the last time. What imports noted meanwhile is kept
    (a union: nothing is claimed that is not stored)."""
    with transaction.atomic():
        if not HeldRecords.objects.filter(origin=HeldRecords.BUILT).exists():
            held_add(holdings_scanned())
            HeldRecords.objects.create(origin=HeldRecords.BUILT, ranges=[])
            return
        me = node_identity().node_id
        held = HeldRecords.objects.filter(origin=me).values_list("ranges", flat=True).first()
        newer = own_made_after(me, held or [])
        if newer:
            held_add({me: rng.to_ranges(newer)})


def have_json(have: dict[uuid.UUID, rng.Ranges]) -> dict[str, rng.Ranges]:
    return {str(origin): ranges for origin, ranges in sorted(have.items(), key=lambda i: str(i[0]))}


def have_parse(value: object) -> dict[uuid.UUID, rng.Ranges]:
    if not isinstance(value, dict):
        raise ValueError("have must be an object")
    return {uuid.UUID(origin): rng.parse(ranges) for origin, ranges in value.items()}


def holdings_note(
    *, peer_id: uuid.UUID, have: dict[uuid.UUID, rng.Ranges], current: bool, summary: ImportSummary
) -> None:
    """Take what ``peer_id`` says it holds now as what it holds (never a union with what it said
    before: a peer restored from a backup has lost records, and only its word now says which).
    ``current`` is False for a statement older than one already read (an old packet read late):
    it still replaces the holdings (at worst records go again, and arrive once) but warns of
    nothing. Tells the operator (``summary.warnings``) of records of this node the peer no
    longer holds (``summary.peer_lost``: they go again), and of numbers of this node's the peer
    holds beyond this database's counter (it went back in time: it continues after them)."""
    me = node_identity().node_id
    known = peer_holdings(peer_id)
    notices = summary.warnings
    lost = rng.count(rng.difference(known.get(me, []), have.get(me, [])))
    if lost and current:
        summary.peer_lost = lost
        notices.append(
            ngettext(
                "%(name)s no longer holds %(count)d record made here (restored from an older "
                "backup?); it is being sent again.",
                "%(name)s no longer holds %(count)d records made here (restored from an older "
                "backup?); they are being sent again.",
                lost,
            )
            % {"name": node_name(peer_id), "count": lost}
        )
    if have.get(me) and sequence_at_least(node_id=me, value=have[me][-1][1]):
        notices.append(
            _(
                "This node's database is older than what %(name)s holds from it (restored from "
                "a backup?): new records are numbered after number %(seq)d, so none is reused."
            )
            % {"name": node_name(peer_id), "seq": have[me][-1][1]}
        )
    if known != have:
        now = timezone.now()
        PeerHoldings.objects.filter(peer_id=peer_id).exclude(origin__in=list(have)).delete()
        for origin, ranges in have.items():
            if known.get(origin) != ranges:
                PeerHoldings.objects.update_or_create(
                    peer_id=peer_id, origin=origin, defaults={"ranges": ranges, "updated_at": now}
                )


def said_lately(sender: uuid.UUID, created: str) -> bool:
    """Whether a file ``sender`` signed at ``created`` is not older than the newest it signed
    that this node has read (by the sender's own clock)."""
    latest = Peer.objects.filter(node_id=sender).values_list("latest_signed_time", flat=True)
    stamp = parse_datetime(created or "")
    return not latest or latest[0] is None or stamp is None or stamp >= latest[0]
