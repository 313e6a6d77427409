"""From certificate records to what ``rendering`` draws: sheets and the course's design."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from courses.models import CertificateTemplate, CoursePage

from .models import Certificate
from .rendering import CertificateDesign, CertificateSheet


def sheet_for(certificate: Certificate) -> CertificateSheet:
    return CertificateSheet(
        holder_native=certificate.holder_native,
        holder_latin=certificate.holder_latin or certificate.holder.get_username(),
        course_title=certificate.course_title,
        course_code=certificate.course_code,
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        code=certificate.code,
        payload=certificate.payload,
        score=f"{certificate.score:.0f}%" if certificate.score is not None else None,
        verify_hint=_("Check it at /verify/ on any node of the platform, or scan the QR code."),
    )


def design_for(
    course: CoursePage | None, certificate: Certificate | None = None
) -> CertificateDesign:
    template: CertificateTemplate | None = course.certificate_template if course else None
    if template is None:
        return CertificateDesign(
            title=_("Certificate of completion"),
            body=_("has successfully completed the course"),
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
