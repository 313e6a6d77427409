"""Quiz summaries and knowledge gain counted in the database give the very figures the
statistics computed from every submission loaded into Python (the way they were computed
before), on attempts taken through the services: retakes, failures and officers who took only
one of the two tests."""

from __future__ import annotations

import json

import pytest

from officers.models import User
from officers.services import officer_create
from quizzes import reports
from quizzes import statistics as stats
from tests.conftest import PASSWORD
from tests.quizzes.conftest import build_quiz
from tests.quizzes.test_reports import course_test, enrol, take

# For each officer: (answers at the pre-test, in order), (answers at the post-test, in order).
# "right" answers everything right, "wrong" nothing, "single" gets the single choice wrong.
PLAN = {
    "o1": (["wrong", "right"], ["right", "wrong"]),
    "o2": (["single"], ["single", "right"]),
    "o3": (["right"], []),
    "o4": ([], ["wrong"]),
    "o5": (["wrong", "wrong", "single"], ["wrong", "single", "wrong"]),
    "o6": (["single", "right"], ["right"]),
}


def answers(kind: str) -> dict:
    return {"right": {}, "wrong": {"right": False}, "single": {"wrong": {"single"}}}[kind]


@pytest.fixture
def tested_course(course_tree, posts):
    pre = course_test(course_tree.course, "pre")
    post = course_test(course_tree.course, "post", with_bank=False)
    officers = {}
    for n, (name, (pre_plan, post_plan)) in enumerate(sorted(PLAN.items())):
        officer = officer_create(
            username=name,
            password=PASSWORD,
            full_name_latin=f"Officer {name}",
            post=posts[("th", "kh", "la")[n % 3]],
        )
        officers[name] = officer
        enrol(course_tree.course, officer)
        for kind in pre_plan:
            take(officer, pre, **answers(kind))
        for kind in post_plan:
            take(officer, post, **answers(kind))
    module_quiz = build_quiz(course_tree.quizzes[0])
    for name in ("o1", "o2", "o5"):
        take(officers[name], module_quiz, **answers("single"))
    take(officers["o5"], module_quiz, right=False)
    return {"course": course_tree.course, "pre": pre, "post": post, "quiz": module_quiz}


def loaded_summary(quiz) -> stats.QuizSummary:
    """The summary the old way: every submission loaded, the arithmetic in Python."""
    return stats.quiz_summary(
        reports.graded_attempts(quiz_key=quiz.translation_key, with_questions=False)
    )


def test_quiz_summaries_counted_in_the_database_equal_the_loaded_ones(tested_course):
    quizzes = [tested_course[k] for k in ("pre", "post", "quiz")]
    counted = reports.summaries(q.translation_key for q in quizzes)
    for quiz in quizzes:
        old = loaded_summary(quiz)
        assert old.attempts > 1
        assert counted[quiz.translation_key] == old
    overview = {row.quiz.pk: row.summary for row in reports.quiz_overview().quizzes}
    assert all(overview[q.pk] == loaded_summary(q) for q in quizzes)


def test_knowledge_gain_picked_in_the_database_equals_the_loaded_one(tested_course):
    pre, post = tested_course["pre"], tested_course["post"]
    old_pre = reports.graded_attempts(quiz_key=pre.translation_key, with_questions=False)
    old_post = reports.graded_attempts(quiz_key=post.translation_key, with_questions=False)
    ids = {a.learner_id for a in old_pre} | {a.learner_id for a in old_post}
    old = stats.knowledge_gain(officers=reports._officers(ids), pre=old_pre, post=old_post)

    new = reports.course_gain_report(course=tested_course["course"]).gain
    assert new == old
    assert len(new.officers) == 6 and new.overall.officers == 4
    by_name = {row.officer.username: row for row in new.officers}
    assert by_name["o1"].pre == 0 and by_name["o1"].post == 100  # first pre, best post
    assert by_name["o3"].gain is None and by_name["o4"].gain is None


def test_knowledge_gain_summed_in_the_database_equals_the_loaded_one(tested_course, posts):
    # The coordinator's dashboard asks only the overall figures over the officers in scope:
    # summed in the database, they are the very figures computed from every graded attempt
    # loaded into Python (retakes, officers with one test only), for everyone and for a scope.
    pre, post = tested_course["pre"], tested_course["post"]
    old_pre = reports.graded_attempts(quiz_key=pre.translation_key, with_questions=False)
    old_post = reports.graded_attempts(quiz_key=post.translation_key, with_questions=False)
    everyone = User.objects.filter(username__in=PLAN)
    scopes = {
        "everyone": everyone,
        "two posts": everyone.filter(post__in=[posts["th"], posts["la"]]),
        "one officer without a post-test": everyone.filter(username="o3"),
    }
    found = {}
    for name, learners in scopes.items():
        ids = set(learners.values_list("pk", flat=True))
        old = stats.knowledge_gain(officers=reports._officers(ids), pre=old_pre, post=old_post)
        found[name] = reports.course_gain_overall(course=tested_course["course"], learners=learners)
        assert found[name] == old.overall, name
    assert found["everyone"].officers == 4 and found["everyone"].mean_gain > 0
    assert 0 < found["two posts"].officers < 4
    assert found["one officer without a post-test"].officers == 0


def test_question_statistics_counted_in_the_database_equal_the_loaded_ones(tested_course):
    # Retakes, wrong and right answers, a single choice got wrong, a bank that draws questions
    # for some attempts only: every figure a trainer reads per question is the same, in the
    # same order (the module quiz draws from a bank: not every attempt drew every question).
    for name in ("pre", "post", "quiz"):
        quiz = tested_course[name]
        loaded = stats.question_statistics(reports.graded_attempts(quiz_key=quiz.translation_key))
        counted = reports.question_statistics(quiz_key=quiz.translation_key)
        assert len(loaded) > 5 and counted == loaded
        assert any(q.discrimination is not None for q in counted)
        assert any(o.count for q in counted for o in q.options)
    report = reports.quiz_report(quiz=tested_course["quiz"])
    assert report.summary == loaded_summary(tested_course["quiz"])
    assert report.questions == stats.question_statistics(
        reports.graded_attempts(quiz_key=tested_course["quiz"].translation_key)
    )


def test_an_option_removed_or_reworded_later_keeps_its_count(tested_course):
    # A trainer removes the wrong option officers chose and rewords another; officers take the
    # quiz again. The report still counts the removed option, after the current ones, and
    # shows the reworded one's new text: as when every submission was loaded.
    quiz = tested_course["quiz"]
    blocks = [dict(block) for block in quiz.questions.raw_data]
    single = next(b for b in blocks if b["type"] == "own_single")
    options = single["value"]["options"]
    chosen_before = {
        o.text
        for q in reports.question_statistics(quiz_key=quiz.translation_key)
        for o in q.options
        if o.count and not o.correct
    }
    removed = next(o for o in options if o["value"]["text"] in chosen_before)
    kept = [o for o in options if o is not removed]
    reworded = next(o for o in kept if not o["value"]["correct"])
    reworded["value"] = {**reworded["value"], "text": "Residence permit C"}
    single["value"] = {**single["value"], "options": kept}
    quiz.questions = json.dumps(blocks)
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    for name in ("o2", "o6"):
        take(User.objects.get(username=name), quiz, **answers("single"))

    loaded = stats.question_statistics(reports.graded_attempts(quiz_key=quiz.translation_key))
    counted = reports.question_statistics(quiz_key=quiz.translation_key)
    assert counted == loaded
    shown = next(q for q in counted if "forged" in q.stem).options
    texts = [o.text for o in shown]
    assert texts[-1] == removed["value"]["text"] and shown[-1].count > 0
    assert "Residence permit C" in texts and texts.count(removed["value"]["text"]) == 1


def test_question_statistics_of_a_quiz_nobody_took(tested_course, course_tree):
    quiz = build_quiz(course_tree.quizzes[1])
    assert reports.question_statistics(quiz_key=quiz.translation_key) == ()
    assert reports.quiz_report(quiz=quiz).summary.attempts == 0
