# The operator's jobs, formerly the app ``transfers`` (ADR 0019).
#
# A fresh install creates the table. A node upgraded from before the rename already has the
# table ``transfers_transferjob`` with the operator's history in it: it is renamed, not
# recreated, so every job stays; the content type and its permissions follow the model, queued
# tasks point at the task's new name, and the old app's migration rows are removed.

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models
from django.db.migrations.recorder import MigrationRecorder

OLD_APP, OLD_MODEL, OLD_TABLE = "transfers", "transferjob", "transfers_transferjob"
NEW_APP, NEW_MODEL = "operatordesk", "operatorjob"
OLD_TASK, NEW_TASK = "transfers.services.run_transfer", "operatordesk.services.run_job"


def table_take_over_or_create(apps, schema_editor):
    model = apps.get_model(NEW_APP, "OperatorJob")
    if OLD_TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.alter_db_table(model, OLD_TABLE, model._meta.db_table)
    else:
        schema_editor.create_model(model)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label=OLD_APP, model=OLD_MODEL).first()
    if old is not None and not ContentType.objects.filter(app_label=NEW_APP).exists():
        for permission in Permission.objects.filter(content_type=old):
            action = permission.codename.split("_", 1)[0]
            permission.codename = f"{action}_{NEW_MODEL}"
            permission.name = f"Can {action} operator job"
            permission.save(update_fields=["codename", "name"])
        old.app_label, old.model = NEW_APP, NEW_MODEL
        old.save(update_fields=["app_label", "model"])
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=OLD_TASK).update(task_path=NEW_TASK)
    MigrationRecorder(schema_editor.connection).migration_qs.filter(app=OLD_APP).delete()


def table_drop(apps, schema_editor):
    schema_editor.delete_model(apps.get_model(NEW_APP, "OperatorJob"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OperatorJob',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('kind', models.CharField(choices=[('bundle_import', 'Load a course bundle'), ('packet_import', 'Read a sync packet'), ('packet_export', 'Write a sync packet')], max_length=20)),
                        ('status', models.CharField(choices=[('queued', 'Waiting to start'), ('running', 'Working'), ('done', 'Done'), ('failed', 'Could not be done')], default='queued', max_length=10)),
                        ('file_name', models.CharField(blank=True, max_length=255, verbose_name='file')),
                        ('recipient', models.UUIDField(blank=True, null=True, verbose_name='packet for')),
                        ('incoming', models.CharField(blank=True, max_length=500)),
                        ('output', models.CharField(blank=True, max_length=500)),
                        ('done', models.PositiveIntegerField(default=0)),
                        ('total', models.PositiveIntegerField(default=0)),
                        ('message', models.TextField(blank=True)),
                        ('result', models.JSONField(blank=True, default=dict)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='operator_jobs', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'operator job',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
        ),
        migrations.RunPython(table_take_over_or_create, table_drop),
    ]
