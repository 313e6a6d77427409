"""Activity made offline and sent later: each item accepted once and made into the learner
records a page view makes, whatever is resent, altered, forged or cut off (issue 15)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from learning import services as learning
from learning.models import LearnerRecord, RecordKind
from offlinemode import services
from offlinemode.models import OfflineItem
from tests.offlinemode.activity_device import Device, batch, send

OPENED, COMPLETED = RecordKind.LESSON_OPENED, RecordKind.LESSON_COMPLETED


def records(officer, kind) -> int:
    return LearnerRecord.objects.filter(learner=officer, kind=kind).count()


@pytest.fixture
def officer(people, course_tree):
    learner = people["learner"]
    learning.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    return learner


@pytest.fixture
def device(officer, login):
    made = Device(officer)
    assert made.register(login(officer)).status_code == 201
    return made


def statuses(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [result["status"] for result in response.json()["results"]]


def test_an_item_is_accepted_once_and_a_resend_is_a_duplicate_that_records_nothing(
    client, officer, device, course_tree
):
    lesson = course_tree.lessons[0].pk
    body = batch(
        device.item("lesson_opened", {"lesson": lesson}),
        device.item("lesson_completed", {"lesson": lesson}),
    )
    assert statuses(send(client, body)) == ["accepted", "accepted"]
    assert (records(officer, OPENED), records(officer, COMPLETED)) == (1, 1)
    for _resend in range(2):
        assert statuses(send(client, body)) == ["duplicate", "duplicate"]
    assert (records(officer, OPENED), records(officer, COMPLETED)) == (1, 1)
    stored = OfflineItem.objects.get(id=body["items"][1]["id"])
    assert stored.record_id == LearnerRecord.objects.get(learner=officer, kind=COMPLETED).pk


def test_an_altered_item_is_refused_and_changes_nothing(client, officer, device, course_tree):
    opened = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    altered = {**opened, "payload": {"lesson": course_tree.lessons[1].pk}}
    (answer,) = send(client, batch(altered)).json()["results"]
    assert answer["status"] == "refused"
    assert "changed after it was made" in answer["reason"]
    assert records(officer, OPENED) == 0 and not OfflineItem.objects.exists()
    # The genuine item is still accepted: a refused copy does not use up its id.
    assert statuses(send(client, batch(opened))) == ["accepted"]


def test_a_signed_copy_with_the_same_id_or_place_but_other_content_is_refused(
    client, officer, device, course_tree
):
    first, second = course_tree.lessons[0].pk, course_tree.lessons[1].pk
    opened = device.item("lesson_opened", {"lesson": first})
    assert statuses(send(client, batch(opened))) == ["accepted"]
    same_id = device.sign({**opened, "payload": {"lesson": second}})
    same_place = device.sign({**device.item("lesson_opened", {"lesson": second}), "seq": 1})
    assert statuses(send(client, batch(same_id))) == ["refused"]
    assert statuses(send(client, batch(same_place))) == ["refused"]
    assert records(officer, OPENED) == 1


def test_an_item_of_another_officer_is_refused_and_kept_for_them(
    client, officer, device, people, course_tree
):
    other = people["learner_kh"]
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk}, officer=other.pk)
    (answer,) = send(client, batch(item)).json()["results"]
    assert answer["status"] == "refused"
    assert answer["extra"]["code"] == services.OTHER_OFFICER
    assert "another officer was logged in" in answer["reason"]
    assert not LearnerRecord.objects.filter(kind=OPENED).exists()


def test_an_item_from_a_device_registered_to_another_officer_is_refused(
    client, officer, device, people, course_tree
):
    other = people["learner_kh"]
    learning.enrolment_create(learner=other, course=course_tree.course, actor=other)
    client.force_login(other)
    stolen = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk}, officer=other.pk)
    (answer,) = send(client, batch(stolen)).json()["results"]
    assert (answer["status"], answer["extra"]["code"]) == ("refused", services.OTHER_OFFICER)
    assert records(other, OPENED) == 0 and records(officer, OPENED) == 0


def test_an_officer_no_longer_enrolled_is_told_so(client, people, login, course_tree):
    from tests.conftest import build_course

    officer = people["learner"]
    other_course = build_course(code="OTH-202", modules=1, lessons_per_module=1)
    device = Device(officer)
    device.register(login(officer))
    item = device.item("lesson_opened", {"lesson": other_course.lessons[0].pk})
    (answer,) = send(client, batch(item)).json()["results"]
    assert answer["status"] == "refused"
    assert answer["reason"] == "You are no longer enrolled in Course OTH-202."
    assert records(officer, OPENED) == 0


def test_a_lesson_completed_before_it_was_opened_is_refused(client, officer, device, course_tree):
    item = device.item("lesson_completed", {"lesson": course_tree.lessons[0].pk})
    (answer,) = send(client, batch(item)).json()["results"]
    assert answer["status"] == "refused"
    assert answer["reason"] == "Open the lesson before marking it complete."
    assert records(officer, COMPLETED) == 0


def test_a_clock_years_off_is_told_and_the_records_take_the_servers_time(
    client, officer, device, course_tree
):
    behind = timedelta(days=3 * 365 + 10)
    device_now = datetime.now(UTC) - behind
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk}, made_at=device_now)
    before = timezone.now()
    (answer,) = send(client, batch(item, sent_at=device_now)).json()["results"]
    after = timezone.now()
    assert answer["status"] == "accepted"
    reason = answer["reason"].replace("\xa0", " ")  # timesince keeps "3 years" on one line
    assert reason == "Your device's clock is 3 years behind; the time it arrived was used."
    record = LearnerRecord.objects.get(learner=officer, kind=OPENED)
    assert before <= record.recorded_at <= after
    assert before - timedelta(seconds=5) <= OfflineItem.objects.get().made_at <= after


def test_a_body_too_large_is_refused_unread_and_nothing_is_kept(
    client, officer, device, course_tree
):
    lesson = course_tree.lessons[0].pk
    too_many = batch(*[device.item("lesson_opened", {"lesson": lesson}) for _ in range(201)])
    response = send(client, too_many)
    assert response.status_code == 413
    assert "at most 200 activities" in response.json()["error"]
    padded = json.dumps(
        {**batch(device.item("lesson_opened", {"lesson": lesson})), "pad": "x" * 300_000}
    )
    response = client.post("/offline/activity/", padded, content_type="application/json")
    assert response.status_code == 413
    assert records(officer, OPENED) == 0 and not OfflineItem.objects.exists()


def test_a_body_nested_past_what_python_reads_is_refused_as_unreadable(client, officer, device):
    nested = "[" * 100_000 + "]" * 100_000  # 200 KB, within the bound
    response = client.post("/offline/activity/", nested, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "The request could not be read."
    assert not OfflineItem.objects.exists()


def test_without_a_session_nothing_is_kept_and_the_answer_says_where_to_log_in(
    officer, device, course_tree
):
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    response = send(Client(), batch(item))
    assert response.status_code == 401
    assert response.json()["login"] == "/accounts/login/"
    assert records(officer, OPENED) == 0 and not OfflineItem.objects.exists()


def test_a_forged_request_without_a_csrf_token_or_a_valid_signature_changes_nothing(
    officer, device, course_tree
):
    forger = Client(enforce_csrf_checks=True)
    forger.force_login(officer)
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    forged = {**item, "sig": item["sig"][:-4] + "AAAA"}
    unsigned = {name: value for name, value in item.items() if name != "sig"}
    response = send(forger, batch(forged, {**unsigned, "sig": ""}))
    assert [r["status"] for r in response.json()["results"]] == ["refused", "refused"]
    assert records(officer, OPENED) == 0 and not OfflineItem.objects.exists()


def test_one_bad_item_does_not_sink_the_batch(client, officer, device, course_tree):
    lesson = course_tree.lessons[0].pk
    opened = device.item("lesson_opened", {"lesson": lesson})
    bad = device.item("lesson_opened", {"lesson": course_tree.lessons[1].pk})
    bad["sig"] = opened["sig"]
    completed = device.item("lesson_completed", {"lesson": lesson})
    assert statuses(send(client, batch(opened, bad, completed))) == [
        "accepted",
        "refused",
        "accepted",
    ]
    assert (records(officer, OPENED), records(officer, COMPLETED)) == (1, 1)


def test_a_power_cut_mid_batch_keeps_the_first_item_and_leaves_the_second_to_send_again(
    client, officer, device, course_tree, monkeypatch
):
    lesson = course_tree.lessons[0].pk
    body = batch(
        device.item("lesson_opened", {"lesson": lesson}),
        device.item("lesson_completed", {"lesson": lesson}),
    )
    complete = services.HANDLERS["lesson_completed"]

    def cut_off(officer, payload):
        complete(officer, payload)  # its records are written, then the power goes
        raise RuntimeError("power cut")

    monkeypatch.setitem(services.HANDLERS, "lesson_completed", cut_off)
    with pytest.raises(RuntimeError):
        send(client, body)
    assert (records(officer, OPENED), records(officer, COMPLETED)) == (1, 0)
    assert OfflineItem.objects.count() == 1
    monkeypatch.setitem(services.HANDLERS, "lesson_completed", complete)
    assert statuses(send(client, body)) == ["duplicate", "accepted"]
    assert (records(officer, OPENED), records(officer, COMPLETED)) == (1, 1)


@pytest.mark.parametrize(
    "change",
    [
        {"payload": {"lesson": 1.0}},
        {"payload": {"lesson": True}},
        {"payload": {"lesson": 1, "extra": "x"}},
        {"made_at": "2026-12-05T10:00:00"},
        {"kind": "quiz_passed"},
        {"seq": 0},
        {"officer": "1"},
    ],
)
def test_an_item_not_well_formed_is_refused_on_its_own(
    client, officer, device, course_tree, change
):
    good = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    bad = device.sign({**device.item("lesson_opened", {"lesson": 1}), **change})
    answers = send(client, batch(bad, good)).json()["results"]
    assert [(a["status"], a["extra"]["code"]) for a in answers] == [
        ("refused", services.MALFORMED),
        ("accepted", ""),
    ]
    assert answers[0]["reason"] == "This activity could not be read."
    assert records(officer, OPENED) == 1


def test_an_officer_sending_too_often_is_told_to_wait_and_nothing_is_applied(
    client, officer, device, course_tree, settings
):
    settings.ELEARNING_RATE_LIMITS = {**settings.ELEARNING_RATE_LIMITS, "offline": "1/h"}
    item = device.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    assert statuses(send(client, batch())) == []
    refused = send(client, batch(item))
    assert refused.status_code == 429 and "Too many requests" in refused.json()["error"]
    assert records(officer, OPENED) == 0
