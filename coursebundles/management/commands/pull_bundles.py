"""``manage.py pull_bundles [--hub URL]``: at a border post with a link, fetch new courses."""

from django.core.management.base import BaseCommand, CommandError

from coursebundles.services import BundleError, bundles_pull
from elearning.progress import progress_printer
from nodes.http import LinkError


class Command(BaseCommand):
    help = "At a border post: install every course from headquarters that is new or newer."

    def add_arguments(self, parser):
        parser.add_argument("--hub", help="headquarters' address (default: the enrolled hub's)")

    def handle(self, *args, **options):
        progress = progress_printer("Installing")
        try:
            outcome = bundles_pull(hub_url=options["hub"], progress=progress)
        except (BundleError, LinkError) as error:
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        for result in outcome.results:
            self.stdout.write(result.message)
        if outcome.up_to_date:
            self.stdout.write("Up to date: " + ", ".join(outcome.up_to_date) + ".")
        if outcome.failed:
            raise CommandError("; ".join(f"{code}: {message}" for code, message in outcome.failed))
