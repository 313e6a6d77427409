"""``manage.py audit_checkpoint``: sign a checkpoint of this node's audit trail now (writing a
packet does it too)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from audittrail.services import audit_checkpoint


class Command(BaseCommand):
    help = "Sign a checkpoint of this node's newest audit entry."

    def handle(self, *args: object, **options: Any) -> None:
        mark = audit_checkpoint()
        if mark is None:
            self.stdout.write("Nothing new to sign: the newest entry is signed already (or none).")
        else:
            self.stdout.write(f"Signed entry {mark.chain_index} ({mark.entry_hash[:16]}...).")
