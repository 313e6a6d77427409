"""The admin's "Export as SCORM" page: a form, and the package as a download. Thin: the export
is ``scormexport.services.course_export``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from wagtail.admin.auth import require_admin_access

from officers.models import Role
from officers.permissions import role_required

from .forms import ExportForm
from .services import ExportError, course_export


def _download(data: dict) -> FileResponse:
    """Write the package in a temporary folder and stream it; the folder goes at once (the
    open handle keeps the file readable until the response is sent)."""
    course = data["course"]
    folder = Path(tempfile.mkdtemp(prefix="scorm-export-"))
    try:
        result = course_export(
            course=course,
            fmt=data["fmt"],
            language=data["language"],
            module=data["module"],
            out=folder / "package.zip",
        )
        handle = open(result.path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    name = f"{slugify(course.code)}-{data['fmt']}-{data['language']}.zip"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/zip"
    )
    response["Content-Length"] = str(result.size)
    return response


@require_admin_access
@role_required(Role.TRAINER)
def admin_export(request: HttpRequest) -> HttpResponse:
    """GET: the form (``?course=ID`` chooses the course); POST: the package, or the form with
    the reason it cannot be exported at the field it concerns."""
    if request.method != "POST":
        form = ExportForm(
            user=request.user,
            initial={"course": request.GET.get("course"), "language": request.LANGUAGE_CODE},
        )
        return render(request, "scormexport/admin_export.html", {"form": form})
    form = ExportForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            return _download(form.cleaned_data)
        except ExportError as error:
            form.add_error(None, str(error))
    return render(request, "scormexport/admin_export.html", {"form": form}, status=400)
