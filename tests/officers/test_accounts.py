"""Log-in with lock-out, coordinator password resets, the officer's own language."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from officers.services import officer_password_reset
from tests.conftest import PASSWORD


def post_login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_takes_an_officer_to_my_learning(client, people):
    response = post_login(client, "learner", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("my_learning")


@pytest.mark.parametrize("language", ["en", "th", "km", "lo", "vi", "my", "id"])
def test_wrong_password_says_so_in_the_officers_language(client, people, language):
    from django.utils import translation

    response = client.post(
        reverse("login"),
        {"username": "learner", "password": "nope"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    english = "Wrong user name or password."
    with translation.override(language):
        expected = str(response.context["form"].error_messages["invalid_login"])
    assert expected.split(".")[0] in html
    assert (english in html) == (language == "en")


def test_repeated_failures_lock_the_account_until_a_coordinator_resets_it(client, people):
    for _ in range(5):
        post_login(client, "learner", "wrong-password")
    locked = post_login(client, "learner", PASSWORD)
    assert locked.status_code == 429
    assert "Account locked" in locked.content.decode()
    # Another officer on the same shared PC is not locked out.
    assert post_login(client, "learner_kh", PASSWORD).status_code == 302
    client.logout()

    officer_password_reset(
        actor=people["coordinator"], officer=people["learner"], new_password="new-Pass-for-somchai"
    )
    assert post_login(client, "learner", "new-Pass-for-somchai").status_code == 302


def test_coordinator_resets_only_in_scope_and_not_to_weak_passwords(people):
    with pytest.raises(PermissionDenied):
        officer_password_reset(
            actor=people["coordinator"],
            officer=people["learner_la"],
            new_password="x-Long-enough-9",
        )
    with pytest.raises(PermissionDenied):
        officer_password_reset(
            actor=people["learner"], officer=people["learner_kh"], new_password="x-Long-enough-9"
        )
    with pytest.raises(ValidationError):
        officer_password_reset(
            actor=people["coordinator"], officer=people["learner"], new_password="123"
        )
    people["learner"].refresh_from_db()
    assert people["learner"].check_password(PASSWORD)


def test_password_reset_page_shows_errors_and_sets_the_password(client, people):
    client.force_login(people["coordinator"])
    url = reverse("coordination:officer_password", args=[people["learner"].uuid])
    bad = client.post(url, {"new_password1": "abc", "new_password2": "abd"})
    assert "The two passwords differ." in bad.content.decode()
    good = client.post(
        url, {"new_password1": "Mekong-river-2026", "new_password2": "Mekong-river-2026"}
    )
    assert good.status_code == 302
    people["learner"].refresh_from_db()
    assert people["learner"].check_password("Mekong-river-2026")


def test_choosing_a_language_is_remembered_on_the_profile(client, people):
    client.force_login(people["learner"])
    response = client.post(reverse("set_language"), {"language": "km", "next": "/my-learning/"})
    assert response["Location"] == "/my-learning/"
    people["learner"].refresh_from_db()
    assert people["learner"].preferred_language == "km"
    page = client.get("/my-learning/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="km"' in page.content.decode()


def test_language_switch_refuses_offsite_redirects_and_unknown_languages(client, people):
    client.force_login(people["learner"])
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    people["learner"].refresh_from_db()
    assert people["learner"].preferred_language == ""


def test_anonymous_visitors_get_their_browser_language(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert '<html lang="vi"' in page.content.decode()


@pytest.mark.parametrize("language", ["th", "km", "lo", "vi", "my", "id"])
def test_interface_is_translated_for_every_regional_language(client, people, language):
    people["learner"].preferred_language = language
    people["learner"].save()
    client.force_login(people["learner"])
    html = client.get(reverse("my_learning")).content.decode()
    assert f'<html lang="{language}"' in html
    assert "My learning" not in html
    assert "You are not enrolled in any course yet." not in html


def test_language_page_offers_every_language_in_its_own_script(client, people):
    client.force_login(people["learner"])
    html = client.get(reverse("set_language"), {"next": "/my-learning/"}).content.decode()
    for code, native in [
        ("th", "ไทย"),
        ("km", "ខ្មែរ"),
        ("lo", "ລາວ"),
        ("my", "မြန်မာ"),
        ("vi", "Tiếng Việt"),
        ("id", "Bahasa Indonesia"),
    ]:
        assert f'value="{code}" lang="{code}">{native}</button>' in html
    assert 'name="next" value="/my-learning/"' in html


def test_an_english_page_carries_no_other_script_so_loads_only_latin_fonts(
    client, course_tree, people
):
    """The fonts are split by script with unicode-range: a character of a script on the page
    makes the browser download that script's font. An English lesson must not trigger any."""
    client.force_login(people["trainer"])
    html = client.get(course_tree.lessons[0].url).content.decode()
    scripts = {
        "Thai": (0x0E00, 0x0E7F),
        "Lao": (0x0E80, 0x0EFF),
        "Myanmar": (0x1000, 0x109F),
        "Khmer": (0x1780, 0x17FF),
    }
    for name, (low, high) in scripts.items():
        assert not any(low <= ord(ch) <= high for ch in html), name


def test_a_role_set_in_django_admin_brings_its_privileges(client, people):
    trainer = people["learner"]
    client.force_login(people["admin"])
    url = f"/django-admin/officers/user/{trainer.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        username=trainer.username,
        role="trainer",
        date_joined_0="2026-01-01",
        date_joined_1="00:00:00",
        **{
            "scopes-TOTAL_FORMS": "0",
            "scopes-INITIAL_FORMS": "0",
            "scopes-MIN_NUM_FORMS": "0",
            "scopes-MAX_NUM_FORMS": "1000",
        },
    )
    data.pop("password", None)
    data.pop("last_login", None)
    data.pop("date_joined", None)
    data["post"] = trainer.post_id
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    trainer.refresh_from_db()
    assert trainer.role == "trainer"
    assert trainer.groups.filter(name="Trainers").exists()
    client.force_login(trainer)
    assert client.get("/admin/").status_code == 200


def test_a_stranger_cannot_lock_the_coordinator_out_from_another_address(client, people):
    """Five failures on the coordinator's name from one address lock that address only."""
    attacker = {"REMOTE_ADDR": "10.9.9.66"}
    for _ in range(5):
        client.post(reverse("login"), {"username": "coord", "password": "guess"}, **attacker)
    refused = client.post(reverse("login"), {"username": "coord", "password": PASSWORD}, **attacker)
    assert refused.status_code == 429
    assert "Account locked" in refused.content.decode()

    office = client.post(
        reverse("login"), {"username": "coord", "password": PASSWORD}, REMOTE_ADDR="10.1.1.5"
    )
    assert office.status_code == 302
    assert office["Location"] == reverse("coordination:progress")  # the coordinator is in
