"""Template tags that give course, module and lesson pages the viewer's progress."""

from __future__ import annotations

from django import template

from courses.selectors import course_for_page
from modules.selectors import course_outline, lesson_for_key, lesson_neighbours

from .. import selectors
from ..rules import Progress, resume_lesson

register = template.Library()


@register.simple_tag(takes_context=True)
def course_state(context, page):
    """Enrolment, progress and the "continue" URL for the course ``page`` belongs to."""
    user = context["request"].user
    course = course_for_page(page)
    if course is None or not user.is_authenticated:
        return None
    outline = course_outline(course=course)
    state = selectors.progress_for(learner=user, outline=outline)
    modules = selectors.outline_modules(outline)
    target = resume_lesson(modules=modules, state=state)
    resume = lesson_for_key(key=target) if target else None
    return {
        "course": course,
        "outline": outline,
        "progress": state,
        "enrolled": state.status != "not_enrolled",
        "resume_url": resume.url if resume else None,
    }


@register.inclusion_tag("learning/progress_meter.html")
def progress_meter(progress: Progress, compact: bool = False):
    """A course's progress bar and the words beside it, both from the steps of ``progress`` so
    they say the same thing. ``compact``: the short form for a table cell."""
    return {"progress": progress, "compact": compact}


@register.simple_tag
def lesson_nav(lesson):
    previous, following = lesson_neighbours(lesson)
    return {"previous": previous, "next": following}
