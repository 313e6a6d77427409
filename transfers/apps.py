"""The post operator's page: courses and records carried by hand.

Stage of the flow: carry. A border post's administrator loads a course bundle or a sync packet
from a USB stick, sees what is waiting to go to headquarters, and writes a packet for the stick,
from the Wagtail admin. The work itself is ``coursebundles`` and ``recordsync``; this app runs it
as a background task with a progress bar and says what happened in plain words.
"""

from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "transfers"
    verbose_name = "Transfers (post operator)"
    default_auto_field = "django.db.models.BigAutoField"
