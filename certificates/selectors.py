"""Reads of certificates: an officer's, a coordinator's batch, and verification on this node."""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale

from courses.models import CertificateTemplate, CoursePage
from elearning.paging import contains
from learning.models import LearnerRecord, RecordKind
from modules.models import QuizPage
from nodes.selectors import trusted_keys
from officers.models import BorderPost, User
from officers.selectors import officers_visible_to
from quizzes.models import QuizAttempt

from .codes import check_code
from .language import certificate_language
from .models import Certificate, CertificateCorrection, Revocation
from .payload import (
    PayloadError,
    Verification,
    VerificationStatus,
    display_name,
    read_payload,
    verify_payload,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CertificateDates(TypedDict):
    """What ``with_dates`` adds to each certificate (for the type checker)."""

    dated_on: datetime.date
    valid_until: datetime.date | None


def with_dates(
    certificates: QuerySet[Certificate],
) -> QuerySet[WithAnnotations[Certificate, CertificateDates]]:
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
    if hasattr(certificate, "dated_on") and hasattr(certificate, "valid_until"):
        return certificate.dated_on, certificate.valid_until
    return certificate_dates(certificate.pk) or (certificate.issued_on, certificate.expires_on)


def certificates_of(*, holder: User) -> QuerySet[Certificate]:
    return with_dates(
        Certificate.objects.filter(holder=holder)
        .select_related("revocation")
        .order_by("-recorded_at")
    )


def certificates_visible_to(
    *, viewer: User
) -> QuerySet[WithAnnotations[Certificate, CertificateDates]]:
    """Certificates of the officers ``viewer`` may manage (administrators: all)."""
    return with_dates(
        Certificate.objects.filter(holder__in=officers_visible_to(viewer=viewer)).select_related(
            "holder", "holder__post", "revocation"
        )
    )


def certificates_matching(
    certificates: QuerySet[WithAnnotations[Certificate, CertificateDates]],
    search: str,
    *,
    holders: QuerySet[User] | None = None,
) -> QuerySet[WithAnnotations[Certificate, CertificateDates]]:
    """``certificates`` whose code, holder's name (in their own script or in Latin letters),
    service number, user name, border post or course code contains every word of ``search``
    (case aside); all of them for an empty search. ``holders``: the officers the certificates
    can belong to (all by default; a coordinator's scope narrows the search of officers)."""
    # The holder's fields are asked of the officers once per word (a subquery), not of every
    # certificate joined to its holder and post: the database filters the certificates on
    # their own columns (bench/region.py: the certificates search at a region's size).
    officers = User.objects.all() if holders is None else holders.order_by()
    for word in search.split():
        matched = officers.filter(contains(word, ("service_number", "username", "post__name")))
        certificates = certificates.filter(
            contains(word, ("code", "holder_native", "holder_latin", "course_code"))
            | Q(holder__in=matched.values("pk"))
        )
    return certificates


def certificates_found(
    *, viewer: User, search: str
) -> QuerySet[WithAnnotations[Certificate, CertificateDates]]:
    """The certificates ``viewer`` may manage matching ``search`` (``certificates_matching``),
    newest first."""
    return certificates_matching(
        certificates_visible_to(viewer=viewer),
        search,
        holders=officers_visible_to(viewer=viewer),
    ).order_by("-recorded_at", "-pk")


def may_download(*, viewer: User, certificate: Certificate) -> bool:
    """The PDF is for its holder and for coordinators with the holder in scope."""
    if certificate.holder_id == viewer.pk:
        return True
    return certificates_visible_to(viewer=viewer).filter(pk=certificate.pk).exists()


def batch(
    *,
    viewer: User,
    course_key: uuid.UUID,
    post: BorderPost | None = None,
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
    # The signed payload says the course's completion rests on a score reported by interactive
    # content in the officer's browser.
    browser_score: bool = False


def rests_on_browser_score(certificate: Certificate) -> bool:
    """Whether ``certificate``'s signed payload says its course's completion rests on a score
    reported by interactive content in the officer's browser (a certificate issued before
    payloads could say so never does)."""
    try:
        return read_payload(certificate.payload).browser_score
    except PayloadError:
        return False


def certificate_dates(
    certificate_id: uuid.UUID,
) -> tuple[datetime.date, datetime.date | None] | None:
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
            browser_score=claims.browser_score,
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
        browser_score=rests_on_browser_score(certificate),
    )


# --- The officer's transcript -----------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptAttempt:
    quiz: str  # the quiz's title in the active language where translated
    number: int
    started_at: datetime.datetime
    submitted_at: datetime.datetime | None  # None: still open
    percent: Decimal | None
    passed: bool


@dataclass(frozen=True)
class TranscriptCourse:
    key: uuid.UUID
    code: str
    title: str
    language: str  # of the title
    enrolled_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    attempts: tuple[TranscriptAttempt, ...]
    certificates: tuple[Certificate, ...]  # with ``with_dates``' dates and the revocation


def _titles(
    model: type[CoursePage] | type[QuizPage], keys: set[uuid.UUID]
) -> dict[uuid.UUID, dict]:
    """For each translation key, the live page's title (and code, language) in the active
    language where there is one, else in the default language, else any. One query."""
    active, default = get_language(), settings.LANGUAGE_CODE
    fields = ["translation_key", "title", "locale__language_code"]
    if model is CoursePage:
        fields.append("code")
    rank = {active: 0, default: 1}
    chosen: dict[uuid.UUID, dict] = {}
    for row in model.objects.live().filter(translation_key__in=keys).values(*fields):
        key, language = row["translation_key"], row["locale__language_code"]
        if key not in chosen or rank.get(language, 2) < rank.get(
            chosen[key]["locale__language_code"], 2
        ):
            chosen[key] = row
    return chosen


def transcript(*, learner: User) -> list[TranscriptCourse]:
    """Every course ``learner`` is enrolled in or holds a certificate of: enrolment and
    completion dates, each quiz attempt (number, dates, grade, passed) and the certificates
    (with the dates that count and any revocation). Oldest enrolment first.

    Five queries, whatever the number of courses, attempts and certificates: the records, the
    attempts with their submissions, the certificates, and the course and quiz titles.
    """
    firsts: dict[tuple[str, uuid.UUID], datetime.datetime] = {}
    for kind, course_key, at in (
        LearnerRecord.objects.filter(
            learner=learner, kind__in=[RecordKind.ENROLLED, RecordKind.COURSE_COMPLETED]
        )
        .order_by("recorded_at", "origin_seq")
        .values_list("kind", "course_key", "recorded_at")
    ):
        firsts.setdefault((kind, course_key), at)
    attempts = list(
        QuizAttempt.objects.filter(learner=learner)
        .select_related("submission")
        .only(
            "course_key",
            "quiz_key",
            "number",
            "recorded_at",
            "submission__recorded_at",
            "submission__percent",
            "submission__passed",
        )
        .order_by("recorded_at", "number")
    )
    certificates = list(certificates_of(holder=learner).order_by("recorded_at"))
    course_keys = {key for _kind, key in firsts} | {c.course_key for c in certificates}
    courses = _titles(CoursePage, course_keys)
    quizzes = _titles(QuizPage, {a.quiz_key for a in attempts})
    by_course: dict[uuid.UUID, list[TranscriptAttempt]] = defaultdict(list)
    for attempt in attempts:
        submission = getattr(attempt, "submission", None)
        by_course[attempt.course_key].append(
            TranscriptAttempt(
                quiz=quizzes.get(attempt.quiz_key, {}).get("title", "?"),
                number=attempt.number,
                started_at=attempt.recorded_at,
                submitted_at=submission.recorded_at if submission else None,
                percent=submission.percent if submission else None,
                passed=bool(submission and submission.passed),
            )
        )
    result = []
    for key in course_keys:
        held = tuple(c for c in certificates if c.course_key == key)
        page = courses.get(key)
        result.append(
            TranscriptCourse(
                key=key,
                code=page["code"] if page else held[0].course_code,
                title=page["title"] if page else held[0].course_title,
                language=page["locale__language_code"] if page else "",
                enrolled_at=firsts.get((RecordKind.ENROLLED, key)),
                completed_at=firsts.get((RecordKind.COURSE_COMPLETED, key)),
                attempts=tuple(by_course.get(key, [])),
                certificates=held,
            )
        )
    far = timezone.now()
    return sorted(
        result,
        key=lambda c: c.enrolled_at or (c.certificates[0].recorded_at if c.certificates else far),
    )
