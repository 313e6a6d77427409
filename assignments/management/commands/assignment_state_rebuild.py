"""``python manage.py assignment_state_rebuild``: make the assignments' derived table
(``AssignmentState``, ADR 0044) again from the cohort, assignment and learner records this node
holds, in one transaction. Safe at any time; nothing else is changed."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from assignments.derived import assignment_state_rebuild


class Command(BaseCommand):
    help = "Make the derived table of assignment state again from the records."

    def handle(self, *args, **options):
        started = time.perf_counter()
        made = assignment_state_rebuild()
        self.stdout.write(
            f"{made} assignment state row(s) made from the records "
            f"in {time.perf_counter() - started:.1f} s."
        )
