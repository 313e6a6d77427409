"""The task worker is quiet by default: ``make demo`` runs it beside the server, and a line or
two per task (Wagtail queues one per page published) pushed the demo logins off the screen."""

import pytest
from django.core.management import call_command

from tests.conftest import build_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_worker_runs_the_queued_tasks_without_a_line_each(capfd):
    from django_tasks_db.models import DBTaskResult

    build_course(code="LOG-101", modules=1, lessons_per_module=2)
    queued = DBTaskResult.objects.count()
    assert queued > 0  # publishing queued Wagtail's tasks
    capfd.readouterr()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    out, err = capfd.readouterr()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == queued
    assert "Task id=" not in out + err and "Starting worker" not in out + err
