"""Give every officer who existed before profile records one record of their profile as it
stands, so an existing node has a history to send. The snapshot is written out here (not
imported from ``officers.selectors``) so this migration keeps working as the model changes."""

import datetime

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def _snapshot(user) -> dict:
    agency = user.agency
    post = user.post
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "full_name_native": user.full_name_native,
        "full_name_latin": user.full_name_latin,
        "service_number": user.service_number,
        "agency": (
            {
                "uuid": str(agency.uuid),
                "name": agency.name,
                "short_name": agency.short_name,
                "country": agency.country,
            }
            if agency is not None
            else None
        ),
        "rank": user.rank,
        "country": user.country,
        "post": (
            {"uuid": str(post.uuid), "code": post.code, "name": post.name, "country": post.country}
            if post is not None
            else None
        ),
        "preferred_language": user.preferred_language,
        "role": user.role,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "password": user.password,
        "email": user.email,
        "date_joined": (
            user.date_joined.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
            if user.date_joined
            else None
        ),
    }


def stamp_existing_profiles(apps, schema_editor):
    User = apps.get_model("officers", "User")
    ProfileRecord = apps.get_model("officers", "ProfileRecord")
    NodeSequence = apps.get_model("nodes", "NodeSequence")
    users = User.objects.select_related("agency", "post").order_by("pk")
    stamped = set(ProfileRecord.objects.values_list("officer_uuid", flat=True))
    users = [user for user in users if user.uuid not in stamped]
    if not users:
        return  # a fresh database: no key pair is made just to migrate it
    from nodes.identity import node_identity

    node_id = node_identity().node_id
    NodeSequence.objects.get_or_create(node_id=node_id)
    NodeSequence.objects.filter(node_id=node_id).update(last_value=F("last_value") + len(users))
    last = NodeSequence.objects.values_list("last_value", flat=True).get(node_id=node_id)
    now = timezone.now()
    ProfileRecord.objects.bulk_create(
        ProfileRecord(
            origin_node=node_id,
            origin_seq=last - len(users) + n,
            recorded_at=now,
            officer_uuid=user.uuid,
            clock=1,
            data=_snapshot(user),
        )
        for n, user in enumerate(users, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("officers", "0002_profile_records"),
        ("nodes", "0001_node_sequence"),
    ]

    operations = [
        migrations.RunPython(stamp_existing_profiles, migrations.RunPython.noop),
    ]
