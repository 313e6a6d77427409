"""The audit trail: who did what to whom, when and on which node, as a hash chain per node.

Stage of the flow: beside every stage, under the people. Every action of a coordinator, trainer
or administrator that affects people, enrolments, scores, certificates, exam sessions or
published content leaves an immutable entry (``services.audit_record``), chained by hash per
node (``chain``); the node signs a checkpoint of its newest entry whenever it writes a packet,
and both sync up to headquarters, which can check every post's trail (``audit_verify``).
"""

from django.apps import AppConfig


class AudittrailConfig(AppConfig):
    name = "audittrail"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import ModelLogEntry, PageLogEntry

        from .receivers import content_logged

        for model in (PageLogEntry, ModelLogEntry):
            post_save.connect(
                content_logged, sender=model, dispatch_uid=f"audittrail_{model.__name__}"
            )
