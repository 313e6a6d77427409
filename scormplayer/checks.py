"""A deployment check: the content origin must be a host of its own that Django answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks

from .origins import origin_host


@checks.register(checks.Tags.security, deploy=False)
def content_origin_check(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    errors: list[checks.CheckMessage] = []
    try:
        content = origin_host(settings.SCORM_CONTENT_ORIGIN)
        platforms = {origin_host(origin) for origin in settings.SCORM_PLATFORM_ORIGINS}
    except ValueError as error:
        return [checks.Error(str(error), id="scormplayer.E001")]
    if content in platforms:
        errors.append(
            checks.Error(
                "SCORM_CONTENT_ORIGIN must differ from every platform origin: a package "
                "played from the platform's own origin could use the officer's session.",
                id="scormplayer.E002",
            )
        )
    hostname = content.rsplit(":", 1)[0] if not content.endswith("]") else content
    allowed = settings.ALLOWED_HOSTS
    if "*" not in allowed and not any(
        hostname == h or (h.startswith(".") and hostname.endswith(h)) for h in allowed
    ):
        errors.append(
            checks.Warning(
                f"The content origin's host {hostname!r} is not in ALLOWED_HOSTS "
                "(DJANGO_ALLOWED_HOSTS): package files would be refused.",
                id="scormplayer.W003",
            )
        )
    files = Path(settings.ELEARNING_SCORM_ROOT).resolve()
    if files.is_relative_to(Path(settings.MEDIA_ROOT).resolve()):
        errors.append(
            checks.Error(
                "ELEARNING_SCORM_ROOT must not be inside MEDIA_ROOT: the platform serves media to "
                "logged-in officers on its own origin, where a package's pages would run with "
                "their session.",
                id="scormplayer.E004",
            )
        )
    return errors
