"""A certificate's dates when clocks disagree: pure rules, handed every time they use.

A border post's clock may be years off. An issue date is therefore bounded below by what the
node knows for certain happened already (the newest time headquarters signed, the signed
publication of the course content it learned from) and flagged when the local clock was below
that bound. When the certificate reaches headquarters, its arrival bounds the date from above;
a date outside its bounds is corrected by a separate record (``CertificateCorrection``), never
by changing the certificate.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

# A clock this far behind the bound is still taken as right (time zones, a slow clock).
TOLERANCE = datetime.timedelta(days=1)


@dataclass(frozen=True)
class IssueDate:
    issued_on: datetime.date
    doubtful: bool  # the local clock was below what the node knows has already happened


def issue_date(
    *,
    now: datetime.datetime,
    known_past: list[datetime.datetime | None],
    to_date: Callable[[datetime.datetime], datetime.date],
) -> IssueDate:
    """The issue date for a certificate earned at ``now`` (the local clock), given times this
    node knows are in the past; ``to_date`` turns an aware time into the local date."""
    bound = max((moment for moment in known_past if moment is not None), default=None)
    if bound is not None and now + TOLERANCE < bound:
        return IssueDate(issued_on=to_date(bound), doubtful=True)
    return IssueDate(issued_on=to_date(now), doubtful=False)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def dates_corrected(
    *,
    issued_on: datetime.date,
    expires_on: datetime.date | None,
    not_before: datetime.date | None,
    not_after: datetime.date,
) -> tuple[datetime.date, datetime.date | None] | None:
    """The (issue, expiry) dates a certificate should have when its issue date lies outside
    [``not_before``, ``not_after``] (expiry moved by the same span, so the validity stays what
    the course gives), or None when it lies inside."""
    corrected = issued_on
    if not_before is not None and issued_on < not_before:
        corrected = not_before
    if corrected > not_after:
        corrected = not_after
    if corrected == issued_on:
        return None
    shift = corrected - issued_on
    return corrected, (expires_on + shift if expires_on is not None else None)


def recertification(
    *, valid_until: datetime.date | None, today: datetime.date, notice_days: int
) -> str:
    """Where a certificate stands for recertification on ``today``: "expired" after its last
    valid day, "due" within ``notice_days`` of it, "" otherwise (and without an expiry)."""
    if valid_until is None:
        return ""
    if valid_until < today:
        return "expired"
    if valid_until <= today + datetime.timedelta(days=notice_days):
        return "due"
    return ""
