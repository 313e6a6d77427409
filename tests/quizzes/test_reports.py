"""Quiz statistics from real attempts (started and submitted through the services), and the
admin pages and CSV files trainers read them in; nobody else may."""

import csv
import io
from fractions import Fraction

import pytest
from django.urls import reverse

from learning import services as learning
from modules.models import QuizPage
from officers.models import Agency
from quizzes import reports
from quizzes.models import QuizAttempt
from tests.answering import responses_for
from tests.quizzes.conftest import build_quiz

BOM = b"\xef\xbb\xbf"


def take(learner, quiz, **answers):
    attempt = learning.quiz_start(learner=learner, quiz=quiz)
    submission, _records = learning.quiz_submit(
        learner=learner, attempt=attempt, responses=responses_for(attempt.snapshot, **answers)
    )
    return submission


def course_test(course, kind, **settings):
    """The course's pre-test or post-test: a quiz placed directly in the course."""
    page = QuizPage(title=f"The {kind}-test", slug=f"{kind}-test", test_kind=kind, pass_mark=70)
    course.add_child(instance=page)
    return build_quiz(page, **settings)


def enrol(course, *learners):
    for learner in learners:
        learning.enrolment_create(learner=learner, course=course, actor=learner)


@pytest.fixture
def taken(course_tree, people):
    """Four graded attempts at a module quiz (10 points: 7 own questions, 2 drawn from a bank
    of 3): 100%, 0%, 90% (the single choice wrong), 0% (a retake)."""
    quiz = build_quiz(course_tree.quizzes[0])
    officers = people["learner"], people["learner_kh"], people["learner_la"]
    enrol(course_tree.course, *officers)
    grades = [
        take(people["learner"], quiz),
        take(people["learner_kh"], quiz, right=False),
        take(people["learner_la"], quiz, wrong={"single"}),
        take(people["learner"], quiz, right=False),
    ]
    assert [s.percent for s in grades] == [100, 0, 90, 0]
    return quiz


@pytest.fixture
def gain_course(course_tree, people):
    """A pre-test (10 points) and a post-test (8 points, no bank) in one course, taken by
    three officers at three posts; one of them without an agency, one without a post-test."""
    pre = course_test(course_tree.course, "pre")
    post = course_test(course_tree.course, "post", with_bank=False)
    th, kh, la = people["learner"], people["learner_kh"], people["learner_la"]
    th.agency = Agency.objects.create(name="Immigration Bureau", country="TH")
    th.save()
    enrol(course_tree.course, th, kh, la)
    take(th, pre, right=False)  # first pre-test: 0, the one that counts
    take(th, pre)  # a retake: 100, not counted
    take(th, post)  # 100: the best
    take(th, post, right=False)
    take(kh, pre, right=False)  # 0
    take(kh, post, wrong={"single"})  # 7 of 8: 87.5
    take(la, pre)  # 100, never took the post-test
    return course_tree.course


def quiz_urls(quiz):
    return [
        reverse("quiz_stats:index"),
        reverse("quiz_stats:quiz", args=[quiz.pk]),
        reverse("quiz_stats:questions_csv", args=[quiz.pk]),
    ]


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- Selectors --------------------------------------------------------------------------------


def test_quiz_report_from_real_attempts(taken):
    report = reports.quiz_report(quiz=taken)
    assert (report.summary.attempts, report.summary.officers) == (4, 3)
    assert report.summary.mean_percent == Fraction("47.5")
    assert report.summary.pass_rate == Fraction(1, 2)
    drawn = {q["id"] for a in QuizAttempt.objects.all() for q in a.snapshot["questions"]}
    assert {q.question_id for q in report.questions} == drawn
    questions = {q.type: q for q in report.questions if q.question_id.startswith("o-")}
    single = questions["single"]
    assert single.stem_text == "Which document is forged?"
    assert (single.drawn, single.facility, single.mean_share) == (4, Fraction(1, 4), Fraction(1, 4))
    # Groups of 1: the 100% attempt had it right; the weakest (0%) did not.
    assert single.discrimination == 1
    assert [(o.text, o.correct, o.count) for o in single.options] == [
        ("Passport A", True, 1),
        ("Visa B", False, 3),  # every wrong answer picked the first wrong option
        ("Permit C", False, 0),
    ]
    multiple = questions["multiple"]
    assert (multiple.points, multiple.facility) == (2, Fraction(1, 2))
    assert [(o.text, o.count) for o in multiple.options] == [
        ("Debt bondage", 2),
        ("Confiscated passport", 2),
        ("Holiday luggage", 2),
    ]
    true_false = questions["true_false"]
    assert [(o.id, o.correct, o.count) for o in true_false.options] == [
        ("true", False, 2),
        ("false", True, 2),
    ]
    assert questions["numeric"].options == ()
    # Lowest facility first: the single choice (1/4) before every other own question (2/4); a
    # bank question drawn only by the two 0% attempts would come first, at 0.
    failed = [q.question_id for q in report.most_failed]
    assert [q.facility for q in report.most_failed] == sorted(
        q.facility for q in report.most_failed
    )
    own = [qid for qid in failed if qid.startswith("o-")]
    assert own[0] == single.question_id


def test_quiz_overview_lists_live_quizzes_with_their_figures(taken, course_tree):
    overview = reports.quiz_overview()
    rows = {row.quiz.pk: row for row in overview.quizzes}
    assert set(rows) == {q.pk for q in course_tree.quizzes}
    assert rows[taken.pk].course.pk == course_tree.course.pk
    assert (rows[taken.pk].summary.attempts, rows[taken.pk].summary.mean_percent_text) == (
        4,
        "47.5",
    )
    assert rows[course_tree.quizzes[1].pk].summary.attempts == 0
    assert overview.gain_courses == ()


def test_course_gain_report(gain_course, people):
    report = reports.course_gain_report(course=gain_course)
    gain = report.gain
    rows = {r.officer.username: (r.pre, r.post, r.gain) for r in gain.officers}
    assert rows == {
        "learner": (0, 100, 100),
        "learner_kh": (0, Fraction("87.5"), Fraction("87.5")),
        "learner_la": (100, None, None),
    }
    overall = gain.overall
    assert (overall.officers, overall.mean_pre, overall.mean_post, overall.mean_gain) == (
        2,
        0,
        Fraction("93.75"),
        Fraction("93.75"),
    )
    assert [(g.unit.label, g.officers, g.mean_gain) for g in gain.by_post] == [
        ("Aranyaprathet", 1, 100),
        ("Poipet", 1, Fraction("87.5")),
    ]
    assert [(g.unit and g.unit.label, g.mean_gain) for g in gain.by_agency] == [
        ("Immigration Bureau", 100),
        (None, Fraction("87.5")),
    ]
    assert [(g.unit.key, g.mean_gain) for g in gain.by_country] == [
        ("KH", Fraction("87.5")),  # Cambodia before Thailand
        ("TH", 100),
    ]
    assert reports.quiz_overview().gain_courses[0].course.pk == gain_course.pk


def test_course_without_both_tests_has_no_gain(course_tree):
    report = reports.course_gain_report(course=course_tree.course)
    assert (report.pre, report.post, report.gain) == (None, None, None)


# --- Views as a trainer -----------------------------------------------------------------------


def test_trainer_sees_the_list_with_figures_and_the_menu_item(taken, login, people):
    client = login(people["trainer"])
    response = client.get(reverse("quiz_stats:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert taken.title in html and reverse("quiz_stats:quiz", args=[taken.pk]) in html
    assert "47.5" in html and "50.0" in html  # mean grade, pass rate
    assert "Quiz statistics" in client.get("/admin/").content.decode()


def test_trainer_sees_the_per_question_page(taken, login, people):
    response = login(people["trainer"]).get(reverse("quiz_stats:quiz", args=[taken.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Which document is forged?",
        "Questions most often failed",
        "Visa B",  # an option, with how often it was chosen
        "75.0",  # its share of the attempts
        "25.0",  # the single choice's facility
        "1.00",  # and its discrimination
        reverse("quiz_stats:questions_csv", args=[taken.pk]),
    ]:
        assert text in html, text


def test_questions_csv_has_a_bom_a_header_and_one_row_per_question(taken, login, people):
    response = login(people["trainer"]).get(reverse("quiz_stats:questions_csv", args=[taken.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Number", "Question id", "Question"]
    drawn = {q["id"] for a in QuizAttempt.objects.all() for q in a.snapshot["questions"]}
    assert len(body) == len(drawn)
    assert {row[1] for row in body} == drawn
    assert all(len(row) == len(header) for row in body)
    single = next(row for row in body if row[2] == "Which document is forged?")
    assert single[3:] == ["single", "1", "4", "4", "25.0", "1.00", "25.0",
                          "Passport A: 1; Visa B: 3; Permit C: 0"]  # fmt: skip


def test_a_quiz_without_attempts(course_tree, login, people):
    quiz = course_tree.quizzes[1]
    client = login(people["trainer"])
    response = client.get(reverse("quiz_stats:quiz", args=[quiz.pk]))
    assert response.status_code == 200
    assert "No graded attempts at this quiz yet." in response.content.decode()
    assert read_csv(client.get(reverse("quiz_stats:questions_csv", args=[quiz.pk])))[1:] == []


def test_not_a_quiz_is_not_found(course_tree, login, people):
    client = login(people["trainer"])
    lesson = course_tree.lessons[0]
    assert client.get(reverse("quiz_stats:quiz", args=[lesson.pk])).status_code == 404
    assert client.get(reverse("quiz_stats:course_gain", args=[lesson.pk])).status_code == 404


@pytest.mark.parametrize("who", ["trainer", "admin"])
def test_trainers_and_administrators_see_the_knowledge_gain(gain_course, login, people, who):
    client = login(people[who])
    response = client.get(reverse("quiz_stats:course_gain", args=[gain_course.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["สมชาย ใจดี", "Aranyaprathet", "Poipet", "Immigration Bureau", "93.8", "87.5"]:
        assert text in html, text
    rows = read_csv(client.get(reverse("quiz_stats:course_gain_csv", args=[gain_course.pk])))
    assert rows[0][0] == "Officer" and len(rows) == 4
    thai = next(row for row in rows if row[1] == "learner")
    assert thai == ["สมชาย ใจดี", "learner", "Aranyaprathet", "Immigration Bureau", "Thailand",
                    "0.0", "100.0", "100.0"]  # fmt: skip


def test_gain_page_of_a_course_without_tests(course_tree, login, people):
    client = login(people["trainer"])
    response = client.get(reverse("quiz_stats:course_gain", args=[course_tree.course.pk]))
    assert response.status_code == 200
    assert "needs a published pre-test and a published post-test" in response.content.decode()
    url = reverse("quiz_stats:course_gain_csv", args=[course_tree.course.pk])
    assert len(read_csv(client.get(url))) == 1


# --- Nobody else ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "learner", "coordinator"])
def test_others_are_refused(taken, course_tree, client, people, who):
    if who != "anonymous":
        client.force_login(people[who])
    course = course_tree.course
    urls = quiz_urls(taken) + [
        reverse("quiz_stats:course_gain", args=[course.pk]),
        reverse("quiz_stats:course_gain_csv", args=[course.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("wagtailadmin_login")), url
        assert b"47.5" not in response.content and BOM not in response.content
