"""Migration operations shared by the apps."""

from __future__ import annotations

from django.db import migrations, models


def fk_index_dropped(
    app_label: str, model_name: str, field_name: str, field: models.ForeignKey
) -> migrations.SeparateDatabaseAndState:
    """Stop keeping a foreign key's own one-column index, which Django makes by default, where
    another index or unique constraint of the table starts with that column and serves every
    query by it, deletes through the key included (ADR 0050). ``field`` is the key as it is
    now declared (``db_index=False``).

    On the database the index, found by its column, is only dropped: ``AlterField`` would have
    SQLite copy the whole table for it, quiz snapshots and all. Going back makes it again."""

    def drop(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        column = model._meta.get_field(field_name).column
        with schema_editor.connection.cursor() as cursor:
            constraints = schema_editor.connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
        for name, facts in constraints.items():
            own = facts["columns"] == [column] and facts["index"]
            if own and not (facts["unique"] or facts["primary_key"] or facts["foreign_key"]):
                schema_editor.remove_index(model, models.Index(fields=[field_name], name=name))

    def make(apps, schema_editor) -> None:
        model = apps.get_model(app_label, model_name)
        column = model._meta.get_field(field_name).column
        name = f"{model._meta.db_table}_{column}"[:60] + "_fk"
        schema_editor.add_index(model, models.Index(fields=[field_name], name=name))

    return migrations.SeparateDatabaseAndState(
        state_operations=[
            migrations.AlterField(model_name=model_name, name=field_name, field=field)
        ],
        database_operations=[migrations.RunPython(drop, make, elidable=False)],
    )
