"""An officer playing a package when a trainer (or a course bundle at a post) replaces it keeps
getting its files over the content origin with their launch's token, until the token's time has
passed; a new launch plays the new version (ADR 0023, ADR 0024)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from coursebundles.services import bundle_export, bundle_import
from modules.models import ScormLessonPage
from scormpackages.models import ScormPackage, ScormPackageVersion
from scormpackages.selectors import package_file
from scormpackages.services import package_cleanup, package_replace
from scormplayer.services import launch_start, launch_token
from tests.coursebundles.conftest import Nodes
from tests.coursebundles.test_scorm import NEWER, build_scorm_course, wipe_scorm
from tests.scormplayer.packages import package_zip
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host
B_PAGE = b"<!doctype html><title>B</title>"  # tracking's packages: the second SCO's page


@pytest.fixture
def store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return settings.ELEARNING_SCORM_ROOT


def fetch(client, launch, token: str, path: str):
    package, number = launch.version.package_id, launch.version.number
    response = client.get(f"/scorm-content/{package}/{number}/{token}/{path}", HTTP_HOST=CONTENT)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content


@pytest.fixture
def nodes(settings, tmp_path) -> Nodes:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Nodes(settings, tmp_path)


def expire(version: ScormPackageVersion) -> None:
    """The launch's time has passed (set directly: no waiting in tests)."""
    ScormPackageVersion.objects.filter(pk=version.pk).update(
        playable_until=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_a_launch_made_before_a_replacement_plays_on_until_its_time_has_passed(
    client, people, store, django_capture_on_commit_callbacks
):
    lesson = scorm_lesson()
    learner = people["learner"]
    enrol(learner, lesson)
    launch = launch_start(user=learner, page=lesson)
    token = launch_token(launch)
    assert fetch(client, launch, token, "b.html") == (200, B_PAGE)
    with django_capture_on_commit_callbacks(execute=True):
        package_replace(package=lesson.package, source=package_zip({"index.html": b"<p>new"}))

    # The officer moves on to the next SCO of the version they were playing.
    assert fetch(client, launch, token, "b.html") == (200, B_PAGE)
    again = launch_start(user=learner, page=ScormLessonPage.objects.get(pk=lesson.pk))
    assert again.version.number == 2  # a new launch never plays the replaced version

    expire(launch.version)
    with django_capture_on_commit_callbacks(execute=True):
        package_cleanup()
    assert fetch(client, launch, token, "b.html")[0] == 404
    assert not (store / "blobs").exists() or not any(
        path.read_bytes() == B_PAGE for path in (store / "blobs").glob("*/*")
    )


def test_a_bundle_replacing_a_version_a_launch_plays_at_a_post_keeps_its_files(
    nodes, store, tmp_path, people, django_capture_on_commit_callbacks
):
    nodes.hub()
    tree, package, _lesson = build_scorm_course()
    first = tmp_path / "first.bundle"
    bundle_export(course_code="SCO-101", path=first)
    package_replace(package=package, source=NEWER)
    second = tmp_path / "second.bundle"
    bundle_export(course_code="SCO-101", path=second, since=first)
    wipe_scorm(store, tree)
    nodes.post()
    bundle_import(path=first)
    lesson = ScormLessonPage.objects.get(package_id=package.pk)
    launch = launch_start(user=people["admin"], page=lesson)  # a preview: reads without enrolling
    assert launch.version.number == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert bundle_import(path=second).status == "updated"

    assert ScormPackage.objects.get(pk=package.pk).current.number == 2
    assert package_file(str(package.pk), 1, "shared/launchpage.html") is not None
    expire(launch.version)
    with django_capture_on_commit_callbacks(execute=True):
        package_cleanup()
    assert package_file(str(package.pk), 1, "shared/launchpage.html") is None
    assert package_file(str(package.pk), 2, "shared/launchpage.html") is not None
