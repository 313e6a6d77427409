"""Node identity: which machine made a record, and in what order.

Stage of the flow: underneath every stage. Each node (the headquarters hub or a border post) has
an Ed25519 key pair made at first start, kept in the data directory outside the database, and a
strictly increasing sequence number that every record takes. Record sync, certificate signatures
and node-to-node requests build on this.
"""

from django.apps import AppConfig


class NodesConfig(AppConfig):
    name = "nodes"
    verbose_name = "Node identity"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the database checks)
