"""Coordinators' tools: who in their scope has done what, enrolling officers, resetting passwords.

Stage of the flow: follow up. Reads learner records through ``learning`` selectors and writes
only through ``learning`` and ``officers`` services; every view is limited to the coordinator's
scope (administrators see everything).
"""

from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = "Coordination"
    default_auto_field = "django.db.models.BigAutoField"
