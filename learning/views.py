"""The learner's own pages and actions: my learning, enrol, complete a lesson. Thin: each parses
input, calls one service or selector, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.selectors import course_by_key
from modules.models import LessonPage

from . import selectors, services
from .templatetags.learning_tags import lesson_neighbours


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
