"""The fold of a session's events (pure): its state at any time, as both the node running it
and the hub read it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from examsessions.rules import (
    Event,
    Kind,
    Phase,
    StartRefusal,
    attempt_deadline,
    session_at,
    start_refusal,
)

T0 = datetime(2026, 12, 4, 8, 0, tzinfo=UTC)
S, QUIZ = uuid.uuid4(), uuid.uuid4()
A, B = uuid.uuid4(), uuid.uuid4()


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


EVENTS = [
    Event(
        Kind.OPENED,
        at(0),
        S,
        quiz_key=QUIZ,
        post="kh-p",
        starts_at=at(10),
        ends_at=at(70),
        admitted=(A,),
    ),
    Event(Kind.ADMITTED, at(5), S, admitted=(B,)),
    Event(Kind.EXTENDED, at(30), S, officer=A, minutes=10),
    Event(Kind.CLOSED, at(90), S),
    Event(Kind.EXTENDED, at(95), S, officer=B, minutes=10),  # after the close: no effect
]


def test_the_state_at_each_time():
    assert session_at(EVENTS, at(-1)) is None
    early = session_at(EVENTS, at(1))
    assert early.admitted == {A} and early.phase(at(1)) == Phase.NOT_OPEN_YET
    later = session_at(EVENTS, at(40))
    assert later.admitted == {A, B} and later.phase(at(40)) == Phase.OPEN
    assert later.phase(at(75)) == Phase.ENDED
    closed = session_at(EVENTS, at(200))
    assert closed.phase(at(200)) == Phase.CLOSED and closed.extra_minutes == {A: 10}


def test_events_in_any_order_fold_the_same():
    assert session_at(reversed(EVENTS), at(200)) == session_at(EVENTS, at(200))


def test_start_refusals_in_order():
    state = session_at(EVENTS, at(40))
    stranger = uuid.uuid4()
    assert (
        start_refusal(state, officer=A, code_matches=False, now=at(40)) == StartRefusal.WRONG_CODE
    )
    assert start_refusal(state, officer=stranger, code_matches=True, now=at(40)) == (
        StartRefusal.NOT_ADMITTED
    )
    assert start_refusal(state, officer=A, code_matches=True, now=at(9)) == (
        StartRefusal.NOT_OPEN_YET
    )
    assert start_refusal(state, officer=A, code_matches=True, now=at(40)) is None
    assert start_refusal(state, officer=A, code_matches=True, now=at(70)) == StartRefusal.CLOSED


def test_the_deadline_an_attempt_keeps():
    own = at(50)
    open_state = session_at(EVENTS, at(40))
    assert attempt_deadline(open_state, officer=A, deadline=own) == at(60)
    assert attempt_deadline(open_state, officer=B, deadline=own) == own
    closed = session_at(EVENTS, at(200))
    assert attempt_deadline(closed, officer=A, deadline=at(120)) == at(90)
    assert attempt_deadline(closed, officer=B, deadline=None) == at(90)
