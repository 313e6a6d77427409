"""``manage.py export_bundle COURSE_CODE [--since OLD_BUNDLE] -o FILE``: at headquarters."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coursebundles.services import BundleError, bundle_export


class Command(BaseCommand):
    help = "At headquarters: write a signed bundle of a published course for border posts."

    def add_arguments(self, parser):
        parser.add_argument("course", help="course code, e.g. TIP-101")
        parser.add_argument(
            "--since", help="an older bundle of the course the post has: leave out its files"
        )
        parser.add_argument("-o", "--output", required=True, help="the bundle file to write")

    def handle(self, *args, **options):
        try:
            result = bundle_export(
                course_code=options["course"],
                path=Path(options["output"]),
                since=Path(options["since"]) if options["since"] else None,
            )
        except BundleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{result.course_code}: bundle of {result.created:%Y-%m-%d %H:%M} written to "
            f"{options['output']} ({result.size / 1e6:.2f} MB; {result.files_carried} of "
            f"{result.files_total} files, {result.carried_bytes / 1e6:.2f} MB of media)."
        )
