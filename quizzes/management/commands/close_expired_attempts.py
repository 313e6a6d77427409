"""``manage.py close_expired_attempts``: grade open attempts whose time ran out (cron-safe)."""

from django.core.management.base import BaseCommand

from quizzes.services import attempts_close_expired


class Command(BaseCommand):
    help = "Grade every open quiz attempt whose time limit has passed, on the answers saved."

    def handle(self, *args, **options):
        closed = attempts_close_expired()
        self.stdout.write(f"{closed} expired attempt(s) graded.")
