"""Cohorts, assignments with due dates, reminders and recertification notices.

Stage of the flow: follow up. Above certificates (recertification reads a certificate's
validity), below sync. What a coordinator does to a cohort or an assignment is an immutable
record that syncs (``CohortRecord``, ``AssignmentRecord``); the state now is their fold
(``rules``). My learning (``learning``, a lower layer) shows assignments through this app's
template tags.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, coordinators


class AssignmentsConfig(AppConfig):
    name = "assignments"
    verbose_name = "Assignments"
    default_auto_field = "django.db.models.BigAutoField"
    # One entry: the assignments page links to cohorts and to certificates to renew.
    navigation = (NavEntry(_("Assignments"), "assignments:list", order=45, shown_to=coordinators),)

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_save

        from learning.models import LearnerRecord

        from .receivers import learner_record_saved, reminders_at_login

        user_logged_in.connect(reminders_at_login, dispatch_uid="assignments_reminders_at_login")
        post_save.connect(
            learner_record_saved,
            sender=LearnerRecord,
            dispatch_uid="assignments_learner_record_saved",
        )
