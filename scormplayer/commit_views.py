"""The commit endpoint on the content origin (ADR 0027): what the runtime beside a package posts.

No session and no cookie there, so no CSRF token: the per-launch token in the URL says which
launch (learner, package version) the commit belongs to, and an ``Origin`` header, when the
browser sends one, must be the content origin itself. The body is bounded before it is read.
scorm-again posts ``application/json``; its last commit, sent with ``navigator.sendBeacon`` when
the tab closes, is ``text/plain`` (a beacon cannot send JSON without a preflight).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from elearning.requestbody import BodyRefused, declared_length, json_body

from . import cmi as rules
from .origins import origin_of
from .selectors import launch_for
from .services import commit_apply
from .tokens import TokenRefused

MAX_BODY = 256 * 1024
CONTENT_TYPES = ("application/json", "text/plain")


def _answer(status: int, code: int, message: str = "") -> JsonResponse:
    body: dict[str, Any] = {"result": code == 0, "errorCode": code}
    if message:
        body["message"] = message
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _body(request: HttpRequest) -> dict[str, Any] | None:
    """The JSON object posted, or None when it is not one (too long, another type, not JSON)."""
    length = declared_length(request)
    if length is None or not 0 < length <= MAX_BODY or request.content_type not in CONTENT_TYPES:
        return None
    try:
        body = json_body(request, limit=MAX_BODY)
    except BodyRefused:
        return None
    return body if isinstance(body, dict) else None


def _fields(body: dict[str, Any]) -> tuple[uuid.UUID, str, int, Any, bool | None] | None:
    attempt, sco, seq = body.get("attempt"), body.get("sco"), body.get("seq")
    terminated = body.get("terminated")
    if not isinstance(sco, str) or not isinstance(seq, int) or isinstance(seq, bool):
        return None
    if not 0 < seq < 2**31 or not isinstance(terminated, bool | None) or "cmi" not in body:
        return None
    try:
        key = uuid.UUID(str(attempt))
    except ValueError:
        return None
    return key, sco, seq, body["cmi"], terminated


@csrf_exempt
@require_POST
def commit(request: HttpRequest, package_id: str, version: str, token: str) -> JsonResponse:
    try:
        launch = launch_for(token, package_id, int(version))
    except TokenRefused as refusal:
        return _answer(403, 101, f"launch token refused: {refusal.reason.value}")
    family = rules.family(launch.version.scorm_version)
    general = rules.CODES[family][rules.Problem.GENERAL]
    origin = request.headers.get("Origin")
    if origin is not None and origin != origin_of(settings.SCORM_CONTENT_ORIGIN):
        return _answer(403, general, "commits come from the content origin only")
    body = _body(request)
    fields = _fields(body) if body is not None else None
    if fields is None:
        return _answer(400, general, "not a commit: a JSON object of at most 256 KiB")
    attempt, sco, seq, data, terminated = fields
    result = commit_apply(
        launch=launch, attempt=attempt, sco=sco, seq=seq, cmi=data, terminated=terminated
    )
    return _answer(result.http_status, result.error_code, result.message)
