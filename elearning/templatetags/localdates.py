"""``{% load localdates %}``: ``{{ value|local_date }}``, ``{{ value|local_date:"long" }}`` and
``{{ value|local_datetime }}`` print a date or a datetime in the active language, datetimes in
the current time zone (``elearning.localdates`` does the formatting). An empty value prints
nothing, so ``|default:"—"`` still works. Python code that prints a date to a person calls
``local_date`` / ``local_datetime`` here too. Registered as a template library in settings
(``TEMPLATES`` ``libraries``), since ``elearning`` is not an installed app."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone, translation

from elearning.localdates import format_local_date, format_local_datetime

register = template.Library()


@register.filter
def local_date(value: datetime.date | None, style: str = "medium") -> str:
    if not isinstance(value, datetime.date):
        return ""
    return format_local_date(value, _language(), _zone(), style=style)


@register.filter
def local_datetime(value: datetime.datetime | None, style: str = "medium") -> str:
    if not isinstance(value, datetime.date):
        return ""
    return format_local_datetime(value, _language(), _zone(), style=style)


def _language() -> str:
    return translation.get_language() or ""


def _zone() -> datetime.tzinfo:
    return timezone.get_current_timezone()
