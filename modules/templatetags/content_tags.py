"""Template tags for content pages: children in the officer's language."""

from django import template

from courses.selectors import children_in_language

register = template.Library()


@register.simple_tag
def children_of(page):
    return children_in_language(page)
