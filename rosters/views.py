"""Coordinators' pages for importing officers from a spreadsheet: upload, preview, confirm,
and the sheet of initial passwords (downloadable once). Thin: parse, call one service or
selector, render. Every page is limited to the file's owner and, through the services, to
their scope."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from certificates.rendering import RenderError
from elearning.uploads import upload_limit, upload_refused
from officers.permissions import coordinator_required

from . import selectors, services
from .checks import Action
from .forms import UploadForm
from .models import RosterFile
from .reports import preview_rows
from .sheets import KEYS
from .templatefiles import template_csv, template_xlsx


def _upload_page(request: HttpRequest, form: UploadForm, error: str = "") -> HttpResponse:
    return TemplateResponse(
        request,
        "rosters/upload.html",
        {
            "form": form,
            "error": error,
            "columns": KEYS,
            "max_bytes": settings.ELEARNING_ROSTER_MAX_BYTES,
            "max_rows": settings.ELEARNING_ROSTER_MAX_ROWS,
        },
        status=400 if error or form.errors else 200,
    )


@upload_limit(lambda: settings.ELEARNING_ROSTER_MAX_BYTES)  # outermost: before the body is read
@coordinator_required
def upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, UploadForm())
    if (limit := upload_refused(request)) is not None:
        message = _(
            "This file is larger than %(size)s, the largest spreadsheet taken. Nothing is stored."
        ) % {"size": filesizeformat(limit)}
        return _upload_page(request, UploadForm(), message)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    file = form.cleaned_data["file"]
    try:
        stored = services.roster_upload_store(owner=request.user, source=file, name=file.name)
    except services.RosterRefused as refused:
        return _upload_page(request, UploadForm(), str(refused))
    return redirect("rosters:preview", file_uuid=stored.uuid)


@coordinator_required
def template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="officers-template.{fmt}"'
    return response


def _stored(request: HttpRequest, file_uuid: uuid.UUID, kind: str) -> RosterFile:
    services.roster_files_purge()  # an upload a day old, a sheet past its minutes: gone
    stored = selectors.roster_file(owner=request.user, file_uuid=file_uuid, kind=kind)
    if stored is None or not stored.path.is_file():
        raise Http404
    return stored


@coordinator_required
@never_cache
def preview(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    stored = _stored(request, file_uuid, RosterFile.Kind.UPLOAD)
    try:
        sheet = services.roster_read(path=stored.path, name=stored.name)
    except services.RosterRefused as refused:  # the limits changed since it was stored
        return _refused(request, stored, refused)
    check = services.roster_check(viewer=request.user, sheet=sheet)
    return _preview_page(request, stored, check, sheet.ignored_columns)


def _refused(request: HttpRequest, stored: RosterFile, refused: Exception) -> HttpResponse:
    services.roster_file_discard(stored=stored)
    return _upload_page(request, UploadForm(), str(refused))


def _preview_page(request, stored, check, ignored=(), status=200) -> HttpResponse:
    return TemplateResponse(
        request,
        "rosters/preview.html",
        {
            "stored": stored,
            "check": check,
            "columns": KEYS,
            "rows": preview_rows(check),
            "ignored": ignored,
            "counts": {action: check.count(action) for action in Action},
            "bad_rows": sum(1 for row in check.rows if row.errors),
        },
        status=status,
    )


@coordinator_required
@require_POST
def confirm(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    stored = _stored(request, file_uuid, RosterFile.Kind.UPLOAD)
    try:
        sheet = services.roster_read(path=stored.path, name=stored.name)
        result = services.roster_import(
            actor=request.user,
            sheet=sheet,
            base_url=request.build_absolute_uri("/"),
            file_name=stored.name,
        )
    except services.RosterRefused as refused:
        return _refused(request, stored, refused)
    except services.RosterInvalid as invalid:
        return _preview_page(request, stored, invalid.check, status=400)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": error})
        return redirect("rosters:preview", file_uuid=stored.uuid)
    except RenderError as error:
        messages.error(
            request,
            _("Nothing was imported: the sheet of initial passwords could not be made. %(reason)s")
            % {"reason": error},
        )
        return redirect("rosters:preview", file_uuid=stored.uuid)
    services.roster_file_discard(stored=stored)
    messages.success(
        request,
        _(
            "Imported: %(created)s new officers, %(updated)s updated, %(unchanged)s unchanged, "
            "%(enrolments)s enrolments."
        )
        % {
            "created": len(result.created),
            "updated": result.updated,
            "unchanged": result.unchanged,
            "enrolments": result.enrolments,
        },
    )
    if result.cohort_joins:
        messages.success(
            request,
            ngettext(
                "%(count)d officer joined a cohort.",
                "%(count)d officers joined a cohort.",
                result.cohort_joins,
            )
            % {"count": result.cohort_joins},
        )
    if result.sheet is None:
        return redirect("rosters:upload")
    return redirect("rosters:sheet", file_uuid=result.sheet.uuid)


@coordinator_required
@require_POST
def discard(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    services.roster_file_discard(stored=_stored(request, file_uuid, RosterFile.Kind.UPLOAD))
    return redirect("rosters:upload")


@coordinator_required
@never_cache
def sheet(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    stored = selectors.roster_file(
        owner=request.user, file_uuid=file_uuid, kind=RosterFile.Kind.SHEET
    )
    return TemplateResponse(
        request,
        "rosters/sheet.html",
        {"stored": stored, "minutes": settings.ELEARNING_ROSTER_SHEET_MINUTES},
        status=200 if stored is not None else 410,
    )


@coordinator_required
@never_cache
def sheet_pdf(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    """The sheet, once: it is deleted as it is sent."""
    stored = _stored(request, file_uuid, RosterFile.Kind.SHEET)
    response = HttpResponse(
        services.password_sheet_take(stored=stored), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="initial-passwords.pdf"'
    return response
