"""Dates and times as a person reads them in their language: pure formatting (no Django, no
clock), from Babel's CLDR data, which covers every configured language (Lao and Burmese too,
where Django's own formats do not).

Every format names the month as a word (``Dec 3, 2026``, ``3 ທ.ວ. 2026``, ``3 thg 12, 2026``),
so no reader can take 12/03 for the 3rd of December or the 12th of March. A language Babel has
no data for falls back to ISO 8601 (``2026-12-03``, ``2026-12-03 12:56``), which is unambiguous
too. Datetimes are shown in the time zone the caller hands over (the viewer's).

``style`` is ``"medium"`` (pages and tables: an abbreviated month) or ``"long"`` (documents
such as certificates: the month in full). Years are always the Gregorian four digits, so an era
some languages' long form adds (Thai "ค.ศ.") is left out.
"""

from __future__ import annotations

import datetime
import functools
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates

Style = Literal["medium", "long"]
STYLES = ("medium", "long")


@functools.cache
def cldr_locale(language: str) -> Locale | None:
    """Babel's locale for a Django language code (``vi``, ``zh-hans``, ``pt-br``), or ``None``
    when CLDR has no data for it."""
    if not language:
        return None
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def format_local_date(
    value: datetime.date | datetime.datetime,
    language: str,
    tz: datetime.tzinfo | None = None,
    *,
    style: Style = "medium",
) -> str:
    """The day of ``value`` in ``language``. An aware datetime is first converted to ``tz``
    (its day is the viewer's day)."""
    day = _in_zone(value, tz).date() if isinstance(value, datetime.datetime) else value
    locale = cldr_locale(language)
    if locale is None:
        return day.isoformat()
    return babel_dates.format_date(day, _date_pattern(locale, style), locale=locale)


def format_local_datetime(
    value: datetime.datetime,
    language: str,
    tz: datetime.tzinfo | None = None,
    *,
    style: Style = "medium",
) -> str:
    """The day and the time (hours and minutes) of ``value`` in ``language``, in ``tz``. A date
    without a time is shown as a day."""
    if not isinstance(value, datetime.datetime):
        return format_local_date(value, language, tz, style=style)
    moment = _in_zone(value, tz)
    locale = cldr_locale(language)
    if locale is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    day = babel_dates.format_date(moment.date(), _date_pattern(locale, style), locale=locale)
    time = babel_dates.format_time(moment.time(), "short", locale=locale)
    # CLDR's glue, e.g. "{1}, {0}" or "{1} 'at' {0}"; quotes mark literal words.
    pattern = str(locale.datetime_formats.get(_style(style), "{1} {0}")).replace("'", "")
    return pattern.replace("{1}", day).replace("{0}", time)


def _date_pattern(locale: Locale, style: str) -> str:
    """CLDR's date pattern for ``style`` without its era field (and the space after it); the
    long one where a language's medium form writes the month as a number (German 01.03.2026)."""
    tokens = babel_dates.tokenize_pattern(locale.date_formats[_style(style)].pattern)
    if not any(
        isinstance(value, tuple) and value[0] in "ML" and value[1] >= 3 for _, value in tokens
    ):
        tokens = babel_dates.tokenize_pattern(locale.date_formats["long"].pattern)
    kept: list = []
    after_era = False
    for kind, value in tokens:
        if isinstance(value, tuple) and value[0] == "G":
            after_era = True
            continue
        if not (after_era and isinstance(value, str) and not value.strip()):
            kept.append((kind, value))
        after_era = False
    return babel_dates.untokenize_pattern(kept)


def _in_zone(value: datetime.datetime, tz: datetime.tzinfo | None) -> datetime.datetime:
    if tz is None or value.tzinfo is None:
        return value
    return value.astimezone(tz)


def _style(style: str) -> str:
    if style not in STYLES:
        raise ValueError(f"Unknown date style {style!r}: use one of {', '.join(STYLES)}.")
    return style
