"""Learner records and the progress derived from them; the learner's own pages.

Stage of the flow: learn -> record. What an officer does (enrols, opens and completes lessons,
finishes modules and courses) is stored as immutable ``LearnerRecord`` rows, each with a UUID,
the node that made it and that node's sequence number; progress is computed from them by the
pure functions in ``rules.py``, so it can always be rebuilt and records from several nodes merge
by union.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learner records"
    default_auto_field = "django.db.models.BigAutoField"
    navigation = (NavEntry(_("My learning"), "my_learning", order=10),)
