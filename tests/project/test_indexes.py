"""No table of ours keeps an index that another of its indexes already is (ADR 0050): each one
costs every row written, and a hub writes a post's records by the hundred thousand. Read from
the migrated database itself, SQLite and PostgreSQL alike."""

from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

REPO = Path(__file__).resolve().parents[2]


def _indexes(table: str) -> dict[str, dict]:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def covered_indexes(table: str) -> list[tuple[str, list[str], str]]:
    """The table's plain (not unique) indexes whose columns begin another index or unique
    constraint of the table, each with the one that covers it."""
    indexes = {
        name: facts
        for name, facts in _indexes(table).items()
        if (facts["index"] or facts["unique"]) and facts["columns"] and not facts["primary_key"]
    }
    found = []
    for name, facts in indexes.items():
        if facts["unique"]:
            continue
        columns = facts["columns"]
        for other, other_facts in indexes.items():
            longer = other_facts["columns"]
            if other != name and len(longer) > len(columns) and longer[: len(columns)] == columns:
                found.append((name, columns, other))
                break
    return found


def our_tables() -> list[str]:
    tables = []
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != REPO:  # an installed package's app
            continue
        # Django's own many-to-many tables (a user's groups) are left as Django makes them.
        for model in config.get_models():
            if model._meta.managed and not model._meta.proxy:
                tables.append(model._meta.db_table)
    return sorted(set(tables))


@pytest.mark.django_db
def test_no_table_of_ours_keeps_an_index_that_another_one_begins_with():
    tables = our_tables()
    assert {"learning_learnerrecord", "quizzes_quizattempt", "certificates_certificate"} <= set(
        tables
    )
    assert [(table, covered) for table in tables if (covered := covered_indexes(table))] == []


def _learner_index(table: str) -> list[str]:
    return [
        name
        for name, facts in _indexes(table).items()
        if facts["columns"] == ["learner_id"] and facts["index"] and not facts["unique"]
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_drops_the_covered_index_and_going_back_makes_it_again():
    table = "quizzes_quizattempt"
    assert _learner_index(table) == []

    MigrationExecutor(connection).migrate(
        [("quizzes", "0004_attempt_quiz_index_submission_grades")]
    )
    try:
        made = _learner_index(table)
        assert len(made) == 1
        assert [name for name, _columns, _covering in covered_indexes(table)] == made
    finally:
        MigrationExecutor(connection).migrate([("quizzes", "0005_fk_index_covered")])

    assert _learner_index(table) == []
    assert covered_indexes(table) == []
