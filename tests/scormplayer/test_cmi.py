"""The SCORM 1.2 and 2004 data models as the server checks them (pure: no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from scormplayer import cmi


def seed(version: str, item: dict, *, credit: bool = True, entry: str = "", total="0", **who):
    """The read-only values seeded for ``item`` (a learner "u" named "n" unless ``who`` says)."""
    return cmi.seeded(
        version,
        learner_id=who.get("learner_id", "u"),
        learner_name=who.get("learner_name", "n"),
        credit=credit,
        entry=entry,
        total_seconds=Decimal(total),
        item=item,
    )


SEED_12 = seed(
    "1.2",
    {"mastery_score": "80", "data_from_lms": "start=1", "time_limit_action": None},
    entry="ab-initio",
    learner_id="u-1",
    learner_name="Jaidee, Somchai",
)
SEED_2004 = seed(
    "2004",
    {"completion_threshold": "0.75", "scaled_passing_score": "0.80"},
    entry="ab-initio",
    total="90.5",
    learner_id="u-1",
)


def code(version: str, commit) -> int:
    return cmi.check(version, commit, SEED_12 if version == "1.2" else SEED_2004).code


# Every element group of SCORM 1.2 with a good value, and values of it the standard refuses.
GOOD_12 = [
    {"core": {"lesson_location": "p1", "lesson_status": "browsed", "exit": "time-out"}},
    {"core": {"score": {"raw": "55.5", "min": "0", "max": "100"}, "session_time": "0001:02:03"}},
    {"core": {"session_time": "00:00:01.5", "exit": "logout"}},
    {"suspend_data": "s" * 4096, "comments": "c" * 4096},
    {"objectives": [{"id": "obj-1", "status": "passed", "score": {"raw": "10"}}]},
    {"student_preference": {"audio": "-1", "language": "th", "speed": "-100", "text": "1"}},
    {
        "interactions": [
            {
                "id": "q1",
                "time": "23:59:59",
                "type": "matching",
                "weighting": "2",
                "student_response": "a.b",
                "result": "0.5",
                "latency": "00:00:05",
                "objectives": [{"id": "obj-1"}],
                "correct_responses": [{"pattern": "a.b"}],
            }
        ]
    },
    {"core": {"student_id": "u-1", "credit": "credit", "total_time": "99:00:00"}},
    {"student_data": {"mastery_score": 80.0}, "launch_data": "start=1", "_children": "x"},
    {"cmi": {"core": {"lesson_status": "failed"}}},
]
BAD_12 = [
    ({"core": {"credit": "no-credit"}}, 403),
    ({"core": {"entry": "resume"}}, 403),
    ({"student_data": {"mastery_score": "50"}}, 403),
    ({"launch_data": "other"}, 403),
    ({"comments_from_lms": "x"}, 403),
    ({"core": {"lesson_status": "unknown"}}, 405),
    ({"core": {"exit": "normal"}}, 405),  # a 2004 word
    ({"core": {"score": {"raw": "-1"}}}, 405),
    ({"core": {"score": {"min": "abc"}}}, 405),
    ({"core": {"session_time": "1:00:00"}}, 405),
    ({"core": {"lesson_location": "l" * 256}}, 405),
    ({"comments": "c" * 4097}, 405),
    ({"student_preference": {"audio": "101"}}, 405),
    ({"student_preference": {"text": "2"}}, 405),
    ({"interactions": [{"id": "q1", "type": "long-fill-in"}]}, 405),
    ({"interactions": [{"id": "q1", "result": "incorrect"}]}, 405),
    ({"interactions": [{"id": "q1", "time": "24:00:00"}]}, 405),
    ({"interactions": [{"id": "q1", "description": "2004 only"}]}, 201),
    ({"objectives": {"0": {"id": "a"}, "2": {"id": "c"}}}, 201),
    ({"core": {"score": {"scaled": "0.5"}}}, 201),
    ({"learner_id": "u-1"}, 201),
    ({"core": {"lesson_status": ["passed"]}}, 201),
    ({"core": {"lesson_status": {"x": 1}}}, 201),
    ("not an object", 101),
    ({"core": {"lesson_status": None, "exit": False}}, 405),
]


@pytest.mark.parametrize("commit", GOOD_12)
def test_scorm_12_elements_accepted(commit):
    assert code("1.2", commit) == 0


@pytest.mark.parametrize(("commit", "expected"), BAD_12)
def test_scorm_12_refusals_get_the_12_codes(commit, expected):
    assert code("1.2", commit) == expected


GOOD_2004 = [
    {"completion_status": "unknown", "success_status": "failed", "exit": "normal"},
    {"location": "l" * 1000, "suspend_data": "s" * 64000, "progress_measure": "1"},
    {"score": {"scaled": "-1", "raw": "-12.5", "min": "-100", "max": "1000"}},
    {"session_time": "P1Y2M3DT4H5M6.78S", "exit": "suspend"},
    {
        "session_time": "PT0S",
        "learner_preference": {"audio_level": "2.5", "audio_captioning": "-1"},
    },
    {"comments_from_learner": [{"comment": "ok", "location": "p1", "timestamp": "2026-12-04"}]},
    {
        "objectives": [
            {
                "id": "urn:obj:1",
                "score": {"scaled": "0.5"},
                "success_status": "passed",
                "completion_status": "completed",
                "progress_measure": "0.5",
                "description": "Objective",
            }
        ]
    },
    {
        "interactions": [
            {
                "id": "urn:q:1",
                "type": "long-fill-in",
                "timestamp": "2026-12-04T03:15:00.5+07:00",
                "weighting": "1",
                "learner_response": "answer",
                "result": "incorrect",
                "latency": "PT5S",
                "description": "Question",
                "objectives": [{"id": "urn:obj:1"}],
                "correct_responses": [{"pattern": "answer"}],
            }
        ]
    },
    {"learner_id": "u-1", "credit": "credit", "total_time": "PT99H"},
    {
        "completion_threshold": "0.75",
        "scaled_passing_score": 0.8,
        "time_limit_action": "continue,no message",
    },
    {"cmi": {"success_status": "passed"}, "adl": {"nav": {"request": "continue"}}},
]
BAD_2004 = [
    ({"learner_id": "u-2"}, 404),
    ({"mode": "review"}, 404),
    ({"scaled_passing_score": "0.1"}, 404),
    ({"max_time_allowed": "PT1H"}, 404),
    ({"comments_from_lms": [{"comment": "mine"}]}, 404),
    ({"core": {"lesson_status": "passed"}}, 401),
    ({"interactions": [{"id": "q", "student_response": "1.2 name"}]}, 401),
    ({"adl_like": "x"}, 401),
    ({"completion_status": "passed"}, 406),
    ({"success_status": "completed"}, 406),
    ({"exit": "finished"}, 406),
    ({"session_time": "P"}, 406),
    ({"session_time": "PT"}, 406),
    ({"session_time": "PT1H30"}, 406),
    ({"location": "l" * 1001}, 406),
    ({"interactions": [{"id": "q", "type": "essay"}]}, 406),
    ({"interactions": [{"id": "q", "latency": "00:00:05"}]}, 406),
    ({"comments_from_learner": [{"comment": "c", "timestamp": "yesterday"}]}, 406),
    ({"score": {"raw": "1e3"}}, 406),
    ({"score": {"scaled": "-1.01"}}, 407),
    ({"objectives": [{"id": "o", "score": {"scaled": "2"}}]}, 407),
    ({"objectives": [{"id": "o", "progress_measure": "1.1"}]}, 407),
    ({"learner_preference": {"audio_level": "-1"}}, 407),
    ({"objectives": [{"success_status": "passed"}]}, 408),
    ({"interactions": [{"id": "q", "correct_responses": [{"pattern": "a"}]}]}, 408),
    ({"interactions": {"1": {"id": "q2"}}}, 351),
    ({"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": {"j": {"k": "x"}}}}}}}}}}}, 401),
    (["a", "list"], 401),
]


@pytest.mark.parametrize("commit", GOOD_2004)
def test_scorm_2004_elements_accepted(commit):
    assert code("2004", cmi.unwrap(commit)) == 0


@pytest.mark.parametrize(("commit", "expected"), BAD_2004)
def test_scorm_2004_refusals_get_the_2004_codes(commit, expected):
    assert code("2004", commit) == expected


def test_a_refusal_names_the_element():
    verdict = cmi.check("2004", {"score": {"scaled": "3"}}, SEED_2004)
    assert verdict.code == 407 and "cmi.score.scaled" in verdict.message and verdict.flat is None


def test_merge_keeps_the_seeded_read_only_values_and_lays_the_rest_over_the_state():
    current = {**SEED_2004, "cmi.location": "old", "cmi.interactions.0.id": "q1"}
    commit = cmi.check("2004", {"location": "new", "total_time": "PT9H"}, current).flat
    state = cmi.merge("2004", current, commit)
    assert state["cmi.location"] == "new"
    assert state["cmi.total_time"] == "PT0H1M30.50S"  # the server's, not the runtime's sum
    assert state["cmi.interactions.0.id"] == "q1"
    nested = cmi.unflatten(state)
    assert nested["interactions"] == [{"id": "q1"}] and nested["learner_id"] == "u-1"
    assert cmi.flatten(nested) == state


def test_a_repeat_is_the_commit_that_made_the_state():
    state = {**SEED_12, "cmi.core.lesson_location": "p2"}
    assert cmi.repeats("1.2", {"core": {"lesson_location": "p2", "credit": "x"}}, state)
    assert not cmi.repeats("1.2", {"core": {"lesson_location": "p3"}}, state)
    assert not cmi.repeats("1.2", {"core": {"nothing": "p2"}}, state)


def test_the_next_session_starts_without_the_last_ones_exit_and_session_time():
    state = {"cmi.exit": "suspend", "cmi.session_time": "PT1M", "cmi.location": "p"}
    assert cmi.for_next_session("2004", state) == {"cmi.location": "p"}


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("", "0"),
        ("00:00:00", "0"),
        ("0001:02:03.5", "3723.5"),
        ("9999:59:59.99", "35999999.99"),
        ("PT0S", "0"),
        ("PT1H2M3.25S", "3723.25"),
        ("P1DT1S", "86401"),
        ("P1M", "2592000"),
        ("P1Y", "31536000"),
    ],
)
def test_time_intervals_in_seconds(text, seconds):
    assert cmi.seconds_of(text) == Decimal(seconds)


@pytest.mark.parametrize("text", ["P", "PT", "1:00", "PT1.234S", "00:61:00"])
def test_what_is_not_a_time_interval(text):
    with pytest.raises(ValueError):
        cmi.seconds_of(text)


def test_totals_are_written_as_each_version_writes_time():
    assert cmi.timespan("1.2", Decimal("3723.5")) == "0001:02:03.50"
    assert cmi.timespan("1.2", Decimal(10**9)) == "9999:46:40.00"  # at most 9999 hours
    assert cmi.timespan("2004", Decimal("3723.5")) == "PT1H2M3.50S"


@pytest.mark.parametrize(
    ("state", "completion", "success", "score"),
    [
        ({}, "not attempted", "unknown", None),
        ({"cmi.core.lesson_status": "incomplete"}, "incomplete", "unknown", None),
        ({"cmi.core.lesson_status": "browsed"}, "incomplete", "unknown", None),
        ({"cmi.core.lesson_status": "completed"}, "completed", "unknown", None),
        ({"cmi.core.lesson_status": "passed"}, "completed", "passed", None),
        ({"cmi.core.lesson_status": "failed"}, "incomplete", "failed", None),
        (
            {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "79.9"},
            "completed",
            "failed",
            "0.7990000",
        ),
        (
            {"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "80"},
            "incomplete",
            "passed",
            "0.8000000",
        ),
        (
            {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "10"},
            "completed",
            "passed",
            "0.1000000",
        ),
        (
            {"cmi.core.score.raw": "15", "cmi.core.score.min": "10", "cmi.core.score.max": "20"},
            "not attempted",
            "failed",
            "0.5000000",
        ),
    ],
)
def test_scorm_12_outcome_with_a_mastery_score_of_80(state, completion, success, score):
    result = cmi.outcome("1.2", {**SEED_12, **state})
    assert (result.completion_status, result.success_status) == (completion, success)
    assert (str(result.score_scaled) if result.score_scaled is not None else None) == score


def test_scorm_12_mastery_score_does_not_judge_without_credit():
    no_credit = {**SEED_12, "cmi.core.credit": "no-credit", "cmi.core.score.raw": "99"}
    assert cmi.outcome("1.2", no_credit).success_status == "unknown"


@pytest.mark.parametrize(
    ("state", "completion", "success"),
    [
        ({}, "unknown", "unknown"),
        ({"cmi.completion_status": "completed"}, "completed", "unknown"),
        (
            {"cmi.progress_measure": "0.75", "cmi.completion_status": "incomplete"},
            "completed",
            "unknown",
        ),
        (
            {"cmi.progress_measure": "0.7", "cmi.completion_status": "completed"},
            "incomplete",
            "unknown",
        ),
        ({"cmi.success_status": "passed"}, "unknown", "unknown"),  # no score: no decision
        ({"cmi.score.scaled": "0.8", "cmi.success_status": "failed"}, "unknown", "passed"),
        ({"cmi.score.scaled": "0.79", "cmi.success_status": "passed"}, "unknown", "failed"),
    ],
)
def test_scorm_2004_outcome_the_lms_evaluates(state, completion, success):
    result = cmi.outcome("2004", {**SEED_2004, **state})
    assert (result.completion_status, result.success_status) == (completion, success)


def test_scorm_2004_without_threshold_or_passing_score_keeps_what_the_content_says():
    bare = seed("2004", {})
    state = {**bare, "cmi.completion_status": "completed", "cmi.success_status": "passed"}
    result = cmi.outcome("2004", state)
    assert (result.completion_status, result.success_status) == ("completed", "passed")


@pytest.mark.parametrize(
    ("rule", "completion", "success", "done"),
    [
        ("completed", "completed", "unknown", True),
        ("completed", "completed", "failed", True),
        ("completed", "incomplete", "passed", False),
        ("passed", "completed", "unknown", False),
        ("passed", "completed", "failed", False),
        ("passed", "incomplete", "passed", True),
    ],
)
def test_the_trainers_rule(rule, completion, success, done):
    assert cmi.lesson_done(rule, cmi.Outcome(completion, success, None)) is done


def test_a_manifest_value_the_data_model_does_not_allow_is_not_seeded():
    seeded = seed("1.2", {"max_time_allowed": "1 hour", "time_limit_action": "Exit,Message"})
    assert seeded["cmi.student_data.max_time_allowed"] == ""
    assert seeded["cmi.student_data.time_limit_action"] == "exit,message"


def test_a_preview_seeds_browse_mode_without_credit():
    item = {"mastery_score": "80.0", "time_limit_action": "exit,message"}
    seeded = seed("1.2", item, credit=False, entry="ab-initio")
    assert (seeded["cmi.core.credit"], seeded["cmi.core.lesson_mode"]) == ("no-credit", "browse")
    assert seeded["cmi.student_data.mastery_score"] == "80"
    assert seeded["cmi.student_data.time_limit_action"] == "exit,message"


def test_the_family_of_a_scorm_version():
    assert [cmi.family(v) for v in ("1.2", "2004 2nd", "2004 4th")] == ["1.2", "2004", "2004"]
