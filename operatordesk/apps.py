"""The post operator's desk: courses and records carried by hand.

Stage of the flow: carry. A border post's administrator loads a course bundle or a sync packet
from a USB stick, sees what is waiting to go to headquarters, and writes a packet for the stick,
from the Wagtail admin. The work itself is ``coursebundles`` and ``recordsync``; this app runs it
as a background task with a progress bar and says what happened in plain words.

Called ``transfers`` until issue 11 (ADR 0019): the domain's "transferred" is an officer moving
between posts. The first migration takes over that app's table and its jobs.
"""

from django.apps import AppConfig


class OperatorDeskConfig(AppConfig):
    name = "operatordesk"
    verbose_name = "Operator's desk (USB and sync)"
    default_auto_field = "django.db.models.BigAutoField"
