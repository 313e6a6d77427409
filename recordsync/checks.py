"""System checks: sync's idempotence rests on every synced table being a node record whose
``(origin_node, origin_seq)`` is unique (receiving a record twice then inserts it once). A table
in the registry that is not, refuses to start (``manage.py check``, ``migrate``, the server)."""

from __future__ import annotations

from django.core import checks
from django.db import models

from nodes.records import NodeRecord

from . import registry

ORIGIN = ("origin_node", "origin_seq")


def record_problems(name: str, model: type[models.Model]) -> list[checks.CheckMessage]:
    """Why the model of synced table ``name`` cannot sync by union, if it cannot."""
    if not issubclass(model, NodeRecord):
        return [
            checks.Error(
                f"The synced table {name!r} ({model._meta.label}) is not a node record.",
                hint="Make the model a subclass of nodes.records.NodeRecord.",
                obj=model,
                id="recordsync.E001",
            )
        ]
    unique = any(
        isinstance(c, models.UniqueConstraint)
        and tuple(c.fields) == ORIGIN
        and c.condition is None
        and not c.expressions
        for c in model._meta.constraints
    )
    if unique:
        return []
    return [
        checks.Error(
            f"The synced table {name!r} ({model._meta.label}) lacks the unique constraint "
            "over (origin_node, origin_seq): a record received twice would be inserted twice.",
            hint="Let the model's Meta extend NodeRecord.Meta, and add its own constraints to "
            "NodeRecord.Meta.constraints.",
            obj=model,
            id="recordsync.E002",
        )
    ]


@checks.register(checks.Tags.models)
def synced_tables_are_records(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    return [
        problem for table in registry.TABLES for problem in record_problems(table.name, table.model)
    ]
