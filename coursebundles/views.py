"""Bundles over HTTP and in the hub's admin.

``/bundles/hub/...`` are for posts pulling courses: each request is signed by an enrolled post
(``nodes.requestauth``), never a session. The admin page lists the courses with a "Download bundle"
button for trainers and administrators at headquarters.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.admin.auth import require_admin_access
from wagtail.models import Locale

from courses.models import CoursePage
from elearning.ratelimits import rate_limited
from nodes.requestauth import NodeAuthError, request_signer
from nodes.selectors import is_hub
from nodes.services import exchange_log
from officers.models import Role
from officers.permissions import role_required

from .listing import hub_course_list
from .selectors import BundleError, installed_bundles
from .services import bundle_export_for_post


def _signed_post(request):
    if not is_hub():
        raise Http404
    return request_signer(request)


def _bundle_response(*, course: CoursePage, since: str = "") -> tuple[FileResponse, object]:
    """Build a bundle in a temporary file and stream it; the file is unlinked at once (the
    open handle keeps it readable until the response is sent)."""
    folder = tempfile.mkdtemp(prefix="bundle-")
    path = Path(folder) / "course.bundle"
    try:
        result = bundle_export_for_post(course=course, path=path, since_bundle=since)
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        path.unlink(missing_ok=True)
        os.rmdir(folder)
    stamp = result.created.strftime("%Y%m%d-%H%M")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(course.code)}-{stamp}.bundle",
        content_type="application/octet-stream",
    )
    response["Content-Length"] = str(result.size)
    return response, result


@require_GET
@rate_limited("bundles", machine=True)
def hub_courses(request):
    """At the hub: the published courses and the fingerprint of each one's content."""
    try:
        _signed_post(request)
    except NodeAuthError as error:
        return JsonResponse({"error": str(error)}, status=403)
    return JsonResponse({"courses": hub_course_list()})


@require_GET
@rate_limited("bundles", machine=True)
def hub_bundle(request, course_key: uuid.UUID):
    """At the hub: a fresh bundle of a course; ``?since=BUNDLE_ID`` leaves out the files of a
    bundle the post already has."""
    try:
        peer = _signed_post(request)
    except NodeAuthError as error:
        return JsonResponse({"error": str(error)}, status=403)
    course = (
        CoursePage.objects.live()
        .filter(translation_key=course_key, locale=Locale.get_default())
        .first()
    )
    if course is None:
        return JsonResponse({"error": _("Headquarters has no such published course.")}, status=404)
    try:
        response, result = _bundle_response(course=course, since=request.GET.get("since", ""))
    except BundleError as error:
        return JsonResponse({"error": str(error)}, status=409)
    exchange_log(
        peer_id=peer.node_id,
        direction="sent",
        what="bundle",
        count=1,
        detail={"course": course.code, "bundle": str(result.bundle_id), "bytes": result.size},
    )
    return response


@require_admin_access
@role_required(Role.TRAINER)
def admin_index(request):
    """The courses and their bundles (at the hub), or the bundles installed (at a post)."""
    if is_hub():
        courses = (
            CoursePage.objects.live()
            .filter(locale=Locale.get_default())
            .order_by("code")
            .only("id", "title", "code")
        )
    else:
        courses = []
    return render(
        request,
        "coursebundles/admin_index.html",
        {"is_hub": is_hub(), "courses": courses, "installed": installed_bundles()},
    )


@require_admin_access
@role_required(Role.TRAINER)
def admin_download(request, page_id: int):
    """At the hub: download a freshly built bundle of a course."""
    if not is_hub():
        raise Http404
    course = get_object_or_404(CoursePage.objects.live(), pk=page_id)
    try:
        response, _result = _bundle_response(course=course)
    except BundleError as error:
        messages.error(request, str(error))
        return redirect("coursebundles_admin:index")
    return response
