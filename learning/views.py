"""The learner's own pages and actions: my learning, enrol, complete a lesson. Thin: each parses
input, calls one service or selector, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.selectors import course_by_key
from modules.models import LessonPage
from modules.selectors import lesson_neighbours
from quizzes.practice import answer_remember

from . import selectors, services


@login_required
def my_learning(request):
    rows = selectors.my_learning(learner=request.user)
    return render(request, "learning/my_learning.html", {"rows": rows})


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    services.enrolment_create(learner=request.user, course=course, actor=request.user)
    shown = course_by_key(course.translation_key) or course  # in the officer's language
    messages.success(request, _("You are enrolled in %(course)s.") % {"course": shown.title})
    return redirect(course.url)


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        written = services.lesson_complete(learner=request.user, lesson=lesson)
    except services.NotEnrolled:
        raise Http404 from None
    except services.LessonNotOpened:
        messages.error(request, _("Open the lesson before marking it complete."))
        return redirect(lesson.url)
    kinds = {record.kind for record in written}
    if "course_completed" in kinds:
        messages.success(request, _("Well done: you have completed the course."))
    elif "module_completed" in kinds:
        messages.success(request, _("Well done: you have completed this module."))
    _previous, following = lesson_neighbours(lesson)
    if following is not None:
        return redirect(following.url)
    return redirect(lesson.get_parent().url)


@login_required
@require_POST
def lesson_check(request, lesson_id: int, block_id: str):
    """Grade a lesson's knowledge check and give feedback; records nothing (practice).
    Answers JSON to the page's script, or a message on the lesson without JavaScript."""
    try:
        marked = selectors.check_marked(
            learner=request.user, lesson_id=lesson_id, block_id=block_id, form=request.POST
        )
    except (selectors.CheckGone, selectors.CheckNotAllowed):
        raise Http404 from None
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(marked.feedback())
    answer_remember(request.session, block_id, marked.response)
    messages.info(request, " ".join([marked.message, *marked.details]))
    return redirect(f"{marked.lesson.url}#check-{block_id}")
