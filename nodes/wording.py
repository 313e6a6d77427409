"""Wording for operators: how the nodes app puts a quantity into words in the operator's
language (no database, no clock; only Django's translation catalogue)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _


def describe_duration(delta: datetime.timedelta) -> str:
    days = abs(delta.days)
    if days >= 365:
        return _("%(n)d years") % {"n": days // 365}
    if days >= 1:
        return _("%(n)d days") % {"n": days}
    return _("%(n)d minutes") % {"n": abs(int(delta.total_seconds())) // 60}
