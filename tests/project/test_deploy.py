"""Production with HTTPS on: ``manage.py check --deploy`` finds nothing to warn about."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(tmp_path, **env) -> subprocess.CompletedProcess:
    # A production node's own environment: nothing the test session set for itself (the
    # browser tests allow Django's ORM in Playwright's event loop, which production never may).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "elearning.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ELEARNING_DATA_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_with_https_on_check_deploy_is_clean(tmp_path):
    done = _check_deploy(tmp_path, DJANGO_HTTPS="1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    assert "WARNINGS" not in done.stdout + done.stderr


def test_a_post_on_plain_http_is_told_what_it_gives_up(tmp_path):
    done = _check_deploy(tmp_path, DJANGO_HTTPS="0")
    assert done.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in done.stderr
