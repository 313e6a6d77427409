"""Officers' profiles as node records: every real change by any path leaves exactly one
ProfileRecord, imported records bring the officer's row in line whatever order they arrive in,
and the hub can tell which officers belong (or belonged) to a post."""

from __future__ import annotations

import datetime
import importlib
import itertools
import json
import uuid

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nodes.identity import node_identity
from nodes.models import NodeRole, Peer
from officers.models import Agency, ProfileRecord, Role, User
from officers.selectors import (
    officer_uuids_for_post,
    profile_effective,
    profile_from_wire,
    profile_snapshot,
    profile_winner,
)
from officers.services import (
    officer_create,
    officer_password_reset,
    officer_set_language,
    officer_set_role,
    profile_apply,
    profiles_apply,
)
from officers.trainers import TRAINER_GROUP
from tests.conftest import PASSWORD

# Node ids of other posts, in a known order: POST_A < POST_B < POST_C.
POST_A = uuid.UUID("10000000-0000-0000-0000-000000000000")
POST_B = uuid.UUID("20000000-0000-0000-0000-000000000000")
POST_C = uuid.UUID("30000000-0000-0000-0000-000000000000")


def records_of(user: User) -> list[ProfileRecord]:
    return list(ProfileRecord.objects.filter(officer_uuid=user.uuid).order_by("clock"))


def can_log_in(client, username: str, password: str) -> bool:
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def form_data(form, **changes) -> dict:
    """What a browser would post back for an unchanged form, with ``changes``."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or value is False:
            continue
        if isinstance(value, (list, tuple)) or hasattr(value, "all"):
            value = [getattr(v, "pk", v) for v in (value.all() if hasattr(value, "all") else value)]
        elif hasattr(value, "pk"):
            value = value.pk
        elif isinstance(value, datetime.datetime):  # the admin's date and time boxes
            local = timezone.localtime(value)
            data[form.add_prefix(f"{name}_0")] = local.date().isoformat()
            data[form.add_prefix(f"{name}_1")] = local.time().replace(microsecond=0).isoformat()
            continue
        data[form.add_prefix(name)] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def imported(
    *, officer_uuid: uuid.UUID, origin: uuid.UUID, seq: int, clock: int, **data
) -> ProfileRecord:
    """A record as the sync app stores it: made elsewhere, inserted as is."""
    snapshot = {
        "username": "nilar",
        "first_name": "",
        "last_name": "",
        "full_name_native": "နီလာ",
        "full_name_latin": "Nilar Aung",
        "service_number": "",
        "agency": None,
        "rank": "",
        "country": "MM",
        "post": None,
        "preferred_language": "my",
        "role": "learner",
        "is_active": True,
        "is_staff": False,
        "is_superuser": False,
        "password": make_password(PASSWORD),
        "email": "",
        "date_joined": "2026-01-05T08:00:00+00:00",
    } | data
    return ProfileRecord.objects.create(
        officer_uuid=officer_uuid,
        origin_node=origin,
        origin_seq=seq,
        clock=clock,
        data=snapshot,
        recorded_at=timezone.now(),
    )


# Writing: one record per real change, by any path ------------------------------------------


def test_creating_an_officer_records_their_profile_once(posts):
    officer = officer_create(
        username="somchai", password=PASSWORD, post=posts["th"], full_name_latin="Somchai Jaidee"
    )
    (record,) = records_of(officer)
    assert record.clock == 1
    assert record.origin_node == node_identity().node_id
    assert record.data["full_name_latin"] == "Somchai Jaidee"
    assert record.data["post"] == {
        "uuid": str(posts["th"].uuid),
        "code": "th-a",
        "name": "Aranyaprathet",
        "country": "TH",
    }
    assert record.data == profile_snapshot(user=officer)


@pytest.mark.parametrize("role", list(Role))
def test_creating_an_officer_of_any_role_is_one_record(db, role):
    officer = officer_create(username=f"new-{role}", password=PASSWORD, role=role)
    (record,) = records_of(officer)
    assert record.data["role"] == role
    assert record.data["is_superuser"] == (role == Role.ADMINISTRATOR)


def test_each_service_change_is_one_record_and_a_repeat_is_none(people):
    officer = people["learner"]
    officer_set_language(user=officer, language="th")
    officer_set_language(user=officer, language="th")
    officer_password_reset(actor=people["admin"], officer=officer, new_password="Fresh-pass-2026")
    officer_set_role(user=officer, role=Role.TRAINER)
    officer_set_role(user=officer, role=Role.TRAINER)
    records = records_of(officer)
    assert [r.clock for r in records] == [1, 2, 3, 4]
    assert records[1].data["preferred_language"] == "th"
    assert records[2].data["password"] == User.objects.get(pk=officer.pk).password
    assert records[3].data["role"] == Role.TRAINER
    assert profile_winner(officer.uuid) == records[-1]


def test_logging_in_writes_no_record(client, people):
    before = ProfileRecord.objects.count()
    response = client.post(reverse("login"), {"username": "learner", "password": PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(username="learner").last_login is not None
    assert ProfileRecord.objects.count() == before


def test_an_officer_changing_their_password_is_one_record(client, people):
    client.force_login(people["learner"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Another-good-pass-77",
            "new_password2": "Another-good-pass-77",
        },
    )
    assert response.status_code == 302
    records = records_of(people["learner"])
    assert len(records) == 2
    assert records[-1].data["password"] == User.objects.get(username="learner").password


def test_createsuperuser_is_one_record(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username="root", email="root@example.org")
    (record,) = records_of(User.objects.get(username="root"))
    assert record.data["is_superuser"] is True


def test_django_admin_edit_is_one_record_even_when_it_changes_the_role(client, people):
    officer = people["learner"]
    client.force_login(people["admin"])
    url = reverse("admin:officers_user_change", args=[officer.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = form_data(form, rank="Sergeant", role=Role.ADMINISTRATOR)
    data.pop("password", None)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update(form_data(management))
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    officer.refresh_from_db()
    assert officer.rank == "Sergeant" and officer.is_superuser
    records = records_of(officer)
    assert len(records) == 2
    assert records[-1].data["rank"] == "Sergeant"
    assert records[-1].data["is_superuser"] is True


def test_wagtail_admin_user_edit_is_one_record(client, people):
    officer = people["learner"]
    client.force_login(people["admin"])
    url = reverse("wagtailusers_users:edit", args=[officer.pk])
    form = client.get(url).context["form"]
    response = client.post(
        url,
        form_data(form, email="somchai@police.example", first_name="Somchai", last_name="Jaidee"),
    )
    assert response.status_code == 302, response.context["form"].errors
    records = records_of(officer)
    assert len(records) == 2
    assert records[-1].data["email"] == "somchai@police.example"
    assert records[-1].data["last_name"] == "Jaidee"


def test_load_demo_leaves_one_record_per_officer_and_a_rerun_none(db):
    call_command("load_demo")
    users = list(User.objects.all())
    assert users
    assert ProfileRecord.objects.count() == len(users)
    for user in users:
        assert profile_effective(user.uuid)[0] == profile_snapshot(user=user)
    call_command("load_demo")
    assert ProfileRecord.objects.count() == len(users)


def test_the_migration_stamps_officers_who_had_no_record(posts):
    # bulk_create skips signals: a user as it stood before profile records existed.
    (old,) = User.objects.bulk_create([User(username="veteran", post=posts["kh"], country="KH")])
    old = User.objects.get(username="veteran")
    assert records_of(old) == []
    migration = importlib.import_module("officers.migrations.0003_stamp_existing_profiles")
    migration.stamp_existing_profiles(global_apps, None)
    migration.stamp_existing_profiles(global_apps, None)
    (record,) = records_of(old)
    assert record.data == profile_snapshot(user=old)
    assert old.uuid in officer_uuids_for_post("kh-p")
    # The migration took its number from the node's sequence: the next record follows it.
    officer_set_language(user=old, language="km")
    assert records_of(old)[-1].origin_seq == record.origin_seq + 1


# Applying imported records ------------------------------------------------------------------


def test_apply_creates_an_officer_at_a_node_that_never_saw_them(client, db):
    officer_uuid = uuid.uuid4()
    agency_uuid, post_uuid = uuid.uuid4(), uuid.uuid4()
    record = imported(
        officer_uuid=officer_uuid,
        origin=POST_A,
        seq=1,
        clock=1,
        agency={
            "uuid": str(agency_uuid),
            "name": "Immigration",
            "short_name": "MI",
            "country": "MM",
        },
        post={"uuid": str(post_uuid), "code": "mm-m", "name": "Myawaddy", "country": "MM"},
    )
    records_before = ProfileRecord.objects.count()

    applied = profile_apply(record=record)

    assert applied and applied.changed and applied.notices == ()
    officer = User.objects.get(uuid=officer_uuid)
    assert officer.display_name == "နီလာ"
    assert officer.post.uuid == post_uuid and officer.post.name == "Myawaddy"
    assert officer.agency.uuid == agency_uuid
    assert ProfileRecord.objects.count() == records_before  # applying writes no record
    assert profile_snapshot(user=officer) == record.data
    assert can_log_in(client, "nilar", PASSWORD)
    assert not profile_apply(record=record)  # again: nothing to do


def test_apply_matches_an_existing_post_by_code_when_its_uuid_differs(posts):
    record = imported(
        officer_uuid=uuid.uuid4(),
        origin=POST_A,
        seq=1,
        clock=1,
        post={"uuid": str(uuid.uuid4()), "code": "th-a", "name": "Aranyaprathet", "country": "TH"},
    )
    profile_apply(record=record)
    assert User.objects.get(username="nilar").post == posts["th"]


def test_any_arrival_order_gives_the_same_officer(db):
    officer_uuid = uuid.uuid4()
    versions = [
        dict(origin=POST_A, seq=1, clock=1, rank="Constable"),
        dict(origin=POST_A, seq=2, clock=2, rank="Corporal", preferred_language="en"),
        # Two posts changed the profile concurrently (both saw clock 2): POST_C wins the tie.
        dict(origin=POST_B, seq=7, clock=3, rank="Sergeant (B)"),
        dict(origin=POST_C, seq=4, clock=3, rank="Sergeant (C)", full_name_latin="Nilar A."),
        # A wall clock years ahead at POST_B decides nothing.
        dict(origin=POST_B, seq=8, clock=2, rank="Old news"),
    ]
    outcomes = set()
    for order in itertools.permutations(versions):
        with transaction.atomic():
            for version in order:
                profile_apply(record=imported(officer_uuid=officer_uuid, **version))
            officer = User.objects.get(uuid=officer_uuid)
            outcomes.add((officer.rank, officer.full_name_latin, officer.preferred_language))
            transaction.set_rollback(True)
    assert outcomes == {("Sergeant (C)", "Nilar A.", "my")}


def test_a_local_change_after_an_import_outranks_it(db):
    officer_uuid = uuid.uuid4()
    profile_apply(record=imported(officer_uuid=officer_uuid, origin=POST_A, seq=1, clock=5))
    officer = User.objects.get(uuid=officer_uuid)
    officer_set_language(user=officer, language="en")
    winner = profile_winner(officer_uuid)
    assert winner.clock == 6 and winner.origin_node == node_identity().node_id
    # A late record from the post, made before it saw our change, does not undo it.
    profile_apply(record=imported(officer_uuid=officer_uuid, origin=POST_A, seq=2, clock=5))
    officer.refresh_from_db()
    assert officer.preferred_language == "en"


def test_a_transferred_officer_belongs_to_the_old_and_the_new_post(people, posts):
    officer = people["learner"]
    officer.post = posts["kh"]
    officer.save()
    assert officer.uuid in officer_uuids_for_post("th-a")
    assert officer.uuid in officer_uuids_for_post("kh-p")
    assert officer.uuid not in officer_uuids_for_post("la-v")
    assert people["learner_la"].uuid in officer_uuids_for_post("la-v")


def test_a_username_clash_keeps_the_local_officer_and_renames_the_arrival(people):
    local = people["learner"]
    arriving = uuid.uuid4()
    first = imported(officer_uuid=arriving, origin=POST_A, seq=1, clock=1, username="learner")

    applied = profile_apply(record=first)

    assert applied.changed
    (notice,) = applied.notices
    assert "learner" in notice and "learner-2" in notice
    local.refresh_from_db()
    assert local.username == "learner" and local.full_name_latin == "Somchai Jaidee"
    assert User.objects.get(uuid=arriving).username == "learner-2"
    # A later version of the arriving officer keeps the name it was given here.
    later = imported(
        officer_uuid=arriving, origin=POST_A, seq=2, clock=2, username="learner", rank="Major"
    )
    assert profile_apply(record=later).notices
    renamed = User.objects.get(uuid=arriving)
    assert (renamed.username, renamed.rank) == ("learner-2", "Major")
    assert User.objects.filter(username__startswith="learner-").count() == 1


def test_a_service_number_clash_is_reported_not_crashed(people):
    people["learner"].service_number = "TH-1234"
    people["learner"].country = "TH"
    people["learner"].save()
    record = imported(
        officer_uuid=uuid.uuid4(),
        origin=POST_A,
        seq=1,
        clock=1,
        country="TH",
        service_number="TH-1234",
    )
    applied = profile_apply(record=record)
    assert applied.changed and "TH-1234" in applied.notices[0]
    assert User.objects.get(username="nilar").service_number == ""


def test_a_post_cannot_grant_rights_but_the_hub_can(client, db):
    officer_uuid = uuid.uuid4()
    hub = uuid.UUID("90000000-0000-0000-0000-000000000000")
    Peer.objects.create(node_id=hub, role=NodeRole.HUB, name="HQ", public_key="ab" * 32)

    applied = profile_apply(
        record=imported(
            officer_uuid=officer_uuid,
            origin=POST_A,
            seq=1,
            clock=1,
            role=Role.ADMINISTRATOR,
            is_staff=True,
            is_superuser=True,
        )
    )
    officer = User.objects.get(uuid=officer_uuid)
    assert not officer.is_administrator and not officer.is_staff
    assert "only headquarters" in applied.notices[0]

    profile_apply(
        record=imported(officer_uuid=officer_uuid, origin=hub, seq=1, clock=2, role=Role.TRAINER)
    )
    officer.refresh_from_db()
    assert officer.role == Role.TRAINER
    assert officer.groups.filter(name=TRAINER_GROUP).exists()

    # Now a trainer made by the hub: a post may not even change their password.
    profile_apply(
        record=imported(
            officer_uuid=officer_uuid, origin=POST_B, seq=1, clock=3, password=make_password("x")
        )
    )
    assert can_log_in(client, "nilar", PASSWORD)
    assert User.objects.get(uuid=officer_uuid).role == Role.TRAINER


def test_officers_new_here_arrive_whole_with_the_groups_of_their_role(client, db):
    """New officers go in with one prepared statement (``officers.bulk``), not ``bulk_create``:
    each is stored with what their profile says, their role's group, a usable password only
    where the profile carries one, and their date joined."""
    hub = uuid.UUID("90000000-0000-0000-0000-000000000000")
    Peer.objects.create(node_id=hub, role=NodeRole.HUB, name="HQ", public_key="ab" * 32)
    trainer, learner = uuid.uuid4(), uuid.uuid4()
    records = [
        imported(officer_uuid=trainer, origin=hub, seq=1, clock=1, role=Role.TRAINER),
        imported(
            officer_uuid=learner,
            origin=hub,
            seq=2,
            clock=1,
            username="somchai",
            password="!",
            service_number="TH-77",
            country="TH",
        ),
    ]
    assert profiles_apply(records=[profile_from_wire(wire_row(r)) for r in records]) == []

    made = User.objects.get(uuid=trainer)
    assert made.role == Role.TRAINER and made.groups.filter(name=TRAINER_GROUP).exists()
    assert made.full_name_native == "နီလာ" and made.preferred_language == "my"
    assert made.date_joined == datetime.datetime(2026, 1, 5, 8, tzinfo=datetime.UTC)
    assert can_log_in(client, "nilar", PASSWORD)
    other = User.objects.get(uuid=learner)
    assert (other.username, other.service_number, other.country) == ("somchai", "TH-77", "TH")
    assert not other.has_usable_password() and not other.groups.exists()
    assert other.is_active and not other.is_staff and other.last_login is None


def wire_row(record: ProfileRecord) -> dict:
    """A stored profile record as a packet carries it (UUIDs as hex, the data as JSON text)."""
    return {
        "officer_uuid": record.officer_uuid.hex,
        "origin_node": record.origin_node.hex,
        "origin_seq": record.origin_seq,
        "clock": record.clock,
        "data": json.dumps(record.data),
    }


def test_an_imported_agency_is_created_once(db):
    agency = {"uuid": str(uuid.uuid4()), "name": "Police", "short_name": "", "country": "MM"}
    for n, officer_uuid in enumerate([uuid.uuid4(), uuid.uuid4()], start=1):
        profile_apply(
            record=imported(
                officer_uuid=officer_uuid,
                origin=POST_A,
                seq=n,
                clock=1,
                username=f"officer{n}",
                agency=agency,
            )
        )
    assert Agency.objects.filter(name="Police").count() == 1


def test_the_officers_of_a_post_are_found_by_the_index_of_the_post_a_version_names(people, posts):
    """A hub asks, at every answer to a post, which officers are that post's: the versions
    naming it are read through the ``profile_post`` index, not by reading every officer's
    profile in the region (SQLite uses an index on an expression only for the same expression)."""
    from django.db import connection

    from officers.models import PostCode

    by_post = ProfileRecord.objects.alias(post=PostCode()).filter(post="la-v").order_by()
    assert set(by_post.values_list("officer_uuid", flat=True)) == {people["learner_la"].uuid}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # a test's few rows: a scan would be cheaper
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = by_post.explain()
    assert "profile_post" in plan
