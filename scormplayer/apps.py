"""The SCORM player: packages play from a separate content origin (ADR 0024).

Stage of the flow: learn. A launch gives the browser a signed, expiring per-launch token
(``tokens``); the content origin (``SCORM_CONTENT_ORIGIN``, the same Django process answering a
second host name or port) serves a package's files only with such a token, sets no cookie and
reads none, and serves nothing else (``middleware.ContentOriginMiddleware``). scorm-again, the
browser runtime, is vendored in ``static/scormplayer/vendor/scorm-again/``.
"""

from django.apps import AppConfig


class ScormPlayerConfig(AppConfig):
    name = "scormplayer"
    verbose_name = "SCORM player"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the settings check)
