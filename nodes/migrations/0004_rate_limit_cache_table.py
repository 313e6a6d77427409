"""The table of the database cache the rate limits count in (``elearning.cache``): made by
``migrate`` so that a post needs no extra step. ``createcachetable`` skips tables that exist
and caches that are not in a database."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [
        ("nodes", "0003_enrolment_numbers_and_posts"),
    ]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
