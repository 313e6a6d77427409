"""``manage.py sync [--hub URL]``: exchange records with headquarters over the network.

Safe from cron: it takes a lock (two runs never overlap), says nothing when there is nothing to
do, and a run cut off by a dropped link is finished by the next one.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nodes.http import LinkError
from recordsync.services import SyncError, sync_run
from recordsync.summaries import SyncResult
from recordsync.wire import SyncBusy


class Command(BaseCommand):
    help = "Send this post's new records to headquarters and receive what it lacks, over HTTP."

    def add_arguments(self, parser):
        parser.add_argument("--hub", help="headquarters' address (default: the enrolled one)")
        parser.add_argument(
            "--per-request", type=int, help="chunks of 500 records per request (default 20)"
        )

    def handle(self, *args: object, **options: Any) -> None:
        verbose = options["verbosity"] > 0
        bar = verbose and sys.stderr.isatty()  # from cron: no progress lines in the mail

        def progress(result: SyncResult) -> None:
            if bar:
                sys.stderr.write(
                    f"\rRound {result.rounds}: {result.sent} sent, {result.received} received"
                )
                sys.stderr.flush()

        try:
            result = sync_run(
                hub_url=options["hub"], per_request=options["per_request"], progress=progress
            )
        except SyncBusy:
            if options["verbosity"] > 1:
                self.stdout.write("Another sync is running; nothing to do.")
            return
        except SyncError as error:
            if bar:
                sys.stderr.write("\n")
            raise CommandError(str(error)) from None
        if not result.nothing_to_do:
            if bar:
                sys.stderr.write("\n")
            if verbose:
                self._report(result)
        pull_message = self._pull_bundles(options["hub"])
        if pull_message and verbose:
            self.stdout.write(pull_message)

    def _report(self, result: SyncResult) -> None:
        """What the sync did, for the operator."""
        self.stdout.write(
            f"Sent {result.sent} record(s) to headquarters; received {result.received}, "
            f"of which {result.new} new."
        )
        if result.pending:
            self.stdout.write(
                f"{result.pending} record(s) wait for others that have not arrived yet."
            )
        for origin, seq, table, reason in result.rejected:
            self.stdout.write(f"Refused {table} {origin}:{seq}: {reason}")
        for warning in result.warnings:
            self.stdout.write(warning)

    def _pull_bundles(self, hub_url: str | None) -> str:
        """Then fetch the newest course bundles from the same hub."""
        from coursebundles.services import BundleError, bundles_pull

        try:
            pulled = bundles_pull(hub_url=hub_url)
        except (LinkError, BundleError) as error:
            raise CommandError(
                f"Records are synced, but courses could not be fetched: {error}"
            ) from None
        if pulled.failed:
            raise CommandError(
                "Records are synced, but some courses could not be fetched: "
                + "; ".join(f"{code}: {message}" for code, message in pulled.failed)
            )
        if pulled.results:
            return f"{len(pulled.results)} course(s) installed or updated from headquarters."
        return ""
