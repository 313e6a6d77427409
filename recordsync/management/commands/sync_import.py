"""``manage.py sync_import FILE [--json]``: verify and apply a sync packet."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from elearning.commands import checks_without_pages
from elearning.progress import progress_printer
from recordsync.services import PacketRefused, packet_import


class Command(BaseCommand):
    help = (
        "Check a sync packet's signatures and apply the records in it that this node lacks "
        "(or carry it for headquarters). A damaged or foreign packet is refused whole."
    )
    requires_system_checks = checks_without_pages()

    def add_arguments(self, parser):
        parser.add_argument("file", help="the packet file")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args, **options):
        as_json = options["json"]
        show = options["verbosity"] > 0 and not as_json
        progress = progress_printer("Applying")
        try:
            summary = packet_import(
                source=Path(options["file"]), progress=progress if show else None
            )
        except PacketRefused as error:
            if as_json:
                self.stdout.write(json.dumps({"refused": True, "error": str(error)}))
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        if as_json:
            self.stdout.write(json.dumps({"refused": False, **summary.as_dict()}, indent=2))
        elif options["verbosity"] > 0:
            for line in summary.lines():
                self.stdout.write(line)
