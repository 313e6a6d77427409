"""Per-launch tokens for SCORM package files and commits (ADR 0024): pure, no Django.

A token binds one launch (an attempt being played) to its learner, its package and package
version, and an expiry. The content origin has no session, so the token, in the URL path of
every package file and commit, is the only thing that lets a browser fetch a package's files.

Format (URL-safe, readable in a server log, nothing secret in it)::

    v1.<launch>.<learner>.<package>.<version>.<expires>.<nonce>.<mac>

ids are ``[A-Za-z0-9_-]`` (never a dot, so the dots separate unambiguously), ``version`` and
``expires`` (seconds since the epoch, UTC) are decimal, ``nonce`` and ``mac`` are base64url
without padding. ``mac`` is HMAC-SHA256 over everything before it, with a key the caller
derives from the node's secret; it is compared in constant time. The caller hands in the key,
the time and the random bytes, so this module has no clock and no randomness of its own.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

VERSION = "v1"
MAX_LENGTH = 512
MIN_KEY_BYTES = 32
MIN_NONCE_BYTES = 8
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_TOKEN = re.compile(
    r"v1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{1,64})"
    r"\.(0|[1-9][0-9]{0,8})\.(0|[1-9][0-9]{0,11})\.([A-Za-z0-9_-]{11,86})\.([A-Za-z0-9_-]{43})"
)


class Refusal(Enum):
    """Why a token is not accepted; the file view answers 403 for each."""

    MALFORMED = "malformed"
    TAMPERED = "tampered"
    EXPIRED = "expired"
    OTHER_PACKAGE = "other package"


class TokenRefused(Exception):
    def __init__(self, reason: Refusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True)
class LaunchClaims:
    launch_id: str
    learner_id: str
    package_id: str
    package_version: int
    expires_at: int  # seconds since the epoch, UTC; the token is refused from this second on


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _mac(key: bytes, signed: str) -> str:
    return _b64(hmac.new(key, signed.encode("ascii"), hashlib.sha256).digest())


def issue(claims: LaunchClaims, key: bytes, nonce: bytes) -> str:
    """The token for ``claims``, signed with ``key``; ``nonce`` (random bytes from the caller)
    makes two tokens for the same launch and expiry differ."""
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a launch-token key has at least {MIN_KEY_BYTES} bytes")
    if not MIN_NONCE_BYTES <= len(nonce) <= 64:
        raise ValueError(f"a launch-token nonce has {MIN_NONCE_BYTES} to 64 bytes")
    for value in (claims.launch_id, claims.learner_id, claims.package_id):
        if not _ID.fullmatch(value):
            raise ValueError(f"not a launch-token id: {value!r}")
    if not 0 <= claims.package_version < 10**9 or not 0 <= claims.expires_at < 10**12:
        raise ValueError("package version or expiry out of range")
    signed = ".".join(
        [
            VERSION,
            claims.launch_id,
            claims.learner_id,
            claims.package_id,
            str(claims.package_version),
            str(claims.expires_at),
            _b64(nonce),
        ]
    )
    return f"{signed}.{_mac(key, signed)}"


def verify(
    token: str, keys: Sequence[bytes], now: int, package_id: str, package_version: int
) -> LaunchClaims:
    """The claims of ``token`` if one of ``keys`` signed it (the current key first, then those
    being retired), it has not expired at ``now`` and it is for this package version; otherwise
    ``TokenRefused`` with the reason. The signature is checked before anything it signs is
    believed."""
    match = _TOKEN.fullmatch(token) if len(token) <= MAX_LENGTH else None
    if match is None:
        raise TokenRefused(Refusal.MALFORMED)
    signed, mac = token.rsplit(".", 1)
    # Every key is tried, so the time taken does not tell which one matched.
    good = [hmac.compare_digest(_mac(key, signed), mac) for key in keys]
    if not any(good):
        raise TokenRefused(Refusal.TAMPERED)
    launch, learner, package, version, expires = match.groups()[:5]
    claims = LaunchClaims(launch, learner, package, int(version), int(expires))
    if now >= claims.expires_at:
        raise TokenRefused(Refusal.EXPIRED)
    if (claims.package_id, claims.package_version) != (package_id, package_version):
        raise TokenRefused(Refusal.OTHER_PACKAGE)
    return claims
