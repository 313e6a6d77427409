"""A browser's signing key for an officer: registered from a logged-in page with its CSRF
token, bounded in size and in number, and what a withdrawn device's items get (issue 15)."""

from __future__ import annotations

import pytest
from django.test import Client

from learning import services as learning
from learning.models import LearnerRecord
from offlinemode import services
from offlinemode.models import OfflineDevice
from offlinemode.signatures import canonical
from tests.offlinemode.activity_device import Device, batch, send


def test_a_device_registers_once_for_the_logged_in_officer(people, login):
    officer = people["learner"]
    device = Device(officer)
    client = login(officer)
    first = device.register(client)
    assert first.status_code == 201 and first.json()["device"] == str(device.id)
    assert device.register(client).status_code == 200
    stored = OfflineDevice.objects.get(device=device.id)
    assert stored.officer == officer and stored.public_key["crv"] == "P-256"
    assert "d" not in stored.public_key and "ext" not in stored.public_key


def test_registering_needs_a_session_and_the_pages_csrf_token(people):
    officer = people["learner"]
    device = Device(officer)
    assert device.register(Client()).status_code == 401
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert device.register(strict).status_code == 403
    assert not OfflineDevice.objects.exists()


def test_another_key_for_a_registered_device_or_a_key_of_another_kind_is_refused(people, login):
    officer = people["learner"]
    client = login(officer)
    device = Device(officer)
    device.register(client)
    impostor = Device(officer, device=device.id)
    response = impostor.register(client)
    assert response.status_code == 409
    assert response.json()["error"] == "This device was registered with another key."
    private = {**Device(officer).jwk(), "d": "AAAA"}
    response = client.post(
        "/offline/devices/",
        {"device": "6a1f4f8e-8a0b-4c55-9d1e-0d7c3c1e2b3a", "public_key": private},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert OfflineDevice.objects.count() == 1


def test_a_registration_body_too_large_is_refused(people, login):
    response = login(people["learner"]).post(
        "/offline/devices/", {"device": "x" * 5000}, content_type="application/json"
    )
    assert response.status_code == 413


def test_one_device_too_many_withdraws_the_one_seen_least_and_its_items_are_refused(
    people, login, course_tree
):
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client = login(officer)
    devices = [Device(officer) for _ in range(services.DEVICES_PER_OFFICER + 1)]
    for device in devices:
        device.register(client)
    assert OfflineDevice.objects.filter(revoked_at__isnull=True).count() == 20
    oldest = OfflineDevice.objects.get(device=devices[0].id)
    assert oldest.revoked_at is not None
    item = devices[0].item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    (answer,) = send(client, batch(item)).json()["results"]
    assert (answer["status"], answer["extra"]["code"]) == ("refused", services.DEVICE_REVOKED)
    assert not LearnerRecord.objects.filter(kind="lesson_opened").exists()


def test_an_item_from_a_device_not_registered_yet_is_kept_to_send_again(people, login, course_tree):
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client = login(officer)
    device = Device(officer)
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    (answer,) = send(client, batch(item)).json()["results"]
    assert (answer["status"], answer["extra"]["code"]) == ("refused", services.DEVICE_UNKNOWN)
    device.register(client)
    assert send(client, batch(item)).json()["results"][0]["status"] == "accepted"


@pytest.mark.parametrize(
    "value, text",
    [
        ({"b": [1, {"d": "é", "c": None}], "a": "x y"}, '{"a":"x y","b":[1,{"c":null,"d":"é"}]}'),
        ({"z": '\n\u2028"\\'}, '{"z":"\\n\u2028\\"\\\\"}'),
    ],
)
def test_canonical_json_is_what_the_browser_signs(value, text):
    # JSON.stringify of a key-sorted copy: the same text, byte for byte.
    assert canonical(value) == text.encode("utf-8")
