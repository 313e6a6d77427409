"""Where SCORM packages' files are stored: once per content, by SHA-256 (ADR 0023)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def store_root() -> Path:
    """ELEARNING_SCORM_ROOT: outside MEDIA_ROOT, so /media/ never serves package files."""
    return Path(settings.ELEARNING_SCORM_ROOT)


def blob_path(sha256: str) -> Path:
    """Where the file with this SHA-256 is stored (the player and bundles read it here)."""
    return store_root() / "blobs" / sha256[:2] / sha256


def temp_root() -> Path:
    """Imports extract here first: the same file system, so moving into place is a rename."""
    return store_root() / "tmp"
