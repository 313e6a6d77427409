"""Template tags that give course, module and lesson pages the viewer's progress."""

from __future__ import annotations

from django import template
from wagtail.models import Page

from courses.selectors import course_for_page
from modules.models import LessonPage
from modules.selectors import course_outline, lesson_for_key

from .. import selectors
from ..rules import resume_lesson

register = template.Library()


def lesson_neighbours(lesson: LessonPage) -> tuple[Page | None, Page | None]:
    """The previous and next live lessons of the same module, in the lesson's language tree."""
    siblings = list(LessonPage.objects.sibling_of(lesson).live().order_by("path"))
    index = next(i for i, p in enumerate(siblings) if p.pk == lesson.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following


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


@register.simple_tag
def lesson_nav(lesson):
    previous, following = lesson_neighbours(lesson)
    return {"previous": previous, "next": following}
