"""Officer rosters: officers created and updated from a spreadsheet (.xlsx or .csv) a
coordinator uploads, previewed row by row before anything is written, with a printable sheet of
the new officers' initial passwords.

Stage of the flow: follow up (beside ``coordination``). Reads the file as hostile input
(``sheets``), judges every row with pure rules (``checks``), and writes only through
``officers`` and ``learning`` services, all rows or none, within the coordinator's scope.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from officers.navigation import NavEntry, coordinators


class RostersConfig(AppConfig):
    name = "rosters"
    verbose_name = "Officer rosters"
    default_auto_field = "django.db.models.BigAutoField"
    navigation = (
        NavEntry(_("Import officers"), "rosters:upload", order=42, shown_to=coordinators),
    )
