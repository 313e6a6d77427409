"""Learner-record sync between nodes.

Stage of the flow: sync: records travel between nodes by union. Signed packets of chunked,
compressed records move by USB stick (``sync_export`` / ``sync_import``) or over HTTP
(``sync``); a record is identified everywhere by ``(origin_node, origin_seq)``, so merging is a
union and nothing ever conflicts. The tables that sync are declared by the apps that own them
(``nodes.syncing``, each app's ``synced`` module), with what sync must do beyond inserting rows;
``recordsync.registry`` finds them. Above course bundles and the apps whose records sync, below
coordination.
"""

from django.apps import AppConfig


class RecordsyncConfig(AppConfig):
    name = "recordsync"
    verbose_name = "Record sync"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system check)
