"""Response policies: pages travel compressed (media does not) and stay on this host."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage


def test_pages_are_gzipped_for_browsers_that_accept_it(client, people, course_tree):
    client.force_login(people["trainer"])
    response = client.get(course_tree.lessons[0].url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]


def test_media_files_are_for_logged_in_users_and_not_gzipped_again(client, people):
    name = default_storage.save("images/x.webp", ContentFile(b"RIFF" + b"\0" * 4000))
    anonymous = client.get(f"/media/{name}")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(people["learner"])
    response = client.get(f"/media/{name}", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_learner_pages_forbid_other_hosts(client, people, course_tree):
    client.force_login(people["learner"])
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "http" not in policy
