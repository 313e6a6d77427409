"""Package files on the content origin: only with a valid per-launch token, in a sandbox."""

from __future__ import annotations

import mimetypes
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from elearning.mediafiles import serve_ranges
from scormpackages import selectors as packages

from .origins import SANDBOX, origin_of
from .selectors import (
    NoSuchSco,
    launch_for,
    launch_for_token,
    offline_files,
    offline_seeds,
    runtime_script,
    runtime_seed,
)
from .tokens import Refusal, TokenRefused

REFUSALS = {
    Refusal.MALFORMED: _("This link to the lesson is not valid."),
    Refusal.TAMPERED: _("This link to the lesson is not valid."),
    Refusal.EXPIRED: _("This link to the lesson has expired: open the lesson again."),
    Refusal.OTHER_PACKAGE: _("This link is for another lesson."),
}


def content_policy() -> str:
    """The CSP of every package file. Packages are third-party code that needs inline scripts
    and eval, and frames of its own origin (scorm-again's runtime frame, a package's own
    framesets); it may load and fetch only from the content origin, be framed only by the
    platform and itself, and not navigate the platform's page (no ``allow-top-navigation``)."""
    ancestors = " ".join(origin_of(origin) for origin in settings.SCORM_PLATFORM_ORIGINS)
    return "; ".join(
        [
            "default-src 'self' data: blob:",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
            "style-src 'self' 'unsafe-inline'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors 'self' {ancestors}",
            f"sandbox {SANDBOX}",
        ]
    )


def content_type(path: str) -> str:
    """The type a package file is served as, from its name in the package (stored files are
    named by their SHA-256 and have no extension)."""
    guessed, _encoding = mimetypes.guess_type(path)
    return guessed or "application/octet-stream"


@require_safe
@xframe_options_exempt
def package_file(
    request: HttpRequest, package_id: str, version: str, token: str, path: str
) -> HttpResponseBase:
    try:
        launch_for_token(token, package_id, int(version))
    except TokenRefused as refusal:
        return HttpResponseForbidden(REFUSALS[refusal.reason], content_type="text/plain")
    stored = packages.package_file(package_id, int(version), path)
    if stored is None:
        raise Http404
    response = serve_ranges(request, stored.name, stored.parent)
    response["Content-Type"] = content_type(path)
    response["Content-Security-Policy"] = content_policy()
    response["X-Content-Type-Options"] = "nosniff"
    response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), usb=()"
    response["Cache-Control"] = "private, max-age=3600"
    return response


def plain_error(status: int, text: str) -> Callable[..., HttpResponse]:
    """An error page of the content origin: plain text, so no platform template (with its
    links to platform pages) is rendered there."""

    def view(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
        return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")

    return view


def runtime_policy() -> str:
    """The CSP of the launch document: our scripts only (the seed is JSON, never run), commits to
    its own origin, the SCO framed from its own origin, framed only by the platform."""
    ancestors = " ".join(origin_of(origin) for origin in settings.SCORM_PLATFORM_ORIGINS)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {ancestors}",
            f"sandbox {SANDBOX}",
        ]
    )


@require_safe
@xframe_options_exempt
def runtime(
    request: HttpRequest, package_id: str, version: str, token: str, sco_index: str
) -> HttpResponseBase:
    """The launch document of one SCO (ADR 0024, 0028): it loads scorm-again, seeds it from the
    server and only then frames the SCO, so the API exists before the content looks for it."""
    try:
        launch = launch_for(token, package_id, int(version))
    except TokenRefused as refusal:
        return HttpResponseForbidden(REFUSALS[refusal.reason], content_type="text/plain")
    try:
        seed = runtime_seed(launch=launch, sco_index=int(sco_index), token=token)
    except NoSuchSco:
        raise Http404 from None
    structure = launch.version.structure
    if launch.offline_until is not None:
        seed["offline"] = offline_seeds(launch=launch, sco_index=int(sco_index))
        # By the server's clock: a device's own later state was built on this seed or newer.
        seed["served_at"] = int(time.time() * 1000)
    player = {
        "seed": seed,
        "asset": item_type(structure["items"], seed["sco"]["identifier"]) == "asset",
        "platform_origins": [origin_of(origin) for origin in settings.SCORM_PLATFORM_ORIGINS],
    }
    response = render(
        request,
        "scormplayer/runtime.html",
        {"player": player, "runtime_script": runtime_script(seed["scorm_version"])},
    )
    response["Content-Security-Policy"] = runtime_policy()
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def item_type(items: list[dict[str, Any]], identifier: str) -> str | None:
    """The SCORM type ("sco", "asset") of the item ``identifier`` in a structure's item tree."""
    for item in items:
        if item["identifier"] == identifier:
            return item.get("scorm_type")
        found = item_type(item.get("children") or [], identifier)
        if found is not None:
            return found
    return None


WORKER_SCOPE = "/scorm-"


def save_policy() -> str:
    """The CSP of the save document: the launch document's, with a service worker of its own
    origin and nothing framed, not sandboxed (it is our script, and registers a worker)."""
    kept = [d for d in runtime_policy().split("; ") if not d.startswith(("sandbox", "frame-src"))]
    return "; ".join([*kept, "worker-src 'self'"])


def _save_command(request: HttpRequest) -> str:
    if request.GET.get("remove") == "1":
        return "remove"
    return "check" if request.GET.get("check") == "1" else "save"


@require_safe
@xframe_options_exempt
def save_document(
    request: HttpRequest, package_id: str, version: str, token: str
) -> HttpResponseBase:
    """The small document the platform frames, hidden, to save an offline launch on the device
    (ADR 0045): it registers the content origin's service worker and has it precache every
    package file and launch document of the launch (``?remove=1``: delete that cache;
    ``?check=1``: say whether the device still holds it), and reports to the platform page by
    postMessage. Only for an offline launch's token."""
    try:
        launch = launch_for(token, package_id, int(version))
    except TokenRefused as refusal:
        return HttpResponseForbidden(REFUSALS[refusal.reason], content_type="text/plain")
    if launch.offline_until is None:
        raise Http404
    save = {
        "command": _save_command(request),
        "worker": reverse("content_worker", urlconf="scormplayer.content_urls"),
        "scope": WORKER_SCOPE,
        "cache": f"scorm-{launch.pk.hex}",
        "launch": launch.pk.hex,
        "entries": offline_files(launch=launch, token=token),
        "platform_origins": [origin_of(origin) for origin in settings.SCORM_PLATFORM_ORIGINS],
    }
    response = render(request, "scormplayer/save.html", {"save": save})
    response["Content-Security-Policy"] = save_policy()
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


@require_safe
def content_worker(request: HttpRequest) -> HttpResponse:
    """The content origin's service worker (ADR 0045): it serves saved package files and launch
    documents when the network is gone, and sends the runtime's queued commits."""
    response = render(
        request, "scormplayer/content_worker.js", content_type="text/javascript; charset=utf-8"
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = WORKER_SCOPE
    response["X-Content-Type-Options"] = "nosniff"
    return response
