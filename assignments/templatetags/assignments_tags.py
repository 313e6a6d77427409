"""``{% load assignments_tags %}``: ``{% my_assignments %}`` shows the signed-in officer's
reminders and assignments (used by learning's My learning, a lower layer's page)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..selectors import my_assignments as assigned
from ..selectors import reminders_for

register = template.Library()


@register.inclusion_tag("assignments/my_assignments.html", takes_context=True)
def my_assignments(context) -> dict:
    user = context["request"].user
    today = timezone.localdate()
    rows = assigned(learner=user, today=today)
    return {
        "assignments": rows,
        "reminders": reminders_for(learner=user, today=today, assigned=rows),
    }
