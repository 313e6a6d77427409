"""A node upgraded from before the rename (ADR 0019) keeps the operator's history.

The test database is put back as such a node has it: no ``operatordesk`` table, the app
``transfers`` migrated with its one migration (the operation below is that migration's, as it
shipped), a finished job and one still queued for the worker, the old content type with its
permissions. Then the real migration runs forward, and the operator finds everything again."""

import uuid

import django.db.models.deletion
import django.utils.timezone
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, migrations, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from operatordesk.models import OperatorJob
from tests.conftest import run_task_worker

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# transfers/migrations/0001_transfer_jobs.py, the table every node has before the rename.
TRANSFERS_0001 = migrations.CreateModel(
    name="TransferJob",
    fields=[
        (
            "id",
            models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        ("kind", models.CharField(max_length=20)),
        ("status", models.CharField(default="queued", max_length=10)),
        ("file_name", models.CharField(blank=True, max_length=255, verbose_name="file")),
        ("recipient", models.UUIDField(blank=True, null=True, verbose_name="packet for")),
        ("incoming", models.CharField(blank=True, max_length=500)),
        ("output", models.CharField(blank=True, max_length=500)),
        ("done", models.PositiveIntegerField(default=0)),
        ("total", models.PositiveIntegerField(default=0)),
        ("message", models.TextField(blank=True)),
        ("result", models.JSONField(blank=True, default=dict)),
        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
        ("finished_at", models.DateTimeField(blank=True, null=True)),
        (
            "requested_by",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="transfer_jobs",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ],
    options={"verbose_name": "transfer", "ordering": ["-created_at"]},
)
NEW_APP_MIGRATION = ("operatordesk", "0001_operator_jobs_from_transfers")


def _node_as_before_the_rename(admin, incoming, written):
    """The database of a node that ran the app ``transfers``; returns the two jobs' ids."""
    MigrationExecutor(connection).migrate([("operatordesk", None)])
    before = MigrationExecutor(connection).loader.project_state()
    after = before.clone()
    TRANSFERS_0001.state_forwards("transfers", after)
    with connection.schema_editor() as editor:
        TRANSFERS_0001.database_forwards("transfers", editor, before, after)
    MigrationRecorder(connection).record_applied("transfers", "0001_transfer_jobs")
    old_job = after.apps.get_model("transfers", "TransferJob")
    done = old_job.objects.create(
        kind="packet_export",
        status="done",
        file_name="Poipet",
        message="12 records for Poipet.",
        output=str(written),
        requested_by_id=admin.pk,
        finished_at=timezone.now(),
    )
    queued = old_job.objects.create(
        kind="packet_import",
        file_name="from-hq.packet",
        incoming=str(incoming),
        requested_by_id=admin.pk,
    )
    DBTaskResult.objects.create(
        task_path="transfers.services.run_transfer",
        args_kwargs={"args": [], "kwargs": {"job_id": str(queued.pk)}},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    # The content type keeps its id (other rows point at it): it was the old model's.
    ContentType.objects.filter(app_label="operatordesk").update(
        app_label="transfers", model="transferjob"
    )
    for permission in Permission.objects.filter(content_type__app_label="transfers"):
        action = permission.codename.split("_")[0]
        permission.codename, permission.name = f"{action}_transferjob", f"Can {action} transfer"
        permission.save()
    return done.pk, queued.pk


def test_an_upgraded_node_keeps_the_operators_jobs(client, people, tmp_path):
    admin = people["admin"]
    stick = tmp_path / "from-hq.packet"
    stick.write_bytes(b"not a packet at all")
    written = tmp_path / "to-poipet.packet"
    written.write_bytes(b"the packet written before the upgrade")
    done_id, queued_id = _node_as_before_the_rename(admin, stick, written)

    MigrationExecutor(connection).migrate([NEW_APP_MIGRATION])

    client.force_login(admin)
    page = client.get(reverse("operatordesk:job", args=[done_id])).content.decode()
    assert "12 records for Poipet." in page and "Download the packet" in page
    download = client.get(reverse("operatordesk:job", args=[done_id]) + "?download=1")
    assert b"".join(download.streaming_content) == b"the packet written before the upgrade"
    old_address = client.get(f"/admin/transfers/{done_id}/?format=json")
    assert old_address.status_code == 302
    assert old_address["Location"] == f"/admin/operator/{done_id}/?format=json"
    assert client.get(old_address["Location"]).json()["status"] == "done"
    # The job queued before the upgrade runs after it, under the task's new name.
    run_task_worker()
    queued = OperatorJob.objects.get(pk=queued_id)
    assert queued.status == OperatorJob.Status.FAILED and queued.message
    assert not stick.exists()  # the uploaded copy is removed, as after any job
    # Permissions given on the old model are the new model's; the old app is forgotten.
    content_type = ContentType.objects.get(app_label="operatordesk", model="operatorjob")
    permissions = Permission.objects.filter(content_type=content_type)
    assert sorted(permissions.values_list("codename", "name")) == [
        ("add_operatorjob", "Can add operator job"),
        ("change_operatorjob", "Can change operator job"),
        ("delete_operatorjob", "Can delete operator job"),
        ("view_operatorjob", "Can view operator job"),
    ]
    assert not ContentType.objects.filter(app_label="transfers").exists()
    assert not MigrationRecorder(connection).migration_qs.filter(app="transfers").exists()
    assert "transfers_transferjob" not in connection.introspection.table_names()


def test_a_fresh_node_gets_an_empty_operator_table(people):
    MigrationExecutor(connection).migrate([("operatordesk", None)])
    assert "operatordesk_operatorjob" not in connection.introspection.table_names()

    MigrationExecutor(connection).migrate([NEW_APP_MIGRATION])

    assert "operatordesk_operatorjob" in connection.introspection.table_names()
    assert not OperatorJob.objects.exists()
