"""Certificates with a validity period: "recertification due" on My certificates, My learning
and the coordinator's list within the notice period; reminders at log-in and, at the hub only,
by e-mail (Django's locmem backend: the real mail path), once, in the officer's language."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assignments.models import ReminderSent
from assignments.services import assignment_create
from certificates.selectors import certificates_of
from certificates.services import certificate_issue
from officers.services import officer_set_language
from tests.conftest import PASSWORD, publish
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def certified(people, course_tree):
    """The Thai officer's certificate of a course valid for one month (28-31 days)."""
    course = course_tree.course
    course.certificate_validity_months = 1
    publish(course)
    certificate_issue(
        holder=people["learner"], course=course, actor=people["admin"], reason="Workshop"
    )
    return certificates_of(holder=people["learner"]).get()


def test_recertification_due_shows_within_the_notice_days(client, settings, people, certified):
    officer = people["learner"]
    client.force_login(officer)
    settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS = 10
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "Recertification due" not in page and "Valid until" in page
    assert "Recertification due" not in client.get(reverse("my_learning")).content.decode()
    client.force_login(people["coordinator"])
    assert "Somchai" not in client.get(reverse("assignments:expiring")).content.decode()

    settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS = 60
    client.force_login(officer)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert "Recertification due" in page
    assert "Recertification due" in client.get(reverse("my_learning")).content.decode()
    client.force_login(people["coordinator"])
    listed = client.get(reverse("assignments:expiring")).content.decode()
    table = listed.split("<tbody>")[1].split("</tbody>")[0]
    assert "Recertification due" in table and certified.course_code in table


def test_a_notice_at_log_in_says_how_many_reminders(client, people, course_tree):
    officer = people["learner"]
    assignment_create(
        actor=people["coordinator"],
        officer=officer,
        course=course_tree.course,
        due_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    response = client.post(
        reverse("login"), {"username": "learner", "password": PASSWORD}, follow=True
    )
    assert "You have 1 reminder: see My learning." in response.content.decode()


def _due_soon(people, course_tree, due):
    thai, khmer = people["learner"], people["learner_kh"]
    for officer, email, language in ((thai, "somchai@example.org", "th"), (khmer, "", "km")):
        officer.email = email
        officer.save()
        officer_set_language(user=officer, language=language)
        assignment_create(
            actor=people["coordinator"], officer=officer, course=course_tree.course, due_on=due
        )


def test_send_reminders_sends_once_in_the_officers_language(settings, people, course_tree):
    settings.EMAIL_HOST = "mail.hq.example"
    due = datetime.date(2026, 5, 1)
    _due_soon(people, course_tree, due)
    call_command("send_reminders", today="2026-04-28", site_url="https://hq.example")
    # The Khmer officer has no address: only the Thai officer is e-mailed, dates in Thai.
    (sent,) = mail.outbox
    assert sent.to == ["somchai@example.org"]
    assert "1 พ.ค. 2026" in sent.subject and course_tree.course.title in sent.subject
    assert "https://hq.example/my-learning/" in sent.body
    call_command("send_reminders", today="2026-04-29")
    assert len(mail.outbox) == 1
    # Overdue is another threshold: reminded once more, once.
    call_command("send_reminders", today="2026-05-02")
    call_command("send_reminders", today="2026-05-03")
    assert len(mail.outbox) == 2 and "1 พ.ค. 2026" in mail.outbox[1].subject
    notices = sorted(ReminderSent.objects.values_list("notice", flat=True))
    assert notices == ["due_soon", "overdue"]


def test_send_reminders_never_sends_without_a_mail_server(settings, people, course_tree, capsys):
    settings.EMAIL_HOST = ""
    _due_soon(people, course_tree, datetime.date(2026, 5, 1))
    call_command("send_reminders", today="2026-04-28")
    assert mail.outbox == []
    assert "nothing sent" in capsys.readouterr().out
    assert not ReminderSent.objects.exists()


def test_the_renewals_downloads_hold_the_pages_rows(client, settings, people, certified):
    settings.ELEARNING_RECERTIFICATION_NOTICE_DAYS = 60
    client.force_login(people["coordinator"])
    shown = page_tables(client.get(reverse("assignments:expiring")))["expiring"][1:]
    assert len(shown) == 1
    for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        rows = read(client.get(reverse("coordination:renewals_export", args=[extension])))
        assert rows[0] == [
            "Valid until",
            "Officer",
            "Service number",
            "Border post",
            "Course",
            "Status",
        ]
        (got,) = rows[1:]
        valid_until = got[0] if extension == "csv" else got[0].date().isoformat()
        assert valid_until == certified.valid_until.isoformat()
        assert shown[0][1].startswith(got[1]) and (got[2] or "") in shown[0][1]
        assert (
            [got[4], got[5]]
            == [shown[0][2], shown[0][3]]
            == [
                f"{certified.course_code} {certified.course_title}",
                "Recertification due",
            ]
        )
