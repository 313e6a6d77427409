"""The certificates' tables that sync (``nodes.syncing``): certificates, their revocations and
their date corrections. A certificate another node issued gets, at the hub, the correction of
an issue date outside what headquarters knows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from nodes.syncing import SyncedTable, WireRow

from .services import certificates_arrived


def _after_insert(rows: list[WireRow]) -> list[str]:
    return certificates_arrived(rows=rows)


SYNCED = [
    SyncedTable(
        "certificate",
        "certificates.Certificate",
        scope="holder__uuid",
        label="certificate",
        missing=_("its certificate %(id)s is not on this node yet"),
        after_insert_rows=_after_insert,
    ),
    SyncedTable("revocation", "certificates.Revocation", "certificate__holder__uuid", "revocation"),
    SyncedTable(
        "certificate_correction",
        "certificates.CertificateCorrection",
        scope="certificate__holder__uuid",
        label="certificate date correction",
    ),
]
