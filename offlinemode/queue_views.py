"""A device's signing key, and the activity queued offline. Thin: each parses a bounded JSON
body, calls one service, answers JSON. Not logged in: 401 with the log-in URL (the page then
says "Log in to send N activities")."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from elearning.ratelimits import rate_limited
from elearning.requestbody import TooLarge, Unreadable, json_body

from . import services
from .activity import MAX_BODY_BYTES, MAX_ITEMS, BatchError, TooManyItems, parse_batch
from .devicesession import device_seen_note
from .outcomes import Refused

DEVICE_BODY_BYTES = 4096


class _BodyRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _json_body(request: HttpRequest, limit: int) -> object:
    """The request's JSON body (``elearning.requestbody``): 413 when larger than ``limit``,
    400 when it is not UTF-8 JSON."""
    try:
        return json_body(request, limit=limit)
    except TooLarge:
        raise _BodyRefused(413, _too_much(limit)) from None
    except Unreadable:
        raise _BodyRefused(400, _("The request could not be read.")) from None


def _too_much(limit: int) -> str:
    return _("Too much at once: at most %(items)s activities or %(kb)s KB per request.") % {
        "items": MAX_ITEMS,
        "kb": limit // 1024,
    }


def _log_in_first() -> JsonResponse:
    return JsonResponse({"login": reverse("login"), "error": _("Log in again.")}, status=401)


@require_POST
@rate_limited("offline", machine=True)
def device_register(request: HttpRequest) -> JsonResponse:
    """Register this browser's public key for the logged-in officer (CSRF-checked: a page
    sends it, with the token it was served)."""
    if not request.user.is_authenticated:
        return _log_in_first()
    try:
        data = _json_body(request, DEVICE_BODY_BYTES)
        if not isinstance(data, dict) or not isinstance(data.get("device"), str):
            raise _BodyRefused(400, _("The request could not be read."))
        device = uuid.UUID(data["device"])
    except _BodyRefused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    except ValueError:
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    try:
        made, new = services.device_register(
            officer=request.user,
            device=device,
            public_key=data.get("public_key"),
            user_agent=request.headers.get("User-Agent", ""),
            session_key=request.session.session_key,
        )
    except Refused as refused:
        return JsonResponse({"error": refused.reason}, status=409)
    device_seen_note(request)
    return JsonResponse(
        {"device": str(made.device), "registered_at": made.registered_at.isoformat()},
        status=201 if new else 200,
    )


# Exempt from the CSRF check, because the check is done otherwise and more strictly: the
# service worker sends queued items with no page and so no CSRF token, and every item is
# applied only when signed by a key the session's officer registered on that device (a
# CSRF-checked request, ``device_register``). A forged cross-site request carries no such
# signature and changes nothing (tests/offlinemode/test_activity.py).
@csrf_exempt
@require_POST
@rate_limited("offline", machine=True)
def activity(request: HttpRequest) -> JsonResponse:
    """The officer's queued activity, answered item by item (``services.activity_receive``)."""
    if not request.user.is_authenticated:
        return _log_in_first()
    try:
        sent_at, items = parse_batch(_json_body(request, MAX_BODY_BYTES))
    except _BodyRefused as refused:
        return JsonResponse({"error": refused.message}, status=refused.status)
    except TooManyItems:
        return JsonResponse({"error": _too_much(MAX_BODY_BYTES)}, status=413)
    except BatchError:
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    results = services.activity_receive(
        officer=request.user,
        sent_at=sent_at,
        items=items,
        session_key=request.session.session_key,
    )
    return JsonResponse({"results": results})
