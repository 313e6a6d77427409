"""``{% load coordination_tags %}``: a dashboard or export table's value as the page shows it,
in the viewer's language (``cell_text``, which the charts' value labels use too, so a chart and
its table say the same number)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from babel.dates import format_skeleton
from django import template
from django.utils import translation
from django.utils.formats import number_format

from coordination.tables import DATE, PERCENT, POINTS, Value
from elearning.localdates import cldr_locale
from elearning.templatetags.localdates import local_date

register = template.Library()

NOTHING = "\N{EM DASH}"


@register.filter
def cell_text(value: Value, kind: str = "") -> str:
    """``value`` as text: a date in the viewer's language, a number with the viewer's decimal
    mark (percentages and gains with one decimal place, a gain with its sign), nothing as a
    dash."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, datetime.date) or kind == DATE:
        return local_date(value) if isinstance(value, datetime.date) else str(value)
    if isinstance(value, Decimal) and kind in {PERCENT, POINTS}:
        text = number_format(value, decimal_pos=1)
        return f"+{text}" if kind == POINTS and value > 0 else text
    if isinstance(value, int):
        return number_format(value)
    return str(value)


@register.filter
def column_at(items, index: int):
    """``items[index]``: the column of a row's cell, in a template loop."""
    return items[index]


@register.filter
def of_key(mapping: dict, key: str):
    """``mapping[key]`` or None: a table's chart or page, by the table's key."""
    return mapping.get(key)


def month_day(value: datetime.date) -> str:
    """A day without its year, short, in the viewer's language ("Sep 14", "14 ก.ย."): a week's
    label under a narrow column."""
    locale = cldr_locale(translation.get_language() or "")
    return format_skeleton("MMMd", value, locale=locale) if locale else value.isoformat()[5:]
