"""Coordinators' pages. Thin: parse, call one selector or service, render."""

import datetime
import uuid
from collections.abc import Callable, Iterable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assignments.selectors import (
    STATUS_FILTERS,
    assignment_rows_every,
    assignments_in_scope,
    certificates_expiring,
    cohorts_matching,
)
from assignments.views import list_filters
from certificates.views import CertificateSearchForm
from courses.selectors import course_by_key, courses_original
from elearning.paging import PER_PAGE, SearchForm, listing
from examsessions.selectors import sessions_listed
from learning import selectors as learning_selectors
from learning import services as learning_services
from officers.models import User
from officers.permissions import coordinator_required
from officers.selectors import posts_visible_to
from officers.services import officer_password_reset

from . import dashboards, downloads, selectors
from .charts import Bar, bar_chart, column_chart
from .exports import FORMATS, export_name, export_response
from .forms import DashboardFilterForm, EnrolForm, PasswordResetForm, ProgressFilterForm
from .tables import Column, Table, Value
from .templatetags.coordination_tags import cell_text, month_day


def _progress_form(request: HttpRequest) -> ProgressFilterForm:
    courses = courses_original()
    data = request.GET.copy()
    if "course" not in data and courses:
        data["course"] = str(courses[0].pk)
    return ProgressFilterForm(data, courses=courses, posts=posts_visible_to(viewer=request.user))


def _scope_words(request: HttpRequest, post=None, country: str = "") -> str:
    """The scope a download covers, for its file name."""
    if post is not None:
        return post.code
    if country:
        return country
    return "all" if request.user.is_administrator else "my-scope"


@coordinator_required
def progress(request):
    """Officers in scope by course: status, progress and last activity, filterable by post and
    searchable, a page at a time."""
    form = _progress_form(request)
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


@coordinator_required
def progress_export(request, extension):
    """Every row of the progress table for the same filters and search, as CSV or XLSX."""
    form = _progress_form(request)
    if extension not in FORMATS:
        raise Http404
    if not form.is_valid():
        return HttpResponseBadRequest(_("The filters are not valid."))
    course, post = form.cleaned_data["course"], form.cleaned_data["post"]
    officers = selectors.officers_in_scope(
        viewer=request.user, post=post, search=form.cleaned_data["q"]
    )
    return export_response(
        extension=extension,
        filename=export_name(
            "progress", course.code, _scope_words(request, post), extension=extension
        ),
        columns=downloads.progress_columns(),
        rows=downloads.progress_rows(officers=officers, course=course),
    )


@coordinator_required
def certificates_export(request, extension):
    """Every certificate of the coordinator's certificate list for the same search."""
    if extension not in FORMATS:
        raise Http404
    form = CertificateSearchForm(request.GET)
    search = form.search()  # as the list reads it
    return export_response(
        extension=extension,
        filename=export_name("certificates", _scope_words(request), extension=extension),
        columns=downloads.certificate_columns(),
        rows=downloads.certificate_rows(viewer=request.user, search=search),
    )


def _searched_export(
    request: HttpRequest,
    extension: str,
    name: str,
    columns: tuple[Column, ...],
    rows_of: Callable[[str], Iterable[tuple[Value, ...]]],
) -> HttpResponseBase:
    """The download of a searchable coordinator list: every row ``rows_of`` gives for the
    search the list's page reads (``q``, as ``elearning.paging.SearchForm`` cleans it)."""
    if extension not in FORMATS:
        raise Http404
    form = SearchForm(request.GET)
    search = form.search()
    return export_response(
        extension=extension,
        filename=export_name(name, _scope_words(request), extension=extension),
        columns=columns,
        rows=rows_of(search),
    )


@coordinator_required
def assignments_export(request, extension):
    """Every row of the assignments list for the same search and status, as CSV or XLSX."""
    state = request.GET.get("status", "")
    today = timezone.localdate()
    return _searched_export(
        request,
        extension,
        "assignments",
        downloads.assignment_columns(),
        lambda search: downloads.assignment_rows(
            assignment_rows_every(
                assignments_in_scope(
                    viewer=request.user,
                    search=search,
                    today=today,
                    state=state if state in STATUS_FILTERS else "",
                    **list_filters(request).filters(),
                ),
                today,
            )
        ),
    )


@coordinator_required
def renewals_export(request, extension):
    """Every certificate of "Certificates to renew" for the same search, as CSV or XLSX."""
    today = timezone.localdate()
    return _searched_export(
        request,
        extension,
        "certificates-to-renew",
        downloads.renewal_columns(),
        lambda search: downloads.renewal_rows(
            certificates_expiring(viewer=request.user, today=today, search=search), today
        ),
    )


@coordinator_required
def cohorts_export(request, extension):
    """Every cohort the cohorts page lists for the same search, as CSV or XLSX."""
    return _searched_export(
        request,
        extension,
        "cohorts",
        downloads.cohort_columns(),
        lambda search: downloads.cohort_rows(cohorts_matching(viewer=request.user, search=search)),
    )


@coordinator_required
def exam_sessions_export(request, extension):
    """Every exam session the sessions list shows for the same search, as CSV or XLSX."""
    return _searched_export(
        request,
        extension,
        "exam-sessions",
        downloads.exam_session_columns(),
        lambda search: downloads.exam_session_rows(
            sessions_listed(viewer=request.user, at=timezone.now(), search=search)
        ),
    )


def _dashboard_filter(
    request: HttpRequest,
) -> tuple[DashboardFilterForm, dashboards.DashboardFilter | None]:
    form = DashboardFilterForm(
        request.GET,
        courses=courses_original(),
        posts=posts_visible_to(viewer=request.user),
        countries=selectors.countries_in_scope(viewer=request.user),
    )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, dashboards.DashboardFilter(
        until=data["until"] or timezone.localdate(),
        since=data["since"],
        post=data["post"],
        country=data["country"],
        course=data["course"],
        expiring_days=data["days"] or 30,
        search=data["q"],
    )


def _bars(table: Table, rows, label: int, value: int) -> list[Bar]:
    kind = table.columns[value].kind
    return [
        Bar(
            label=month_day(row[label])
            if isinstance(row[label], datetime.date)
            else cell_text(row[label]),
            value=float(row[value] or 0),  # type: ignore[arg-type]
            text=cell_text(row[value], kind),
        )
        for row in rows
    ]


def _charts(dash: dashboards.Dashboard, pages: dict[str, Page]) -> dict[str, str]:
    """The dashboard's charts (SVG markup, from ``charts``), by the key of the table they show,
    with the same rows as the page of the table shown and the same numbers: ``cell_text``
    writes both."""
    rtl = translation.get_language_bidi()
    charts = {}
    for table in (*dash.completion, dash.quizzes):
        charts[table.key] = bar_chart(
            ident=f"chart-{table.key}",
            title=table.caption,
            desc=_("Bars of the last column of the table that follows."),
            bars=_bars(table, pages[table.key].object_list, 0, len(table.columns) - 1),
            scale=100,
            rtl=rtl,
        )
    charts["activity"] = column_chart(
        ident="chart-activity",
        title=_("Lessons completed each week"),
        desc=_("One column a week, the oldest first; the table that follows has the numbers."),
        columns=_bars(dash.activity, dash.activity.rows, 0, 1),
        rtl=rtl,
    )
    return {key: mark_safe(svg) for key, svg in charts.items()}  # noqa: S308 - escaped in charts


@coordinator_required
def dashboard(request):
    """Figures for the coordinator's scope: completion, quizzes, knowledge gain, certificates
    and activity, each chart with its table and downloads."""
    form, flt = _dashboard_filter(request)
    dash = dashboards.dashboard(viewer=request.user, flt=flt) if flt is not None else None
    tables = dash.tables if dash is not None else ()
    kept = request.GET.copy()
    for table in tables:
        kept.pop(f"{table.key}-page", None)
    # Each table a page at a time (50 rows), its own page number in the query string.
    pages = {
        t.key: Paginator(t.rows, PER_PAGE).get_page(request.GET.get(f"{t.key}-page"))
        for t in tables
    }
    return render(
        request,
        "coordination/dashboard.html",
        {
            "form": form,
            "dashboard": dash,
            "charts": _charts(dash, pages) if dash is not None else {},
            "pages": pages,
            "query": kept.urlencode(),
        },
    )


@coordinator_required
def dashboard_export(request, key, extension):
    """One of the dashboard's tables, for the same filters, as CSV or XLSX."""
    _form, flt = _dashboard_filter(request)
    if extension not in FORMATS:
        raise Http404
    if flt is None:
        return HttpResponseBadRequest(_("The filters are not valid."))
    table = dashboards.dashboard_table(viewer=request.user, flt=flt, key=key)
    if table is None:
        raise Http404
    return export_response(
        extension=extension,
        filename=export_name(
            "dashboard", key, _scope_words(request, flt.post, flt.country), extension=extension
        ),
        columns=table.columns,
        rows=table.rows,
    )


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
