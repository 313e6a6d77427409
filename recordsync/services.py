"""Writes of record sync, its public entry points: exporting a packet, importing one, and
syncing over HTTP (at a post ``sync_run``, at the hub ``exchange_answer``).

Each step lives in its own module: ``export`` (what a packet holds), ``verify`` (everything
checked before anything applies), ``apply`` (rows in, waiting or refused), ``derive`` (the
state new rows imply), ``relay`` (a post carrying another's chunks), ``transport`` (HTTP),
``holdings`` and ``summaries``; ``wire`` holds the format they share. What a synced table
needs beyond that is declared by the app that owns it (``nodes.syncing``,
``recordsync.registry``).

Importing checks the packet's signatures first, then reads, checks and applies each chunk once,
all in one transaction: on any doubt the whole packet is refused and nothing changes, and a
packet read twice, out of order or cut short loses and duplicates nothing.
"""

from __future__ import annotations

import datetime
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nodes.container import (
    Container,
    ContainerError,
    container_bytes,
    no_space,
    no_space_error,
    open_container,
    receive_container,
    write_container,
)
from nodes.http import LinkError, node_request
from nodes.identity import node_identity
from nodes.models import Peer
from nodes.selectors import EnrolmentError, hub_peer, is_hub, key_for_packet, node_name, trusted_key
from nodes.services import enrolment_accept, exchange_log, peers_roster_apply, signed_time_note
from nodes.wording import describe_duration

from .apply import apply_listing
from .derive import derive_due
from .export import export, log_sent
from .holdings import have_parse, holdings_note, said_lately
from .models import ImportedPacket
from .relay import relay_prune, relay_store
from .summaries import ExportSummary, ImportSummary, SyncResult
from .transport import exchange_request, sync_lock
from .verify import checked_listing, key_for_carrying
from .wire import (
    EXCHANGE_KIND,
    EXCHANGE_MAX_HEADER,
    EXCHANGE_PART,
    EXCHANGE_PATH,
    FORMAT_VERSION,
    IMPORTED_KEEP_DAYS,
    PACKET_KIND,
    READABLE_FORMATS,
    PacketRefused,
    Progress,
    SyncError,
    chunks_per_request,
    max_body,
    refuse,
)


def packet_export(
    *,
    path: Path | None,
    recipient: uuid.UUID | None = None,
    everything: bool = False,
    max_chunks: int | None = None,
    progress: Progress = None,
) -> ExportSummary:
    """Write a packet of what ``recipient`` lacks to ``path`` (atomically).

    At a post the recipient is its hub (``recipient`` may be omitted); the packet holds this
    post's own records the hub does not hold yet, and the chunks it carries for other posts.
    At the hub ``recipient`` is a post (required); the packet holds what that post needs: the
    records of officers who are or were at the post from every node (each synced table's
    ``scope``), and the rows that make every officer those records name. What the recipient
    holds is known from its last packet; without that, or with ``everything``, all of it is
    sent (a union: nothing is duplicated on arrival). Raises SyncError (not enrolled, unknown
    recipient) or ContainerError (full disk: nothing written).
    """
    spool_in = Path(settings.DATA_DIR)
    spool_in.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".packet-", dir=spool_in) as spool:
        meta, parts, summary = export(
            recipient=recipient,
            everything=everything,
            max_chunks=max_chunks,
            progress=progress,
            spool=Path(spool),
        )
        if path is not None:
            write_container(Path(path), kind=PACKET_KIND, meta=meta, parts=parts)
            summary.path = str(path)
            summary.size = Path(path).stat().st_size
    log_sent(summary, what="packet file")
    return summary


def packet_export_bytes(
    *,
    recipient: uuid.UUID | None = None,
    everything: bool = False,
    max_chunks: int | None = None,
    progress: Progress = None,
    holdings_only: bool = False,
) -> tuple[bytes, ExportSummary]:
    """``packet_export`` in memory, for an HTTP body (``holdings_only``: no records, only what
    this node holds)."""
    meta, parts, summary = export(
        recipient=recipient,
        everything=everything,
        max_chunks=max_chunks,
        progress=progress,
        holdings_only=holdings_only,
    )
    in_memory = [(name, data) for name, data in parts if isinstance(data, bytes)]  # no spool
    body = container_bytes(kind=PACKET_KIND, meta=meta, parts=in_memory)
    summary.size = len(body)
    return body, summary


def database_file() -> Path:
    """Where this node's database writes (for a full disk's message)."""
    name = connection.settings_dict["NAME"]
    return Path(name) if connection.vendor == "sqlite" else Path(settings.DATA_DIR) / str(name)


def packet_import(
    *,
    source: Path | bytes,
    progress: Progress = None,
    expect_sender: uuid.UUID | None = None,
) -> ImportSummary:
    """Verify and apply a packet; return what happened.

    Everything is checked before the import commits (signature, every part, every chunk's
    signer before anything is applied, every chunk's rows as it is read): on any doubt
    PacketRefused is raised and nothing changes. A packet for this node is applied in one
    transaction, so an import cut off halfway (a power cut, a killed process) leaves nothing,
    and the same packet imported again applies all of it. At a post, a packet
    addressed to its hub is carried (its chunks kept verbatim for the hub). A packet already
    imported changes nothing. ``expect_sender`` refuses a packet from anyone else (HTTP
    answers must come from the hub). A full disk raises PacketRefused with the plain message
    a full disk gives everywhere, and nothing of the packet is kept.
    """
    try:
        return _packet_import(source=source, progress=progress, expect_sender=expect_sender)
    except (OSError, DatabaseError) as error:
        if no_space(error):
            raise PacketRefused(str(no_space_error(database_file()))) from None
        raise


def _packet_import(
    *, source: Path | bytes, progress: Progress, expect_sender: uuid.UUID | None
) -> ImportSummary:
    try:
        container = open_container(source, kinds={PACKET_KIND}, key_for=key_for_carrying)
    except ContainerError as error:
        raise PacketRefused(str(error)) from None
    return _packet_apply(container, progress=progress, expect_sender=expect_sender)


def _packet_apply(
    container: Container, *, progress: Progress, expect_sender: uuid.UUID | None
) -> ImportSummary:
    """``packet_import`` of a container already opened and verified."""
    sender, meta = container.sender, container.meta
    if expect_sender is not None and sender != expect_sender:
        raise refuse(_("The answer was not signed by headquarters."))
    if meta.get("format") not in READABLE_FORMATS:
        raise refuse(
            _(
                "This packet was written by another version of the platform (packet format "
                "%(found)s; this node reads format %(wanted)s). Update the node that wrote it "
                "and write the packet again."
            )
            % {"found": meta.get("format", 1), "wanted": FORMAT_VERSION}
        )
    summary = ImportSummary(sender=sender, sender_name=node_name(sender), written=container.created)
    previous = ImportedPacket.objects.filter(sha256=container.sha256).first()
    if previous is not None:
        when = timezone.localtime(previous.imported_at).strftime("%Y-%m-%d %H:%M")
        summary.replay_of = previous.imported_at.isoformat()
        summary.warnings.append(
            _("This packet was already imported on %(date)s; nothing new.") % {"date": when}
        )
        derive_due()  # whatever an interrupted import left due
        return summary
    try:
        recipient = uuid.UUID(str(meta.get("recipient")))
        have = have_parse(meta.get("have", {}))
    except ValueError:
        raise refuse(_("The packet's header is damaged.")) from None
    hub = hub_peer() if not is_hub() else None
    relay = _carried(sender=sender, recipient=recipient, hub=hub)
    listing = checked_listing(container, key_for_packet(sender, meta))
    # One transaction for the whole packet: a chunk found bad as it is read (or a power cut)
    # rolls back every chunk before it, the enrolment it claims and the holdings it noted.
    with transaction.atomic():
        claim = meta.get("enrolment")
        if not relay and is_hub() and isinstance(claim, dict) and trusted_key(sender) is None:
            try:
                enrolment_accept(claim=claim, sender=sender)
            except EnrolmentError as error:
                raise refuse(str(error)) from None
            summary.sender_name = node_name(sender)
        current = said_lately(sender, container.created)
        skew = signed_time_note(peer_id=sender, created=container.created)
        if relay:
            relay_store(container, listing, summary, via=sender)
        else:
            apply_listing(container, listing, summary, progress=progress)
            from_hub = hub is not None and sender == hub.node_id
            roster = meta.get("roster")
            if from_hub and isinstance(roster, list):
                peers_roster_apply(roster=roster, sender=sender)
            holdings_note(peer_id=sender, have=have, current=current, summary=summary)
            if from_hub:
                relay_prune()
        _imported_note(container, listing, summary, skew=skew)
    derive_due()  # what the new records imply (noted as due in the transaction above)
    return summary


def _carried(*, sender: uuid.UUID, recipient: uuid.UUID, hub: Peer | None) -> bool:
    """Whether a packet from ``sender`` for ``recipient`` is carried here for this post's hub
    (not applied); refuses one this node wrote or that is for another node."""
    me = node_identity().node_id
    if sender == me:
        raise refuse(
            _("This packet was written by this node; take it to %(name)s.")
            % {"name": node_name(recipient)}
        )
    if recipient == me:
        return False
    if hub is not None and recipient == hub.node_id:
        return True
    raise refuse(_("This packet is for %(name)s, not this node.") % {"name": node_name(recipient)})


def _imported_note(
    container: Container, listing: list, summary: ImportSummary, *, skew: datetime.timedelta | None
) -> None:
    """Warn of the sender's clock, remember the packet (a second import changes nothing) and
    log the exchange."""
    sender = container.sender
    if skew is not None:
        summary.warnings.append(
            _(
                "The sender's clock is %(span)s %(direction)s this node's; records are kept "
                "and ordered by their sequence numbers, not by time."
            )
            % {
                "span": describe_duration(skew),
                "direction": _("ahead of") if skew > datetime.timedelta(0) else _("behind"),
            }
        )
    if listing:
        ImportedPacket.objects.create(
            sha256=container.sha256, sender=sender, summary=summary.as_dict()
        )
        ImportedPacket.objects.filter(
            imported_at__lt=timezone.now() - datetime.timedelta(days=IMPORTED_KEEP_DAYS)
        ).delete()
    if summary.received or summary.relayed:
        exchange_log(
            peer_id=sender,
            direction="received",
            what="packet",
            count=summary.new,
            detail={
                "received": summary.received,
                "new": summary.new,
                "pending": summary.pending,
                "rejected": len(summary.rejected),
                "relayed": summary.relayed,
            },
        )


def sync_run(
    *,
    hub_url: str | None = None,
    per_request: int | None = None,
    max_rounds: int = 100_000,
    progress: Callable[[SyncResult], None] | None = None,
    timeout: float = 120,
) -> SyncResult:
    """At a post: exchange records with the hub over HTTP until neither side has anything the
    other lacks. Each round sends a bounded packet and applies the hub's bounded answer; a cut
    at any point loses nothing (each chunk applies whole, and the next run asks again for what
    is still missing). Raises SyncError (not enrolled, hub unreachable, packet refused) or
    SyncBusy (another sync is running)."""
    hub = hub_peer()
    if hub is None:
        raise SyncError(
            _("This post is not enrolled with headquarters yet. Load the enrolment file first.")
        )
    url = (hub_url or hub.url or "").rstrip("/")
    if not url:
        raise SyncError(_("No address for headquarters is known; give one with --hub."))
    per_request = per_request or chunks_per_request()
    result = SyncResult()
    with sync_lock():
        for _round in range(max_rounds):
            packet, sent = packet_export_bytes(recipient=hub.node_id, max_chunks=per_request)
            try:
                answer = node_request(
                    url + EXCHANGE_PATH,
                    data=exchange_request(packet, hub=hub, more=not sent.complete),
                    headers={"Content-Type": "application/octet-stream"},
                    method="POST",
                    timeout=timeout,
                    max_bytes=max_body(),
                )
            except LinkError as error:
                raise SyncError(str(error)) from None
            log_sent(sent, what="sync")
            result.warnings += [w for w in sent.warnings if w not in result.warnings]
            summary = packet_import(source=answer, expect_sender=hub.node_id)
            result.rounds += 1
            result.sent += sent.records
            result.received += summary.received
            result.new += summary.new
            result.pending += summary.pending
            result.rejected += summary.rejected
            result.warnings += [w for w in summary.warnings if w not in result.warnings]
            if progress:
                progress(result)
            if not sent.records and not summary.received and not summary.peer_lost:
                break
    return result


def exchange_answer(*, stream: BinaryIO, length: int) -> bytes:
    """At the hub: apply the packet a post sent in a request of ``length`` bytes read from
    ``stream``, and answer with a bounded packet of what that post lacks.

    The request's header (at most EXCHANGE_MAX_HEADER bytes) must be signed by an enrolled
    post, or one with a valid enrolment claim, before anything else is read; a request larger
    than ELEARNING_SYNC_MAX_BODY is refused unread, and the packet is streamed to a temporary
    file, never held in memory. Raises PacketRefused; nothing is kept of a refused request."""
    incoming = Path(settings.DATA_DIR) / "incoming"
    try:
        with receive_container(
            stream,
            length=length,
            kinds={EXCHANGE_KIND},
            key_for=key_for_packet,
            max_header=EXCHANGE_MAX_HEADER,
            max_size=max_body(),
            folder=incoming,
        ) as request:
            if EXCHANGE_PART not in {part.name for part in request.parts}:
                raise refuse(_("The request holds no packet."))
            packet = incoming / f".packet.{uuid.uuid4().hex}.partial"
            try:
                request.copy_to(EXCHANGE_PART, packet)
                container = open_container(packet, kinds={PACKET_KIND}, key_for=key_for_packet)
                if container.sender != request.sender:
                    raise refuse(_("The packet in the request was not written by its sender."))
                summary = _packet_apply(container, progress=None, expect_sender=None)
            finally:
                packet.unlink(missing_ok=True)
    except ContainerError as error:
        raise PacketRefused(str(error)) from None
    # While the post is still uploading (``more`` in its signed header), the answer is the
    # hub's holdings alone: working out what the post lacks reads every record of its officers,
    # which each round of a long upload would do again, and the upload's last round asks anyway.
    answer, _summary = packet_export_bytes(
        recipient=summary.sender,
        max_chunks=chunks_per_request(),
        holdings_only=request.meta.get("more") is True,
    )
    return answer
