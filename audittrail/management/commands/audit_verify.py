"""``manage.py audit_verify [--node NODE_ID] [--json]``: check the audit trail of every node this
node holds (or one): every hash recomputed, every link and checkpoint checked, the first broken
link named. Exit 1 when anything is broken."""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audittrail.selectors import trails_verify


class Command(BaseCommand):
    help = "Check the audit trail of every node held here; exit 1 at the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--node", help="only this node's trail (its id)")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: object, **options: Any) -> None:
        try:
            node = uuid.UUID(options["node"]) if options["node"] else None
        except ValueError:
            raise CommandError(f"Not a node id: {options['node']}") from None
        trails = trails_verify(node=node)
        if options["json"]:
            self.stdout.write(json.dumps([trail.as_json() for trail in trails], indent=2))
        else:
            if not trails:
                self.stdout.write("No audit trail is held here.")
            for trail in trails:
                walk, problem = trail.walk, trail.walk.problem
                head = (
                    f"{trail.name} ({trail.node}): {walk.entries} entries, "
                    f"{walk.checkpoints} checkpoints"
                )
                if problem is None:
                    self.stdout.write(f"{head}: intact")
                else:
                    self.stdout.write(
                        f"{head}: BROKEN at entry {problem.index}: {problem.kind} "
                        f"({problem.detail})"
                    )
        if not all(trail.ok for trail in trails):
            sys.exit(1)
