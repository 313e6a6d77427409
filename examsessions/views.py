"""Pages of exam sessions. The coordinator's: the sessions in scope, the open form, a session
(who is where, add minutes, close), the room's screen and the roster PDF. The officer's: the
code form on a supervised quiz's page posts here. Thin: parse, call one service or selector,
render; every session page 404s for a session outside the viewer's scope."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from elearning.paging import SearchForm, listing
from learning import services as learning
from modules.models import QuizPage
from officers.models import BorderPost, User
from officers.permissions import coordinator_required
from officers.selectors import officers_visible_to, posts_visible_to
from quizzes.services import AttemptRefused

from . import selectors, services
from .forms import AdmitForm, CodeForm, ExtendForm, OpenForm
from .roster import roster_pdf as render_roster
from .rules import Phase, Session


def _session(request: HttpRequest, session_id: uuid.UUID) -> Session:
    session = selectors.session_visible_to(
        viewer=request.user, session=session_id, at=timezone.now()
    )
    if session is None:
        raise Http404
    return session


@coordinator_required
def session_list(request: HttpRequest) -> HttpResponse:
    search = SearchForm(request.GET)
    q = search.search()
    rows = selectors.sessions_listed(viewer=request.user, at=timezone.now(), search=q)
    return TemplateResponse(
        request,
        "examsessions/list.html",
        {
            "search": search,
            "listing": listing(rows=rows, number=request.GET.get("page"), params=request.GET),
        },
    )


def _open_form(request: HttpRequest) -> OpenForm:
    return OpenForm(
        request.POST or None,
        quizzes=QuizPage.objects.live()
        .filter(supervised_only=True, locale=Locale.get_default())
        .order_by("title"),
        posts=posts_visible_to(viewer=request.user).order_by("name"),
        officers=officers_visible_to(viewer=request.user).order_by("full_name_latin", "username"),
    )


@coordinator_required
def session_open(request: HttpRequest) -> HttpResponse:
    form = _open_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session, _code = services.session_open(
                actor=request.user,
                quiz=data["quiz"],
                post=data["post"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                officers=list(data["officers"]),
            )
        except services.SessionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The exam session is open."))
            return redirect("examsessions:detail", session_id=session.id)
    status = 400 if form.errors else 200
    return TemplateResponse(request, "examsessions/open.html", {"form": form}, status=status)


def _admit_form(request: HttpRequest, session: Session, data=None) -> AdmitForm:
    """Officers in the viewer's scope not yet admitted, those of the session's post first."""
    officers = (
        officers_visible_to(viewer=request.user)
        .exclude(uuid__in=list(session.admitted))
        .order_by(Case(When(post__code=session.post, then=0), default=1), "full_name_latin")
    )
    return AdmitForm(data, officers=officers)


@coordinator_required
@never_cache
def session_detail(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    now = timezone.now()
    return TemplateResponse(
        request,
        "examsessions/detail.html",
        {
            "session": session,
            "quiz": selectors.quiz_of(session),
            "post": BorderPost.objects.filter(code=session.post).first(),
            "phase": session.phase(now),
            "rows": selectors.session_rows(session, now=now),
            "extend_form": ExtendForm(),
            "admit_form": _admit_form(request, session),
            "closed": session.closed_at is not None,
        },
    )


@coordinator_required
@never_cache
def room_screen(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    now = timezone.now()
    rows = selectors.session_rows(session, now=now)
    phase = session.phase(now)
    return TemplateResponse(
        request,
        "examsessions/screen.html",
        {
            "session": session,
            "quiz": selectors.quiz_of(session),
            "phase": phase,
            "code": selectors.session_code(session=session.id) if phase != Phase.CLOSED else "",
            "in_progress": sum(1 for r in rows if r.status == "in_progress"),
            "submitted": sum(1 for r in rows if r.status == "submitted"),
            "admitted": len(rows),
        },
    )


@coordinator_required
@require_POST
def session_admit(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    form = _admit_form(request, session, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose officers you manage who are not admitted yet."))
        return redirect("examsessions:detail", session_id=session.id)
    officers = list(form.cleaned_data["officers"])
    try:
        services.session_admit(actor=request.user, session=session, officers=officers)
    except services.SessionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(count)s officers admitted.") % {"count": len(officers)})
    return redirect("examsessions:detail", session_id=session.id)


@coordinator_required
@require_POST
def session_extend(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a number of minutes between 1 and 240."))
        return redirect("examsessions:detail", session_id=session.id)
    officer = get_object_or_404(User, uuid=form.cleaned_data["officer"])
    try:
        services.session_extend(
            actor=request.user,
            session=session,
            officer=officer,
            minutes=form.cleaned_data["minutes"],
        )
    except services.SessionRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("%(name)s has %(minutes)s more minutes.")
            % {"name": officer.display_name, "minutes": form.cleaned_data["minutes"]},
        )
    return redirect("examsessions:detail", session_id=session.id)


@coordinator_required
@require_POST
def session_close(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    graded = services.session_close(actor=request.user, session=session)
    messages.success(
        request,
        _("The session is closed; %(count)s attempts still open were graded.") % {"count": graded},
    )
    return redirect("examsessions:detail", session_id=session.id)


@coordinator_required
def roster_pdf(request: HttpRequest, session_id: uuid.UUID) -> HttpResponse:
    session = _session(request, session_id)
    rows = selectors.session_rows(session, now=timezone.now())
    pdf = render_roster(
        session=session,
        quiz=selectors.quiz_of(session),
        officers=[row.officer for row in rows],
        language=translation.get_language() or "en",
        now=timezone.now(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="exam-roster-{session.id}.pdf"'
    return response


@login_required
@require_POST
def check_in(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    form = CodeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the session code shown in the room."))
        return redirect(quiz.url)
    try:
        attempt = services.session_check_in(
            actor=request.user, quiz=quiz, code=form.cleaned_data["code"]
        )
    except learning.NotEnrolled:
        raise Http404 from None
    except (services.SessionRefused, AttemptRefused) as refused:
        messages.error(request, str(refused))
        return redirect(quiz.url)
    return redirect("quiz_attempt", attempt_id=attempt.pk)
