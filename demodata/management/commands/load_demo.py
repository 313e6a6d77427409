"""``manage.py load_demo``: load the demo content and people, and print a login for each role."""

from django.core.management.base import BaseCommand

from demodata.services import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load demo courses, border posts and a login for each role (idempotent)."

    def handle(self, *args, **options):
        logins = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo loaded. Log in with any of these:"))
        self.stdout.write(f"  {'user name':<20} {'role':<14} sees")
        for login in logins:
            self.stdout.write(f"  {login.username:<20} {login.role:<14} {login.where}")
        self.stdout.write(f"  password for every demo login: {DEMO_PASSWORD}")
