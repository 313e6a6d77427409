"""Coordinators' pages. Thin: parse, call one selector or service, render."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.selectors import course_by_key, courses_original
from elearning.paging import listing
from learning import selectors as learning_selectors
from learning import services as learning_services
from officers.models import User
from officers.permissions import coordinator_required
from officers.selectors import posts_visible_to
from officers.services import officer_password_reset

from . import selectors
from .forms import EnrolForm, PasswordResetForm, ProgressFilterForm


@coordinator_required
def progress(request):
    """Officers in scope by course: status, progress and last activity, filterable by post and
    searchable, a page at a time."""
    courses = courses_original()
    posts = posts_visible_to(viewer=request.user)
    data = request.GET.copy()
    if "course" not in data and courses:
        data["course"] = str(courses[0].pk)
    form = ProgressFilterForm(data, courses=courses, posts=posts)
    context: dict = {"form": form, "rows": [], "summary": None, "listing": None}
    if form.is_valid():
        course = form.cleaned_data["course"]
        officers = selectors.officers_in_scope(
            viewer=request.user, post=form.cleaned_data["post"], search=form.cleaned_data["q"]
        )
        shown = listing(rows=officers, number=request.GET.get("page"), params=request.GET)
        context.update(
            rows=selectors.progress_table(officers=shown.page.object_list, course=course),
            summary=selectors.progress_summary(officers=officers, course=course),
            listing=shown,
        )
    return render(request, "coordination/progress.html", context)


def _officer_in_scope(request: HttpRequest, officer_uuid: uuid.UUID) -> User:
    officer = selectors.officer_in_scope(viewer=request.user, officer_uuid=officer_uuid)
    if officer is None:
        raise Http404
    return officer


@coordinator_required
def officer_detail(request, officer_uuid):
    officer = _officer_in_scope(request, officer_uuid)
    rows = learning_selectors.my_learning(learner=officer)
    return render(
        request,
        "coordination/officer_detail.html",
        {
            "officer": officer,
            "rows": rows,
            "enrol_form": EnrolForm(courses=courses_original()),
            "password_form": PasswordResetForm(),
        },
    )


@coordinator_required
@require_POST
def officer_enrol(request, officer_uuid):
    officer = _officer_in_scope(request, officer_uuid)
    form = EnrolForm(request.POST, courses=courses_original())
    if form.is_valid():
        course = form.cleaned_data["course"]
        learning_services.enrolment_create(learner=officer, course=course, actor=request.user)
        shown = course_by_key(course.translation_key) or course
        messages.success(
            request,
            _("%(officer)s is enrolled in %(course)s.")
            % {"officer": officer.display_name, "course": shown.title},
        )
    else:
        messages.error(request, _("Choose a course."))
    return redirect("coordination:officer", officer_uuid=officer.uuid)


@coordinator_required
def officer_password(request, officer_uuid):
    officer = _officer_in_scope(request, officer_uuid)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            officer_password_reset(
                actor=request.user,
                officer=officer,
                new_password=form.cleaned_data["new_password1"],
            )
        except ValidationError as error:
            form.add_error("new_password1", error)
        else:
            messages.success(
                request,
                _("New password set for %(officer)s. Give it to them in person.")
                % {"officer": officer.display_name},
            )
            return redirect("coordination:officer", officer_uuid=officer.uuid)
    return render(request, "coordination/officer_password.html", {"officer": officer, "form": form})
