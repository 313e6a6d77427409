"""The learner's own pages and actions: my learning, enrol, complete a lesson. Thin: each parses
input, calls one service or selector, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.selectors import course_by_key, course_for_page
from modules.models import LessonPage
from modules.selectors import lesson_neighbours
from quizzes.forms import responses_from_post
from quizzes.practice import answer_remember, check_answer, check_question, check_view

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
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    course = course_for_page(lesson)
    user = request.user
    if not user.reads_without_enrolling and (
        course is None or not selectors.is_enrolled(learner=user, course=course)
    ):
        raise Http404
    block = next((b for b in lesson.body if b.block_type == "check" and b.id == block_id), None)
    question = check_question(block.value, block_id) if block is not None else None
    if question is None:
        raise Http404
    response = responses_from_post([check_view(question)], request.POST).get(question["id"])
    result = check_answer(question, response)
    if not result.answered:
        message = _("Choose or write an answer first.")
    elif result.correct:
        message = _("Correct.")
    else:
        message = _("Not quite.")
    # Nothing of the key for an empty answer: feedback and explanation follow a real try.
    details = (
        [t for t in (result.feedback, *result.option_feedback, result.explanation) if t]
        if result.answered
        else []
    )
    if not result.correct and result.answered:
        details.append(_("The answer: %(answer)s") % {"answer": result.answer})
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "answered": result.answered,
                "correct": result.correct,
                "message": message,
                "details": details,
            }
        )
    answer_remember(request.session, block_id, response)
    messages.info(request, " ".join([message, *details]))
    return redirect(f"{lesson.url}#check-{block_id}")
