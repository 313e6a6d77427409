"""Reads of certificates: an officer's, a coordinator's batch, and verification on this node."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.models import Locale

from courses.models import CertificateTemplate, CoursePage
from nodes.peers import trusted_keys
from officers.models import User
from officers.selectors import officers_visible_to

from .codes import check_code
from .language import certificate_language
from .models import Certificate, CertificateCorrection, Revocation
from .payload import Verification, VerificationStatus, display_name, verify_payload


def with_dates(certificates: QuerySet[Certificate]) -> QuerySet[Certificate]:
    """``certificates`` with the dates that count, ``dated_on`` and ``valid_until``: those of
    headquarters' newest correction where one exists (an issuing clock was wrong), else the
    certificate's own."""
    newest = CertificateCorrection.objects.filter(certificate=OuterRef("pk")).order_by(
        "-origin_seq"
    )
    return certificates.annotate(
        dated_on=Coalesce(Subquery(newest.values("issued_on")[:1]), F("issued_on")),
        valid_until=Case(
            When(Exists(newest), then=Subquery(newest.values("expires_on")[:1])),
            default=F("expires_on"),
        ),
    )


def dates_of(certificate: Certificate) -> tuple[datetime.date, datetime.date | None]:
    """(issue, expiry) as they count: ``with_dates``' when the certificate was read with it."""
    if hasattr(certificate, "dated_on"):
        return certificate.dated_on, certificate.valid_until
    return certificate_dates(certificate.pk) or (certificate.issued_on, certificate.expires_on)


def certificates_of(*, holder: User) -> QuerySet[Certificate]:
    return with_dates(
        Certificate.objects.filter(holder=holder)
        .select_related("revocation")
        .order_by("-recorded_at")
    )


def certificates_visible_to(*, viewer: User) -> QuerySet[Certificate]:
    """Certificates of the officers ``viewer`` may manage (administrators: all)."""
    return with_dates(
        Certificate.objects.filter(holder__in=officers_visible_to(viewer=viewer)).select_related(
            "holder", "holder__post", "revocation"
        )
    )


def may_download(*, viewer: User, certificate: Certificate) -> bool:
    """The PDF is for its holder and for coordinators with the holder in scope."""
    if certificate.holder_id == viewer.pk:
        return True
    return certificates_visible_to(viewer=viewer).filter(pk=certificate.pk).exists()


def batch(
    *,
    viewer: User,
    course_key,
    post=None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[Certificate]:
    """Standing certificates of a course for a cohort in ``viewer``'s scope, for printing."""
    qs = certificates_visible_to(viewer=viewer).filter(
        course_key=course_key, revocation__isnull=True
    )
    if post is not None:
        qs = qs.filter(holder__post=post)
    if since is not None:
        qs = qs.filter(dated_on__gte=since)
    if until is not None:
        qs = qs.filter(dated_on__lte=until)
    return qs.order_by("holder__post__name", "holder_latin", "code")


def course_of(certificate: Certificate) -> CoursePage | None:
    """The certificate's course in its own (original) language: the page in the default
    language, else the first made."""
    pages = list(
        CoursePage.objects.filter(translation_key=certificate.course_key)
        .select_related("locale", "certificate_template")
        .order_by("pk")
    )
    if not pages:
        return None
    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:
        return pages[0]
    return next((p for p in pages if p.locale_id == default.pk), pages[0])


def printing_language(*, certificate: Certificate, course: CoursePage | None) -> str:
    """The language ``certificate`` is printed in (``language.certificate_language``): its
    holder's preferred language where ``course`` (``course_of``) has its certificate template
    in it (a course without a template: a live translation), else the course's language (the
    default language when the course is gone from this node)."""
    available: set[str] = set()
    if course is not None:
        template = course.certificate_template
        if template is not None:
            found = CertificateTemplate.objects.filter(translation_key=template.translation_key)
        else:
            found = CoursePage.objects.live().filter(translation_key=course.translation_key)
        available = set(found.values_list("locale__language_code", flat=True))
    return certificate_language(
        preferred=certificate.holder.preferred_language,
        available=available,
        course_language=course.locale.language_code if course else settings.LANGUAGE_CODE,
    )


@dataclass(frozen=True)
class PublicCheck:
    """What a public verification page may show: never a service number, post or score."""

    status: str  # valid, revoked, expired, forged, unknown_issuer, not_ours, not_found, mistyped
    name: str = ""
    course: str = ""
    issued_on: datetime.date | None = None
    expires_on: datetime.date | None = None
    code: str = ""


def certificate_dates(certificate_id) -> tuple[datetime.date, datetime.date | None] | None:
    """The (issue, expiry) dates headquarters' newest correction gives a certificate, or None
    when its dates stand as issued."""
    return (
        CertificateCorrection.objects.filter(certificate_id=certificate_id)
        .order_by("-origin_seq")
        .values_list("issued_on", "expires_on")
        .first()
    )


def verify_text(text: str, *, today: datetime.date | None = None) -> PublicCheck:
    """Verify a certificate from its code or its QR payload, on this node, with no network.

    A payload is checked by its signature against the keys this node trusts (its own, the
    hub's and every enrolled post's, which the hub shares with posts when they sync) and
    against the revocations it knows; a code
    is looked up in this node's records after its check character is verified.
    """
    today = today or timezone.localdate()
    text = (text or "").strip()
    if text.upper().startswith("EL1:"):
        revoked = set(Revocation.objects.values_list("certificate_id", flat=True))
        corrections = {
            certificate_id: dates
            for certificate_id, *dates in CertificateCorrection.objects.order_by(
                "origin_seq"
            ).values_list("certificate_id", "issued_on", "expires_on")
        }
        result: Verification = verify_payload(
            text,
            keys=trusted_keys(),
            revoked=revoked,
            today=today,
            expiry_corrected={key: dates[1] for key, dates in corrections.items()},
        )
        claims = result.claims
        if claims is None:
            return PublicCheck(status=str(result.status).lower())
        issued_on, expires_on = corrections.get(
            claims.certificate_id, (claims.issued_on, claims.expires_on)
        )
        return PublicCheck(
            status=str(result.status).lower(),
            name=display_name(claims.holder),
            course=claims.course_title,
            issued_on=issued_on,
            expires_on=expires_on,
            code=claims.code,
        )
    checked = check_code(text)
    if not checked.ok:
        return PublicCheck(status="mistyped" if checked.problem == "check" else "not_ours")
    certificate = Certificate.objects.select_related("revocation").filter(code=checked.code).first()
    if certificate is None:
        return PublicCheck(status="not_found", code=checked.code)
    issued_on, expires_on = dates_of(certificate)
    if hasattr(certificate, "revocation"):
        status = VerificationStatus.REVOKED
    elif expires_on and today > expires_on:
        status = VerificationStatus.EXPIRED
    else:
        status = VerificationStatus.VALID
    return PublicCheck(
        status=str(status).lower(),
        name=display_name(certificate.holder_latin or certificate.holder_native),
        course=certificate.course_title,
        issued_on=issued_on,
        expires_on=expires_on,
        code=certificate.code,
    )
