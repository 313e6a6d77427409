"""The node's sequence counter: one row per origin node this database has a counter for."""

from django.db import models


class NodeSequence(models.Model):
    """The last sequence number handed out on this node.

    Only ``nodes.services.sequence_next`` changes it, inside the caller's transaction, so a
    record and its sequence number commit (or roll back) together and numbers are never reused.
    """

    node_id = models.UUIDField(primary_key=True)
    last_value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.node_id}: {self.last_value}"
