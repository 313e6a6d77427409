"""Reads of exam sessions: their state folded from their events, who is where in a session,
the sessions a coordinator may see, and the lockout of wrong codes."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet

from modules.models import QuizPage
from officers.models import BorderPost, User
from officers.selectors import posts_visible_to
from quizzes.models import QuizAttempt

from .models import SessionCode, SessionEvent, WrongCode
from .rules import Event, Kind, Phase, Session, attempt_deadline, session_at

WRONG_CODES_ALLOWED = 5
LOCKOUT = timedelta(minutes=15)


def code_hash(*, session: uuid.UUID, code: str) -> str:
    """The session code as its records carry it: an HMAC keyed with this node's secret, so a
    synced record does not give the code away to anyone who tries every six letters."""
    key = f"examsessions:{settings.SECRET_KEY}".encode()
    message = f"{session.hex}:{code.strip().upper()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _event(row: SessionEvent) -> Event:
    return Event(
        kind=Kind(row.kind),
        at=row.recorded_at,
        session=row.session,
        officer=row.officer.uuid if row.officer is not None else None,
        quiz_key=row.quiz_key,
        post=row.post_code,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        code_hash=row.code_hash,
        admitted=tuple(uuid.UUID(str(u)) for u in row.admitted or ()),
        minutes=row.minutes,
    )


def _events(rows: QuerySet[SessionEvent]) -> dict[uuid.UUID, list[Event]]:
    found: dict[uuid.UUID, list[Event]] = defaultdict(list)
    for row in rows.select_related("officer").order_by("recorded_at", "origin_seq"):
        found[row.session].append(_event(row))
    return found


def sessions_of(ids: Iterable[uuid.UUID], *, at: datetime) -> dict[uuid.UUID, Session]:
    """The state at ``at`` of each session in ``ids`` this node holds (one query)."""
    folded = {
        session: session_at(events, at)
        for session, events in _events(SessionEvent.objects.filter(session__in=list(ids))).items()
    }
    return {key: state for key, state in folded.items() if state is not None}


def session_state(*, session: uuid.UUID, at: datetime) -> Session | None:
    return sessions_of([session], at=at).get(session)


def sessions_visible_to(*, viewer: User, at: datetime) -> list[Session]:
    """The sessions at posts in ``viewer``'s scope, newest window first."""
    posts = list(posts_visible_to(viewer=viewer).values_list("code", flat=True))
    ids = (
        SessionEvent.objects.filter(kind=Kind.OPENED, post_code__in=posts)
        .values_list("session", flat=True)
        .distinct()
    )
    return sorted(sessions_of(ids, at=at).values(), key=lambda s: s.starts_at, reverse=True)


@dataclass(frozen=True)
class SessionRow:
    """A line of the exam sessions list: the session, its quiz's title, its post's name and
    its phase now."""

    session: Session
    quiz_title: str
    post_name: str
    phase: Phase


def sessions_listed(*, viewer: User, at: datetime, search: str = "") -> list[SessionRow]:
    """The sessions at posts in ``viewer``'s scope (newest window first) whose quiz or post
    holds every word of ``search``: what the list pages through and its download writes."""
    sessions = sessions_visible_to(viewer=viewer, at=at)
    titles = dict(
        QuizPage.objects.filter(translation_key__in=[s.quiz_key for s in sessions])
        .order_by("-pk")
        .values_list("translation_key", "title")
    )
    posts = dict(BorderPost.objects.values_list("code", "name"))
    rows = [
        SessionRow(
            session=s,
            quiz_title=titles.get(s.quiz_key, str(s.quiz_key)),
            post_name=posts.get(s.post, s.post),
            phase=s.phase(at),
        )
        for s in sessions
    ]
    words = search.casefold().split()
    return [r for r in rows if all(w in f"{r.quiz_title} {r.post_name}".casefold() for w in words)]


def session_visible_to(*, viewer: User, session: uuid.UUID, at: datetime) -> Session | None:
    """The session if its post is in ``viewer``'s scope, else None."""
    state = session_state(session=session, at=at)
    if state is None or not posts_visible_to(viewer=viewer).filter(code=state.post).exists():
        return None
    return state


def sessions_for_quiz(*, quiz_key: uuid.UUID, at: datetime) -> list[Session]:
    """Every session of the quiz this node holds."""
    ids = SessionEvent.objects.filter(kind=Kind.OPENED, quiz_key=quiz_key).values_list(
        "session", flat=True
    )
    return list(sessions_of(ids, at=at).values())


def session_of_attempt(attempt: QuizAttempt, *, at: datetime) -> Session | None:
    """The session ``attempt`` was started in: the last one whose code its officer entered
    before the attempt began (None for an attempt outside any session)."""
    checked_in = (
        SessionEvent.objects.filter(
            kind=Kind.CHECKED_IN,
            officer_id=attempt.learner_id,
            quiz_key=attempt.quiz_key,
            recorded_at__lte=attempt.recorded_at,
        )
        .order_by("-recorded_at")
        .values_list("session", flat=True)
        .first()
    )
    return None if checked_in is None else session_state(session=checked_in, at=at)


def session_code(*, session: uuid.UUID) -> str:
    """The code in clear, on the node that runs the session ("" elsewhere)."""
    return SessionCode.objects.filter(session=session).values_list("code", flat=True).first() or ""


def locked_until(*, officer: User, now: datetime) -> datetime | None:
    """When ``officer`` may enter a code again after too many wrong ones, or None."""
    recent = list(
        WrongCode.objects.filter(officer=officer, tried_at__gt=now - LOCKOUT)
        .order_by("-tried_at")
        .values_list("tried_at", flat=True)[:WRONG_CODES_ALLOWED]
    )
    if len(recent) < WRONG_CODES_ALLOWED:
        return None
    return recent[0] + LOCKOUT


def quiz_of(session: Session) -> QuizPage | None:
    return QuizPage.objects.filter(translation_key=session.quiz_key).order_by("pk").first()


@dataclass(frozen=True)
class OfficerRow:
    """One admitted officer in a session, as the coordinator follows them."""

    officer: User
    status: str  # "not_started", "in_progress", "submitted"
    seconds_left: int | None
    extra_minutes: int
    attempt: QuizAttempt | None


def session_attempts(session: Session) -> list[QuizAttempt]:
    """The attempts started in ``session`` (after their officer entered its code, before it
    closed), with their submissions."""
    if not session.checked_in:
        return []
    officers = dict(
        User.objects.filter(uuid__in=list(session.checked_in)).values_list("pk", "uuid")
    )
    attempts = (
        QuizAttempt.objects.filter(
            learner_id__in=list(officers),
            quiz_key=session.quiz_key,
            recorded_at__gte=session.opened_at,
        )
        .select_related("submission", "learner")
        .defer("snapshot")
    )
    end = session.closed_at
    return [
        a
        for a in attempts
        if a.recorded_at >= session.checked_in[officers[a.learner_id]]
        and (end is None or a.recorded_at <= end)
    ]


def session_rows(session: Session, *, now: datetime) -> list[OfficerRow]:
    """Every admitted officer with where they are: not started, in progress (with the time the
    server gives them), or submitted."""
    attempts: dict[int, QuizAttempt] = {}
    for started in sorted(session_attempts(session), key=lambda a: a.recorded_at):
        attempts[started.learner_id] = started  # the latest
    rows = []
    officers = User.objects.filter(uuid__in=list(session.admitted)).select_related("post")
    for officer in officers.order_by("full_name_latin", "username"):
        attempt = attempts.get(officer.pk)
        submitted = attempt is not None and hasattr(attempt, "submission")
        left = None
        if attempt is not None and not submitted:
            # The attempt is this session's: its deadline is the session's rule, read from the
            # state in hand (no query per officer).
            deadline = attempt_deadline(session, officer=officer.uuid, deadline=attempt.deadline)
            left = None if deadline is None else max(0, int((deadline - now).total_seconds()))
        rows.append(
            OfficerRow(
                officer=officer,
                status="not_started"
                if attempt is None
                else ("submitted" if submitted else "in_progress"),
                seconds_left=left,
                extra_minutes=session.extra_minutes.get(officer.uuid, 0),
                attempt=attempt,
            )
        )
    return rows
