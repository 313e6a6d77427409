"""SCORM packages: third-party SCORM 1.2 and 2004 packages a trainer imports, stored once.

Stage of the flow: content, beside the question bank. ``archive`` and ``manifest`` check an
upload as hostile input (pure, ADR 0022); ``services.package_import`` stores a checked package's
files by SHA-256 outside MEDIA_ROOT with a path table per version (ADR 0023). The lesson page
type that places a package in a module, and the player, live higher.
"""

from django.apps import AppConfig


class ScormpackagesConfig(AppConfig):
    name = "scormpackages"
    verbose_name = "SCORM packages"
    default_auto_field = "django.db.models.BigAutoField"
