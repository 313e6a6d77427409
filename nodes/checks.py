"""System checks of the database a node runs on (run by ``migrate`` and ``check --database``)."""

from __future__ import annotations

from django.core import checks
from django.db import connections

# Every record takes a sequence number with UPDATE ... RETURNING (``services._counter_bumped``).
SQLITE_RETURNING = (3, 35, 0)


@checks.register(checks.Tags.database)
def sqlite_is_recent_enough(
    app_configs=None, databases=None, **kwargs
) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "sqlite":
            continue
        version = connection.Database.sqlite_version_info
        if tuple(version) < SQLITE_RETURNING:
            problems.append(
                checks.Error(
                    f"SQLite {'.'.join(map(str, version))} is too old for this platform: records "
                    "take their sequence numbers with UPDATE ... RETURNING, which SQLite has "
                    "from 3.35.",
                    hint="Install SQLite 3.35 or later (Debian 12 has 3.40), or use PostgreSQL.",
                    id="nodes.E001",
                )
            )
    return problems
