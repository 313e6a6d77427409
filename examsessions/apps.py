"""Supervised exam sessions: a coordinator opens a session of a quiz at a post (a time window,
the officers admitted, a code shown on the room's screen), follows who is in progress and who
has submitted, adds minutes for one officer, closes it, and prints its roster.

Stage of the flow: assess, supervised (above ``quizzes`` and ``learning``, whose attempts it
gates through ``quizzes.gates``; beside packaging, since its roster is laid out by
``certificates.rendering``). A session is its events, node records that sync
(``synced``); its state is their fold (``rules``), so it runs at a post with the uplink cut.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, coordinators


class ExamSessionsConfig(AppConfig):
    name = "examsessions"
    verbose_name = "Exam sessions"
    default_auto_field = "django.db.models.BigAutoField"
    navigation = (
        NavEntry(_("Exam sessions"), "examsessions:list", order=46, shown_to=coordinators),
    )

    def ready(self) -> None:
        from quizzes import gates

        from . import guards

        gates.start_guard(guards.supervised_start)
        gates.deadline_rule(guards.session_deadline)
