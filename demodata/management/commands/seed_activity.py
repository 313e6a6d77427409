"""``manage.py seed_activity --officers N [--post CODE] [--records TARGET] [--seed S]``: register
officers at a border post and let them learn, through the services, for benchmarks and demos."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from demodata.seeding import SeedingError, activity_seed, record_counts, record_counts_lines
from demodata.services import DEMO_PASSWORD
from elearning.progress import progress_printer


class Command(BaseCommand):
    help = (
        "Register officers at a border post and make realistic learning activity for them "
        "(enrolments, lessons, quizzes passed, failed and retried, courses finished with "
        "certificates or left half-way). The same --seed repeats the same activity."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--officers", type=int, help="officers to register (with --records: at most this many)"
        )
        parser.add_argument("--post", help="border post code (default: spread over every post)")
        parser.add_argument(
            "--records", type=int, help="stop once this run has made this many records"
        )
        parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help="every seeded officer's password (default: the demo password)",
        )

    def handle(self, *args, **options):
        officers, records = options["officers"], options["records"]
        if officers is None and records is None:
            raise CommandError("Say how many officers (--officers) or records (--records).")
        if (officers is not None and officers < 1) or (records is not None and records < 1):
            raise CommandError("--officers and --records must be at least 1.")
        show = options["verbosity"] > 0
        before = record_counts()
        started = time.perf_counter()
        made = made_records = 0
        progress = progress_printer("Seeding") if show else None
        try:
            for seeded in activity_seed(
                officers=officers,
                records=records,
                post_code=options["post"],
                seed=options["seed"],
                password=options["password"],
            ):
                made += 1
                made_records += seeded.records
                if progress is not None:
                    # Towards whichever target was given, records first.
                    progress(*((made_records, records) if records else (made, officers)))
        except SeedingError as error:
            raise CommandError(str(error)) from None
        finally:
            if progress is not None:
                progress.finish()
        seconds = time.perf_counter() - started
        after = record_counts()
        self.stdout.write(
            f"{made} officer(s) registered, {made_records} record(s) made in {seconds:.1f} s "
            f"({made_records / max(seconds, 1e-9):.0f} records/s)."
        )
        for line in record_counts_lines(before, after):
            self.stdout.write(line)
