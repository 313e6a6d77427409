"""Every synced table is a node record, and its database refuses a second row with the same
``(origin_node, origin_seq)``: what makes receiving a record twice harmless."""

from __future__ import annotations

import datetime
import decimal
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import IntegrityError, connection, models, transaction
from django.test.utils import isolate_apps
from django.utils import timezone

from nodes.records import NodeRecord
from nodes.syncing import SyncedTable
from officers.models import User
from recordsync import registry
from recordsync.checks import record_problems
from recordsync.registry import TABLES

pytestmark = pytest.mark.django_db


def _row(model: type[models.Model], *, origin: uuid.UUID, seq: int):
    """A new row of ``model`` with this origin and seq, every other value fresh (its own
    officer, its own referred-to records, new codes), so that only the origin can clash."""
    values: dict = {"origin_node": origin, "origin_seq": seq, "recorded_at": timezone.now()}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in values or field.null or field.has_default():
            continue
        if field.is_relation and field.related_model is User:
            values[field.name] = User.objects.create(username=uuid.uuid4().hex)
        elif field.is_relation:
            values[field.name] = _row(field.related_model, origin=uuid.uuid4(), seq=1)
        else:
            values[field.name] = _value(field, seq)
    return model.objects.create(**values)


def _value(field: models.Field, seq: int):
    kind = field.get_internal_type()
    if kind == "UUIDField":
        return uuid.uuid4()
    if kind in ("CharField", "TextField"):
        return field.choices[0][0] if field.choices else uuid.uuid4().hex[: field.max_length]
    if kind == "DecimalField":
        return decimal.Decimal(1)
    if kind == "DateField":
        return datetime.date(2026, 1, 1)
    if kind == "DateTimeField":
        return timezone.now()
    if kind == "JSONField":
        return {}
    if kind == "BooleanField":
        return False
    return seq  # the integer fields (a number the record's own, like the audit chain's index)


@pytest.mark.parametrize("table", TABLES, ids=[t.name for t in TABLES])
def test_a_synced_table_is_a_record_whose_origin_and_seq_the_database_keeps_unique(table):
    model = table.model
    assert issubclass(model, NodeRecord)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    origin = [model._meta.get_field(name).column for name in ("origin_node", "origin_seq")]
    name = f"{model._meta.app_label}_{model._meta.model_name}_origin_seq"
    assert name in constraints, f"{table.name}: the constraint of NodeRecord is missing"
    assert constraints[name]["unique"] and constraints[name]["columns"] == origin

    node = uuid.uuid4()
    _row(model, origin=node, seq=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(model, origin=node, seq=7)
    _row(model, origin=node, seq=8)  # the next seq of the same node goes in
    assert model.objects.filter(origin_node=node).count() == 2


def test_the_check_passes_for_the_synced_tables_as_they_are(capsys):
    call_command("check")
    assert "no issues" in capsys.readouterr().out


def test_a_synced_table_that_is_not_a_record_refuses_to_start(monkeypatch):
    stray = SyncedTable("peer_exchange", "nodes.PeerExchange", "peer_id", "peer exchange")
    monkeypatch.setattr(registry, "TABLES", [*TABLES, stray])
    with pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "recordsync.E001" in str(refused.value)
    assert "The synced table 'peer_exchange' (nodes.PeerExchange) is not a node record" in str(
        refused.value
    )


@isolate_apps("recordsync")
def test_a_record_whose_meta_forgets_the_base_is_refused():
    """A record whose ``Meta`` does not extend ``NodeRecord.Meta`` has no origin constraint."""

    class Forgetful(NodeRecord):
        class Meta:
            app_label = "recordsync"

    class Careful(NodeRecord):
        class Meta(NodeRecord.Meta):
            app_label = "recordsync"

    (problem,) = record_problems("forgetful", Forgetful)
    assert problem.id == "recordsync.E002"
    assert "lacks the unique constraint over (origin_node, origin_seq)" in problem.msg
    assert record_problems("careful", Careful) == []
