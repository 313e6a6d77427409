"""``manage.py sync`` over real HTTP. The hub is this test process (Django's live server, the
test database); the post is a separate process with its own SQLite database and data directory,
enrolled by code. A cut in the middle (the hub fails after applying a request) is finished by the
next run, and both sides end holding the same records."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from learning.models import LearnerRecord, RecordKind
from nodes.services import enrolment_create
from officers.models import BorderPost
from officers.services import officer_create
from recordsync import views
from recordsync.selectors import holdings

ROOT = Path(django_settings.BASE_DIR)


def _post_env(data_dir: Path) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ELEARNING_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        ELEARNING_DATA_DIR=str(data_dir),
        ELEARNING_NODE_ROLE="post",
        DJANGO_SETTINGS_MODULE="elearning.settings.dev",
    )
    return env


def _manage(data_dir: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=_post_env(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _post_python(data_dir: Path, code: str) -> str:
    done = _manage(data_dir, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def post_database(tmp_path_factory) -> Path:
    """A migrated post database, made once and copied for each test."""
    data_dir = tmp_path_factory.mktemp("post-template")
    done = _manage(data_dir, "migrate", "-v0", timeout=600)
    assert done.returncode == 0, done.stderr
    return data_dir / "db.sqlite3"


@pytest.fixture
def post_dir(post_database, tmp_path) -> Path:
    data_dir = tmp_path / "post"
    data_dir.mkdir()
    shutil.copy(post_database, data_dir / "db.sqlite3")
    return data_dir


POST_ACTIVITY = """
import uuid
from django.db import transaction
from django.utils import timezone
from learning.models import LearnerRecord, RecordKind
from officers.models import BorderPost
from officers.services import officer_create
post, _ = BorderPost.objects.get_or_create(
    code="kh-p", defaults={"name": "Poipet", "country": "KH"})
officer = officer_create(username="sokha", password="x-long-enough-42", post=post,
                         full_name_latin="Sokha Chan")
course = uuid.UUID("00000000-0000-4000-8000-000000000001")
with transaction.atomic():
    for n in range(1200):
        LearnerRecord.stamped(recorded_at=timezone.now(), kind=RecordKind.LESSON_OPENED,
                              learner=officer, course_key=course, lesson_key=uuid.uuid4())
print(officer.uuid)
"""

HOLDINGS = """
import json
from recordsync.selectors import holdings
print(json.dumps({str(k): v for k, v in holdings().items()}))
"""


def _hub_activity(posts_code: str) -> None:
    """At the hub: an officer transferred to the post, with history made at headquarters."""
    post = BorderPost.objects.create(code=posts_code, name="Poipet", country="KH")
    officer = officer_create(
        username="dara", password="x-long-enough-42", post=post, full_name_latin="Dara Kim"
    )
    course = "00000000-0000-4000-8000-000000000002"
    with transaction.atomic():
        for _n in range(700):
            LearnerRecord.stamped(
                recorded_at=timezone.now(),
                kind=RecordKind.LESSON_OPENED,
                learner=officer,
                course_key=course,
            )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sync_over_http_resumes_after_a_cut_and_ends_with_equal_holdings(
    live_server, settings, tmp_path, post_dir, monkeypatch
):
    settings.NODE_ROLE = "hub"
    settings.NODE_KEY_DIR = tmp_path / "hub-keys"
    _enrolment, code = enrolment_create(name="Poipet", country="KH", post_code="kh-p")
    _hub_activity("kh-p")
    enrolled = _manage(post_dir, "enrol", "--hub", live_server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    _post_python(post_dir, POST_ACTIVITY)

    # The hub fails on the first request after applying it: the post never hears back. (A
    # round carries the 500 oldest records whatever their tables, so the post's records go in
    # two rounds: only a cut in the first leaves the hub with part of them.)
    real_answer, calls = views.exchange_answer, []

    def failing_answer(**request):
        calls.append(1)
        answer = real_answer(**request)
        if len(calls) == 1:
            raise RuntimeError("the link dropped")
        return answer

    monkeypatch.setattr(views, "exchange_answer", failing_answer)
    cut = _manage(post_dir, "sync", "--per-request", "1")
    assert cut.returncode != 0
    assert "HTTP 500" in cut.stderr and len(cut.stderr.strip().splitlines()) <= 2
    assert LearnerRecord.objects.count() < 1200 + 700

    monkeypatch.setattr(views, "exchange_answer", real_answer)
    resumed = _manage(post_dir, "sync", "--per-request", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert "Sent" in resumed.stdout
    post_holds = json.loads(_post_python(post_dir, HOLDINGS).strip().splitlines()[-1])
    hub_holds = {str(origin): ranges for origin, ranges in holdings().items()}
    assert post_holds == hub_holds
    assert LearnerRecord.objects.count() == 1200 + 700

    # From cron: nothing to do, nothing said.
    quiet = _manage(post_dir, "sync")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout.strip() == ""


def test_an_unreachable_hub_is_one_clear_line(post_dir, tmp_path):
    enrolled = _manage(post_dir, "shell", "-c", _FAKE_HUB)
    assert enrolled.returncode == 0, enrolled.stderr
    done = _manage(post_dir, "sync", "--hub", "http://127.0.0.1:9")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Could not reach" in lines[0]


_FAKE_HUB = """
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
from nodes.identity import node_id_for_public_key
from nodes.models import Peer
key = Ed25519PrivateKey.generate().public_key().public_bytes(
    encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)
Peer.objects.create(node_id=node_id_for_public_key(key), role="hub", name="HQ",
                    public_key=key.hex(), url="http://127.0.0.1:9")
"""


@pytest.mark.django_db
def test_the_exchange_endpoint_refuses_what_it_should(client, settings, tmp_path):
    url = reverse("sync_exchange")
    settings.NODE_ROLE = "hub"
    settings.NODE_KEY_DIR = tmp_path / "hub-keys"
    assert client.get(url).status_code == 405
    garbage = client.post(url, data=b"not a packet", content_type="application/octet-stream")
    assert garbage.status_code == 403 and "not a" in garbage.json()["error"]
    settings.ELEARNING_SYNC_MAX_BODY = 100
    big = client.post(url, data=b"x" * 101, content_type="application/octet-stream")
    assert big.status_code == 413
    settings.NODE_ROLE = "post"
    assert client.post(url, data=b"", content_type="application/octet-stream").status_code == 404
