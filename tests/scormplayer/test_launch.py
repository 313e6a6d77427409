"""Launching a SCORM lesson: who may, what the runtime is seeded with, and which attempt plays."""

from __future__ import annotations

import pytest

from learning.models import LearnerRecord, RecordKind
from learning.services import NotEnrolled
from scormplayer.models import ScormRecord
from scormplayer.selectors import NoSuchSco, launch_for, runtime_seed
from scormplayer.services import commit_apply, launch_start, launch_token
from scormplayer.tokens import TokenRefused
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"


def test_an_enrolled_officer_launches_and_the_lesson_is_recorded_opened(people):
    lesson = scorm_lesson(mastery=80)
    learner = people["learner"]
    enrol(learner, lesson)
    launch = launch_start(user=learner, page=lesson)
    assert not launch.preview
    assert LearnerRecord.objects.filter(
        learner=learner, kind=RecordKind.LESSON_OPENED, lesson_key=lesson.translation_key
    ).exists()
    seed = runtime_seed(launch=launch, sco_index=0)
    core = seed["cmi"]["core"]
    assert seed["scorm_version"] == "1.2"
    assert core["student_id"] == str(learner.uuid)
    assert core["student_name"] == "Somchai Jaidee"  # no first and last name to turn round
    assert (core["credit"], core["lesson_mode"], core["entry"]) == ("credit", "normal", "ab-initio")
    assert core["total_time"] == "0000:00:00.00"
    assert seed["cmi"]["student_data"]["mastery_score"] == "80"
    assert seed["cmi"]["launch_data"] == "start=1"
    assert seed["next_seq"] == 1
    token = launch_token(launch)
    assert seed["sco"]["launch_url"].startswith("http://localhost:8000/scorm-content/")
    assert seed["sco"]["launch_url"].endswith("/a.html")
    assert "/scorm-runtime/" in seed["commit_url"] and seed["commit_url"].endswith("/commit/")
    assert [(i["identifier"], i["index"]) for i in seed["items"]] == [("intro", 0), ("drill", 1)]
    package, number = str(launch.version.package_id), launch.version.number
    assert launch_for(token, package, number) == launch
    with pytest.raises(TokenRefused):
        launch_for(token, package, number + 1)
    with pytest.raises(NoSuchSco):
        runtime_seed(launch=launch, sco_index=2)


def test_an_officer_not_enrolled_cannot_launch_and_a_trainer_previews(people):
    lesson = scorm_lesson(version="2004")
    with pytest.raises(NotEnrolled):
        launch_start(user=people["learner"], page=lesson)
    launch = launch_start(user=people["trainer"], page=lesson)
    assert launch.preview
    seed = runtime_seed(launch=launch, sco_index=0)["cmi"]
    assert (seed["credit"], seed["mode"]) == ("no-credit", "browse")
    assert (seed["completion_threshold"], seed["scaled_passing_score"]) == ("0.75", "0.8")
    assert seed["total_time"] == "PT0H0M0.00S"
    assert not LearnerRecord.objects.filter(learner=people["trainer"]).exists()


def test_a_suspended_attempt_resumes_with_its_state_and_total_time(people):
    lesson = scorm_lesson(version="2004")
    learner = people["learner"]
    enrol(learner, lesson)
    launch = launch_start(user=learner, page=lesson)
    first = runtime_seed(launch=launch, sco_index=0)
    commit = {
        "location": "page-3",
        "suspend_data": "x" * 64000,
        "exit": "suspend",
        "session_time": "PT1M30S",
    }
    result = commit_apply(
        launch=launch, attempt=first["attempt"], sco="intro", seq=1, cmi=commit, terminated=True
    )
    assert result.error_code == 0, result.message
    again = runtime_seed(launch=launch_start(user=learner, page=lesson), sco_index=0)
    assert again["attempt"] == first["attempt"]
    assert again["next_seq"] == 2
    assert again["cmi"]["entry"] == "resume"
    assert again["cmi"]["location"] == "page-3"
    assert len(again["cmi"]["suspend_data"]) == 64000
    assert again["cmi"]["total_time"] == "PT0H1M30.00S"
    assert "exit" not in again["cmi"] and "session_time" not in again["cmi"]
    other = runtime_seed(launch=launch, sco_index=1)
    assert other["attempt"] != first["attempt"] and other["cmi"]["entry"] == "ab-initio"
    assert ScormRecord.objects.count() == 1


def test_lesson_state_says_where_the_officer_stands_in_each_sco(people):
    from scormplayer.selectors import lesson_state

    lesson = scorm_lesson(version="2004", rule="passed")
    learner = people["learner"]
    enrol(learner, lesson)
    before = lesson_state(learner=learner, page=lesson)
    assert before["done"] is False and before["rule"] == "passed"
    assert [s["completion_status"] for s in before["scos"]] == ["not attempted"] * 2
    launch = launch_start(user=learner, page=lesson)
    seed = runtime_seed(launch=launch, sco_index=0)
    commit = {"completion_status": "completed", "score": {"scaled": "0.9"}}
    result = commit_apply(launch=launch, attempt=seed["attempt"], sco="intro", seq=1, cmi=commit)
    assert result.error_code == 0
    after = lesson_state(learner=learner, page=lesson)
    assert after["done"] is True
    intro, drill = after["scos"]
    assert (intro["identifier"], intro["success_status"], str(intro["score_scaled"])) == (
        "intro",
        "passed",
        "0.9000000",
    )
    assert drill["completion_status"] == "not attempted"
    seed_again = runtime_seed(launch=launch, sco_index=1)
    assert seed_again["items"][0]["success_status"] == "passed"
