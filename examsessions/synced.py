"""The exam sessions' table that syncs (``nodes.syncing``): session events. A post speaks only
for sessions at itself and for its own officers; the hub for anyone (``refused``)."""

from __future__ import annotations

import json
import uuid

from django.utils.translation import gettext as _

from nodes.syncing import RowKey, SyncedTable, WireRow
from officers.selectors import node_post_codes, officer_uuids_for_post, profile_hub_id

from .models import SessionEvent
from .rules import Kind


def _officers_named(row: WireRow) -> set[uuid.UUID]:
    admitted = row.get("admitted") or []
    if isinstance(admitted, str):
        admitted = json.loads(admitted)
    named = {uuid.UUID(str(u)) for u in admitted}
    if row.get("officer"):
        named.add(uuid.UUID(str(row["officer"])))
    return named


def _session_posts(rows: list[WireRow]) -> dict[str, str]:
    """The post of each session the rows name, by session hex: as held here, else as opened in
    the rows themselves."""
    sessions = {uuid.UUID(str(r["session"])) for r in rows}
    posts = {
        session.hex: post
        for session, post in SessionEvent.objects.filter(
            kind=Kind.OPENED, session__in=sessions
        ).values_list("session", "post_code")
    }
    for row in rows:
        if row["kind"] == Kind.OPENED:
            posts.setdefault(uuid.UUID(str(row["session"])).hex, row["post_code"])
    return posts


def rows_refused(rows: list[WireRow]) -> dict[RowKey, str]:
    """Session events another node may not write, with the reason, by (origin hex, seq): a
    post's event about a session at another post, or naming an officer who is not the post's."""
    hub = profile_hub_id()
    makers = node_post_codes()
    posts = _session_posts(rows)
    officers_of: dict[str, set[uuid.UUID]] = {}
    refused: dict[RowKey, str] = {}
    for row in rows:
        origin = uuid.UUID(str(row["origin_node"]))
        if origin == hub:
            continue
        maker_post = makers.get(origin, "")
        session_post = posts.get(uuid.UUID(str(row["session"])).hex, row["post_code"])
        key = (row["origin_node"], row["origin_seq"])
        if not maker_post or row["post_code"] != maker_post or session_post != maker_post:
            refused[key] = _(
                "node %(node)s may not write events of an exam session at post %(post)s"
            ) % {"node": origin, "post": session_post}
            continue
        if maker_post not in officers_of:
            officers_of[maker_post] = officer_uuids_for_post(maker_post)
        strangers = _officers_named(row) - officers_of[maker_post]
        if strangers:
            refused[key] = _(
                "node %(node)s may not write exam session events about officer %(officer)s, "
                "who is not at post %(post)s"
            ) % {"node": origin, "officer": min(strangers), "post": maker_post}
    return refused


SYNCED = [
    SyncedTable(
        "exam_session_event",
        "examsessions.SessionEvent",
        scope="by__uuid",
        label="exam session event",
        refused=rows_refused,
    ),
]
