"""The course state of the page being served, read once per request.

The hook that guards a lesson (``learning.wagtail_hooks``) and the template tags that show
progress, breadcrumbs and "previous"/"next" (``learning_tags``) all need the course, its outline
and the officer's progress: the first to ask builds it (``selectors.course_state``), the others
are given the same object. Kept on the request, so nothing outlives it.
"""

from __future__ import annotations

from django.http import HttpRequest
from wagtail.models import Page

from .selectors import CourseState, course_state

_ATTRIBUTE = "_learning_course_states"


def page_course_state(request: HttpRequest, page: Page) -> CourseState | None:
    """``course_state`` of the logged-in officer for ``page``, built once per request."""
    states = request.__dict__.setdefault(_ATTRIBUTE, {})
    if page.pk not in states:
        states[page.pk] = course_state(learner=request.user, page=page)
    return states[page.pk]


def page_course_state_forget(request: HttpRequest) -> None:
    """After a write of the officer's records in this request: the next ask reads again."""
    request.__dict__.pop(_ATTRIBUTE, None)
