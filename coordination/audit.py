"""Reads for the audit page: the trail as the viewer may see it (an administrator all of it, a
coordinator the entries about officers in their countries and posts, as the officer's country
and post were when the entry was made, and their own actions), filtered, and as table rows for
the page and its exports alike."""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from audittrail.models import AuditEntry
from audittrail.selectors import audit_entries
from elearning.paging import matching
from nodes.selectors import node_name
from officers.models import User


def audit_scope(*, viewer: User) -> Q | None:
    """What of the trail ``viewer`` may see: None for everything (administrators)."""
    if viewer.is_administrator:
        return None
    if not viewer.is_coordinator:
        return Q(pk__in=[])
    seen = Q(actor=viewer)
    for scope in viewer.scopes.select_related("post"):
        if scope.post is not None:
            seen |= Q(officer_post=scope.post.code)
        else:
            seen |= Q(officer_country=scope.country)
    return seen


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    officer: str = ""
    node: uuid.UUID | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_entries_for(*, viewer: User, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """The entries ``viewer`` may see that match ``filters``, newest first."""
    entries = audit_entries()
    scope = audit_scope(viewer=viewer)
    if scope is not None:
        entries = entries.filter(scope)
    entries = matching(entries, filters.actor, ("actor_name", "actor__username"))
    fields = ("officer__username", "officer__full_name_latin", "officer__full_name_native")
    entries = matching(entries, filters.officer, fields)
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    if filters.node is not None:
        entries = entries.filter(origin_node=filters.node)
    if filters.since is not None:
        entries = entries.filter(recorded_at__gte=_day_start(filters.since))
    if filters.until is not None:
        until = _day_start(filters.until) + datetime.timedelta(days=1)
        entries = entries.filter(recorded_at__lt=until)
    return entries


def audit_actions(*, viewer: User) -> list[str]:
    """The action codes of the entries ``viewer`` may see (the filter's choices)."""
    entries = AuditEntry.objects.all()
    scope = audit_scope(viewer=viewer)
    if scope is not None:
        entries = entries.filter(scope)
    return sorted(set(entries.values_list("action", flat=True).distinct()))


def _compact(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


AUDIT_COLUMNS = (
    "recorded_at",
    "node",
    "number",
    "actor",
    "action",
    "officer",
    "officer_post",
    "subject",
    "before",
    "after",
)


def audit_rows(entries: Any) -> list[dict[str, Any]]:
    """One dict per entry (keys ``AUDIT_COLUMNS``), the same for the page and its exports."""
    names: dict[uuid.UUID, str] = {}
    rows = []
    for entry in entries:
        node = uuid.UUID(str(entry.origin_node))
        if node not in names:
            names[node] = node_name(node)
        officer = entry.officer
        rows.append(
            {
                "recorded_at": entry.recorded_at,
                "node": names[node],
                "number": entry.chain_index,
                "actor": entry.actor_name or "",
                "action": entry.action,
                "officer": officer.display_name if officer is not None else "",
                "officer_post": entry.officer_post,
                "subject": entry.subject,
                "before": _compact(entry.before),
                "after": _compact(entry.after),
            }
        )
    return rows
