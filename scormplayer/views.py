"""Package files on the content origin: only with a valid per-launch token, in a sandbox."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseForbidden,
)
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from elearning.mediafiles import serve_ranges
from scormpackages import selectors as packages

from .origins import origin_of
from .selectors import launch_for_token
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
            "sandbox allow-scripts allow-same-origin allow-forms allow-popups allow-downloads",
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
