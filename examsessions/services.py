"""Writes of exam sessions: open, admit, add minutes, close (the coordinator's), and the
officer's entering the code to start the quiz. Every write is a ``SessionEvent`` made in the
transaction of the action; times are this node's server clock, never the browser's.

Each service takes ``actor`` (who acts) and checks their scope itself: a coordinator opens and
runs sessions only at posts in their scope and admits only officers in it.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audittrail.services import audit_record
from courses.selectors import course_for_page
from elearning.templatetags.localdates import local_datetime
from learning import services as learning
from learning.selectors import enrolment_for
from modules.models import QuizPage
from nodes.models import ThisNode
from nodes.selectors import is_post
from officers.models import BorderPost, User
from officers.selectors import officers_visible_to, posts_visible_to
from officers.services import officer_lock
from quizzes.models import QuizAttempt
from quizzes.services import attempt_close

from . import selectors
from .models import SessionCode, SessionEvent, WrongCode
from .rules import Kind, Session, StartRefusal, start_refusal

# Six characters without the look-alikes 0/O, 1/I/L: read off a screen across a room.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_MINUTES_ADDED = 240


class SessionRefused(Exception):
    """The action is refused; ``str()`` is the reason for the person who tried."""


def code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def _write(session: Session, *, kind: Kind, by: User, **fields: object) -> SessionEvent:
    return SessionEvent.stamped(
        recorded_at=timezone.now(),
        session=session.id,
        quiz_key=session.quiz_key,
        post_code=session.post,
        kind=kind,
        by=by,
        **fields,
    )


def _admissible(*, actor: User, officers: Sequence[User], quiz: QuizPage) -> list[User]:
    """``officers`` if every one is in ``actor``'s scope, enrolling those not yet enrolled in
    the quiz's course (enrolled by admission)."""
    visible = set(
        officers_visible_to(viewer=actor)
        .filter(pk__in=[o.pk for o in officers])
        .values_list("pk", flat=True)
    )
    outside = [o for o in officers if o.pk not in visible]
    if outside:
        raise SessionRefused(
            _("%(name)s is not an officer you manage.") % {"name": outside[0].display_name}
        )
    course = course_for_page(quiz)
    if course is None:
        raise SessionRefused(_("This quiz is not in a course."))
    for officer in officers:
        if enrolment_for(learner=officer, course_key=course.translation_key) is None:
            learning.enrolment_create(learner=officer, course=course, actor=actor)
    return list(officers)


def session_open(
    *,
    actor: User,
    quiz: QuizPage,
    post: BorderPost,
    starts_at: datetime,
    ends_at: datetime,
    officers: Sequence[User],
) -> tuple[Session, str]:
    """Open a supervised exam session of ``quiz`` at ``post`` from ``starts_at`` to ``ends_at``
    (this node's clock) for ``officers``; returns it and its code (in clear only here: the
    record carries an HMAC of it). Raises SessionRefused for a post or an officer outside
    ``actor``'s scope, at a post node for any post but its own, a quiz not marked for
    supervised sessions, or a window that ends before it starts or has already ended; nothing
    is written then."""
    if not posts_visible_to(viewer=actor).filter(pk=post.pk).exists():
        raise SessionRefused(_("%(post)s is not a post you manage.") % {"post": post.name})
    here = ThisNode.objects.filter(pk=1).values_list("post_code", flat=True).first() or ""
    if is_post() and here != post.code:
        raise SessionRefused(
            _("This node is another post's: open sessions at %(post)s on that post's node.")
            % {"post": post.name}
        )
    if not quiz.supervised_only:
        raise SessionRefused(_("This quiz is not marked for supervised exam sessions."))
    if ends_at <= starts_at:
        raise SessionRefused(_("The session must end after it starts."))
    if ends_at <= timezone.now():
        raise SessionRefused(_("This time window is already over."))
    if not officers:
        raise SessionRefused(_("Admit at least one officer."))
    session_id = uuid.uuid4()
    code = code_new()
    with transaction.atomic():
        admitted = _admissible(actor=actor, officers=officers, quiz=quiz)
        SessionEvent.stamped(
            recorded_at=timezone.now(),
            session=session_id,
            kind=Kind.OPENED,
            by=actor,
            quiz_key=quiz.translation_key,
            post_code=post.code,
            starts_at=starts_at,
            ends_at=ends_at,
            code_hash=selectors.code_hash(session=session_id, code=code),
            admitted=sorted(o.uuid.hex for o in admitted),
        )
        SessionCode.objects.create(session=session_id, code=code)
        audit_record(
            actor=actor,
            action="examsession.open",
            subject=f"session:{session_id}",
            after={
                "quiz_key": quiz.translation_key,
                "post": post.code,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "admitted": sorted(o.uuid.hex for o in admitted),
            },
        )
    state = selectors.session_state(session=session_id, at=timezone.now())
    assert state is not None  # just written
    return state, code


def _running(session: Session) -> Session:
    if session.closed_at is not None:
        raise SessionRefused(_("This session is closed."))
    return session


def session_admit(*, actor: User, session: Session, officers: Sequence[User]) -> SessionEvent:
    """Admit more ``officers`` (in ``actor``'s scope) to a session not yet closed.
    Precondition: ``session`` is in ``actor``'s scope (``selectors.session_visible_to``)."""
    quiz = selectors.quiz_of(_running(session))
    if quiz is None:
        raise SessionRefused(_("This session's quiz is not on this node."))
    with transaction.atomic():
        admitted = sorted(
            o.uuid.hex for o in _admissible(actor=actor, officers=officers, quiz=quiz)
        )
        audit_record(
            actor=actor,
            action="examsession.admit",
            subject=f"session:{session.id}",
            after={"admitted": admitted},
        )
        return _write(session, kind=Kind.ADMITTED, by=actor, admitted=admitted)


def session_extend(*, actor: User, session: Session, officer: User, minutes: int) -> SessionEvent:
    """Give ``officer`` ``minutes`` more on their attempt in ``session`` (their deadline only;
    they see it on their next request). Precondition: ``session`` is in ``actor``'s scope."""
    _running(session)
    if officer.uuid not in session.admitted:
        raise SessionRefused(
            _("%(name)s is not admitted to this session.") % {"name": officer.display_name}
        )
    if not 1 <= minutes <= MAX_MINUTES_ADDED:
        raise SessionRefused(_("Add between 1 and %(most)s minutes.") % {"most": MAX_MINUTES_ADDED})
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="examsession.extend",
            officer=officer,
            subject=f"session:{session.id}",
            after={"minutes_added": minutes},
        )
        return _write(session, kind=Kind.EXTENDED, by=actor, officer=officer, minutes=minutes)


def session_close(*, actor: User, session: Session) -> int:
    """Close ``session``: nothing new can start, and every attempt still open in it is graded
    now, by the server, on what was saved (a pass records what it completes). Returns how many
    were graded. The session's code in clear is deleted from this node. Closing twice changes
    nothing. Precondition: ``session`` is in ``actor``'s
    scope."""
    if session.closed_at is not None:
        return 0
    with transaction.atomic():
        _write(session, kind=Kind.CLOSED, by=actor)
        # Nothing can start any more: the code in clear, kept for the room's screen, goes.
        SessionCode.objects.filter(session=session.id).delete()
        closed = selectors.session_state(session=session.id, at=timezone.now())
        assert closed is not None  # just written
        graded = 0
        for attempt in selectors.session_attempts(closed):
            if not hasattr(attempt, "submission"):
                submission = attempt_close(attempt=attempt)
                graded += 1
                if submission.passed:  # the module (and course) it completes, as a submit would
                    learning.progress_recompute(
                        learner=attempt.learner, course_key=attempt.course_key
                    )
        audit_record(
            actor=actor,
            action="examsession.close",
            subject=f"session:{session.id}",
            after={"attempts_graded_at_close": graded},
        )
    return graded


def _refusal_text(reason: StartRefusal, session: Session | None) -> str:
    if reason == StartRefusal.NOT_OPEN_YET and session is not None:
        return _("This exam session opens at %(time)s.") % {
            "time": local_datetime(session.starts_at)
        }
    texts = {
        StartRefusal.WRONG_CODE: _("That is not the code of an exam session for this quiz."),
        StartRefusal.NOT_ADMITTED: _("You are not admitted to this exam session."),
        StartRefusal.CLOSED: _("This exam session is closed."),
    }
    return texts.get(reason, _("This exam session is closed."))


def _matching(*, quiz: QuizPage, code: str, now: datetime) -> Session | None:
    for session in selectors.sessions_for_quiz(quiz_key=quiz.translation_key, at=now):
        if secrets.compare_digest(
            session.code_hash, selectors.code_hash(session=session.id, code=code)
        ):
            return session
    return None


def session_check_in(*, actor: User, quiz: QuizPage, code: str) -> QuizAttempt:
    """``actor`` (an officer) enters ``code`` to start ``quiz`` in a supervised session; returns
    the attempt started. Refused (SessionRefused, with the reason) for a wrong code, an officer
    not admitted, a session not open yet, ended or closed, and after too many wrong codes
    (``selectors.WRONG_CODES_ALLOWED`` in ``selectors.LOCKOUT``: no code is even compared
    then). A wrong code is counted; nothing else is written on a refusal, and the officer's
    wrong codes older than the lockout are deleted."""
    now = timezone.now()
    with transaction.atomic():
        officer_lock(officer=actor)
        # Tries older than the lockout count for nothing any more: none is kept past it.
        WrongCode.objects.filter(officer=actor, tried_at__lte=now - selectors.LOCKOUT).delete()
        until = selectors.locked_until(officer=actor, now=now)
        if until is not None:
            raise SessionRefused(
                _("Too many wrong codes. Try again after %(time)s.")
                % {"time": local_datetime(until)}
            )
        session = _matching(quiz=quiz, code=code, now=now)
        if session is None:
            WrongCode.objects.create(officer=actor, tried_at=now)
            refusal: StartRefusal | None = StartRefusal.WRONG_CODE
        else:
            refusal = start_refusal(session, officer=actor.uuid, code_matches=True, now=now)
    if refusal is not None:  # the wrong code is counted (committed) before refusing
        raise SessionRefused(_refusal_text(refusal, session))
    assert session is not None  # no refusal: a session matched
    with transaction.atomic():
        _write(session, kind=Kind.CHECKED_IN, by=actor, officer=actor)
        return learning.quiz_start(learner=actor, quiz=quiz)
