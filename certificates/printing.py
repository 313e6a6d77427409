"""From certificate records to what ``rendering`` draws: sheets and the course's design, each
certificate in the language ``selectors.printing_language`` chooses for it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from courses.models import CertificateTemplate, CoursePage

from .models import Certificate
from .rendering import CertificateDesign, CertificateSheet
from .selectors import course_of, dates_of, printing_language, rests_on_browser_score

# Printed on a certificate whose payload says its course rests on a browser-reported score.
BROWSER_SCORE_NOTE = gettext_noop(
    "Includes a score reported by interactive content in the officer's browser, which the "
    "course's trainer accepted."
)


def printed(
    certificates: Iterable[Certificate],
) -> tuple[list[CertificateSheet], list[CertificateDesign]]:
    """Each certificate's sheet and design, in the language it is printed in (its holder's where
    the course has it, else the course's): the one way every path (the officer's download, a
    batch, ``print_certificates``) prints. ``rendering.render_pdf`` takes both lists. Each
    course, language choice, design and course title is read once, so a batch makes as many
    queries for 10 certificates as for 2 (the dates too, when ``certificates`` were read with
    ``selectors.with_dates``)."""
    courses: dict = {}
    languages: dict[tuple, str] = {}
    designs: dict[tuple, CertificateDesign] = {}
    titles: dict[tuple, str] = {}
    sheets: list[CertificateSheet] = []
    chosen: list[CertificateDesign] = []
    for certificate in certificates:
        if certificate.course_key not in courses:
            courses[certificate.course_key] = course_of(certificate)
        course = courses[certificate.course_key]
        preferred = (certificate.course_key, certificate.holder.preferred_language)
        if preferred not in languages:
            languages[preferred] = printing_language(certificate=certificate, course=course)
        language = languages[preferred]
        if (certificate.course_key, language) not in designs:
            designs[certificate.course_key, language] = design_for(course, language=language)
        design = designs[certificate.course_key, language]
        titled = (certificate.course_key, certificate.course_title, design.language)
        if titled not in titles:
            titles[titled] = _title_in(certificate, design.language)
        sheets.append(sheet_for(certificate, language=design.language, title=titles[titled]))
        chosen.append(design)
    return sheets, chosen


def _title_in(certificate: Certificate, language: str) -> str:
    """The course's title in ``language`` when the course has that translation live, else the
    title recorded at issue."""
    if not language:
        return certificate.course_title
    translated = (
        CoursePage.objects.live()
        .filter(translation_key=certificate.course_key, locale__language_code=language)
        .values_list("title", flat=True)
        .first()
    )
    return translated or certificate.course_title


def sheet_for(
    certificate: Certificate, *, language: str = "", title: str | None = None
) -> CertificateSheet:
    """One page of a certificate; ``language`` (the design's) picks the course title (unless
    ``title``, ``_title_in``'s answer, is given) and the language of its wording."""
    issued_on, expires_on = dates_of(certificate)
    with translation.override(language or settings.LANGUAGE_CODE):
        verify_hint = _("Check it at /verify/ on any node of the platform, or scan the QR code.")
        browser_score_note = _(BROWSER_SCORE_NOTE) if rests_on_browser_score(certificate) else ""
    return CertificateSheet(
        holder_native=certificate.holder_native,
        holder_latin=certificate.holder_latin or certificate.holder.get_username(),
        course_title=title if title is not None else _title_in(certificate, language),
        course_code=certificate.course_code,
        issued_on=issued_on,
        expires_on=expires_on,
        code=certificate.code,
        payload=certificate.payload,
        score=f"{certificate.score:.0f}%" if certificate.score is not None else None,
        verify_hint=verify_hint,
        browser_score_note=browser_score_note,
    )


def design_for(course: CoursePage | None, *, language: str = "") -> CertificateDesign:
    """The course's certificate design, in ``language`` when its template has that translation;
    without a template, the standard wording in ``language`` (or the default language)."""
    template: CertificateTemplate | None = course.certificate_template if course else None
    if template is not None and language:
        template = (
            CertificateTemplate.objects.filter(
                translation_key=template.translation_key, locale__language_code=language
            ).first()
            or template
        )
    if template is None:
        language = language or settings.LANGUAGE_CODE
        with translation.override(language):
            return CertificateDesign(
                title=_("Certificate of completion"),
                body=_("has successfully completed the course"),
                language=language,
            )
    logos = []
    for block in template.logos:
        image = block.value
        if image is not None:
            try:
                logos.append(str(Path(image.file.path)))
            except (NotImplementedError, ValueError):
                continue
    return CertificateDesign(
        title=template.title,
        body=template.body,
        signatories=tuple((b.value["name"], b.value["title"]) for b in template.signatories),
        logos=tuple(logos),
        orientation=template.orientation,
        paper=template.paper,
        language=template.locale.language_code,
    )
