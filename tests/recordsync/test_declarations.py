"""Synced tables are declared by the apps that own them (``nodes.syncing``, each app's
``synced`` module): ``recordsync`` names none of them, finds every declaration, orders tables
by what their rows refer to, and refuses a packet holding a table no app here declares."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.apps import AppConfig, apps

from learning import services as learning
from nodes.container import container_bytes
from recordsync import registry
from recordsync.export import export
from recordsync.models import PendingRecord, RejectedRecord
from recordsync.registry import OFFICER, TABLES, columns, discover, ordered
from recordsync.services import PacketRefused, packet_import
from tests.recordsync.conftest import forget_records, record_count

RECORDSYNC = Path(registry.__file__).parent


def _recordsync_code() -> dict[str, str]:
    """recordsync's Python files (migrations aside) without their docstrings and comments:
    the code and the strings it uses."""
    found = {}
    for path in sorted(RECORDSYNC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (
                isinstance(body, list)
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                body[0] = ast.Pass()
        found[str(path.relative_to(RECORDSYNC))] = ast.unparse(tree)
    return found


def test_recordsync_names_no_table_model_or_app_that_syncs_through_it():
    """Adding a synced record type is one declaration in the app that owns it: recordsync has
    no string compare on a table's name, no model, no import of the app."""
    owners = {table.model_label.split(".")[0] for table in TABLES}
    assert owners >= {"officers", "learning", "quizzes", "certificates"}
    for name, code in _recordsync_code().items():
        for table in TABLES:
            assert f"'{table.name}'" not in code and f'"{table.name}"' not in code, (name, table)
            assert table.model_label not in code, (name, table.model_label)
            assert not re.search(rf"\b{table.model.__name__}\b", code), (name, table.model)
        for app in owners:
            assert not re.search(rf"^\s*(from|import) {app}\b", code, re.M), (name, app)
            assert not re.search(rf"['\"]{app}\.", code), (name, app)


def test_a_declaration_in_an_apps_synced_module_is_found_and_placed_after_what_it_refers_to(
    tmp_path, monkeypatch
):
    """A new app declaring a table of learner-like records (they name an officer) is picked up,
    and comes after the table that makes officers although its app is listed first."""
    package = tmp_path / "scormish"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "synced.py").write_text(
        "from nodes.syncing import SyncedTable\n"
        "SYNCED = [SyncedTable('scorm_session', 'learning.LearnerRecord', 'learner__uuid',"
        " 'SCORM session')]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    config = AppConfig("scormish", importlib.import_module("scormish"))

    found = [table.name for table in discover([config, *apps.get_app_configs()])]

    assert found.index("scorm_session") > found.index("profile_record")
    assert set(found) == {table.name for table in TABLES} | {"scorm_session"}


def test_every_table_comes_after_the_tables_its_rows_refer_to_in_any_declared_order():
    for declared in (TABLES, list(reversed(TABLES))):
        placed: set[str] = set()
        for table in ordered(declared):
            for column in columns(table):
                if column.refers_to == OFFICER:
                    assert {t.name for t in TABLES if t.makes_officers} <= placed | {table.name}
                elif column.refers_to:
                    assert column.refers_to in placed, (table.name, column.name)
            placed.add(table.name)


def test_a_packet_with_a_table_no_app_here_declares_is_refused_whole(
    network, people, graded_course
):
    """A newer post sends a kind of record this hub does not know yet: the whole packet is
    refused with the reason, nothing applied, nothing kept waiting or refused."""
    network.be("poipet")
    officer = people["learner_kh"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    officer.full_name_latin = "Sokha Chan Dara"
    officer.save()  # a profile record made here: a second chunk, of a table the hub knows
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    assert len(meta["chunks"]) > 1
    meta["chunks"][-1]["table"] = "scorm_session"
    packet = container_bytes(kind="packet", meta=meta, parts=parts)
    forget_records(network.ids["poipet"])
    network.be("hub")

    with pytest.raises(PacketRefused) as refused:
        packet_import(source=packet)

    assert str(refused.value) == (
        "The packet holds a kind of record this node does not know (scorm_session). Update "
        "this node's software first. Nothing was applied."
    )
    assert record_count(network.ids["poipet"]) == 0
    assert not PendingRecord.objects.exists() and not RejectedRecord.objects.exists()
