"""``manage.py seed_region [--posts 200] [--officers 20000] [--records 1000000] [--seed S]``: a
region's worth of activity at the hub, in bulk (``demodata.region``)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from demodata.region import region_seed
from demodata.seeding import SeedingError, record_counts, record_counts_lines
from demodata.services import DEMO_PASSWORD
from elearning.progress import progress_printer


class Command(BaseCommand):
    help = (
        "Seed this hub with a region: border posts enrolled as post nodes, a coordinator per "
        "country (coord.<country>), and officers whose activity is copied in bulk from a few "
        "officers who learned through the services. The same --seed repeats the same region."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=200, help="border posts (200)")
        parser.add_argument(
            "--officers", type=int, default=20_000, help="at least this many officers (20000)"
        )
        parser.add_argument(
            "--records", type=int, default=1_000_000, help="at least this many records (1000000)"
        )
        parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
        parser.add_argument(
            "--templates",
            type=int,
            default=20,
            help="officers per name group who learn through the services, to copy (20)",
        )
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help="every seeded officer's and coordinator's password (default: the demo one)",
        )

    def handle(self, *args, **options):
        if min(options["posts"], options["templates"]) < 1:
            raise CommandError("--posts and --templates must be at least 1.")
        if min(options["officers"], options["records"]) < 0:
            raise CommandError("--officers and --records cannot be negative.")
        show = options["verbosity"] > 0
        before = record_counts()
        started = time.perf_counter()
        progress = progress_printer("Seeding the region") if show else None
        made = None
        try:
            for made in region_seed(
                posts=options["posts"],
                officers=options["officers"],
                records=options["records"],
                seed=options["seed"],
                password=options["password"],
                per_group=options["templates"],
            ):
                if progress is not None:
                    progress(made.records, options["records"])
        except SeedingError as error:
            raise CommandError(str(error)) from None
        finally:
            if progress is not None:
                progress.finish()
        seconds = time.perf_counter() - started
        officers, records = (made.officers, made.records) if made else (0, 0)
        self.stdout.write(
            f"{options['posts']} post(s), {officers} officer(s), {records} record(s) made in "
            f"{seconds:.1f} s ({records / max(seconds, 1e-9):.0f} records/s)."
        )
        for line in record_counts_lines(before, record_counts()):
            self.stdout.write(line)
