"""Profile records written by an older or a newer node travel through a real packet: the
fields this node knows apply (a missing one takes its stated default), fields it does not know
are kept as they came (relays send the row as stored), and a record it cannot read is refused
with its reason."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from learning import services as learning
from officers.models import ProfileRecord
from officers.selectors import profile_records, profile_snapshot
from recordsync.models import RejectedRecord
from recordsync.services import packet_export, packet_import
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db


def _made_at_poipet(network, officer, data: dict | list) -> ProfileRecord:
    """A version of ``officer``'s profile as the Poipet node wrote it, one clock above the
    newest held (the packet's maker decides its shape)."""
    clock = profile_records(officer.uuid).first().clock + 1
    network.be("poipet")
    with transaction.atomic():
        return ProfileRecord.stamped(
            officer_uuid=officer.uuid, clock=clock, data=data, recorded_at=officer.date_joined
        )


def _to_hub(network, tmp_path):
    """Poipet's packet, read by the hub (which had not received Poipet's records)."""
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    network.be("hub")
    return packet_import(source=packet)


def _coordinator_page(client, people, officer) -> str:
    client.force_login(people["coordinator"])
    response = client.get(reverse("coordination:officer", args=[officer.uuid]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_older_nodes_profile_without_a_field_applies_with_its_default(
    network, people, client, tmp_path
):
    """A post that predates a field (here: the rank) sends a profile without it: the hub applies
    the rest and gives the field its stated default, instead of failing the import."""
    officer = people["learner_kh"]
    officer.rank = "Captain"
    officer.save()
    older = profile_snapshot(user=officer) | {"full_name_latin": "Sokha Chan Dara"}
    del older["rank"]
    _made_at_poipet(network, officer, older)

    summary = _to_hub(network, tmp_path)

    assert summary.rejected == []
    page = _coordinator_page(client, people, officer)
    assert "Sokha Chan Dara" in page
    assert "Captain" not in page
    officer.refresh_from_db()
    assert (officer.full_name_latin, officer.rank) == ("Sokha Chan Dara", "")


def test_a_newer_nodes_profile_applies_what_this_node_knows_and_keeps_the_rest(
    network, people, client, tmp_path
):
    """A post running a newer schema sends a version with a field this node does not have: the
    known fields apply, the record is kept as it came (so it relays unchanged), and saving the
    officer here unchanged does not make a new version."""
    officer = people["learner_kh"]
    newer = profile_snapshot(user=officer) | {
        "v": 3,
        "full_name_latin": "Sokha Chan Dara",
        "badge_number": "B-77",
    }
    _made_at_poipet(network, officer, newer)

    summary = _to_hub(network, tmp_path)

    assert summary.rejected == []
    assert "Sokha Chan Dara" in _coordinator_page(client, people, officer)
    assert profile_records(officer.uuid).first().data == newer
    versions = profile_records(officer.uuid).count()
    officer.refresh_from_db()
    officer.save()  # nothing this node knows changed: no new version
    assert profile_records(officer.uuid).count() == versions


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (["not", "a", "profile"], "cannot read"),
        ({"is_active": "yes"}, "“is_active”"),
        ({"v": "two"}, "cannot read"),
    ],
)
def test_a_profile_of_an_unknown_shape_is_refused_with_its_reason(
    network, people, client, tmp_path, data, reason
):
    officer = people["learner_kh"]
    if isinstance(data, dict):
        data = profile_snapshot(user=officer) | {"full_name_latin": "Sokha Chan Dara"} | data
    _made_at_poipet(network, officer, data)

    summary = _to_hub(network, tmp_path)

    (rejected,) = summary.rejected
    assert rejected[2] == "profile_record" and reason in rejected[3]
    assert "refused" in " ".join(summary.lines())
    assert RejectedRecord.objects.get().reason == rejected[3]
    page = _coordinator_page(client, people, officer)
    assert "Sokha Chan Dara" not in page and "Sokha Chan" in page
    officer.refresh_from_db()
    assert officer.is_active is True and officer.full_name_latin == "Sokha Chan"


def test_a_malformed_profile_the_hub_signed_is_refused_alone_at_the_post(
    network, people, graded_course, client, tmp_path
):
    """The hub's packet for a post carries a profile the post cannot read (a newer hub's, or a
    damaged one) among other records: that profile is refused with its reason, the rest of the
    packet applies, and the officer keeps the profile they had."""
    from learning.models import LearnerRecord

    officer = people["learner_kh"]
    network.be("hub")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    with transaction.atomic():
        ProfileRecord.stamped(
            officer_uuid=officer.uuid,
            clock=profile_records(officer.uuid).first().clock + 1,
            data=profile_snapshot(user=officer) | {"full_name_latin": "Sokha Chan Dara", "v": 0},
            recorded_at=officer.date_joined,
        )
    packet = tmp_path / "hub.packet"
    packet_export(path=packet, recipient=network.ids["poipet"])
    forget_records(network.ids["hub"])
    network.be("poipet")

    summary = packet_import(source=packet)

    (rejected,) = summary.rejected
    assert rejected[2] == "profile_record" and "cannot read" in rejected[3]
    assert "1 record was refused:" in summary.lines()
    assert RejectedRecord.objects.get().reason == rejected[3]
    assert LearnerRecord.objects.filter(origin_node=network.ids["hub"], learner=officer).exists()
    officer.refresh_from_db()
    assert officer.full_name_latin == "Sokha Chan"
