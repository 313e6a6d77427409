"""Talking to another node over HTTP: one place for the scheme check, timeouts and the plain
message an operator sees when the link is down. Standard library only (a post has no broker
and needs no HTTP client beyond this)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.utils.translation import gettext as _


class LinkError(Exception):
    """The other node could not be reached or refused; ``str()`` is for the operator."""

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.status = status


def node_request(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 60,
    max_bytes: int | None = None,
) -> bytes:
    """Send one request to another node and return the body; raise LinkError otherwise
    (also for an answer longer than ``max_bytes``, which is never read whole). An error
    answer's JSON ``error`` field, when there is one, becomes the message."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise LinkError(
            _("The address %(url)s must start with http:// or https://.") % {"url": url}
        )
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=data, headers=headers or {}, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            if max_bytes is None:
                return response.read()
            answer = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        try:
            message = json.loads(error.read(64 * 1024)).get("error")
        except (ValueError, AttributeError, OSError):
            message = None
        raise LinkError(
            message
            or _("%(url)s answered with an error (HTTP %(code)s).")
            % {"url": url, "code": error.code},
            status=error.code,
        ) from None
    except (urllib.error.URLError, OSError) as error:
        raise LinkError(
            _("Could not reach %(url)s: %(reason)s. Check the link and try again later.")
            % {"url": url, "reason": getattr(error, "reason", error)}
        ) from None
    if len(answer) > max_bytes:
        raise LinkError(
            _("%(url)s answered with more than this node accepts (%(mb)d MB).")
            % {"url": url, "mb": max_bytes // (1024 * 1024)}
        )
    return answer
