"""The post's task worker asks the SQLite file whether a task is due without Django
(elearning.taskworker.QueueProbe); it must see exactly what ``db_worker`` would run."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection as database
from django.test import override_settings
from django.utils import timezone

from certificates.batches import print_batch
from elearning.taskworker import queue_probe
from tests.conftest import build_course

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _ready_for_db_worker() -> bool:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().filter(backend_name="default").exists()


def test_the_probe_sees_a_task_due_exactly_when_db_worker_would_run_one():
    if database.vendor != "sqlite":
        pytest.skip("the probe reads a SQLite file (a post's database)")
    probe = queue_probe()
    assert probe is not None
    connection = probe.connect()
    seen = []

    def both() -> tuple[bool, bool]:
        seen.append((probe.due(connection), _ready_for_db_worker()))
        return seen[-1]

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")  # what setup queued
    assert both() == (False, False)  # nothing queued
    later = timezone.now() + datetime.timedelta(hours=1)
    print_batch.using(run_after=later).enqueue(job_id="00000000-0000-0000-0000-000000000000")
    assert both() == (False, False)  # queued for later: not yet
    build_course(code="PRB-101", modules=1, lessons_per_module=1)  # publishing queues tasks
    assert both() == (True, True)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert both() == (False, False)  # all run; the one for later still waits
    past = timezone.now() - datetime.timedelta(seconds=1)
    print_batch.using(run_after=past).enqueue(job_id="00000000-0000-0000-0000-000000000000")
    assert both() == (True, True)
    connection.close()


def test_on_postgresql_only_db_worker_can_say():
    if database.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    assert queue_probe() is None


def test_without_times_in_utc_only_db_worker_can_say():
    with override_settings(USE_TZ=False):
        assert queue_probe() is None
