"""Coordinators' tools: who in their scope has done what (the progress table, the dashboard and
their downloads), enrolling officers, resetting passwords.

Stage of the flow: follow up. Reads learner records through ``learning`` selectors and writes
only through ``learning`` and ``officers`` services; every view is limited to the coordinator's
scope (administrators see everything).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, coordinators


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = "Coordination"
    default_auto_field = "django.db.models.BigAutoField"
    navigation = (
        NavEntry(_("Officers' progress"), "coordination:progress", order=40, shown_to=coordinators),
        NavEntry(_("Audit trail"), "coordination:audit", order=48, shown_to=coordinators),
        NavEntry(_("Dashboard"), "coordination:dashboard", order=41, shown_to=coordinators),
    )
