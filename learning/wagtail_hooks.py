"""Course pages are for logged-in users; lessons and quizzes for those enrolled. Opening a lesson
is recorded here, as Wagtail serves it, from the course state the page then shows (read once)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from modules.models import LessonPage, QuizPage, ScormLessonPage

from .pagecache import lesson_page_lookup, lesson_page_serve
from .pagestate import page_course_state, page_course_state_forget
from .services import NotEnrolled, lesson_open

# Sent by the service worker that saves a course for offline use (offlinemode): the page is
# stored, not read, so no lesson is recorded as opened, and it is neither kept nor served from
# the pages kept per officer (a kept page implies the lesson was opened).
SAVING_HEADER = "X-Offline-Save"


@hooks.register("before_serve_page")
def guard_and_track(page, request, serve_args, serve_kwargs):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not isinstance(page, (LessonPage, ScormLessonPage, QuizPage)):
        return None
    if request.headers.get(SAVING_HEADER) == "1":
        return _saving(request, page)
    if lesson_page_lookup(request, page):
        return None  # kept for this officer as they last saw it: opened, allowed, unchanged
    state = page_course_state(request, page)
    if isinstance(page, (LessonPage, ScormLessonPage)):
        try:
            if lesson_open(learner=user, lesson=page, state=state) is not None:
                page_course_state_forget(request)  # the page shows the record just made
            return None
        except NotEnrolled:
            pass
    elif state is not None and state.enrolled:
        return None
    if user.reads_without_enrolling:
        return None
    messages.info(request, _("Enrol in this course to open its lessons."))
    return redirect(state.course.url if state is not None else "/")


def _saving(request, page):
    """The guard for a page fetched to be saved: allowed as when it is read, nothing written;
    refused outright otherwise (a redirect would be saved in the lesson's place)."""
    state = page_course_state(request, page)
    if (state is not None and state.enrolled) or request.user.reads_without_enrolling:
        return None
    return HttpResponseForbidden()


# Inside Wagtail's view-restriction check (its own ``on_serve_page`` hook, order 0): a kept page
# is served only to a request that passed it.
hooks.register("on_serve_page", lesson_page_serve, order=100)
