"""Test settings: fast hashing, no lock-out surprises between tests, a data dir per run."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATA_DIR = Path(tempfile.mkdtemp(prefix="elearning-test-"))
MEDIA_ROOT = DATA_DIR / "media"
NODE_KEY_DIR = DATA_DIR / "keys"
STATIC_ROOT = DATA_DIR / "static_collected"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
