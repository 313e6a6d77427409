"""Where people land after logging in: each role on its own start page, unless a safe ``next``
says otherwise."""

import pytest
from django.urls import reverse

from officers.landing import landing_url_name
from tests.conftest import PASSWORD


def log_in(client, username, **query):
    url = reverse("login") + (f"?next={query['next']}" if query else "")
    return client.post(url, {"username": username, "password": PASSWORD})


@pytest.mark.parametrize(
    ("username", "landing", "text"),
    [
        ("trainer", "/admin/", "Dashboard"),
        ("admin", "/admin/", "Dashboard"),
        ("coord", "/coordinator/", "Officers&#x27; progress"),
        ("learner", "/my-learning/", "My learning"),
    ],
)
def test_each_role_lands_on_its_own_start_page(client, people, username, landing, text):
    response = log_in(client, username)
    assert response.status_code == 302
    assert response["Location"] == landing
    page = client.get(landing)
    assert page.status_code == 200
    assert text in page.content.decode()
    # Already logged in, the log-in page sends them to the same place.
    assert client.get(reverse("login"))["Location"] == landing


def test_a_safe_next_still_wins_and_an_unsafe_one_is_ignored(client, people):
    mine = reverse("certificates:mine")
    assert log_in(client, "trainer", next=mine)["Location"] == mine
    client.logout()
    assert log_in(client, "coord", next="https://evil.example/")["Location"] == "/coordinator/"


def test_the_rule_is_one_table():
    assert landing_url_name(role="trainer") == "wagtailadmin_home"
    assert landing_url_name(role="coordinator") == "coordination:progress"
    assert landing_url_name(role="learner") == "my_learning"
    assert landing_url_name(role="learner", is_superuser=True) == "wagtailadmin_home"
    assert landing_url_name(role="someone-new") == "my_learning"
