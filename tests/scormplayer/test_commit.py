"""The commit endpoint on the content origin: what a package's runtime posts, each refusal with
the SCORM error code the standard defines, and the progress an accepted commit causes."""

from __future__ import annotations

import io
import json
import uuid

import pytest

from learning.models import LearnerRecord, RecordKind
from scormplayer.models import ScormRecord
from scormplayer.selectors import runtime_seed
from scormplayer.services import launch_start, launch_token
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db

CONTENT = "localhost:8000"  # the default SCORM_CONTENT_ORIGIN's host
ORIGIN = "http://localhost:8000"


@pytest.fixture(autouse=True)
def _store(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"


class Played:
    """One launch of a SCORM lesson and the commits its runtime posts."""

    def __init__(self, client, user, lesson, sco_index: int = 0):
        self.client = client
        self.launch = launch_start(user=user, page=lesson)
        self.token = launch_token(self.launch)
        self.seed = runtime_seed(launch=self.launch, sco_index=sco_index, token=self.token)
        self.attempt = self.seed["attempt"]
        self.sco = self.seed["sco"]["identifier"]

    @property
    def url(self) -> str:
        return self.seed["commit_url"].removeprefix(ORIGIN)

    def post(self, cmi: dict, seq: int, *, kind="application/json", attempt=None, **extra):
        body = {"attempt": attempt or self.attempt, "sco": self.sco, "seq": seq, "cmi": cmi}
        body.update(extra.pop("fields", {}))
        return self.client.generic(
            "POST", self.url, json.dumps(body), content_type=kind, HTTP_HOST=CONTENT, **extra
        )


def answer(response) -> tuple[int, bool, int]:
    data = response.json()
    return response.status_code, data["result"], data["errorCode"]


@pytest.fixture
def learner(people):
    return people["learner"]


def lesson_records(learner) -> list[str]:
    return list(
        LearnerRecord.objects.filter(learner=learner)
        .order_by("origin_seq")
        .values_list("kind", flat=True)
    )


def test_a_commit_is_recorded_and_completion_completes_the_lesson(client, learner):
    lesson = scorm_lesson(rule="completed")
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    first = {"cmi": {"core": {"lesson_status": "incomplete", "session_time": "00:02:00"}}}
    assert answer(played.post(first, 1)) == (200, True, 0)
    assert RecordKind.LESSON_COMPLETED not in lesson_records(learner)
    done = {
        "core": {
            "lesson_status": "completed",
            "session_time": "00:05:30.5",
            "exit": "",
            "total_time": "00:05:30",
            "student_id": str(learner.uuid),
        },
        "suspend_data": "page=9",
        "interactions": [{"id": "q1", "type": "choice", "result": "correct"}],
    }
    assert answer(played.post(done, 2)) == (200, True, 0)
    record = ScormRecord.objects.get(attempt=played.attempt, commit_seq=2)
    assert (record.completion_status, record.success_status) == ("completed", "unknown")
    assert record.total_seconds == pytest.approx(330.5)  # the session's time, not summed twice
    assert record.terminated  # the runtime's own total time marks the last commit
    assert record.state["interactions"][0]["id"] == "q1"
    assert record.state["core"]["student_id"] == str(learner.uuid)
    assert lesson_records(learner)[-1] == RecordKind.LESSON_COMPLETED
    again = Played(client, learner, lesson)  # a new attempt, completed again: once is enough
    assert answer(again.post({"core": {"lesson_status": "passed"}}, 1)) == (200, True, 0)
    assert lesson_records(learner).count(RecordKind.LESSON_COMPLETED) == 1


def test_the_beacon_of_a_closing_tab_is_accepted_as_text_plain(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    beacon = {"core": {"lesson_status": "incomplete", "exit": "suspend"}}
    response = played.post(beacon, 1, kind="text/plain;charset=UTF-8", HTTP_ORIGIN=ORIGIN)
    assert answer(response) == (200, True, 0)
    assert ScormRecord.objects.get().exit == "suspend"


def test_a_repeated_commit_is_answered_and_writes_nothing_a_stale_one_is_refused(client, learner):
    lesson = scorm_lesson(version="2004")
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    commit = {"location": "p2", "session_time": "PT10S"}
    assert answer(played.post(commit, 1)) == (200, True, 0)
    assert answer(played.post({"location": "p3"}, 2)) == (200, True, 0)
    assert answer(played.post({"location": "p3"}, 2)) == (200, True, 0)  # the same, again
    assert ScormRecord.objects.count() == 2
    assert answer(played.post({"location": "p1"}, 1)) == (409, False, 391)  # older
    assert answer(played.post(commit, 1)) == (200, True, 0)  # older, sent again (an outbox)
    assert answer(played.post({"location": "p4"}, 2)) == (409, False, 391)  # same seq, changed
    assert ScormRecord.objects.count() == 2
    latest = ScormRecord.objects.order_by("-commit_seq").first()
    assert latest.state["location"] == "p3"


def test_a_stale_commit_of_scorm_12_gets_101(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    assert answer(played.post({"core": {"lesson_location": "a"}}, 5)) == (200, True, 0)
    assert answer(played.post({"core": {"lesson_location": "b"}}, 4)) == (409, False, 101)


@pytest.mark.parametrize(
    ("version", "cmi", "code"),
    [
        ("2004", {"learner_name": "Someone Else"}, 404),
        ("2004", {"credit": "no-credit"}, 404),
        ("2004", {"entry": "resume"}, 404),
        ("2004", {"not_an_element": "x"}, 401),
        ("2004", {"score": {"grade": "A"}}, 401),
        ("2004", {"completion_status": "done"}, 406),
        ("2004", {"score": {"scaled": "high"}}, 406),
        ("2004", {"session_time": "00:01:00"}, 406),
        ("2004", {"suspend_data": "x" * 64001}, 406),
        ("2004", {"score": {"scaled": "1.5"}}, 407),
        ("2004", {"progress_measure": "-0.1"}, 407),
        ("2004", {"interactions": [{"type": "choice"}]}, 408),
        ("2004", {"objectives": {"1": {"id": "o2"}}}, 351),
        ("1.2", {"core": {"student_id": "somebody"}}, 403),
        ("1.2", {"core": {"lesson_mode": "review"}}, 403),
        ("1.2", {"core": {"grade": "A"}}, 201),
        ("1.2", {"core": {"lesson_status": "done"}}, 405),
        ("1.2", {"core": {"score": {"raw": "101"}}}, 405),
        ("1.2", {"core": {"session_time": "PT1M"}}, 405),
        ("1.2", {"suspend_data": "x" * 4097}, 405),
        ("1.2", {"core": {"lesson_status": True}}, 405),
    ],
)
def test_a_commit_outside_the_data_model_gets_the_standards_code_and_changes_nothing(
    client, learner, version, cmi, code
):
    lesson = scorm_lesson(version=version)
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    before = lesson_records(learner)
    status, result, error = answer(played.post(cmi, 1))
    assert (status, result, error) == (400, False, code)
    assert not ScormRecord.objects.exists()
    assert lesson_records(learner) == before


def test_suspend_data_up_to_its_limit_is_kept(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    assert answer(played.post({"suspend_data": "é" * 4096}, 1)) == (200, True, 0)
    assert ScormRecord.objects.get().state["suspend_data"] == "é" * 4096


def test_a_bad_token_or_another_origin_is_refused(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    good = played.url
    played.seed["commit_url"] = ORIGIN + good.replace(played.token, played.token[:-2] + "xx")
    assert answer(played.post({}, 1)) == (403, False, 101)
    played.seed["commit_url"] = ORIGIN + good
    response = played.post({}, 1, HTTP_ORIGIN="http://127.0.0.1:8000")
    assert answer(response) == (403, False, 101)
    assert not ScormRecord.objects.exists()
    # Nowhere but on the content host.
    assert client.post(good, "{}", content_type="application/json").status_code == 404


def test_another_learners_attempt_is_refused(client, people):
    lesson = scorm_lesson()
    mine, theirs = people["learner"], people["learner_kh"]
    enrol(mine, lesson)
    enrol(theirs, lesson)
    their_play = Played(client, theirs, lesson)
    assert answer(their_play.post({"suspend_data": "theirs"}, 1)) == (200, True, 0)
    my_play = Played(client, mine, lesson)
    response = my_play.post({"suspend_data": "mine"}, 2, attempt=their_play.attempt)
    assert answer(response) == (403, False, 101)
    assert list(ScormRecord.objects.values_list("learner", flat=True)) == [theirs.pk]


def test_a_body_over_256_kib_is_refused_without_being_read(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)

    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        played.url,
        b"",
        content_type="application/json",
        HTTP_HOST=CONTENT,
        CONTENT_LENGTH=str(300 * 1024),
        **{"wsgi.input": Unread()},
    )
    assert answer(response) == (400, False, 101)
    huge = {"suspend_data": "x" * (300 * 1024)}
    assert answer(played.post(huge, 1)) == (400, False, 101)
    assert not ScormRecord.objects.exists()


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("not json", "application/json"),
        ('["a list"]', "application/json"),
        ('{"attempt": "x", "sco": "intro", "seq": 1, "cmi": {}}', "application/json"),
        ('{"sco": "intro", "seq": 0, "cmi": {}}', "application/json"),
        ("{}", "application/x-www-form-urlencoded"),
    ],
)
def test_what_is_not_a_commit_is_refused_with_101(client, learner, body, kind):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    response = client.generic("POST", played.url, body, content_type=kind, HTTP_HOST=CONTENT)
    assert answer(response) == (400, False, 101)
    assert client.get(played.url, HTTP_HOST=CONTENT).status_code == 405


def test_a_commit_naming_a_sco_the_package_lacks_is_refused(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    played.sco = "elsewhere"
    assert answer(played.post({}, 1)) == (400, False, 101)


def test_a_trainers_preview_records_nothing(client, people):
    lesson = scorm_lesson(version="2004")
    trainer = people["trainer"]
    played = Played(client, trainer, lesson)
    assert played.seed["cmi"]["mode"] == "browse"
    commit = {"completion_status": "completed", "success_status": "passed"}
    assert answer(played.post(commit, 1)) == (200, True, 0)
    assert answer(played.post({"credit": "credit"}, 2)) == (400, False, 404)
    assert not ScormRecord.objects.exists()
    assert not LearnerRecord.objects.filter(learner=trainer).exists()


@pytest.mark.parametrize(("scaled", "done"), [("0.85", True), ("0.5", False)])
def test_the_passed_rule_completes_the_lesson_on_the_scaled_passing_score(
    client, learner, scaled, done
):
    lesson = scorm_lesson(version="2004", rule="passed")
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    # The content says "passed"; the LMS judges the score against the manifest's 0.8.
    commit = {"success_status": "passed", "score": {"scaled": scaled}, "progress_measure": "0.8"}
    assert answer(played.post(commit, 1)) == (200, True, 0)
    record = ScormRecord.objects.get()
    assert record.success_status == ("passed" if done else "failed")
    assert record.completion_status == "completed"  # 0.8 >= the threshold 0.75
    assert (RecordKind.LESSON_COMPLETED in lesson_records(learner)) is done


def test_scorm_12_mastery_score_decides_passed_with_credit(client, learner):
    lesson = scorm_lesson(rule="passed", mastery=80)
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    commit = {"core": {"lesson_status": "completed", "score": {"raw": "85", "max": "100"}}}
    assert answer(played.post(commit, 1)) == (200, True, 0)
    record = ScormRecord.objects.get()
    assert (record.success_status, str(record.score_scaled)) == ("passed", "0.8500000")
    assert RecordKind.LESSON_COMPLETED in lesson_records(learner)


def test_session_times_add_up_across_launches(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    first = Played(client, learner, lesson)
    commit = {"core": {"exit": "suspend", "session_time": "00:10:00"}}
    assert answer(first.post(commit, 1, fields={"terminated": True})) == (200, True, 0)
    second = Played(client, learner, lesson)
    assert second.attempt == first.attempt
    assert second.seed["cmi"]["core"]["total_time"] == "0000:10:00.00"
    assert second.seed["cmi"]["core"]["entry"] == "resume"
    for seq, session in ((2, "00:01:00"), (3, "00:03:00")):
        commit = {"core": {"session_time": session, "total_time": "0000:10:00.00"}}
        assert answer(second.post(commit, seq, fields={"terminated": False})) == (200, True, 0)
    latest = ScormRecord.objects.get(commit_seq=3)
    assert latest.total_seconds == 13 * 60
    assert latest.state["core"]["total_time"] == "0000:10:00.00"
    # Ended without suspending: the attempt is over, the next launch starts a new one.
    last = {"core": {"session_time": "00:04:00", "exit": ""}}
    assert answer(second.post(last, 4, fields={"terminated": True})) == (200, True, 0)
    assert answer(second.post({"core": {"lesson_location": "x"}}, 5)) == (409, False, 101)
    third = Played(client, learner, lesson)
    assert third.attempt != first.attempt and uuid.UUID(third.attempt)
    assert third.seed["cmi"]["core"]["entry"] == "ab-initio"


def test_the_runtime_prefix_answers_only_its_own_urls_and_only_on_the_content_host(client, learner):
    lesson = scorm_lesson()
    enrol(learner, lesson)
    played = Played(client, learner, lesson)
    stray = played.url.replace("/commit/", "/commit/more/")
    assert client.post(stray, "{}", "application/json", HTTP_HOST=CONTENT).status_code == 404
    assert client.get("/scorm-runtime/", HTTP_HOST=CONTENT).status_code == 404
    platform = client.post(played.url, "{}", content_type="application/json")
    assert platform.status_code == 404  # the platform's own host has no commit endpoint
    assert not ScormRecord.objects.exists()
