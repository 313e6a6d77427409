"""A supervised exam session's state, folded from its events: pure, no Django, no clock.

The events are the session's synced records (``models.SessionEvent``), handed in as plain
``Event`` values; ``session_at`` folds those recorded up to a time into a ``Session``. The
gates (who may start, the deadline each attempt keeps) are functions of that state, so the
node running the session and the hub that receives its records read the same answer.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta


class Kind(enum.StrEnum):
    OPENED = "opened"
    ADMITTED = "admitted"
    EXTENDED = "extended"
    CHECKED_IN = "checked_in"
    CLOSED = "closed"


class Phase(enum.StrEnum):
    NOT_OPEN_YET = "not_open_yet"
    OPEN = "open"
    ENDED = "ended"  # the window is over; attempts started in it run to their deadline
    CLOSED = "closed"  # closed by the coordinator: nothing runs any more


class StartRefusal(enum.StrEnum):
    WRONG_CODE = "wrong_code"
    NOT_ADMITTED = "not_admitted"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"


@dataclass(frozen=True)
class Event:
    """One session event. ``officer``: whom it is about (admitted, extended, checked in)."""

    kind: Kind
    at: datetime
    session: uuid.UUID
    officer: uuid.UUID | None = None
    quiz_key: uuid.UUID | None = None
    post: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    code_hash: str = ""
    admitted: tuple[uuid.UUID, ...] = ()
    minutes: int = 0


@dataclass(frozen=True)
class Session:
    id: uuid.UUID
    quiz_key: uuid.UUID
    post: str
    starts_at: datetime
    ends_at: datetime
    code_hash: str
    opened_at: datetime
    admitted: frozenset[uuid.UUID] = frozenset()
    extra_minutes: Mapping[uuid.UUID, int] = field(default_factory=dict)
    checked_in: Mapping[uuid.UUID, datetime] = field(default_factory=dict)  # the latest
    closed_at: datetime | None = None

    def phase(self, now: datetime) -> Phase:
        if self.closed_at is not None and self.closed_at <= now:
            return Phase.CLOSED
        if now < self.starts_at:
            return Phase.NOT_OPEN_YET
        if now >= self.ends_at:
            return Phase.ENDED
        return Phase.OPEN

    def added(self, officer: uuid.UUID) -> timedelta:
        return timedelta(minutes=self.extra_minutes.get(officer, 0))


def _apply(state: Session | None, event: Event) -> Session | None:
    if event.kind == Kind.OPENED:
        if state is not None or None in (event.quiz_key, event.starts_at, event.ends_at):
            return state  # opened once; a second opening of the same id changes nothing
        assert event.quiz_key and event.starts_at and event.ends_at
        return Session(
            id=event.session,
            quiz_key=event.quiz_key,
            post=event.post,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            code_hash=event.code_hash,
            opened_at=event.at,
            admitted=frozenset(event.admitted),
        )
    if state is None or state.closed_at is not None:
        return state  # nothing counts before the opening or after the close
    if event.kind == Kind.ADMITTED:
        return replace(state, admitted=state.admitted | set(event.admitted))
    if event.kind == Kind.CLOSED:
        return replace(state, closed_at=event.at)
    if event.officer is None:
        return state
    if event.kind == Kind.EXTENDED:
        extra = dict(state.extra_minutes)
        extra[event.officer] = extra.get(event.officer, 0) + max(0, event.minutes)
        return replace(state, extra_minutes=extra)
    if event.kind == Kind.CHECKED_IN:
        return replace(state, checked_in={**state.checked_in, event.officer: event.at})
    return state


def session_at(events: Iterable[Event], at: datetime) -> Session | None:
    """The session as its events recorded up to ``at`` make it (None before it was opened)."""
    state: Session | None = None
    for event in sorted(
        (e for e in events if e.at <= at), key=lambda e: (e.kind != Kind.OPENED, e.at)
    ):
        state = _apply(state, event)
    return state


def start_refusal(
    session: Session, *, officer: uuid.UUID, code_matches: bool, now: datetime
) -> StartRefusal | None:
    """Why ``officer`` may not start the session's quiz now with the code given, or None."""
    if not code_matches:
        return StartRefusal.WRONG_CODE
    if officer not in session.admitted:
        return StartRefusal.NOT_ADMITTED
    phase = session.phase(now)
    if phase == Phase.NOT_OPEN_YET:
        return StartRefusal.NOT_OPEN_YET
    if phase != Phase.OPEN:
        return StartRefusal.CLOSED
    return None


def may_start_now(
    session: Session, *, officer: uuid.UUID, last_start: datetime | None, now: datetime
) -> bool:
    """Whether a new attempt may start: the officer entered the code (checked in) in this open
    session after their last attempt at the quiz began (one start per code entered)."""
    checked = session.checked_in.get(officer)
    if checked is None or officer not in session.admitted or session.phase(now) != Phase.OPEN:
        return False
    return last_start is None or last_start < checked


def attempt_deadline(
    session: Session, *, officer: uuid.UUID, deadline: datetime | None
) -> datetime | None:
    """The deadline an attempt in the session keeps: its own plus the minutes added for the
    officer, and never later than the session's close."""
    kept = deadline + session.added(officer) if deadline is not None else None
    if session.closed_at is None:
        return kept
    return session.closed_at if kept is None else min(kept, session.closed_at)
