"""The post operator's page in the Wagtail admin (administrators only). Thin: selectors read,
``services`` queues the work, the job page follows it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access

from elearning.mediafiles import download
from elearning.uploads import upload_limit, upload_refused
from nodes.selectors import is_hub

from . import selectors
from .forms import PacketForForm, UploadForm
from .models import OperatorJob
from .services import JobRefused, job_request


def _operator(request: HttpRequest) -> None:
    if not request.user.is_administrator:
        raise PermissionDenied


@require_admin_access
def index(request: HttpRequest) -> HttpResponse:
    _operator(request)
    return _page(request)


@upload_limit(lambda: settings.ELEARNING_OPERATOR_UPLOAD_MAX)  # outermost: before the body is read
@require_admin_access
@require_POST
def start(request: HttpRequest, kind: str) -> HttpResponse:
    _operator(request)
    if kind not in OperatorJob.Kind.values:
        raise Http404
    if (limit := upload_refused(request)) is not None:
        return _back_with(
            request,
            _("This file is larger than %(size)s, the most this computer takes. Nothing is stored.")
            % {"size": filesizeformat(limit)},
        )
    upload = recipient = None
    if kind == OperatorJob.Kind.PACKET_EXPORT and is_hub():
        form = PacketForForm(request.POST, recipients=selectors.packet_recipients())
        if not form.is_valid():
            return _back_with(request, form.errors.get("post", [""])[0])
        recipient = form.cleaned_data["post"]
    elif kind != OperatorJob.Kind.PACKET_EXPORT:
        prefix = "bundle" if kind == OperatorJob.Kind.BUNDLE_IMPORT else "packet"
        upload_form = UploadForm(request.POST, request.FILES, prefix=prefix)
        if not upload_form.is_valid():
            return _back_with(request, upload_form.errors.get("file", [""])[0])
        upload = upload_form.cleaned_data["file"]
    try:
        job = job_request(kind=kind, user=request.user, upload=upload, recipient=recipient)
    except JobRefused as refused:
        return _back_with(request, str(refused))
    return redirect("operatordesk:job", job_id=job.pk)


def _page(request: HttpRequest, *, error: object = "", status: int = 200) -> HttpResponse:
    context = selectors.operator_overview()
    context.update(
        bundle_form=UploadForm(prefix="bundle"),
        packet_form=UploadForm(prefix="packet"),
        packet_for_form=(
            PacketForForm(recipients=selectors.packet_recipients()) if is_hub() else None
        ),
        awaiting_first_packet=selectors.posts_awaiting_first_packet() if is_hub() else [],
        jobs=OperatorJob.objects.filter(requested_by=request.user)[:10],
        error=error,
    )
    return TemplateResponse(request, "operatordesk/index.html", context, status=status)


def _back_with(request: HttpRequest, message: object) -> HttpResponse:
    return _page(request, error=message, status=400)


@require_admin_access
def job(request: HttpRequest, job_id: uuid.UUID) -> HttpResponseBase:
    _operator(request)
    found = get_object_or_404(OperatorJob, pk=job_id, requested_by=request.user)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": found.status,
                "done": found.done,
                "total": found.total,
                "percent": found.percent,
                "message": found.message,
            }
        )
    if request.GET.get("download"):
        if found.status != OperatorJob.Status.DONE or not found.output:
            raise Http404
        return download(found.output)
    return TemplateResponse(request, "operatordesk/job.html", {"job": found})
