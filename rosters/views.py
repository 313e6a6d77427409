"""Coordinators' pages for importing officers from a spreadsheet: upload, preview, confirm
(the task worker imports), the import's own page (until done, then its counts and the sheet
of initial passwords, downloadable once). Thin: parse, call one service or selector, render.
Every page is limited to the file's owner and, through the services, to their scope."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from elearning.uploads import upload_limit, upload_refused
from officers.permissions import coordinator_required

from . import selectors, services
from .checks import Action, Check
from .forms import UploadForm
from .models import RosterFile, RosterImport
from .reports import preview_rows
from .sheets import KEYS, Sheet
from .templatefiles import template_csv, template_xlsx

# An import still waiting after this many seconds: its page says that the task worker may be
# stopped (it starts a queued task within a second or two).
QUEUE_NOTICE = 60


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
    checked = _checked(request, stored)
    if isinstance(checked, HttpResponse):
        return checked
    sheet, check = checked
    return _preview_page(request, stored, check, sheet.ignored_columns)


def _checked(request: HttpRequest, stored: RosterFile) -> tuple[Sheet, Check] | HttpResponse:
    """The stored upload read and checked as the viewer, or the upload page saying why it is
    refused (the limits changed since it was stored: it is removed)."""
    try:
        sheet = services.roster_read(path=stored.path, name=stored.name)
    except services.RosterRefused as refused:
        services.roster_file_discard(stored=stored)
        return _upload_page(request, UploadForm(), str(refused))
    return sheet, services.roster_check(viewer=request.user, sheet=sheet)


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
            "holds_node": check.ok and selectors.roster_import_holds_node(check),
        },
        status=status,
    )


@coordinator_required
@require_POST
def confirm(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    """Check the file again (the officers may have changed since the preview), then queue its
    import: the task worker runs it (a large file takes minutes, longer than a request may
    last), and checks it once more; the import's page follows it."""
    stored = _stored(request, file_uuid, RosterFile.Kind.UPLOAD)
    checked = _checked(request, stored)
    if isinstance(checked, HttpResponse):
        return checked
    sheet, check = checked
    if not check.ok:
        return _preview_page(request, stored, check, sheet.ignored_columns, status=400)
    job = services.roster_import_request(
        actor=request.user,
        stored=stored,
        rows=len(sheet.rows),
        base_url=request.build_absolute_uri("/"),
    )
    return redirect("rosters:import", import_uuid=job.uuid)


def _summary(job: RosterImport) -> list[str]:
    counts = job.counts
    lines = [
        _(
            "Imported: %(created)s new officers, %(updated)s updated, %(unchanged)s unchanged, "
            "%(enrolments)s enrolments."
        )
        % {key: counts.get(key, 0) for key in ("created", "updated", "unchanged", "enrolments")}
    ]
    if joins := counts.get("cohort_joins", 0):
        lines.append(
            ngettext(
                "%(count)d officer joined a cohort.", "%(count)d officers joined a cohort.", joins
            )
            % {"count": joins}
        )
    return lines


@coordinator_required
@never_cache
def import_status(request: HttpRequest, import_uuid: uuid.UUID) -> HttpResponse:
    """The import's page: waiting or importing (it follows the import by itself), then what
    was imported and the sheet of initial passwords, or why nothing was. It writes nothing: the
    import's transaction holds a post's SQLite write lock while the page follows it."""
    job = selectors.roster_import_of(owner=request.user, import_uuid=import_uuid)
    if job is None:
        raise Http404
    stopped = selectors.roster_import_stopped(job)
    if request.GET.get("format") == "json":
        return JsonResponse({"status": job.status, "finished": job.finished or stopped})
    waited = (timezone.now() - job.created_at).total_seconds()
    sheet = job.sheet if job.sheet is not None and job.sheet.path.is_file() else None
    return TemplateResponse(
        request,
        "rosters/import.html",
        {
            "job": job,
            "stopped": stopped,
            "slow_start": job.status == RosterImport.Status.QUEUED and waited > QUEUE_NOTICE,
            "summary": _summary(job) if job.status == RosterImport.Status.DONE else [],
            "sheet": sheet,
            "minutes": settings.ELEARNING_ROSTER_SHEET_MINUTES,
        },
    )


@coordinator_required
@require_POST
def discard(request: HttpRequest, file_uuid: uuid.UUID) -> HttpResponse:
    services.roster_file_discard(stored=_stored(request, file_uuid, RosterFile.Kind.UPLOAD))
    return redirect("rosters:upload")


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
