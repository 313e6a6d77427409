"""``manage.py import_bundle FILE``: at a border post, install a course bundle."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coursebundles.services import BundleError, bundle_import
from elearning.progress import progress_printer


class Command(BaseCommand):
    help = "At a border post: check a course bundle from headquarters and install it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle file")

    def handle(self, *args, **options):
        progress = progress_printer("Installing")
        try:
            result = bundle_import(path=Path(options["file"]), progress=progress)
        except BundleError as error:
            raise CommandError(str(error)) from None
        finally:
            progress.finish()
        self.stdout.write(result.message)
