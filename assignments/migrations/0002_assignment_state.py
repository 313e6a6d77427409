"""The derived table of assignment state (ADR 0044), filled from the records a node holds
already. The fill runs the app's own fold (``assignments.derived``), which reads the models as
they are in the code: should a later migration change the record tables, a node migrating
across both may have to skip this fill and run ``manage.py assignment_state_rebuild`` after."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    from assignments.derived import assignment_state_rebuild

    assignment_state_rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('assignments', '0001_records'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AssignmentState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('course_key', models.UUIDField()),
                ('cohort', models.UUIDField(null=True)),
                ('assigned_at', models.DateTimeField(null=True)),
                ('due_on', models.DateField(null=True)),
                ('progress', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed')], max_length=16)),
                ('withdrawn', models.BooleanField(default=False)),
                ('assigned_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('officer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('officer', 'course_key'), name='assignmentstate_once')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
]
