"""Withdrawing a device (a phone lost): the officer, or a coordinator who follows them, sees
the browsers registered for offline use and withdraws one; what it signed is then refused with
the date, never applied, and the browser may register again as a new device (issue 15)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from audittrail.models import AuditEntry
from learning import services as learning
from learning.models import LearnerRecord
from offlinemode import services
from offlinemode.models import OfflineDevice
from tests.offlinemode.activity_device import Device, batch, send

PHONE = "Mozilla/5.0 (Linux; Android 14; Lost phone) Chrome/131"


def _registered(client, officer, agent=PHONE) -> Device:
    device = Device(officer)
    response = client.post(
        "/offline/devices/",
        {"device": str(device.id), "public_key": device.jwk()},
        content_type="application/json",
        HTTP_USER_AGENT=agent,
    )
    assert response.status_code == 201
    return device


def _list(officer) -> str:
    return reverse("offline_device_list", args=[officer.uuid])


def _withdraw(officer, device: Device) -> str:
    stored = OfflineDevice.objects.get(device=device.id)
    return reverse("offline_device_withdraw", args=[officer.uuid, stored.pk])


def test_the_officer_withdraws_a_lost_phone_and_its_items_are_refused_with_the_date(
    people, login, course_tree
):
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client = login(officer)
    phone_browser = Client()  # the phone: logged out by the withdrawal, the officer logs in again
    phone_browser.force_login(officer)
    phone = _registered(phone_browser, officer)
    home = client.get(reverse("offline_home")).content.decode()
    assert _list(officer) in home
    page = client.get(_list(officer)).content.decode()
    assert "Lost phone" in page and ">Withdraw</button>" in page

    response = client.post(_withdraw(officer, phone), follow=True)
    page = response.content.decode()
    today = date_format(timezone.localtime(), "DATE_FORMAT")
    assert f"Withdrawn on {today}" in page and ">Withdraw</button>" not in page
    assert OfflineDevice.objects.get(device=phone.id).revoked_at is not None

    phone_browser.force_login(officer)
    item = phone.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    (answer,) = send(phone_browser, batch(item)).json()["results"]
    assert answer["status"] == "refused"
    assert answer["extra"]["code"] == services.DEVICE_REVOKED
    assert f"This device was withdrawn on {today}" in answer["reason"]
    assert not LearnerRecord.objects.filter(kind="lesson_opened").exists()

    assert phone.register(phone_browser).status_code == 409  # the withdrawn key stays so
    again = _registered(phone_browser, officer)  # the same browser, as a new device
    (answer,) = send(
        phone_browser, batch(again.item("lesson_opened", {"lesson": course_tree.lessons[0].pk}))
    ).json()["results"]
    assert answer["status"] == "accepted"
    assert LearnerRecord.objects.filter(kind="lesson_opened", learner=officer).count() == 1


def test_another_officer_sees_and_withdraws_nothing(people, login):
    officer, other = people["learner"], people["learner_kh"]
    phone = _registered(login(officer), officer)
    withdraw = _withdraw(officer, phone)
    client = login(other)
    assert client.get(_list(officer)).status_code == 404
    assert client.post(withdraw).status_code == 404
    # Their own list with the first officer's device in the path: not theirs either.
    stored = OfflineDevice.objects.get(device=phone.id)
    mine = reverse("offline_device_withdraw", args=[other.uuid, stored.pk])
    assert client.post(mine).status_code == 404
    assert client.get(_list(other)).status_code == 200
    assert "Lost phone" not in client.get(_list(other)).content.decode()
    trainer = login(people["trainer"])
    assert trainer.get(_list(officer)).status_code == 404
    assert trainer.post(withdraw).status_code == 404
    assert OfflineDevice.objects.get(device=phone.id).revoked_at is None
    assert not AuditEntry.objects.filter(action="officer.offline_device_withdraw").exists()


def test_withdrawing_needs_a_post_with_the_pages_csrf_token(people, login):
    officer = people["learner"]
    phone = _registered(login(officer), officer)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(officer)
    assert strict.post(_withdraw(officer, phone)).status_code == 403
    assert strict.get(_withdraw(officer, phone)).status_code == 405
    assert OfflineDevice.objects.get(device=phone.id).revoked_at is None


def test_a_coordinator_withdraws_a_device_of_an_officer_they_follow_and_the_trail_says_so(
    people, login
):
    officer, away = people["learner"], people["learner_la"]
    phone = _registered(login(officer), officer)
    far = _registered(login(away), away)
    coordinator = login(people["coordinator"])
    detail = coordinator.get(reverse("coordination:officer", args=[officer.uuid]))
    assert _list(officer) in detail.content.decode()
    page = coordinator.get(_list(officer)).content.decode()
    assert "Lost phone" in page and officer.display_name in page
    response = coordinator.post(_withdraw(officer, phone))
    assert response.status_code == 302 and response["Location"] == _list(officer)
    assert OfflineDevice.objects.get(device=phone.id).revoked_at is not None
    entry = AuditEntry.objects.get(action="officer.offline_device_withdraw")
    assert entry.actor == people["coordinator"] and entry.officer == officer
    # An officer outside their scope: as if unknown, and nothing changes.
    assert coordinator.get(_list(away)).status_code == 404
    assert coordinator.post(_withdraw(away, far)).status_code == 404
    assert OfflineDevice.objects.get(device=far.id).revoked_at is None


def _logged_in(officer) -> Client:
    """A browser of its own, logged in as ``officer``."""
    browser = Client()
    browser.force_login(officer)
    return browser


def _logged_out(browser: Client, officer) -> bool:
    """Whether a page that needs a log-in sends this browser to log in."""
    response = browser.get(_list(officer))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_withdrawing_a_phone_logs_that_phone_out_and_no_other_browser(people):
    """The officer registered the phone, then withdraws it from their desk: the phone is sent
    to log in on its next page, the desk's session goes on, and the page says so."""
    officer = people["learner"]
    phone_browser, desk = _logged_in(officer), _logged_in(officer)
    phone = _registered(phone_browser, officer)
    page = desk.get(_list(officer)).content.decode()
    assert "and it is logged out" in page and "set a new password" not in page
    assert desk.post(_withdraw(officer, phone)).status_code == 302
    assert _logged_out(phone_browser, officer)
    assert not _logged_out(desk, officer)
    assert "Withdrawn on" in desk.get(_list(officer)).content.decode()
    entry = AuditEntry.objects.get(action="officer.offline_device_withdraw")
    assert entry.after["session_ended"] is True


def test_the_list_marks_the_browser_it_is_read_from(people):
    """Two browsers of the same officer: each sees "This browser" beside its own row only, so
    the one at hand is not withdrawn by mistake; a coordinator's list marks none."""
    import re

    officer = people["learner"]
    phone_browser, desk = _logged_in(officer), _logged_in(officer)
    _registered(phone_browser, officer)
    _registered(desk, officer, agent="Desk PC browser")

    def marked(browser: Client) -> list[str]:
        response = browser.get(_list(officer))
        assert response.status_code == 200
        rows = re.findall(r"<tr>\s*<td>(.*?)</td>", response.content.decode(), re.S)
        assert len(rows) == 2
        return [row for row in rows if "(This browser)" in row]

    (desk_row,) = marked(desk)
    assert desk_row.startswith("Desk PC browser")
    (phone_row,) = marked(phone_browser)
    assert phone_row.startswith("Mozilla/5.0 (Linux; Android 14; Lost phone)")
    assert marked(_logged_in(people["coordinator"])) == []


def test_one_device_too_many_logs_out_the_withdrawn_one_and_not_the_browser_registering(people):
    """The officer's phone is the device seen least when their twenty-first is registered at the
    desk: the phone is withdrawn and logged out, the desk goes on (even when its own older key,
    lost with its storage, is withdrawn too), and the trail says it was automatic."""
    officer = people["learner"]
    phone_browser, desk = _logged_in(officer), _logged_in(officer)
    _registered(phone_browser, officer)
    for _ in range(services.DEVICES_PER_OFFICER):
        _registered(desk, officer, agent="Desk PC browser")
    assert _logged_out(phone_browser, officer)
    assert not _logged_out(desk, officer)
    (entry,) = AuditEntry.objects.filter(action="officer.offline_device_withdraw")
    assert entry.actor == officer
    assert entry.after["session_ended"] is True and entry.after["automatic"] is True
    assert entry.before["browser"] == PHONE
    # The desk's storage cleared: its key is lost, a new one registered. Its oldest key is the
    # one withdrawn now, and the desk (that key's session) stays logged in.
    _registered(desk, officer, agent="Desk PC browser")
    withdrawals = AuditEntry.objects.filter(action="officer.offline_device_withdraw")
    latest = withdrawals.latest("chain_index")  # the trail's order (ids are random)
    assert latest.before["browser"] == "Desk PC browser"
    assert latest.after["session_ended"] is False
    assert not _logged_out(desk, officer)


def test_the_coordinator_logs_out_the_session_the_phone_last_sent_from(people, course_tree):
    """The officer logged in on the phone again after registering it (a new session) and sent
    what they did offline from there: the coordinator's withdrawal ends that session, not the
    one the officer has at the desk, nor the coordinator's."""
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    phone_browser = _logged_in(officer)
    phone = _registered(phone_browser, officer)
    phone_browser.logout()
    assert _logged_out(phone_browser, officer)
    phone_browser.force_login(officer)
    item = phone.item("lesson_opened", {"lesson": course_tree.lessons[0].pk})
    (answer,) = send(phone_browser, batch(item)).json()["results"]
    assert answer["status"] == "accepted"
    desk = _logged_in(officer)
    coordinator = _logged_in(people["coordinator"])

    assert coordinator.post(_withdraw(officer, phone)).status_code == 302
    assert _logged_out(phone_browser, officer)
    assert not _logged_out(desk, officer)
    assert not _logged_out(coordinator, officer)


def test_a_page_of_a_new_session_asks_the_browser_to_register_its_key_again(people):
    """Once a device registered from this session, pages stop asking; after a new log-in they
    ask again (``offline-config.device_seen``), so the device's session is the current one."""
    officer = people["learner"]
    browser = _logged_in(officer)

    def seen() -> bool:
        config = browser.get(reverse("offline_home")).context["offline_config"]
        return config["device_seen"]

    assert seen() is False
    phone = _registered(browser, officer)
    assert seen() is True
    browser.logout()
    browser.force_login(officer)
    assert seen() is False
    assert phone.register(browser).status_code == 200  # the same key: known, now this session's
    assert seen() is True
    session = OfflineDevice.objects.get(device=phone.id).session
    assert session is not None and session.session_key == browser.session.session_key
