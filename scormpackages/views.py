"""The "SCORM packages" admin page: the stored packages, and an upload for trainers."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access

from elearning.uploads import upload_limit, upload_refused
from officers.models import Role
from officers.permissions import role_required

from .forms import UploadForm
from .selectors import package_list
from .services import PackageRefused, package_import


@upload_limit(lambda: settings.ELEARNING_SCORM_MAX_BYTES)  # outermost: before the body is read
@require_admin_access
@role_required(Role.TRAINER)
def admin_index(request):
    """GET: the packages; POST: import one (a refusal is shown at the file field)."""
    form = UploadForm()
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if (limit := upload_refused(request)) is not None:
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error(
                "file",
                _("This file is larger than %(size)s, the most a SCORM package may be.")
                % {"size": filesizeformat(limit)},
            )
        elif form.is_valid():
            try:
                package = package_import(
                    source=form.cleaned_data["file"].file,
                    title=form.cleaned_data["title"] or None,
                    user=request.user,
                )
            except PackageRefused as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("“%(title)s” imported.") % {"title": package.title})
                return redirect("scormpackages_admin:index")
    return render(
        request, "scormpackages/admin_index.html", {"form": form, "packages": package_list()}
    )
