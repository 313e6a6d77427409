"""Trainers translate: the existing "Trainers" group gets wagtail-localize's permission to
submit translations (new groups get it from ``officers.services.trainer_group_ensure``)."""

from django.db import migrations

TRAINER_GROUP = "Trainers"


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name=TRAINER_GROUP):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=TRAINER_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtail_localize", codename="submit_translation"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("officers", "0004_must_change_password"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
