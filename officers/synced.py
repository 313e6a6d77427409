"""The officers' table that syncs (``nodes.syncing``): profile records. Their rows make the
officers every other synced record refers to; a new one re-applies its officer's profile."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nodes.syncing import SyncedTable, WireRow

from .selectors import (
    officer_uuids_for_post,
    profile_data_for_outsider,
    profile_data_forget,
    profile_from_wire,
    profile_rows_malformed,
    profile_rows_refused,
)
from .services import profiles_apply


def _for_outsider(row: WireRow) -> WireRow:
    """A profile as the hub sends it to a post the officer does not belong to: without the
    password hash (``profile_data_for_outsider``)."""
    return row | {"data": profile_data_for_outsider(row["data"])}


def _after_insert(rows: list[WireRow]) -> list[str]:
    """Apply the profiles of the rows just inserted, from their wire values (their data parsed
    once for the checks and this), then forget the parsed data."""
    try:
        return profiles_apply(records=[profile_from_wire(row) for row in rows])
    finally:
        profile_data_forget()


SYNCED = [
    SyncedTable(
        "profile_record",
        "officers.ProfileRecord",
        scope="officer_uuid",
        label="officer profile",
        missing=_("the officer %(id)s is not on this node yet"),
        makes_officers=True,
        officers_at_post=officer_uuids_for_post,
        for_outsiders=_for_outsider,
        malformed=profile_rows_malformed,
        refused=profile_rows_refused,
        after_insert_rows=_after_insert,
    ),
]
