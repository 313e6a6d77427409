"""Sessions on shared PCs: they end when the browser closes and after a while without
activity (sooner for learners), and a password a coordinator set must be replaced at the next
log-in, at this node and at any node the profile travels to."""

import time

from django.urls import reverse

from officers.middleware import IdleSessionMiddleware
from officers.models import ProfileRecord
from officers.selectors import profile_snapshot
from officers.services import officer_password_reset
from tests.conftest import PASSWORD


def _log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def _idle_for(client, minutes):
    session = client.session
    session[IdleSessionMiddleware.STAMP] = int(time.time()) - minutes * 60
    session.save()


def test_the_session_cookie_ends_with_the_browser(client, people):
    assert _log_in(client, "learner").status_code == 302
    cookie = client.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""


def test_a_learner_left_idle_is_logged_out_and_told_why(client, people, settings):
    settings.ELEARNING_SESSION_IDLE_MINUTES = 30
    _log_in(client, "learner")
    assert client.get(reverse("my_learning")).status_code == 200
    _idle_for(client, 29)
    assert client.get(reverse("my_learning")).status_code == 200  # and the clock restarts
    _idle_for(client, 31)
    away = client.get(reverse("my_learning"))
    assert away.status_code == 302 and away["Location"].startswith(reverse("login"))
    login_page = client.get(away["Location"]).content.decode()
    assert "You were logged out after 30 minutes without activity." in login_page
    assert client.get(reverse("my_learning")).status_code == 302  # the session is gone


def test_a_page_asking_by_itself_is_not_activity_and_writes_no_session(client, people, settings):
    """An import's or a batch's page asks the server every two seconds: that keeps no session
    open, and saves none (a post's import holds SQLite's write lock meanwhile)."""
    settings.ELEARNING_STAFF_SESSION_IDLE_MINUTES = 120
    _log_in(client, "coord")
    _idle_for(client, 2)
    stamped = client.session[IdleSessionMiddleware.STAMP]
    poll = {"headers": {IdleSessionMiddleware.POLL_HEADER: "1"}}
    assert client.get(reverse("coordination:progress"), **poll).status_code == 200
    assert client.session[IdleSessionMiddleware.STAMP] == stamped
    assert client.get(reverse("coordination:progress")).status_code == 200  # the officer's own
    assert client.session[IdleSessionMiddleware.STAMP] > stamped
    _idle_for(client, 121)
    assert client.get(reverse("coordination:progress"), **poll).status_code == 302


def test_staff_have_a_longer_idle_timeout(client, people, settings):
    settings.ELEARNING_SESSION_IDLE_MINUTES = 30
    settings.ELEARNING_STAFF_SESSION_IDLE_MINUTES = 120
    _log_in(client, "coord")
    _idle_for(client, 31)
    assert client.get(reverse("coordination:progress")).status_code == 200
    _idle_for(client, 121)
    assert client.get(reverse("coordination:progress")).status_code == 302


def test_a_password_set_by_a_coordinator_must_be_changed_at_next_log_in(client, people):
    officer = people["learner"]
    officer_password_reset(
        actor=people["coordinator"], officer=officer, new_password="Temp-pass-4821"
    )
    # The flag travels with the profile, like the password it belongs to.
    record = ProfileRecord.objects.filter(officer_uuid=officer.uuid).order_by("-clock").first()
    assert record.data["must_change_password"] is True

    assert _log_in(client, "learner", "Temp-pass-4821").status_code == 302
    for url in (reverse("my_learning"), reverse("certificates:mine"), "/"):
        held = client.get(url)
        assert held.status_code == 302 and held["Location"] == reverse("password_change")
    page = client.get(reverse("password_change")).content.decode()
    assert "Your coordinator set this password for you. Choose your own" in page

    changed = client.post(
        reverse("password_change"),
        {
            "old_password": "Temp-pass-4821",
            "new_password1": "my-own-Secret-77",
            "new_password2": "my-own-Secret-77",
        },
    )
    assert changed.status_code == 302
    assert client.get(reverse("my_learning")).status_code == 200  # still logged in, free to go
    officer.refresh_from_db()
    assert not officer.must_change_password
    assert "must_change_password" not in profile_snapshot(user=officer)


def test_a_profile_recorded_without_the_flag_still_applies(people):
    """A node that does not know the flag yet sends profiles without it: they import as before."""
    from officers.services import profile_apply

    officer = people["learner_kh"]
    data = profile_snapshot(user=officer) | {"full_name_latin": "Sokha Chan Dara"}
    assert "must_change_password" not in data
    record = ProfileRecord.stamped(
        officer_uuid=officer.uuid, clock=99, data=data, recorded_at=officer.date_joined
    )
    profile_apply(record=record)
    officer.refresh_from_db()
    assert officer.full_name_latin == "Sokha Chan Dara"
    assert not officer.must_change_password
