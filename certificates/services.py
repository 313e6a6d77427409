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
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audittrail.services import audit_record
from courses.models import CoursePage
from modules.models import QuizPage
from modules.selectors import browser_scored_lessons
from nodes.identity import node_identity
from nodes.selectors import hub_peer, is_hub, this_node
from nodes.services import sequence_next
from officers.models import User
from officers.selectors import officer_is_in_scope
from officers.services import officer_lock
from quizzes.selectors import quiz_state

from .codes import SECRET_BYTES, make_code, node_char_for, post_char
from .dates import TOLERANCE, IssueDate, add_months, dates_corrected, issue_date
from .models import Certificate, CertificateCorrection, Revocation
from .payload import CertificateClaims, sign_payload

# Where the signed publication time of a course's content is known (a function of the course
# key giving an aware time, or None): the course bundles app registers the time headquarters
# signed the bundle a post installed. Certificates sit below bundles, so they ask, not import.
_content_time_sources: list[Callable[[uuid.UUID], datetime.datetime | None]] = []


def content_time_source(source: Callable[[uuid.UUID], datetime.datetime | None]) -> None:
    if source not in _content_time_sources:
        _content_time_sources.append(source)


def _content_published(course: CoursePage) -> list[datetime.datetime | None]:
    """When the content this node has of ``course`` was published, as far as it is known for
    certain: at the hub its own first publication; at a post the signed bundle's time."""
    times: list[datetime.datetime | None] = [
        source(course.translation_key) for source in _content_time_sources
    ]
    if is_hub():
        times.append(course.first_published_at)
    return times


def _issue_date(course: CoursePage, now: datetime.datetime) -> IssueDate:
    """Today, unless this node's clock is behind what it knows has happened already (the
    newest time headquarters signed, the content's publication): then that, flagged."""
    hub = hub_peer()
    known = [hub.latest_signed_time if hub is not None else None, *_content_published(course)]
    return issue_date(now=now, known_past=known, to_date=timezone.localdate)


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
        or (holder.post.country if holder.post else "")
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
    return (sum(grades, Decimal(0)) / len(grades)).quantize(Decimal("0.0001")) if grades else None


def standing_certificate(*, holder: User, course_key: uuid.UUID) -> Certificate | None:
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
        issued = _issue_date(original, now)
        today = issued.issued_on
        code = make_code(
            country=_country(holder),
            year=today.year,
            serial=_serial(today.year),
            node_char=_node_char(),
            secret=secrets.token_bytes(SECRET_BYTES),
        )
        expires = (
            add_months(today, original.certificate_validity_months)
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
            # Said on the certificate (signed): its course is complete on a score the officer's
            # browser reported, which the trainer accepted. Not for one issued by hand.
            browser_score=actor is None and bool(browser_scored_lessons(course=original)),
        )
        certificate = Certificate.stamped(
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
            clock_doubtful=issued.doubtful,
        )
        if actor is not None:
            audit_record(
                actor=actor,
                action="certificate.issue",
                officer=holder,
                subject=f"certificate:{code}",
                after={"course": original.code, "reason": certificate.reason},
            )
        return certificate


def certificates_arrived(*, rows: list[dict]) -> list[str]:
    """At the hub, for certificates another node issued that sync just inserted (``rows``:
    their wire rows, ``nodes.syncing``): correct an issue date outside what headquarters knows
    (not before the course was first published here, not after the certificate arrived) with
    a ``CertificateCorrection`` record, which travels like any record; returns notices for the
    operator. Elsewhere, nothing. Only the certificates corrected are read back.
    Precondition: inside the applying transaction, the rows stored."""
    if not is_hub():
        return []
    me = node_identity().node_id
    arrived = timezone.localdate(timezone.now() + TOLERANCE)  # a post's midnight is not wrong
    notices: list[str] = []
    theirs = [row for row in rows if uuid.UUID(str(row["origin_node"])) != me]
    keys = {uuid.UUID(str(row["course_key"])) for row in theirs}
    courses = {
        page.translation_key: page
        for page in CoursePage.objects.filter(translation_key__in=keys).order_by(
            "first_published_at"
        )
    }
    date = Certificate._meta.get_field("issued_on")
    for row in theirs:
        issued_on, expires_on = date.to_python(row["issued_on"]), date.to_python(row["expires_on"])
        course = courses.get(uuid.UUID(str(row["course_key"])))
        first = course.first_published_at if course is not None else None
        corrected = dates_corrected(
            issued_on=issued_on,
            expires_on=expires_on,
            not_before=timezone.localdate(first) if first is not None else None,
            not_after=arrived,
        )
        if corrected is None:
            continue
        certificate = Certificate.objects.get(pk=row["id"])
        reason = _(
            "Issued on %(issued)s by a clock that was wrong: the course content was published "
            "on %(published)s and the certificate reached headquarters on %(arrived)s."
        ) % {
            "issued": certificate.issued_on.isoformat(),
            "published": timezone.localdate(first).isoformat() if first else "?",
            "arrived": arrived.isoformat(),
        }
        CertificateCorrection.stamped(
            recorded_at=timezone.now(),
            certificate=certificate,
            issued_on=corrected[0],
            expires_on=corrected[1],
            reason=reason,
        )
        audit_record(
            actor=None,
            action="certificate.correct",
            officer=certificate.holder,
            subject=f"certificate:{certificate.code}",
            before={"issued_on": certificate.issued_on, "expires_on": certificate.expires_on},
            after={"issued_on": corrected[0], "expires_on": corrected[1], "reason": reason},
        )
        notices.append(
            _("Certificate %(code)s: issue date corrected from %(old)s to %(new)s.")
            % {"code": certificate.code, "old": certificate.issued_on, "new": corrected[0]}
        )
    return notices


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
        revocation = Revocation.stamped(
            recorded_at=timezone.now(),
            certificate=certificate,
            reason=reason.strip(),
            revoked_by=actor,
        )
        audit_record(
            actor=actor,
            action="certificate.revoke",
            officer=certificate.holder,
            subject=f"certificate:{certificate.code}",
            before={"revoked": False},
            after={"revoked": True, "reason": revocation.reason},
        )
        return revocation
