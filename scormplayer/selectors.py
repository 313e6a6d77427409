"""Which launch a request on the content origin belongs to, from its token."""

from __future__ import annotations

import time

from .services import launch_keys
from .tokens import LaunchClaims, verify


def launch_for_token(token: str, package_id: str, package_version: int) -> LaunchClaims:
    """The launch ``token`` grants for this package version, or ``tokens.TokenRefused``."""
    return verify(token, launch_keys(), int(time.time()), package_id, package_version)
