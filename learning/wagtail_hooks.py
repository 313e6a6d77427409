"""Course pages are for logged-in users; lessons and quizzes for those enrolled. Opening a lesson
is recorded here, as Wagtail serves it."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.selectors import course_for_page
from modules.models import LessonPage, QuizPage, ScormLessonPage

from .selectors import is_enrolled
from .services import NotEnrolled, lesson_open


@hooks.register("before_serve_page")
def guard_and_track(page, request, serve_args, serve_kwargs):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not isinstance(page, (LessonPage, ScormLessonPage, QuizPage)):
        return None
    course = course_for_page(page)
    if isinstance(page, (LessonPage, ScormLessonPage)):
        try:
            lesson_open(learner=user, lesson=page)
            return None
        except NotEnrolled:
            pass
    elif course is not None and is_enrolled(learner=user, course=course):
        return None
    if user.reads_without_enrolling:
        return None
    messages.info(request, _("Enrol in this course to open its lessons."))
    return redirect(course.url if course is not None else "/")
