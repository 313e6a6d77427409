"""The main navigation each role sees: the entries the apps contribute (learning, courses,
certificates, coordination), in one order, with the same labels and links as before they were
spread over the apps (issue 11)."""

import re

import pytest
from django.urls import reverse

from officers.services import officer_set_language

LEARNER = [
    ("/my-learning/", "My learning"),
    ("/", "Courses"),
    ("/my-certificates/", "My certificates"),
]
COORDINATOR = [
    *LEARNER,
    ("/coordinator/", "Officers&#x27; progress"),
    ("/coordinator/dashboard/", "Dashboard"),
    ("/coordinator/officers/import/", "Import officers"),
    ("/coordinator/assignments/", "Assignments"),
    ("/coordinator/exams/", "Exam sessions"),
    ("/coordinator/audit/", "Audit trail"),
    ("/coordinator/certificates/", "Certificates"),
]
TRAINER = [*LEARNER, ("/admin/", "Authoring")]
ADMINISTRATOR = [*COORDINATOR, ("/admin/", "Authoring")]


def shown_navigation(client) -> list[tuple[str, str]]:
    """(link, label) of the main navigation of a page, as the browser gets it."""
    page = client.get(reverse("certificates:verify")).content.decode()
    found = re.search(r'<nav aria-label="[^"]*"><ul>(.*?)</ul></nav>', page, re.S)
    if found is None:
        return []
    return re.findall(r'<li><a href="([^"]*)"[^>]*>([^<]*)</a></li>', found.group(1))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("learner", LEARNER),
        ("coordinator", COORDINATOR),
        ("trainer", TRAINER),
        ("admin", ADMINISTRATOR),
    ],
)
def test_each_role_sees_its_navigation_in_order(client, people, who, expected):
    client.force_login(people[who])
    assert shown_navigation(client) == expected


def test_a_visitor_not_signed_in_has_no_navigation(client, db):
    assert shown_navigation(client) == []
    assert "<nav" not in client.get(reverse("certificates:verify")).content.decode()


def test_the_current_page_is_marked_in_the_navigation(client, people):
    client.force_login(people["learner"])
    page = client.get(reverse("certificates:mine")).content.decode()
    assert '<a href="/my-certificates/" aria-current="page">My certificates</a>' in page


def test_labels_follow_the_officers_language(client, people):
    officer_set_language(user=people["learner"], language="th")
    client.force_login(people["learner"])
    assert shown_navigation(client)[0] == ("/my-learning/", "การเรียนของฉัน")
