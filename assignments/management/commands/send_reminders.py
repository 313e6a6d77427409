"""``python manage.py send_reminders [--today YYYY-MM-DD] [--site-url URL]``: e-mail officers
their reminders (assignments due soon or overdue, certificates to renew), each once. For cron
or a systemd timer at the hub; a node without ``EMAIL_HOST`` (a post) sends nothing."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assignments.services import reminders_send


class Command(BaseCommand):
    help = "E-mail officers their reminders (once each); nothing where no mail server is set."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to remind for (default: today here).")
        parser.add_argument(
            "--site-url", default="", help="This site's address, for the link in each e-mail."
        )

    def handle(self, *args, **options):
        if not settings.EMAIL_HOST:
            self.stdout.write("No mail server is configured (EMAIL_HOST): nothing sent.")
            return
        try:
            today = (
                datetime.date.fromisoformat(options["today"])
                if options["today"]
                else timezone.localdate()
            )
        except ValueError as error:
            raise CommandError(f"--today: {error}") from None
        site = options["site_url"] or getattr(settings, "WAGTAILADMIN_BASE_URL", "")
        sent = reminders_send(today=today, site_url=site)
        self.stdout.write(f"{sent} reminder(s) sent.")
