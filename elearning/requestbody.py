"""A JSON request body read with a bound: the endpoints that take JSON from a browser or a
package's runtime (the offline activity queue, SCORM commits) read it here, each with its own
limit, and answer in their own words.

The body is refused before it is read when its Content-Length says it is over the limit, and is
never read past the limit whatever the header says (chunked, or lying). It must be UTF-8 JSON;
a body nested deeper than Python's JSON reader goes (RecursionError) is unreadable like any
other, not a server error.
"""

from __future__ import annotations

import json

from django.http import HttpRequest


class BodyRefused(Exception):
    """A body that is not taken: ``TooLarge`` or ``Unreadable``."""


class TooLarge(BodyRefused):
    """Over the limit, as declared or as read."""


class Unreadable(BodyRefused):
    """Not UTF-8 JSON."""


def declared_length(request: HttpRequest) -> int | None:
    """The body's length as its Content-Length says: 0 without one, None when it is not a
    number."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


def json_body(request: HttpRequest, *, limit: int) -> object:
    """The request's body decoded as UTF-8 JSON, at most ``limit`` bytes. Raises TooLarge or
    Unreadable."""
    declared = declared_length(request)
    if declared is not None and declared > limit:
        raise TooLarge
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise TooLarge
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Unreadable from None
