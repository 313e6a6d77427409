"""``manage.py enrol_post --name NAME [--country CC] [--post-code CODE] -o FILE``: at the hub,
invite a border post. Writes the one-time enrolment file for a USB stick and prints the code
for a post that has a link."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nodes.container import ContainerError
from nodes.peers import EnrolmentError, enrolment_create, enrolment_file_write


class Command(BaseCommand):
    help = "At headquarters: invite a border post (one-time enrolment file and code)."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="the post's name, e.g. 'Poipet'")
        parser.add_argument("--country", default="", help="two-letter country code, e.g. KH")
        parser.add_argument("--post-code", default="", help="the border post's code, e.g. poipet")
        parser.add_argument(
            "--url",
            default=getattr(settings, "ELEARNING_HUB_URL", ""),
            help="this hub's address as posts reach it (for 'manage.py sync' at the post)",
        )
        parser.add_argument("--days", type=int, default=30, help="days the invitation is valid")
        parser.add_argument("-o", "--output", required=True, help="where to write the file")

    def handle(self, *args, **options):
        try:
            enrolment, code = enrolment_create(
                name=options["name"],
                country=options["country"],
                post_code=options["post_code"],
                valid_days=options["days"],
            )
            enrolment_file_write(
                enrolment=enrolment, code=code, hub_url=options["url"], path=Path(options["output"])
            )
        except (EnrolmentError, ContainerError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Enrolment file written to {options['output']}.")
        self.stdout.write(
            f"At the post, run:  python manage.py enrol {Path(options['output']).name}"
        )
        self.stdout.write(
            f"Or, with a link:   python manage.py enrol --hub {options['url'] or 'URL'} "
            f"--code {code}"
        )
        self.stdout.write(
            f"Valid once, until {enrolment.expires_at:%Y-%m-%d}. Keep the code private."
        )
