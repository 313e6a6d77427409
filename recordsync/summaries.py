"""What an export, an import and a sync over HTTP did, for the operator and for the log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# --- Results --------------------------------------------------------------------------------


@dataclass
class TableCounts:
    received: int = 0
    new: int = 0
    already_present: int = 0
    pending: int = 0
    rejected: int = 0


@dataclass
class ImportSummary:
    """What an import did. ``rejected`` lists (origin, seq, table, reason) of every record
    refused; ``pending`` counts records of this packet waiting for another to arrive."""

    sender: uuid.UUID
    sender_name: str
    written: str = ""
    received: int = 0
    new: int = 0
    already_present: int = 0
    pending: int = 0
    pending_applied: int = 0
    rejected: list[tuple[str, int, str, str]] = field(default_factory=list)
    relayed: int = 0
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, TableCounts] = field(default_factory=dict)
    replay_of: str = ""
    chunks: int = 0
    peer_lost: int = 0  # records of this node the sender no longer holds (restored)

    def counts(self, table: str) -> TableCounts:
        return self.tables.setdefault(table, TableCounts())

    def as_dict(self) -> dict:
        return {
            "sender": str(self.sender),
            "sender_name": self.sender_name,
            "written": self.written,
            "received": self.received,
            "new": self.new,
            "already_present": self.already_present,
            "pending": self.pending,
            "pending_applied": self.pending_applied,
            "rejected": [
                {"origin": origin, "seq": seq, "table": table, "reason": reason}
                for origin, seq, table, reason in self.rejected
            ],
            "relayed": self.relayed,
            "warnings": list(self.warnings),
            "replay_of": self.replay_of,
            "peer_lost": self.peer_lost,
            "tables": {name: vars(counts) for name, counts in self.tables.items()},
        }

    def lines(self) -> list[str]:
        """The summary for a post operator, in plain words."""
        out = [_("Sync packet from %(name)s.") % {"name": self.sender_name}]
        if self.replay_of:
            out += self.warnings
            return out
        if self.received:
            out.append(
                ngettext(
                    "%(count)d record received: %(new)d new, %(present)d already here.",
                    "%(count)d records received: %(new)d new, %(present)d already here.",
                    self.received,
                )
                % {"count": self.received, "new": self.new, "present": self.already_present}
            )
        elif not self.relayed:
            out.append(_("Nothing new in it: this node already has everything it holds."))
        if self.pending:
            out.append(
                ngettext(
                    "%(count)d record is waiting for another that has not arrived yet (an "
                    "officer's profile or a quiz attempt); it will be added when that arrives.",
                    "%(count)d records are waiting for others that have not arrived yet (an "
                    "officer's profile or a quiz attempt); they will be added when those arrive.",
                    self.pending,
                )
                % {"count": self.pending}
            )
        if self.pending_applied:
            out.append(
                ngettext(
                    "%(count)d record that was waiting has now been added.",
                    "%(count)d records that were waiting have now been added.",
                    self.pending_applied,
                )
                % {"count": self.pending_applied}
            )
        if self.relayed:
            out.append(
                ngettext(
                    "%(count)d record of another post is kept here for headquarters; it goes "
                    "with this post's next packet to headquarters.",
                    "%(count)d records of another post are kept here for headquarters; they go "
                    "with this post's next packet to headquarters.",
                    self.relayed,
                )
                % {"count": self.relayed}
            )
        if self.rejected:
            out.append(
                ngettext(
                    "%(count)d record was refused:",
                    "%(count)d records were refused:",
                    len(self.rejected),
                )
                % {"count": len(self.rejected)}
            )
            out += [
                f"  {table} {origin}:{seq}: {reason}"
                for origin, seq, table, reason in self.rejected
            ]
        out += self.warnings
        return out


@dataclass
class ExportSummary:
    recipient: uuid.UUID
    recipient_name: str
    records: int = 0
    chunks: int = 0
    relayed_chunks: int = 0
    complete: bool = True
    tables: dict[str, int] = field(default_factory=dict)
    path: str = ""
    size: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.records:
            out = [
                _("Nothing to send to %(name)s: it already holds everything this node has for it.")
                % {"name": self.recipient_name}
            ]
        else:
            out = [
                ngettext(
                    "%(count)d record for %(name)s.",
                    "%(count)d records for %(name)s.",
                    self.records,
                )
                % {"count": self.records, "name": self.recipient_name}
            ]
        if self.path:
            out.append(
                _("Written to %(path)s (%(size)s KB).")
                % {"path": self.path, "size": f"{self.size / 1024:,.0f}"}
            )
        if not self.complete:
            out.append(_("There is more to send: write another packet after this one."))
        return out + self.warnings


@dataclass
class SyncResult:
    rounds: int = 0
    sent: int = 0
    received: int = 0
    new: int = 0
    pending: int = 0
    rejected: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.sent or self.received or self.rejected)
