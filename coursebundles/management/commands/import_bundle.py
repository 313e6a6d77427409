"""``manage.py import_bundle FILE``: at a border post, install a course bundle."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coursebundles.services import BundleError, bundle_import

from ._progress import progress_bar


class Command(BaseCommand):
    help = "At a border post: check a course bundle from headquarters and install it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the bundle file")

    def handle(self, *args, **options):
        try:
            result = bundle_import(path=Path(options["file"]), progress=progress_bar)
        except BundleError as error:
            raise CommandError(str(error)) from None
        finally:
            sys.stderr.write("\n")
        self.stdout.write(result.message)
