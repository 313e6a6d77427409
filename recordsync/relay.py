"""Relaying: a post keeps another post's chunks verbatim, with their signatures, and carries
them to the hub in its next packet, until the hub says it holds them."""

from __future__ import annotations

import hashlib
import uuid

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nodes.container import Container
from nodes.identity import node_identity
from nodes.selectors import hub_peer, node_name, trusted_key

from . import ranges as rng
from .models import RelayChunk
from .selectors import peer_holdings
from .summaries import ExportSummary, ImportSummary
from .verify import Listed
from .wire import chunk_signature_valid, hub_id, max_relay_chunks


def relay_store(
    container: Container, listing: list[Listed], summary: ImportSummary, *, via: uuid.UUID
) -> None:
    """At a post: keep another post's chunks for the hub, verbatim with their signatures."""
    me = node_identity().node_id
    room = max(0, max_relay_chunks() - RelayChunk.objects.count())
    known = set(
        RelayChunk.objects.filter(sha256__in=[c.sha256 for c in listing]).values_list(
            "sha256", flat=True
        )
    )
    hub_has = peer_holdings(hub_peer().node_id)
    skipped = 0
    for listed in listing:
        if listed.origin == me or listed.sha256 in known:
            continue
        if rng.covers(hub_has.get(listed.origin, []), listed.seqs):
            continue  # headquarters already has them
        if room <= 0:
            skipped += listed.count
            continue
        RelayChunk.objects.create(
            sha256=listed.sha256,
            origin=listed.origin,
            table=listed.table.name,
            signer=listed.signer,
            signature=listed.signature,
            count=listed.count,
            seqs=listed.seqs,
            data=container.read(listed.part),
        )
        known.add(listed.sha256)
        room -= 1
        summary.relayed += listed.count
    if skipped:
        summary.warnings.append(
            _(
                "%(count)d records could not be carried: this post already carries as much as "
                "it may for other posts. Take that post's packet to headquarters directly."
            )
            % {"count": skipped}
        )


def relays_recheck(relays: list[RelayChunk], summary: ExportSummary) -> list[RelayChunk]:
    """The carried chunks that still verify (their bytes match their hash, and their signer
    may speak for their origin and signed them), checked again before each packet: one
    damaged chunk would make the hub refuse the whole packet, this post's own records with
    it, at every sync. A bad one is dropped and reported; its origin still has its records."""
    hub = hub_id()
    good = []
    for relay in relays:
        data, signer = bytes(relay.data), relay.signer
        key = trusted_key(signer) if signer in (relay.origin, hub) else None
        if (
            key is not None
            and hashlib.sha256(data).hexdigest() == relay.sha256
            and chunk_signature_valid(key, relay.sha256, relay.signature)
        ):
            good.append(relay)
            continue
        relay.delete()
        summary.warnings.append(
            ngettext(
                "%(count)d record carried for %(name)s no longer verifies (damaged here) and "
                "was dropped; that post still has it and sends it itself.",
                "%(count)d records carried for %(name)s no longer verify (damaged here) and "
                "were dropped; that post still has them and sends them itself.",
                relay.count,
            )
            % {"count": relay.count, "name": node_name(relay.origin)}
        )
    return good


def relay_prune() -> None:
    """Forget carried chunks the hub says it holds."""
    hub = hub_peer()
    if hub is None:
        return
    hub_has = peer_holdings(hub.node_id)
    done = [
        pk
        for pk, origin, seqs in RelayChunk.objects.values_list("pk", "origin", "seqs")
        if rng.covers(hub_has.get(origin, []), seqs)
    ]
    if done:
        RelayChunk.objects.filter(pk__in=done).delete()
