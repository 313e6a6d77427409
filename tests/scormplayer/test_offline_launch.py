"""A SCORM lesson played with no connection (ADR 0045): the launch made when the officer saves
the course, its long token, and its commits recording the lesson opened then progress."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from learning.models import LearnerRecord, RecordKind
from learning.services import NotEnrolled
from scormplayer.models import ScormLaunch, ScormRecord
from scormplayer.selectors import launch_for, runtime_seed
from scormplayer.services import commit_apply, launch_token, offline_launch
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"


def _records(learner, kind):
    return LearnerRecord.objects.filter(learner=learner, kind=kind).count()


def test_saving_makes_one_launch_that_records_nothing_and_is_reused(people, settings):
    lesson = scorm_lesson()
    learner = people["learner"]
    enrol(learner, lesson)
    launch = offline_launch(user=learner, page=lesson)
    assert _records(learner, RecordKind.LESSON_OPENED) == 0
    assert not launch.preview
    life = launch.offline_until - timezone.now()
    assert datetime.timedelta(days=13, hours=23) < life <= datetime.timedelta(days=14)
    token = launch_token(launch)
    assert launch_token(launch) == token  # the saved URLs stay the URLs played
    expires = int(token.split(".")[5])
    assert expires - time.time() > 13 * 86400
    package, number = str(launch.version.package_id), launch.version.number
    assert launch_for(token, package, number) == launch
    # A second save reuses it while its token has more than half its life left.
    assert offline_launch(user=learner, page=lesson) == launch
    assert ScormLaunch.objects.count() == 1
    # Past half its life, a save makes a new one (and the old one's token still plays).
    ScormLaunch.objects.filter(pk=launch.pk).update(
        offline_until=timezone.now() + datetime.timedelta(days=6)
    )
    newer = offline_launch(user=learner, page=lesson)
    assert newer != launch and ScormLaunch.objects.count() == 2
    assert _records(learner, RecordKind.LESSON_OPENED) == 0


def test_the_lifetime_is_a_setting(people, settings):
    settings.SCORM_OFFLINE_TOKEN_SECONDS = 3 * 86400
    lesson = scorm_lesson()
    enrol(people["learner"], lesson)
    launch = offline_launch(user=people["learner"], page=lesson)
    assert int(launch_token(launch).split(".")[5]) - time.time() <= 3 * 86400
    assert launch.version.playable_until is None or launch.version.playable_until >= (
        launch.offline_until
    )


def test_an_officer_not_enrolled_gets_no_offline_launch(people):
    lesson = scorm_lesson()
    with pytest.raises(NotEnrolled):
        offline_launch(user=people["learner"], page=lesson)
    assert not ScormLaunch.objects.exists()


def test_the_first_commit_records_the_lesson_opened_once_then_progress(people):
    lesson = scorm_lesson()
    learner = people["learner"]
    enrol(learner, lesson)
    launch = offline_launch(user=learner, page=lesson)
    seed = runtime_seed(launch=launch, sco_index=0, token=launch_token(launch))

    def commit(seq, core):
        return commit_apply(
            launch=launch,
            attempt=seed["attempt"],
            sco="intro",
            seq=seq,
            cmi={"core": core},
            terminated=True,
        )

    first = commit(1, {"lesson_status": "incomplete", "exit": "suspend"})
    assert first.error_code == 0, first.message
    assert _records(learner, RecordKind.LESSON_OPENED) == 1
    assert _records(learner, RecordKind.LESSON_COMPLETED) == 0
    # The next session of the same attempt, on the same offline launch (entry "resume").
    done = commit(2, {"lesson_status": "completed", "entry": "resume"})
    assert done.error_code == 0, done.message
    assert _records(learner, RecordKind.LESSON_OPENED) == 1
    assert _records(learner, RecordKind.LESSON_COMPLETED) == 1
    assert ScormRecord.objects.filter(launch_key=launch.pk).count() == 2
