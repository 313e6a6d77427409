"""Test settings: fast hashing, no lock-out surprises between tests, a data dir per run."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "officers.hashers.InitialPasswordHasher",
]
# A process the tests start with these settings (rosters.slips.SlipPress's child) uses the
# same directory rather than making one more.
DATA_DIR = Path(
    os.environ.get("ELEARNING_TEST_DATA_DIR") or tempfile.mkdtemp(prefix="elearning-test-")
)
os.environ["ELEARNING_TEST_DATA_DIR"] = str(DATA_DIR)
MEDIA_ROOT = DATA_DIR / "media"
NODE_KEY_DIR = DATA_DIR / "keys"
STATIC_ROOT = DATA_DIR / "static_collected"
GENERATED_ROOT = DATA_DIR / "generated"
ELEARNING_SCORM_ROOT = DATA_DIR / "scorm"
ELEARNING_ROSTER_ROOT = DATA_DIR / "rosters"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
CACHES["pages"]["LOCATION"] = str(DATA_DIR / "cache" / "pages")  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's in-memory default: concurrency tests and the browser tests' live
    # server then see SQLite behave as it does on a border post.
    # ELEARNING_TEST_DB_SUFFIX keeps two suites in one checkout from sharing the file.
    suffix = os.environ.get("ELEARNING_TEST_DB_SUFFIX", "")
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db{suffix}.sqlite3")}  # noqa: F405
