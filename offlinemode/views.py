"""The service worker, the web app manifest, the "On this device" page and a course's offline
manifest (issue 15, ADR 0041). Thin: each reads one selector or renders one template."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from courses.models import CoursePage
from elearning.middleware import CONTENT_SECURITY_POLICY
from learning.wagtail_hooks import SAVING_HEADER
from officers.models import User
from scormplayer.origins import origin_of

from . import selectors, services
from .context_processors import offline
from .models import OfflineDevice

COOKIE_SECONDS = 365 * 24 * 3600
# site.css's header bar and page background.
THEME_COLOUR = "#0d2c54"
BACKGROUND_COLOUR = "#f6f7f9"


def worker_config() -> dict:
    """What the service worker's code needs of the site: the offline start page, the static
    files' prefix, the header that marks a page fetched to be saved, and the paths it never
    serves from a cache (pages that write, sign in, sync, or belong to one attempt)."""
    return {
        "home": reverse("offline_home"),
        "static": settings.STATIC_URL,
        "savingHeader": SAVING_HEADER,
        # Kept as last seen, per officer, for offline: the catalogue and My learning.
        "kept": ["/", reverse("my_learning")],
        "never": [
            "/admin/",
            "/django-admin/",
            "/sync/",
            "/nodes/",
            "/bundles/",
            "/accounts/",
            "/learn/quizzes/",
            "/learn/attempts/",
            reverse("offline_activity"),
            reverse("offline_devices"),
            reverse("offline_sw"),
        ],
    }


@require_GET
def service_worker(request):
    """The service worker (templates/offlinemode/sw.js): no-cache, so a new release is seen on
    the next visit; its scope is the whole site."""
    response = render(
        request,
        "offlinemode/sw.js",
        {"worker_config": json.dumps(worker_config())},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def web_manifest(request):
    """The web app manifest in the active language: what a phone shows when the site is
    installed."""
    icons = [
        {
            "src": static(f"offlinemode/icons/{name}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in (192, 512)
    ]
    data = {
        "name": _("Border Officer E-Learning"),
        "short_name": _("E-Learning"),
        "description": _("Courses for border officers, also without a connection."),
        "lang": request.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@login_required
@never_cache
def on_this_device(request):
    """What this browser saved for the officer (read from IndexedDB by offline.js): always
    with the offline scripts, cookie or not."""
    context = offline(request, always=True)
    # SCORM lessons are saved by framing their save document on the content origin (ADR 0045):
    # this page alone may frame it.
    content_origin = origin_of(settings.SCORM_CONTENT_ORIGIN)
    context["offline_config"]["scorm_frames"] = content_origin
    response = render(request, "offlinemode/on_this_device.html", context)
    response["Content-Security-Policy"] = f"{CONTENT_SECURITY_POLICY}; frame-src {content_origin}"
    return response


@login_required
@never_cache
@require_GET
def course_manifest(request, course_id: int):
    """The course's offline manifest (``selectors.course_offline_manifest``) for an officer
    who may read it; 404 otherwise. Sets the cookie that gives this browser's pages the offline
    scripts from now on."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    # An officer who may not read the course gets no launch (offline_launch refuses) and a 404.
    scorm = services.offline_scorm(learner=request.user, course=course)
    manifest = selectors.course_offline_manifest(learner=request.user, course=course, scorm=scorm)
    if manifest is None:
        raise Http404
    response = JsonResponse(manifest)
    response.set_cookie(
        settings.OFFLINE_COOKIE,
        "1",
        max_age=COOKIE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _officer_of_devices(request, officer_uuid) -> User:
    officer = selectors.devices_manageable(viewer=request.user, officer_uuid=officer_uuid)
    if officer is None:
        raise Http404
    return officer


@login_required
@never_cache
@require_GET
def devices(request, officer_uuid):
    """The browsers registered to send an officer's offline activity, each with "Withdraw":
    for the officer, and for a coordinator or administrator who follows them; 404 otherwise."""
    officer = _officer_of_devices(request, officer_uuid)
    return render(
        request,
        "offlinemode/devices.html",
        {
            "officer": officer,
            "own": officer.pk == request.user.pk,
            "devices": selectors.devices_of(officer=officer),
            # The device this page is read from (its session): "This browser" beside it.
            "this_session": request.session.session_key,
        },
    )


@login_required
@require_POST
def device_withdraw(request, officer_uuid, device_id: int):
    """Withdraw one of the officer's devices (``services.device_withdraw``), then back to the
    list; 404 for a device or an officer the user may not manage."""
    officer = _officer_of_devices(request, officer_uuid)
    device = get_object_or_404(OfflineDevice, pk=device_id, officer=officer)
    device = services.device_withdraw(actor=request.user, device=device)
    messages.success(
        request,
        _("“%(browser)s” was withdrawn: what it kept offline will not be counted.")
        % {"browser": device.user_agent or _("A browser")},
    )
    return redirect("offline_device_list", officer_uuid=officer.uuid)
