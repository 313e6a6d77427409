from django.apps import AppConfig


class OfflineModeConfig(AppConfig):
    """The browser keeps working offline: courses saved on the officer's device by a service
    worker, and what the officer does there queued and delivered once (issue 15)."""

    name = "offlinemode"
    verbose_name = "Offline in the browser"
    default_auto_field = "django.db.models.BigAutoField"
