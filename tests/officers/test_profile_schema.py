"""One profile schema: the admin, the snapshot a record carries and the apply of an imported
record all cover exactly the fields ``officers.profile_schema`` declares."""

from __future__ import annotations

import uuid

import pytest
from django.contrib import admin
from django.urls import reverse

from officers import profile_schema
from officers.models import ProfileRecord, User
from officers.selectors import PROFILE_FIELDS, profile_snapshot
from officers.services import profile_apply

pytestmark = pytest.mark.django_db


def test_the_admin_shows_every_synced_field(people, client):
    officer = people["learner_kh"]
    shown = {
        name
        for _title, options in admin.site._registry[User].get_fieldsets(None, officer)
        for name in options["fields"]
    }
    assert shown >= profile_schema.NAMES
    assert PROFILE_FIELDS == profile_schema.NAMES
    client.force_login(people["admin"])
    page = client.get(reverse("admin:officers_user_change", args=[officer.pk]))
    assert page.status_code == 200
    assert 'name="must_change_password"' in page.content.decode()


def test_the_snapshot_and_the_apply_carry_every_synced_field(people, posts):
    officer = people["learner_kh"]
    officer.must_change_password = True
    officer.save()
    data = profile_snapshot(user=officer)
    assert set(data) == profile_schema.NAMES  # version 1 writes no "v"
    changed = {
        "first_name": "Sokha",
        "last_name": "Chan",
        "full_name_native": "សុខា ចាន់",
        "full_name_latin": "Sokha Chan Dara",
        "service_number": "KH-1234",
        "agency": {
            "uuid": str(uuid.uuid4()),
            "name": "Immigration",
            "short_name": "GDI",
            "country": "KH",
        },
        "rank": "Captain",
        "country": "KH",
        "post": profile_snapshot(user=people["learner"])["post"],
        "preferred_language": "km",
        "is_active": True,
        "password": "!changed",
        "email": "sokha@example.org",
        "date_joined": "2024-05-01T08:30:00+00:00",
        "must_change_password": False,
    }
    new = data | changed
    new.pop("must_change_password")  # sparse: written only when set
    assert set(changed) | {"username", "role", "is_staff", "is_superuser"} == profile_schema.NAMES
    record = ProfileRecord.stamped(
        officer_uuid=officer.uuid, clock=99, data=new, recorded_at=officer.date_joined
    )
    assert profile_apply(record=record)
    officer.refresh_from_db()
    assert profile_snapshot(user=officer) == new
    assert officer.post == posts["th"] and officer.agency.short_name == "GDI"
