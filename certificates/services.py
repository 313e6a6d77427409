"""Writes of certificates: issue (once, on completion or by hand), revoke.

A certificate is issued in a service, never in a view or a signal: on completion through
``learning.completion`` (inside the transaction that records the completion), or by a
coordinator with a reason. Issuing is idempotent per officer and course while a certificate
stands; after a revocation a new one may be issued.
"""

from __future__ import annotations

import datetime
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage
from modules.models import QuizPage
from nodes.identity import node_identity
from nodes.peers import hub_peer, this_node
from nodes.services import sequence_next
from officers.models import User
from officers.selectors import officer_is_in_scope
from officers.services import officer_lock
from quizzes.selectors import quiz_state

from .codes import SECRET_BYTES, make_code, node_char_for, post_char
from .models import Certificate, Revocation
from .payload import CertificateClaims, sign_payload


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _serial(year: int) -> int:
    """This node's next certificate number for ``year`` (inside the caller's transaction)."""
    counter = uuid.uuid5(node_identity().node_id, f"certificate-serial-{year}")
    return sequence_next(node_id=counter)[1]


def _node_char() -> str:
    """This node's character in certificate codes: a post enrolled with a hub takes the one
    its enrolment number gives (distinct from the hub's and other posts'); the hub, and a post
    not yet enrolled, derive it from their node id."""
    node, hub = this_node(), hub_peer()
    if node.number and hub is not None:
        return post_char(number=node.number, hub_char=node_char_for(hub.node_id.bytes))
    return node_char_for(node_identity().node_id.bytes)


def _country(holder: User) -> str:
    return (
        holder.country
        or (holder.post.country if holder.post_id else "")
        or settings.ELEARNING_CERTIFICATE_COUNTRY
    ).upper()


def _score(holder: User, course: CoursePage) -> Decimal | None:
    """The mean of the grades of the course's module quizzes (each by its grading method), or
    None for a course without quizzes."""
    quizzes = QuizPage.objects.live().descendant_of(course.get_default_locale_page() or course)
    grades = [
        state.grade
        for quiz in quizzes.filter(test_kind="")
        if len(quiz.questions)
        and (state := quiz_state(learner=holder, quiz=quiz)).grade is not None
    ]
    return (sum(grades) / len(grades)).quantize(Decimal("0.0001")) if grades else None


def standing_certificate(*, holder: User, course_key) -> Certificate | None:
    return (
        Certificate.objects.filter(holder=holder, course_key=course_key, revocation__isnull=True)
        .order_by("-recorded_at")
        .first()
    )


def certificate_issue(
    *, holder: User, course: CoursePage, actor: User | None = None, reason: str = ""
) -> Certificate:
    """Issue ``holder``'s certificate for ``course`` and return it; return the standing one if
    there is one (idempotent). ``actor`` with ``reason`` issues by hand (an in-person course):
    the actor must be an administrator or a coordinator with the holder in scope, and the
    reason is kept. Precondition for automatic issuing (no actor): the course is complete.
    """
    original = course.get_default_locale_page() or course
    if actor is not None:
        if not officer_is_in_scope(viewer=actor, officer=holder):
            raise PermissionDenied
        if not reason.strip():
            raise ValidationError(_("Give the reason for issuing this certificate by hand."))
    with transaction.atomic():
        officer_lock(officer=holder)
        existing = standing_certificate(holder=holder, course_key=original.translation_key)
        if existing is not None:
            return existing
        now = timezone.now()
        today = timezone.localdate(now)
        code = make_code(
            country=_country(holder),
            year=today.year,
            serial=_serial(today.year),
            node_char=_node_char(),
            secret=secrets.token_bytes(SECRET_BYTES),
        )
        expires = (
            _add_months(today, original.certificate_validity_months)
            if original.certificate_validity_months
            else None
        )
        certificate_id = uuid.uuid4()
        identity = node_identity()
        claims = CertificateClaims(
            certificate_id=certificate_id,
            code=code,
            holder=holder.full_name_latin or holder.full_name_native or holder.get_username(),
            course_code=original.code,
            course_title=original.title[:80],
            issued_on=today,
            expires_on=expires,
            issuer=identity.node_id,
        )
        return Certificate.stamped(
            id=certificate_id,
            recorded_at=now,
            code=code,
            holder=holder,
            holder_native=holder.full_name_native,
            holder_latin=holder.full_name_latin,
            course_key=original.translation_key,
            course_code=original.code,
            course_title=original.title,
            content_revision=str(original.live_revision_id or ""),
            score=_score(holder, original),
            issued_on=today,
            expires_on=expires,
            payload=sign_payload(claims, identity.private_key),
            manual=actor is not None,
            reason=reason.strip(),
            issued_by=actor,
        )


def certificate_issue_for_completion(*, learner: User, course: CoursePage) -> None:
    """Handler for ``learning.completion``: the course is complete, issue its certificate."""
    certificate_issue(holder=learner, course=course)


def certificate_revoke(*, certificate: Certificate, actor: User, reason: str) -> Revocation:
    """Revoke ``certificate`` with a reason. The actor must be an administrator or a
    coordinator with the holder in scope. Revoking twice returns the first revocation."""
    if not officer_is_in_scope(viewer=actor, officer=certificate.holder):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        officer_lock(officer=certificate.holder)
        existing = Revocation.objects.filter(certificate=certificate).first()
        if existing is not None:
            return existing
        return Revocation.stamped(
            recorded_at=timezone.now(),
            certificate=certificate,
            reason=reason.strip(),
            revoked_by=actor,
        )
