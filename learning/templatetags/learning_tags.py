"""Template tags that give course, module and lesson pages the viewer's progress."""

from __future__ import annotations

from django import template

from ..pagestate import page_course_state
from ..rules import Progress

register = template.Library()


@register.simple_tag(takes_context=True)
def course_state(context, page):
    """The course ``page`` belongs to, its navigation, the officer's progress and the "continue"
    URL (``learning.selectors.CourseState``), read once per request."""
    request = context["request"]
    if not request.user.is_authenticated:
        return None
    return page_course_state(request, page)


@register.inclusion_tag("learning/progress_meter.html")
def progress_meter(progress: Progress, compact: bool = False):
    """A course's progress bar and the words beside it, both from the steps of ``progress`` so
    they say the same thing. ``compact``: the short form for a table cell."""
    return {"progress": progress, "compact": compact}


@register.simple_tag
def page_nav(state, page):
    """Where ``page`` sits in its course (``modules.selectors.NavItem``s, in the reader's
    language), from the course state's navigation, without a query: its parent ("module"), its
    children, and the lessons before and after it in its module."""
    if state is None:
        return {"module": None, "children": (), "previous": None, "next": None}
    key = page.translation_key
    previous, following = state.nav.neighbours(key)
    item = state.nav.item(key)
    return {
        "module": state.nav.parent(key),
        "children": item.children if item else (),
        "previous": previous,
        "next": following,
    }
