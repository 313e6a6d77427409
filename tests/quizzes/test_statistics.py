"""Quiz statistics, pure: figures worked out by hand from small made-up attempts."""

from datetime import datetime, timedelta
from fractions import Fraction as F

import pytest

from quizzes import statistics as stats
from quizzes.statistics import GradedAttempt, OptionText, QuestionOutcome

T0 = datetime(2025, 3, 1, 8, 0)


def attempt(n, percent, *questions, learner=1, passed=None, minutes=None):
    """Attempt number ``n`` (also its start order unless ``minutes`` is given)."""
    return GradedAttempt(
        attempt_id=f"a{n:03d}",
        learner_id=learner,
        started_at=T0 + timedelta(minutes=n if minutes is None else minutes),
        percent=F(percent),
        passed=percent >= 70 if passed is None else passed,
        questions=tuple(questions),
    )


def outcome(qid, score, points=1, response="x", qtype="numeric", stem="", options=()):
    return QuestionOutcome(
        question_id=qid,
        type=qtype,
        points=points,
        score=F(score),
        response=response,
        stem=stem or f"<p>{qid}</p>",
        options=tuple(options),
    )


def by_id(questions):
    return {q.question_id: q for q in questions}


# --- Formatting (display only) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (F(2, 3) * 100, 1, "66.7"),
        (F(1, 16) * 100, 1, "6.3"),  # 6.25: half up
        (F(100), 1, "100.0"),
        (F(-1, 3), 2, "-0.33"),
        (F(1, 2), 2, "0.50"),
        (None, 1, ""),
    ],
)
def test_fixed_rounds_half_up_for_display_only(value, places, text):
    assert stats.fixed(value, places) == text


def test_percent_of_a_share():
    assert stats.percent_of(F(1, 3)) == "33.3"
    assert stats.percent_of(None) == ""


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>Which document is <b>forged</b>?</p>", "Which document is forged?"),
        ("<p>Tom &amp; Jerry</p><p>ภาษาไทย</p>", "Tom & Jerry ภาษาไทย"),
        ("<p>line<br/>break</p>", "line break"),
        ("", ""),
    ],
)
def test_plain_text_strips_tags(markup, text):
    assert stats.plain_text(markup) == text


@pytest.mark.parametrize(
    ("text", "safe"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+66", "'+66"), ("@x", "'@x"), ("Passport", "Passport"), ("", "")],
)
def test_spreadsheet_safe(text, safe):
    assert stats.spreadsheet_safe(text) == safe


# --- Per quiz ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempts", "expected"),
    [
        ([], (0, 0, None, None)),
        ([attempt(1, 100)], (1, 1, F(100), F(1))),
        (
            [attempt(1, 100, learner=1), attempt(2, 50, learner=1), attempt(3, 60, learner=2)],
            (3, 2, F(70), F(1, 3)),
        ),
        (
            [attempt(1, F("33.3333")), attempt(2, F("66.6667"))],
            (2, 1, F(50), F(0)),
        ),
    ],
)
def test_quiz_summary(attempts, expected):
    summary = stats.quiz_summary(attempts)
    assert (summary.attempts, summary.officers, summary.mean_percent, summary.pass_rate) == expected


def test_quiz_summary_texts():
    summary = stats.quiz_summary([attempt(1, 100), attempt(2, 50), attempt(3, 60)])
    assert (summary.mean_percent_text, summary.pass_rate_text) == ("70.0", "33.3")
    empty = stats.quiz_summary([])
    assert (empty.mean_percent_text, empty.pass_rate_text) == ("", "")


# --- Discrimination ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attempts", "size"),
    [(4, 1), (5, 1), (6, 2), (7, 2), (10, 3), (11, 3), (100, 27)],
)
def test_group_size_is_27_percent_rounded_half_up(attempts, size):
    assert stats.group_size(attempts) == size


@pytest.mark.parametrize(
    ("ranked", "expected"),
    [
        ([], None),
        ([(F(90), True), (F(10), False), (F(50), True)], None),  # fewer than 4
        # 4 attempts, groups of 1: the best (80) had full marks, the weakest (20) not.
        ([(F(20), False), (F(80), True), (F(40), False), (F(60), False)], F(1)),
        # The reverse: only the weakest got it right.
        ([(F(20), True), (F(80), False), (F(40), False), (F(60), False)], F(-1)),
        # 10 attempts, groups of 3: upper 95, 90, 85 -> 2 of 3; lower 40, 30, 20 -> 1 of 3.
        (
            [
                (F(95), True),
                (F(30), True),
                (F(90), True),
                (F(85), False),
                (F(20), False),
                (F(80), True),
                (F(70), False),
                (F(60), True),
                (F(50), False),
                (F(40), False),
            ],
            F(1, 3),
        ),
        # Equal grades keep their (chronological) order: earlier ranks higher.
        ([(F(50), True), (F(50), False), (F(50), False), (F(50), True)], F(0)),
        ([(F(50), True), (F(50), False), (F(50), False), (F(50), False)], F(1)),
    ],
)
def test_discrimination_index(ranked, expected):
    assert stats.discrimination_index(ranked) == expected


# --- Per question -----------------------------------------------------------------------------


def test_no_attempts_no_questions():
    assert stats.question_statistics([]) == ()
    assert stats.most_failed([]) == ()


def test_facility_mean_and_drawn_with_partial_credit():
    attempts = [
        attempt(1, 100, outcome("q", 2, points=2)),
        attempt(2, 50, outcome("q", 1, points=2)),
        attempt(3, 0, outcome("q", 0, points=2, response=None)),
    ]
    (q,) = stats.question_statistics(attempts)
    assert (q.drawn, q.answered, q.unanswered) == (3, 2, 1)
    assert q.mean_share == F(1, 2)  # (1 + 1/2 + 0) / 3
    assert q.facility == F(1, 3)  # only the first had full marks
    assert q.discrimination is None  # 3 attempts
    assert (q.facility_text, q.mean_text, q.discrimination_text) == ("33.3", "50.0", "")
    assert q.options == ()


def test_a_question_not_drawn_by_every_attempt_counts_only_where_drawn():
    attempts = [
        attempt(1, 100, outcome("common", 1), outcome("rare", 1)),
        attempt(2, 50, outcome("common", 1), outcome("other", 0)),
        attempt(3, 40, outcome("common", 0), outcome("other", 0)),
        attempt(4, 30, outcome("common", 0), outcome("other", 1)),
        attempt(5, 20, outcome("common", 0), outcome("other", 0)),
    ]
    q = by_id(stats.question_statistics(attempts))
    assert (q["common"].drawn, q["rare"].drawn, q["other"].drawn) == (5, 1, 4)
    assert (q["rare"].facility, q["rare"].discrimination) == (F(1), None)
    assert q["other"].facility == F(1, 4)
    # "other" drawn 4 times, groups of 1 among those 4: upper 50 (0), lower 20 (0) -> 0.
    assert q["other"].discrimination == F(0)
    # "common" drawn 5 times, groups of 1: upper 100 (full), lower 20 (not) -> 1.
    assert q["common"].discrimination == F(1)


def test_discrimination_ranks_by_the_attempts_total_grade():
    # The weakest officers got q right, the strongest did not: a question to look at.
    attempts = [
        attempt(n, percent, outcome("q", full))
        for n, (percent, full) in enumerate(
            [
                (95, 0),
                (90, 0),
                (85, 0),
                (80, 1),
                (70, 0),
                (60, 1),
                (50, 1),
                (40, 1),
                (30, 1),
                (20, 1),
            ]
        )
    ]
    (q,) = stats.question_statistics(attempts)
    assert q.facility == F(6, 10)
    assert q.discrimination == F(-1)  # upper 0/3, lower 3/3
    assert q.discrimination_text == "-1.00"


SINGLE = (
    OptionText("a", "Passport A", True),
    OptionText("b", "Visa B"),
    OptionText("c", "Permit C"),
)
MULTI = (
    OptionText("x", "Debt bondage", True),
    OptionText("y", "Luggage"),
    OptionText("z", "Fee", True),
)
TRUE_FALSE = (OptionText("true", "True"), OptionText("false", "False", True))


@pytest.mark.parametrize(
    ("qtype", "options", "responses", "counts"),
    [
        ("single", SINGLE, ["a", "b", "a", None], {"a": 2, "b": 1, "c": 0}),
        ("multiple", MULTI, [["x", "z"], ["x"], ["y", "x"], []], {"x": 3, "y": 1, "z": 1}),
        ("multiple", MULTI, [["x", "x"], None, None, None], {"x": 1, "y": 0, "z": 0}),
        ("true_false", TRUE_FALSE, ["true", "false", "false", "false"], {"true": 1, "false": 3}),
        ("true_false", TRUE_FALSE, [True, " FALSE ", False, None], {"true": 1, "false": 2}),
    ],
)
def test_option_counts(qtype, options, responses, counts):
    attempts = [
        attempt(n, 50, outcome("q", 0, qtype=qtype, response=r, options=options))
        for n, r in enumerate(responses)
    ]
    (q,) = stats.question_statistics(attempts)
    assert q.is_choice
    assert {o.id: o.count for o in q.options} == counts
    assert [o.id for o in q.options] == [o.id for o in options]  # the key's order
    assert {o.id: o.share for o in q.options} == {k: F(v, 4) for k, v in counts.items()}
    assert q.unanswered == sum(1 for r in responses if r in (None, []))
    assert [o.correct for o in q.options] == [o.correct for o in options]


def test_the_graded_answered_flag_wins_over_the_response():
    blank = QuestionOutcome("q", "single", 1, F(0), response="  ", options=SINGLE, answered=False)
    (q,) = stats.question_statistics([attempt(1, 0, blank)])
    assert (q.answered, q.unanswered) == (0, 1)
    assert [o.count for o in q.options] == [0, 0, 0]


def test_latest_attempt_gives_the_stem_the_option_texts_and_the_order():
    old = attempt(
        1,
        50,
        outcome("q1", 1, stem="<p>Old q1</p>"),
        outcome("gone", 1, stem="<p>Removed since</p>"),
        outcome(
            "q2",
            0,
            qtype="single",
            response="old-option",
            stem="<p>Old q2</p>",
            options=(OptionText("a", "Old text", True), OptionText("old-option", "Dropped")),
        ),
    )
    new = attempt(
        2,
        80,
        outcome(
            "q2",
            1,
            qtype="single",
            response="a",
            stem="<p>New q2</p>",
            options=(OptionText("a", "New text", True), OptionText("b", "Added")),
        ),
        outcome("q1", 1, stem="<p>New <i>q1</i></p>"),
    )
    questions = stats.question_statistics([new, old])  # any input order
    assert [q.question_id for q in questions] == ["q2", "q1", "gone"]
    q = by_id(questions)
    assert q["q1"].stem_text == "New q1"
    assert q["gone"].stem_text == "Removed since"
    assert [(o.id, o.text, o.count) for o in q["q2"].options] == [
        ("a", "New text", 1),
        ("b", "Added", 0),
        ("old-option", "Dropped", 1),
    ]


def test_most_failed_sorts_by_facility_ascending():
    attempts = [
        attempt(1, 60, outcome("easy", 1), outcome("hard", 0), outcome("mid", 1)),
        attempt(2, 40, outcome("easy", 1), outcome("hard", 0), outcome("mid", 0)),
        attempt(3, 30, outcome("easy", 1), outcome("hard", F(1, 2)), outcome("never", 0)),
    ]
    questions = stats.question_statistics(attempts)
    ordered = [q.question_id for q in stats.most_failed(questions)]
    # never: 0/1 and mean 0; hard: 0/3 but mean 1/6; mid: 1/2; easy: 3/3.
    assert ordered == ["never", "hard", "mid", "easy"]
    assert [q.question_id for q in stats.most_failed(questions, limit=2)] == ["never", "hard"]


def test_question_csv_row():
    attempts = [
        attempt(
            1,
            100,
            outcome("o-1", 1, qtype="single", response="a", stem="<p>=Forged?</p>", options=SINGLE),
        )
    ]
    (q,) = stats.question_statistics(attempts)
    assert stats.question_csv_row(1, q) == (
        "1",
        "o-1",
        "'=Forged?",
        "single",
        "1",
        "1",
        "1",
        "100.0",
        "",
        "100.0",
        "Passport A: 1; Visa B: 0; Permit C: 0",
    )


# --- Knowledge gain ---------------------------------------------------------------------------

P1, P2 = stats.Unit("th-a", "Aranyaprathet"), stats.Unit("kh-p", "Poipet")
X = stats.Unit("x", "Immigration Bureau")
TH, KH = stats.Unit("TH", "Thailand"), stats.Unit("KH", "Cambodia")
OFFICERS = [
    stats.Officer(id=1, name="Anan", post=P1, agency=X, country=TH),
    stats.Officer(id=2, name="Boonmee", post=P1, agency=None, country=TH),
    stats.Officer(id=3, name="Chan", post=P2, agency=X, country=KH),
    stats.Officer(id=4, name="Dara", post=P2, agency=X, country=KH),
]
PRE = [
    attempt(2, 80, learner=1),  # Anan's retake: not counted
    attempt(1, 40, learner=1),  # Anan's first
    attempt(3, 50, learner=2),
    attempt(4, 30, learner=3),
    attempt(5, 20, learner=4),  # Dara never took the post-test
]
POST = [
    attempt(10, 60, learner=1),
    attempt(11, 90, learner=1),  # Anan's best
    attempt(12, 70, learner=2),
    attempt(13, 60, learner=3),  # Chan's best, though earlier
    attempt(14, 45, learner=3),
]


def group(g):
    return (g.unit.label if g.unit else None, g.officers, g.mean_pre, g.mean_post, g.mean_gain)


def test_gain_per_officer_first_pre_best_post():
    gain = stats.knowledge_gain(officers=OFFICERS, pre=PRE, post=POST)
    rows = [(r.officer.name, r.pre, r.post, r.gain) for r in gain.officers]
    assert rows == [
        ("Anan", 40, 90, 50),
        ("Boonmee", 50, 70, 20),
        ("Chan", 30, 60, 30),
        ("Dara", 20, None, None),
    ]
    assert (gain.officers[3].gain_text, gain.officers[0].gain_text) == ("", "50.0")


def test_gain_averages_by_post_agency_and_country():
    gain = stats.knowledge_gain(officers=OFFICERS, pre=PRE, post=POST)
    assert group(gain.overall) == (None, 3, F(40), F(220, 3), F(100, 3))
    assert gain.overall.mean_gain_text == "33.3"
    assert [group(g) for g in gain.by_post] == [
        ("Aranyaprathet", 2, F(45), F(80), F(35)),
        ("Poipet", 1, F(30), F(60), F(30)),  # Dara has no gain: not counted
    ]
    assert [group(g) for g in gain.by_agency] == [
        ("Immigration Bureau", 2, F(35), F(75), F(40)),
        (None, 1, F(50), F(70), F(20)),  # no agency: its own group, last
    ]
    assert [group(g) for g in gain.by_country] == [
        ("Cambodia", 1, F(30), F(60), F(30)),
        ("Thailand", 2, F(45), F(80), F(35)),
    ]


@pytest.mark.parametrize(
    ("pre", "post"),
    [([], []), (PRE, []), ([], POST)],
)
def test_gain_without_both_tests_has_no_averages(pre, post):
    gain = stats.knowledge_gain(officers=OFFICERS, pre=pre, post=post)
    assert group(gain.overall) == (None, 0, None, None, None)
    assert gain.by_post == gain.by_agency == gain.by_country == ()
    assert all(r.gain is None for r in gain.officers)


def test_gain_negative_and_unknown_officers_ignored():
    gain = stats.knowledge_gain(
        officers=OFFICERS[:1],
        pre=[attempt(1, 90, learner=1), attempt(2, 10, learner=99)],
        post=[attempt(3, 60, learner=1), attempt(4, 100, learner=99)],
    )
    assert [(r.officer.id, r.gain) for r in gain.officers] == [(1, -30)]
    assert gain.overall.mean_gain_text == "-30.0"


def test_gain_csv_row():
    gain = stats.knowledge_gain(officers=OFFICERS, pre=PRE, post=POST)
    assert stats.gain_csv_row(gain.officers[1]) == (
        "Boonmee",
        "",
        "Aranyaprathet",
        "",
        "Thailand",
        "50.0",
        "70.0",
        "20.0",
    )
