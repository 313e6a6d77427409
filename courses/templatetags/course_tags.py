"""Course catalogue presentation: the estimated time in the viewer's language."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from courses.catalogue import time_estimate

register = template.Library()


@register.filter
def estimated_time(hours) -> str:
    """ "About 1 hour", "About 90 minutes", "About 3.5 hours"; "" when there is no estimate."""
    estimate = time_estimate(hours)
    if estimate is None:
        return ""
    if estimate.unit == "minutes":
        minutes = int(estimate.amount)
        return ngettext("About %(minutes)d minute", "About %(minutes)d minutes", minutes) % {
            "minutes": minutes
        }
    if estimate.amount == estimate.amount.to_integral_value():
        whole = int(estimate.amount)
        return ngettext("About %(count)d hour", "About %(count)d hours", whole) % {"count": whole}
    return gettext("About %(hours)s hours") % {"hours": number_format(estimate.amount, 1)}
