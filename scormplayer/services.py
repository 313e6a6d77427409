"""Launching a SCORM package: the per-launch token a learner's browser fetches its files with."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings

from .tokens import LaunchClaims, issue

KEY_PURPOSE = b"elearning.scormplayer.launch-token"


def launch_keys() -> list[bytes]:
    """The keys launch tokens are signed with (the first) and still accepted with: derived from
    ``SECRET_KEY`` and its fallbacks, so rotating the secret the Django way also rotates these,
    and no token key is stored anywhere."""
    secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [hmac.new(s.encode(), KEY_PURPOSE, hashlib.sha256).digest() for s in secrets_]


def issue_launch_token(
    launch_id: str, learner_id: str, package_id: str, package_version: int
) -> str:
    """A token for one launch, valid for ``SCORM_LAUNCH_TOKEN_SECONDS`` from now."""
    claims = LaunchClaims(
        launch_id=launch_id,
        learner_id=learner_id,
        package_id=package_id,
        package_version=package_version,
        expires_at=int(time.time()) + settings.SCORM_LAUNCH_TOKEN_SECONDS,
    )
    return issue(claims, launch_keys()[0], secrets.token_bytes(12))
