"""Writes of the audit trail: an entry for an action (``audit_record``) and a signed
checkpoint of this node's trail (``audit_checkpoint``)."""

from __future__ import annotations

import base64
import datetime
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from nodes.identity import node_identity
from nodes.selectors import is_post
from nodes.services import sequence_next

from . import chain
from .models import AuditCheckpoint, AuditEntry, AuditHead
from .selectors import entry_fields, iso


def _json(value: dict | None) -> Any:
    """``value`` as the JSON the database will give back (dates, UUIDs and decimals as text)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _head_locked() -> AuditHead:
    """This node's chain head, locked until the caller's transaction ends (PostgreSQL locks the
    row; SQLite's IMMEDIATE transactions serialise writers), made from the entries if absent."""
    me = node_identity().node_id
    head = AuditHead.objects.select_for_update().filter(node_id=me).first()
    if head is not None:
        return head
    newest = AuditEntry.objects.filter(origin_node=me).order_by("-chain_index").first()
    AuditHead.objects.get_or_create(
        node_id=me,
        defaults={
            "last_index": newest.chain_index if newest else 0,
            "last_hash": newest.entry_hash if newest else chain.GENESIS,
        },
    )
    return AuditHead.objects.select_for_update().get(node_id=me)


def _name(user: Any) -> str:
    return (getattr(user, "full_name_latin", "") or user.get_username()) if user else ""


def audit_record(
    *,
    actor: Any,
    action: str,
    officer: Any = None,
    subject: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append an entry to this node's trail: ``actor`` (a user, or None for the system) did
    ``action`` (a dotted code, e.g. "officer.role_set") to ``subject`` (a short id), about
    ``officer`` (a user, or None), changing ``before`` into ``after`` (JSON-able dicts).

    Precondition: call it inside the ``transaction.atomic()`` of the action itself, so the
    entry commits or rolls back with it (RuntimeError otherwise). The head row is locked, so
    two concurrent actions take consecutive numbers; the officer's country and post are
    recorded as they are now."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside transaction.atomic()")
    head = _head_locked()
    node_id, seq = sequence_next()
    post = getattr(officer, "post", None) if officer is not None else None
    entry = AuditEntry(
        origin_node=node_id,
        origin_seq=seq,
        recorded_at=timezone.now(),
        actor=actor,
        actor_name=_name(actor)[:200],
        action=action,
        officer=officer,
        officer_country=getattr(officer, "country", "") or "",
        officer_post=post.code if post is not None else "",
        subject=str(subject)[:200],
        before=_json(before),
        after=_json(after),
        chain_index=head.last_index + 1,
        prev_hash=head.last_hash,
    )
    entry.entry_hash = chain.entry_hash(entry_fields(entry), entry.prev_hash)
    entry.save()
    head.last_index, head.last_hash = entry.chain_index, entry.entry_hash
    head.save(update_fields=["last_index", "last_hash"])
    return entry


def checkpoint_signature(*, index: int, entry_hash: str, time: datetime.datetime) -> str:
    identity = node_identity()
    message = chain.checkpoint_message(
        node=identity.node_id.hex, index=index, entry_hash=entry_hash, time=iso(time)
    )
    return base64.b64encode(identity.sign(message)).decode()


def audit_checkpoint() -> AuditCheckpoint | None:
    """Sign this node's newest entry as a checkpoint; None when the trail is empty or its
    newest entry is signed already. Runs in its own transaction (or the caller's)."""
    me = node_identity().node_id
    with transaction.atomic():
        head = _head_locked()
        if head.last_index == 0:
            return None
        signed = AuditCheckpoint.objects.filter(origin_node=me, chain_index=head.last_index)
        if signed.exists():
            return None
        now = timezone.now()
        return AuditCheckpoint.stamped(
            recorded_at=now,
            chain_index=head.last_index,
            entry_hash=head.last_hash,
            signature=checkpoint_signature(
                index=head.last_index, entry_hash=head.last_hash, time=now
            ),
        )


def audit_before_export() -> None:
    """What a post does when it writes a packet: sign a checkpoint, so the packet carries proof
    of how far its trail reached. The hub's packets go down to posts, which get no trail, so a
    hub writes nothing here (its own checkpoints: ``manage.py audit_checkpoint``)."""
    if is_post():
        audit_checkpoint()
