"""``manage.py load_demo``: load the demo content and people, and print a login for each role.

``-v 0`` loads without printing; ``--logins-only`` prints the logins without loading (``make
demo`` prints them last, once the server answers). The courses come from the data files in
``demodata/content/`` (or ``--content FOLDER``, to try an edited copy); a file that is not as its
schema says stops the command with the file and the place, before anything is loaded."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demodata.contentfiles import CONTENT_DIR, ContentError
from demodata.people import demo_logins
from demodata.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load demo courses, border posts and a login for each role (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins-only", action="store_true", help="print the demo logins, load nothing"
        )
        parser.add_argument(
            "--content",
            type=Path,
            default=CONTENT_DIR,
            metavar="FOLDER",
            help="read the demo courses from FOLDER (default: demodata/content)",
        )

    def handle(self, *args, **options):
        if options["logins_only"]:
            logins = demo_logins()
        else:
            try:
                logins = demo_load(content=options["content"])
            except ContentError as error:
                raise CommandError(f"Nothing was loaded. {error}") from None
            if options["verbosity"] == 0:
                return
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self.stdout.write(self.style.SUCCESS("Log in with any of these:"))
        self.stdout.write(f"  {'user name':<20} {'role':<14} sees")
        for login in logins:
            self.stdout.write(f"  {login.username:<20} {login.role:<14} {login.where}")
        self.stdout.write(f"  password for every demo login: {DEMO_PASSWORD}")
