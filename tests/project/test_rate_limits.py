"""Per-client rate limits on the endpoints anyone can reach: the request past the limit is
refused with 429 and a message, from that client only; another client still gets through."""

import io
import json

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

ONE = {"REMOTE_ADDR": "10.20.0.1"}
OTHER = {"REMOTE_ADDR": "10.20.0.2"}


@pytest.fixture
def limits(settings):
    def _set(**rates):
        settings.ELEARNING_RATE_LIMITS = {**settings.ELEARNING_RATE_LIMITS, **rates}

    return _set


def test_the_verification_page_refuses_a_guesser_and_serves_everyone_else(client, db, limits):
    limits(verify="3/h")
    url = reverse("certificates:verify")
    for n in range(3):
        assert client.get(url, {"code": f"KH-2026-000{n}-7Q"}, **ONE).status_code == 200
    refused = client.get(url, {"code": "KH-2026-0009-7Q"}, **ONE)
    assert refused.status_code == 429
    assert "Too many requests from this computer" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert client.get(url, {"code": "KH-2026-0009-7Q"}, **OTHER).status_code == 200


def test_logged_in_officers_behind_one_address_are_counted_one_by_one(client, people, limits):
    limits(verify="2/h")
    url = reverse("certificates:verify")
    client.force_login(people["learner"])
    for _ in range(2):
        assert client.get(url, **ONE).status_code == 200
    assert client.get(url, **ONE).status_code == 429
    client.force_login(people["learner_kh"])  # the next officer at the same shared PC
    assert client.get(url, **ONE).status_code == 200


def _photo() -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("L", (100, 100), 255).save(data, "PNG")
    return SimpleUploadedFile("photo.png", data.getvalue(), content_type="image/png")


def test_qr_photos_have_their_own_tighter_limit(client, db, limits):
    limits(qr_photo="2/h")
    url = reverse("certificates:verify")
    for _ in range(2):
        page = client.post(url, {"image": _photo()}, **ONE)
        assert "No QR code could be read in this picture." in page.content.decode()
    refused = client.post(url, {"image": _photo()}, **ONE)
    assert refused.status_code == 429
    assert "Too many requests from this computer" in refused.content.decode()
    # Typed codes from that computer, and photos from another, still go through.
    assert client.get(url, {"code": "KH-2026-0001-7Q"}, **ONE).status_code == 200
    assert client.post(url, {"image": _photo()}, **OTHER).status_code == 200


@pytest.mark.parametrize(
    ("group", "method", "path"),
    [
        ("enrol", "post", "/nodes/enrol/"),
        ("sync", "post", "/sync/exchange/"),
        ("bundles", "get", "/bundles/hub/courses/"),
        ("bundles", "get", "/bundles/hub/courses/6f1c1e8e-0d7e-4b8a-9a55-2d1f0b4a0c11/bundle/"),
    ],
)
def test_node_endpoints_refuse_a_flood_with_429_and_a_plain_error(
    client, db, limits, group, method, path
):
    limits(**{group: "3/h"})
    send = getattr(client, method)
    body = {"data": b"{}", "content_type": "application/json"} if method == "post" else {}
    for _ in range(3):
        assert send(path, **body, **ONE).status_code in {400, 403}
    refused = send(path, **body, **ONE)
    assert refused.status_code == 429
    assert "Too many requests from this computer" in json.loads(refused.content)["error"]
    assert send(path, **body, **OTHER).status_code in {400, 403}


def test_the_counter_cache_counts_atomically_and_keeps_the_window(db):
    """Django's own database cache rewrote the expiry on every incr (a one-hour window would
    restart after five minutes); ours keeps it."""
    cache = caches["ratelimit"]
    assert cache.add("window", 0, 3600)
    table = connection.ops.quote_name("elearning_ratelimit")

    def expires():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT expires FROM {table}")
            return cursor.fetchone()[0]

    before = expires()
    assert [cache.incr("window") for _ in range(3)] == [1, 2, 3]
    assert cache.get("window") == 3
    assert expires() == before
    with pytest.raises(ValueError):
        cache.incr("never-added")
