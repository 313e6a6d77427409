"""Template tags for content pages: children in the officer's language."""

from django import template

from courses.selectors import children_in_language
from modules.models import ScormLessonPage

register = template.Library()


@register.simple_tag
def children_of(page):
    return children_in_language(page)


@register.filter
def is_scorm_lesson(page) -> bool:
    """Whether ``page`` plays a SCORM package: outlines label it, since it plays interactive
    content and is completed by what that content reports, not by a button."""
    kind = getattr(page, "specific_class", None)  # from the content type: no query
    return kind is not None and issubclass(kind, ScormLessonPage)
