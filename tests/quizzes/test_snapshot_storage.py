"""How a hub on PostgreSQL stores an attempt's snapshot (the questions drawn, with their keys,
about 15 KB of JSON): compressed with LZ4, which every connection asks for
(``default_toast_compression=lz4`` in the settings' connection options, ADR 0043), not pglz."""

from __future__ import annotations

import importlib
import json
from types import SimpleNamespace

import pytest
from django.db import connection

from learning import services as learning
from quizzes.models import QuizAttempt
from quizzes.services import attempt_start


def test_a_large_snapshot_is_stored_compressed_with_lz4_and_read_back_whole(
    quiz, course_tree, people
):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite stores JSON as it is")
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    attempt = attempt_start(learner=officer, quiz=quiz)
    # As a quiz of many questions would draw (records are immutable: written here in SQL): past
    # TOAST's threshold (about 2 KB), so compressed.
    large = {**attempt.snapshot, "questions": attempt.snapshot["questions"] * 60}
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE quizzes_quizattempt SET snapshot = %s::jsonb WHERE id = %s",
            [json.dumps(large), attempt.pk],
        )
        cursor.execute(
            "SELECT pg_column_compression(snapshot), length(snapshot::text) "
            "FROM quizzes_quizattempt WHERE id = %s",
            [attempt.pk],
        )
        method, size = cursor.fetchone()
    assert method == "lz4" and size > 8_000
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == large


def test_a_snapshot_stored_whole_before_parts_existed_reads_as_it_was(quiz, course_tree, people):
    """An attempt stored before ADR 0051 (whole questions in the row) reads as it was, and the
    migration's rewrite into parts, and back, reads the same."""
    from django.db.migrations.loader import MigrationLoader

    from quizzes.drawnstore import parts_cache_clear

    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    attempt = attempt_start(learner=officer, quiz=quiz)
    whole = attempt.snapshot
    with connection.cursor() as cursor:  # records are immutable: as a node before it wrote
        cursor.execute(
            "UPDATE quizzes_quizattempt SET snapshot = %s WHERE id = %s",
            [json.dumps(whole), _key(attempt)],
        )
    assert "view" in _raw(attempt)
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == whole

    name = "0006_drawn_questions_stored_once"
    migration = importlib.import_module(f"quizzes.migrations.{name}")
    state = MigrationLoader(connection).project_state(("quizzes", name)).apps
    editor = SimpleNamespace(connection=connection)  # all the functions use of the editor
    migration.compact(state, editor)
    assert "view" not in _raw(attempt)
    parts_cache_clear()
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == whole
    migration.expand(state, editor)
    assert "view" in _raw(attempt)
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == whole


def _key(attempt: QuizAttempt):
    return attempt.pk.hex if connection.vendor == "sqlite" else attempt.pk


def _raw(attempt: QuizAttempt) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(snapshot AS TEXT) FROM quizzes_quizattempt WHERE id = %s", [_key(attempt)]
        )
        return json.loads(cursor.fetchone()[0])["questions"][0]
