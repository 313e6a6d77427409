"""``manage.py enrol_post --post-code CODE [--name NAME] -o FILE``: at the hub, invite a border
post. Writes the one-time enrolment file for a USB stick and prints the code for a post that has
a link. The code must be one of the hub's border posts: it decides which officers the post
receives, and the post creates the same border post when it is enrolled."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nodes.container import ContainerError
from nodes.selectors import EnrolmentError
from nodes.services import enrolment_create, enrolment_file_write
from officers.models import BorderPost


class Command(BaseCommand):
    help = "At headquarters: invite a border post (one-time enrolment file and code)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--post-code", required=True, help="the border post's code at headquarters"
        )
        parser.add_argument("--name", default="", help="the post's name (default: as recorded)")
        parser.add_argument(
            "--country", default="", help="with a new post code: its country (e.g. KH)"
        )
        parser.add_argument(
            "--url",
            default=getattr(settings, "ELEARNING_HUB_URL", ""),
            help="this hub's address as posts reach it (for 'manage.py sync' at the post)",
        )
        parser.add_argument("--days", type=int, default=30, help="days the invitation is valid")
        parser.add_argument("-o", "--output", required=True, help="where to write the file")

    def handle(self, *args, **options):
        post = BorderPost.objects.filter(code=options["post_code"]).first()
        if post is None and not (options["country"] and options["name"]):
            known = ", ".join(BorderPost.objects.values_list("code", flat=True)) or "none yet"
            raise CommandError(
                f"There is no border post with the code {options['post_code']!r} here. "
                f"Known codes: {known}. For a new post, give --name and --country too."
            )
        if post is None:
            post = BorderPost.objects.create(
                code=options["post_code"],
                name=options["name"],
                country=options["country"].upper(),
            )
            self.stdout.write(f"New border post {post.name} ({post.code}) added.")
        try:
            enrolment, code = enrolment_create(
                name=options["name"] or post.name,
                country=post.country,
                post_code=post.code,
                border_post={
                    "uuid": str(post.uuid),
                    "code": post.code,
                    "name": post.name,
                    "country": post.country,
                },
                valid_days=options["days"],
            )
            enrolment_file_write(
                enrolment=enrolment, code=code, hub_url=options["url"], path=Path(options["output"])
            )
        except (EnrolmentError, ContainerError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Enrolment file written to {options['output']}.")
        self.stdout.write(
            f"At the post, run:  python manage.py enrol {Path(options['output']).name} "
            f"--code {code}"
        )
        self.stdout.write(
            f"Or, with a link:   python manage.py enrol --hub {options['url'] or 'URL'} "
            f"--code {code}"
        )
        self.stdout.write(
            f"Valid once, until {enrolment.expires_at:%Y-%m-%d}. Keep the code private, and "
            "give it to the post apart from the file: the file cannot be read without it."
        )
