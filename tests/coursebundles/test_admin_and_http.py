"""The hub's "Course bundles" admin page, the endpoints posts pull from, and content from a
bundle kept read-only in a post's admin."""

from __future__ import annotations

import datetime
import socket
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from coursebundles.services import BundleError, bundle_export, bundle_import, bundles_pull
from modules.models import LessonPage
from nodes.container import open_container
from nodes.http import LinkError
from nodes.models import PeerExchange
from nodes.requestauth import signed_headers
from officers.models import Role
from officers.services import officer_create
from questionbank.models import Question
from tests.conftest import PASSWORD, build_course

from .conftest import build_rich_course, wipe_course

pytestmark = pytest.mark.django_db


def user(role: str, name: str):
    return officer_create(username=name, password=PASSWORD, role=role)


def test_the_hub_admin_downloads_a_fresh_signed_bundle(nodes, client, tmp_path):
    nodes.hub()
    tree = build_course(code="DL-101")
    client.force_login(user(Role.TRAINER, "trainer"))
    page = client.get(reverse("coursebundles_admin:index"))
    assert page.status_code == 200
    assert b"Download bundle" in page.content and b"DL-101" in page.content
    response = client.get(reverse("coursebundles_admin:download", args=[tree.course.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dl-101-')
    saved = tmp_path / "downloaded.bundle"
    saved.write_bytes(b"".join(response.streaming_content))
    container = open_container(saved, kinds={"bundle"})
    assert container.meta["course_code"] == "DL-101"
    assert int(response["Content-Length"]) == saved.stat().st_size


def test_the_menu_shows_course_bundles_to_trainers_not_coordinators(nodes, client):
    nodes.hub()
    build_course(code="DL-101")
    client.force_login(user(Role.TRAINER, "trainer"))
    assert b"Course bundles" in client.get("/admin/").content
    client.force_login(user(Role.COORDINATOR, "coordinator"))
    assert client.get(reverse("coursebundles_admin:index")).status_code in {302, 403}


def _signed_get(client, path: str, **extra):
    headers = signed_headers(method="GET", path=path, **extra)
    return client.get(path, headers=headers)


def test_posts_list_and_fetch_bundles_with_signed_requests(nodes, client, tmp_path, settings):
    nodes.hub()
    rich = build_rich_course()
    post = nodes.post()  # enrols the post (its claim still to be accepted at the hub)
    from nodes.selectors import enrolment_claim
    from nodes.services import enrolment_accept

    claim = enrolment_claim()
    nodes.hub()
    enrolment_accept(claim=claim, sender=post.node_id)

    listing_path = reverse("coursebundles:hub_courses")
    nodes.post()
    signed = signed_headers(method="GET", path=listing_path)
    nodes.hub()
    listing = client.get(listing_path, headers=signed)
    assert listing.status_code == 200
    (course,) = [c for c in listing.json()["courses"] if c["code"] == "BND-101"]
    assert course["translation_key"] == str(rich.key) and course["locales"] == ["en", "th"]

    bundle_path = reverse("coursebundles:hub_bundle", args=[rich.key])
    nodes.post()
    signed = signed_headers(method="GET", path=bundle_path)
    nodes.hub()
    response = client.get(bundle_path, headers=signed)
    assert response.status_code == 200
    target = tmp_path / "pulled.bundle"
    target.write_bytes(b"".join(response.streaming_content))
    assert PeerExchange.objects.filter(peer_id=post.node_id, what="bundle").exists()

    # Unsigned, signed by a stranger, replayed for another path, or with a clock far off.
    assert client.get(listing_path).status_code == 403
    stranger = signed_headers(method="GET", path=listing_path)  # the hub is not a post
    assert "does not know this post" in client.get(listing_path, headers=stranger).json()["error"]
    nodes.post()
    wrong_path = signed_headers(method="GET", path=bundle_path)
    late = signed_headers(
        method="GET", path=listing_path, now=timezone.now() - datetime.timedelta(days=400)
    )
    nodes.hub()
    assert client.get(listing_path, headers=wrong_path).status_code == 403
    refused = client.get(listing_path, headers=late)
    assert refused.status_code == 403
    assert "clock is 1 years behind" in refused.json()["error"]

    # What the post downloaded installs there.
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    assert bundle_import(path=target).status == "installed"


def test_pulling_from_an_unreachable_hub_says_so_in_one_line(nodes):
    nodes.post()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LinkError) as refused:
        bundles_pull(hub_url=f"http://127.0.0.1:{port}", timeout=5)
    message = str(refused.value)
    assert "Could not reach" in message and "\n" not in message
    nodes.hub()
    with pytest.raises(BundleError, match="Only a border post"):
        bundles_pull(hub_url=f"http://127.0.0.1:{port}")


@pytest.fixture
def installed(nodes, tmp_path, settings):
    nodes.hub()
    rich = build_rich_course()
    path = tmp_path / "bnd-101.bundle"
    bundle_export(course_code="BND-101", path=path)
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    bundle_import(path=path)
    return rich


def test_a_post_administrator_cannot_change_a_course_from_a_bundle(installed, client):
    admin = user(Role.ADMINISTRATOR, "postadmin")
    client.force_login(admin)
    lesson = LessonPage.objects.get(
        translation_key=installed.tree.lessons[0].translation_key, locale__language_code="en"
    )
    title = lesson.title
    for url in (
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:delete", args=[lesson.pk]),
        reverse(
            "wagtailadmin_pages:add",
            args=["modules", "lessonpage", lesson.get_parent().pk],
        ),
    ):
        response = client.get(url, follow=True)
        assert "is read-only at this border post" in response.content.decode(), url
    for action in ("delete", "unpublish"):
        url = reverse(f"wagtailadmin_pages:{action}", args=[lesson.pk])
        assert "read-only" in client.post(url, follow=True).content.decode(), action
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        {"title": "Changed at the post", "slug": lesson.slug, "action-publish": "publish"},
        follow=True,
    )
    assert "read-only" in response.content.decode()
    lesson.refresh_from_db()
    assert lesson.title == title and lesson.live

    question = Question.objects.filter(translation_key=installed.questions[0].translation_key)[0]
    response = client.get(
        reverse("wagtailsnippets_questionbank_question:edit", args=[question.pk]), follow=True
    )
    assert "is read-only at this border post" in response.content.decode()

    # The post's own pages stay editable.
    own = build_course(code="LOCAL-1", modules=1, lessons_per_module=1)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[own.lessons[0].pk]))
    assert response.status_code == 200


def test_at_the_post_the_admin_page_lists_what_is_installed(installed, client):
    client.force_login(user(Role.ADMINISTRATOR, "postadmin"))
    response = client.get(reverse("coursebundles_admin:index"))
    assert b"BND-101" in response.content and b"Download bundle" not in response.content
