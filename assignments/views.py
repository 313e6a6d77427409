"""Coordinators' pages for cohorts, assignments and expiring certificates. Thin: parse, call one
selector or service, render. A cohort or an officer outside the coordinator's scope is not
found (404), whatever the form sent."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses.selectors import course_by_key, courses_original
from elearning.paging import SearchForm, listing
from officers.models import User
from officers.permissions import coordinator_required
from officers.selectors import posts_visible_to

from . import selectors, services
from .forms import AssignForm, CohortForm, DueForm, ListFilterForm, RenameForm
from .rules import CohortState


def _cohort(request: HttpRequest, cohort_uuid: uuid.UUID) -> CohortState:
    state = selectors.cohort_visible(viewer=request.user, cohort=cohort_uuid)
    if state is None:
        raise Http404
    return state


def _officer(request: HttpRequest, officer_uuid: object) -> User:
    officer = selectors.officer_to_pick(viewer=request.user, officer_uuid=str(officer_uuid))
    if officer is None:
        raise Http404
    return officer


def _picked(request: HttpRequest) -> list[User]:
    """The officers ticked in a picker, each in scope (else 404)."""
    return [_officer(request, value) for value in request.POST.getlist("officer")]


@coordinator_required
def cohorts(request):
    posts, countries = selectors.cohort_homes(viewer=request.user)
    form = CohortForm(request.POST or None, viewer=request.user, posts=posts, countries=countries)
    if request.method == "POST" and form.is_valid():
        post, country = form.place()
        state = services.cohort_create(
            actor=request.user, name=form.cleaned_data["name"], post=post, country=country
        )
        messages.success(request, _("Cohort %(name)s created.") % {"name": state.name})
        return redirect("assignments:cohort", cohort_uuid=state.uuid)
    search = SearchForm(request.GET)
    q = search.search()
    found = selectors.cohorts_matching(viewer=request.user, search=q)
    return render(
        request,
        "assignments/cohorts.html",
        {
            "form": form,
            "search": search,
            "listing": listing(rows=found, number=request.GET.get("page"), params=request.GET),
        },
    )


@coordinator_required
def cohort_detail(request, cohort_uuid):
    state = _cohort(request, cohort_uuid)
    search = SearchForm(request.GET)
    q = search.search()
    courses = courses_in(state)
    return render(
        request,
        "assignments/cohort.html",
        {
            "cohort": state,
            "members": selectors.cohort_members(viewer=request.user, state=state),
            "search": search,
            "candidates": selectors.officers_to_pick(
                viewer=request.user, search=q, leave_out=state.members
            ),
            "rename_form": RenameForm(initial={"name": state.name}),
            "assign_form": AssignForm(courses=courses_original()),
            "courses": courses,
        },
    )


def courses_in(state: CohortState) -> list[tuple[uuid.UUID, object, object]]:
    """(key, course page or key, due date) of the courses assigned to the cohort."""
    return [(key, course_by_key(key) or key, due) for key, due in state.courses.items()]


@coordinator_required
@require_POST
def cohort_members_add(request, cohort_uuid):
    state = _cohort(request, cohort_uuid)
    added = sum(
        services.cohort_member_add(actor=request.user, cohort=state.uuid, officer=officer)
        for officer in _picked(request)
    )
    messages.success(
        request,
        ngettext("%(count)d officer added.", "%(count)d officers added.", added) % {"count": added},
    )
    return redirect("assignments:cohort", cohort_uuid=state.uuid)


@coordinator_required
@require_POST
def cohort_member_remove(request, cohort_uuid, officer_uuid):
    state = _cohort(request, cohort_uuid)
    officer = _officer(request, officer_uuid)
    services.cohort_member_remove(actor=request.user, cohort=state.uuid, officer=officer)
    messages.success(
        request,
        _("%(officer)s left the cohort; what they were assigned stays.")
        % {"officer": officer.display_name},
    )
    return redirect("assignments:cohort", cohort_uuid=state.uuid)


@coordinator_required
@require_POST
def cohort_rename(request, cohort_uuid):
    state = _cohort(request, cohort_uuid)
    form = RenameForm(request.POST)
    if form.is_valid():
        services.cohort_rename(
            actor=request.user, cohort=state.uuid, name=form.cleaned_data["name"]
        )
    return redirect("assignments:cohort", cohort_uuid=state.uuid)


@coordinator_required
@require_POST
def cohort_assign(request, cohort_uuid):
    state = _cohort(request, cohort_uuid)
    form = AssignForm(request.POST, courses=courses_original())
    if not form.is_valid():
        messages.error(request, _("Choose a course and a valid date."))
        return redirect("assignments:cohort", cohort_uuid=state.uuid)
    reached = services.cohort_assign(
        actor=request.user,
        cohort=state.uuid,
        course=form.cleaned_data["course"],
        due_on=form.cleaned_data["due_on"],
    )
    messages.success(
        request,
        ngettext(
            "Assigned to %(count)d member, who is enrolled.",
            "Assigned to %(count)d members, who are enrolled.",
            reached,
        )
        % {"count": reached},
    )
    return redirect("assignments:cohort", cohort_uuid=state.uuid)


@coordinator_required
@require_POST
def cohort_course_withdraw(request, cohort_uuid, course_key):
    state = _cohort(request, cohort_uuid)
    withdrawn = services.cohort_course_withdraw(
        actor=request.user, cohort=state.uuid, course_key=course_key
    )
    messages.success(
        request,
        ngettext(
            "Course withdrawn from the cohort and from %(count)d member; enrolments stay.",
            "Course withdrawn from the cohort and from %(count)d members; enrolments stay.",
            withdrawn,
        )
        % {"count": withdrawn},
    )
    return redirect("assignments:cohort", cohort_uuid=state.uuid)


def list_filters(request: HttpRequest) -> ListFilterForm:
    """The assignments list's course and post filters as the request gives them (the page and
    its download read the same)."""
    return ListFilterForm(
        request.GET, courses=courses_original(), posts=posts_visible_to(viewer=request.user)
    )


@coordinator_required
def assignment_list(request):
    """The assignments in scope, searchable, by status, a page at a time; and the form that
    assigns a course to officers picked by a search."""
    search = SearchForm(request.GET)
    q = search.search()
    state = request.GET.get("status", "")
    state = state if state in selectors.STATUS_FILTERS else ""
    filters = list_filters(request)
    today = timezone.localdate()
    found = selectors.assignments_in_scope(
        viewer=request.user, search=q, today=today, state=state, **filters.filters()
    )
    shown = listing(
        rows=found.values_list("pk", flat=True), number=request.GET.get("page"), params=request.GET
    )
    who = request.GET.get("who", "")
    return render(
        request,
        "assignments/list.html",
        {
            "search": search,
            "status": state,
            "filters": filters,
            "listing": shown,
            "rows": selectors.assignment_rows(
                selectors.assignments_by_pk(list(shown.page.object_list)), today
            ),
            "who": who,
            "candidates": selectors.officers_to_pick(viewer=request.user, search=who),
            "assign_form": AssignForm(courses=courses_original()),
            "due_form": DueForm(),
        },
    )


@coordinator_required
@require_POST
def assignment_create(request):
    form = AssignForm(request.POST, courses=courses_original())
    officers = _picked(request)
    if not form.is_valid() or not officers:
        messages.error(request, _("Choose a course, a valid date and at least one officer."))
        return redirect("assignments:list")
    for officer in officers:
        services.assignment_create(
            actor=request.user,
            officer=officer,
            course=form.cleaned_data["course"],
            due_on=form.cleaned_data["due_on"],
        )
    messages.success(
        request,
        ngettext(
            "Assigned to %(count)d officer, who is enrolled.",
            "Assigned to %(count)d officers, who are enrolled.",
            len(officers),
        )
        % {"count": len(officers)},
    )
    return redirect("assignments:list")


@coordinator_required
@require_POST
def assignment_change(request, officer_uuid, course_key):
    """Change the due date of one assignment, or withdraw it (``action=withdraw``)."""
    officer = _officer(request, officer_uuid)
    if request.POST.get("action") == "withdraw":
        services.assignment_withdraw(actor=request.user, officer=officer, course_key=course_key)
        messages.success(request, _("Assignment withdrawn; the enrolment stays."))
        return redirect("assignments:list")
    form = DueForm(request.POST)
    if form.is_valid():
        services.assignment_due_change(
            actor=request.user,
            officer=officer,
            course_key=course_key,
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("Due date changed."))
    else:
        messages.error(request, _("Enter a valid date."))
    return redirect("assignments:list")


@coordinator_required
def expiring(request) -> HttpResponse:
    """Certificates in scope to renew: expiring within the notice period or expired."""
    search = SearchForm(request.GET)
    q = search.search()
    today = timezone.localdate()
    found = selectors.certificates_expiring(viewer=request.user, today=today, search=q)
    return render(
        request,
        "assignments/expiring.html",
        {
            "search": search,
            "today": today,
            "listing": listing(rows=found, number=request.GET.get("page"), params=request.GET),
        },
    )
