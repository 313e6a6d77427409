"""``manage.py sync_export [--for NODE] [--all] -o FILE``: a signed packet for a USB stick."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from elearning.commands import checks_without_pages
from elearning.progress import progress_printer
from nodes.container import ContainerError
from nodes.selectors import EnrolmentError, peer_find
from recordsync.services import SyncError, packet_export


class Command(BaseCommand):
    help = (
        "Write a signed sync packet of the records the other node lacks, to carry on a USB "
        "stick. At a post it is for headquarters; at headquarters say which post (--for)."
    )
    requires_system_checks = checks_without_pages()

    def add_arguments(self, parser):
        parser.add_argument("--for", dest="node", help="node id, post code or name")
        parser.add_argument(
            "--all",
            action="store_true",
            help="everything, not only what the other node is known to lack",
        )
        parser.add_argument("--max-chunks", type=int, help="at most this many chunks of 500")
        parser.add_argument("-o", "--output", required=True, help="the packet file to write")

    def handle(self, *args, **options):
        recipient = None
        if options["node"]:
            try:
                recipient = peer_find(options["node"]).node_id
            except EnrolmentError as error:
                raise CommandError(str(error)) from None
        show = options["verbosity"] > 0
        progress = progress_printer("Packing")
        try:
            summary = packet_export(
                path=Path(options["output"]),
                recipient=recipient,
                everything=options["all"],
                max_chunks=options["max_chunks"],
                progress=progress if show else None,
            )
        except (SyncError, ContainerError) as error:
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        if show:
            for line in summary.lines():
                self.stdout.write(line)
