"""Completion certificates: issued once when an officer meets a course's completion rule,
signed with this node's Ed25519 key, printed as PDFs in the officer's script with a QR code,
verifiable offline from the code or the QR payload, revocable.

Stage of the flow: certify. Above learner records (it reads progress and quiz grades), below
coordination. It learns of a completed course through ``learning.completion``'s handlers.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, coordinators


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"
    default_auto_field = "django.db.models.BigAutoField"
    navigation = (
        NavEntry(_("My certificates"), "certificates:mine", order=30),
        NavEntry(_("Certificates"), "certificates:coordinator", order=50, shown_to=coordinators),
    )

    def ready(self):
        from learning.completion import on_course_completed

        from .services import certificate_issue_for_completion

        on_course_completed(certificate_issue_for_completion)
