"""A replaced version keeps its files while a launch made before the replacement may still play
it (``version_hold``), and gives them up once that time has passed (``package_cleanup``, also
``manage.py scorm_cleanup``); a file the new version shares stays (ADR 0023)."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from scormpackages.models import ScormPackageVersion
from scormpackages.selectors import package_file
from scormpackages.services import package_cleanup, package_replace, version_hold
from scormpackages.storage import blob_path
from tests.scormplayer.packages import package_zip, stored_package

pytestmark = pytest.mark.django_db

OLD = {"index.html": b"<title>Old page</title>", "shared.js": b"var shared = 1;"}
OLD_ONLY = {**OLD, "old.png": b"\x89PNG old picture"}
NEW = {"index.html": b"<title>New page</title>", "shared.js": b"var shared = 1;"}
EIGHT_HOURS = datetime.timedelta(hours=8)


@pytest.fixture(autouse=True)
def _store(settings, tmp_path) -> Path:
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return settings.ELEARNING_SCORM_ROOT


def served(package, number: int, path: str) -> bytes | None:
    found = package_file(str(package.pk), number, path)
    return found.read_bytes() if found is not None else None


def test_a_version_a_launch_holds_keeps_its_files_until_its_time_has_passed(
    django_capture_on_commit_callbacks,
):
    package = stored_package(OLD_ONLY)
    now = timezone.now()
    held = version_hold(package, now + EIGHT_HOURS)
    assert held is not None and held.number == 1
    old_blobs = {
        blob_path(ScormPackageVersion.objects.get(pk=held.pk).files.get(path=p).sha256)
        for p in ("index.html", "old.png")
    }
    with django_capture_on_commit_callbacks(execute=True):
        package_replace(package=package, source=package_zip(NEW))
    package.refresh_from_db()
    assert package.current.number == 2
    assert ScormPackageVersion.objects.get(pk=held.pk).files_released  # no new launch plays it

    # The officer playing version 1 still gets its next page and its picture.
    assert served(package, 1, "old.png") == b"\x89PNG old picture"
    assert served(package, 1, "index.html") == b"<title>Old page</title>"
    assert served(package, 2, "index.html") == b"<title>New page</title>"
    with django_capture_on_commit_callbacks(execute=True):
        assert package_cleanup(now=now + datetime.timedelta(hours=7)) == 0
    assert served(package, 1, "old.png") == b"\x89PNG old picture"

    with django_capture_on_commit_callbacks(execute=True):
        assert package_cleanup(now=now + datetime.timedelta(hours=9)) == 1
    assert served(package, 1, "old.png") is None
    assert served(package, 1, "index.html") is None
    assert not any(path.exists() for path in old_blobs)  # nothing else referred to them
    assert served(package, 2, "shared.js") == b"var shared = 1;"  # shared with version 2


def test_a_replacement_no_launch_holds_releases_the_files_at_once(
    django_capture_on_commit_callbacks,
):
    package = stored_package(OLD_ONLY)
    old_png = blob_path(package.current.files.get(path="old.png").sha256)
    with django_capture_on_commit_callbacks(execute=True):
        package_replace(package=package, source=package_zip(NEW))
    assert served(package, 1, "old.png") is None
    assert not old_png.exists()
    assert served(package, 2, "shared.js") == b"var shared = 1;"


def test_a_hold_only_moves_later_and_always_names_the_current_version():
    package = stored_package(OLD)
    now = timezone.now()
    version_hold(package, now + EIGHT_HOURS)
    held = version_hold(package, now + datetime.timedelta(hours=1))  # an earlier launch's time
    assert held is not None
    assert ScormPackageVersion.objects.get(pk=held.pk).playable_until == now + EIGHT_HOURS
    package_replace(package=package, source=package_zip(NEW))
    later = version_hold(package, now + EIGHT_HOURS)
    assert later is not None and later.number == 2  # never a new launch on version 1


def test_the_cleanup_command_releases_what_no_launch_may_play_any_more(
    django_capture_on_commit_callbacks,
):
    package = stored_package(OLD_ONLY)
    version_hold(package, timezone.now() + EIGHT_HOURS)
    with django_capture_on_commit_callbacks(execute=True):
        package_replace(package=package, source=package_zip(NEW))
    assert served(package, 1, "old.png") is not None
    # The launch's time has passed (set directly: no waiting in tests).
    ScormPackageVersion.objects.filter(package=package, number=1).update(
        playable_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("scorm_cleanup", stdout=out)
    assert out.getvalue().startswith("Removed 1:")
    assert served(package, 1, "old.png") is None
    assert served(package, 2, "index.html") == b"<title>New page</title>"
