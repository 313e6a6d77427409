"""The bounded JSON body reader the offline queue and the SCORM commit endpoint share: a body
over the limit is refused before or while it is read, whatever its Content-Length says, and a
body that is not UTF-8 JSON is unreadable, never a server error."""

from __future__ import annotations

import io

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import RequestFactory

from elearning.requestbody import TooLarge, Unreadable, json_body

LIMIT = 1024


def _request(body: bytes, declared: int | None = None) -> WSGIRequest:
    request = RequestFactory().post("/x/", data=b"", content_type="application/json")
    request.META["CONTENT_LENGTH"] = str(len(body) if declared is None else declared)
    request.META["wsgi.input"] = io.BytesIO(body)
    request._stream = io.BytesIO(body)  # what request.read() reads
    return request


def test_a_json_object_within_the_limit_is_read():
    assert json_body(_request(b'{"seq": 1, "name": "\xe0\xb8\xaa"}'), limit=LIMIT) == {
        "seq": 1,
        "name": "ส",
    }


def test_a_body_declared_over_the_limit_is_refused_before_it_is_read():
    request = _request(b"{}", declared=LIMIT + 1)
    with pytest.raises(TooLarge):
        json_body(request, limit=LIMIT)
    assert request._stream.tell() == 0  # nothing was read


def test_a_body_longer_than_it_declares_is_read_no_further_than_the_limit():
    body = b'{"x": "' + b"a" * (10 * LIMIT) + b'"}'
    request = _request(body, declared=10)
    with pytest.raises(TooLarge):
        json_body(request, limit=LIMIT)
    assert request._stream.tell() <= LIMIT + 1


@pytest.mark.parametrize(
    "body",
    [b"\xff\xfe{}", b"{not json", b"[" * 100_000 + b"]" * 100_000, "{}".encode("utf-16")],
    ids=["not utf-8", "not json", "nested too deep", "utf-16"],
)
def test_what_is_not_utf8_json_is_unreadable(body):
    with pytest.raises(Unreadable):
        json_body(_request(body), limit=len(body))
