"""Reads for the trainers' quiz statistics: graded attempts from the records, turned into plain
data for ``statistics`` (which does all the arithmetic), returned as frozen dataclasses.

Attempts are found by the quiz's translation key, so a quiz's figures cover every language it
was taken in. Only graded attempts (those with a submission, including those the server closed
when the time ran out) count; open attempts are left out.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import connection
from django.db.models import Count, F, Max, Q, QuerySet, Sum, Window
from django.db.models.functions import FirstValue
from wagtail.models import Locale

from courses.models import CoursePage
from modules.models import QuizPage, TestKind
from officers.countries import COUNTRY_NAMES
from officers.models import User

from . import statistics as stats
from . import wording
from .models import QuizAttempt, QuizSubmission
from .qtypes import qtype

MOST_FAILED_LIMIT = 10


def _fraction(value) -> Fraction:
    return Fraction(Decimal(str(value)))


def _options(q: dict) -> tuple[stats.OptionText, ...]:
    """A choice question's options in the key's (authoring) order, with the text shown."""
    return tuple(
        stats.OptionText(oid, text, correct)
        for oid, text, correct in qtype(q["type"]).choices(q, wording.words())
    )


def _graded(submission: QuizSubmission, *, with_questions: bool) -> stats.GradedAttempt:
    attempt = submission.attempt
    questions: tuple[stats.QuestionOutcome, ...] = ()
    if with_questions:
        scores = submission.question_scores or {}
        responses = submission.responses or {}
        questions = tuple(
            stats.QuestionOutcome(
                question_id=q["id"],
                type=q["type"],
                points=int(scores.get(q["id"], {}).get("points", q["points"])),
                score=_fraction(scores.get(q["id"], {}).get("score", "0")),
                response=responses.get(q["id"]),
                stem=q["view"].get("stem", ""),
                options=_options(q),
                answered=scores.get(q["id"], {}).get("answered"),
            )
            for q in attempt.snapshot.get("questions", [])
        )
    return stats.GradedAttempt(
        attempt_id=str(attempt.id),
        learner_id=attempt.learner_id,
        started_at=attempt.recorded_at,
        percent=_fraction(submission.percent),
        passed=submission.passed,
        questions=questions,
    )


def _submissions(quiz_keys: Iterable[uuid.UUID], *, with_questions: bool):
    fields = [
        "percent",
        "passed",
        "attempt",
        "attempt__id",
        "attempt__learner_id",
        "attempt__recorded_at",
        "attempt__quiz_key",
    ]
    if with_questions:
        fields += ["responses", "question_scores", "attempt__snapshot"]
    return (
        QuizSubmission.objects.filter(attempt__quiz_key__in=list(quiz_keys))
        .select_related("attempt")
        .only(*fields)
    )


def graded_attempts(*, quiz_key: uuid.UUID, with_questions: bool = True):
    """Every graded attempt at the quiz with this translation key, as ``statistics`` data."""
    return [
        _graded(s, with_questions=with_questions)
        for s in _submissions([quiz_key], with_questions=with_questions)
    ]


def summaries(quiz_keys: Iterable[uuid.UUID]) -> dict[uuid.UUID, stats.QuizSummary]:
    """Each quiz's attempts, officers, mean grade and pass rate, counted in the database (one
    query, whatever the number of submissions); a quiz without graded attempts has no key."""
    totals = (
        QuizSubmission.objects.filter(attempt__quiz_key__in=list(quiz_keys))
        .values("attempt__quiz_key")
        .annotate(
            attempts=Count("pk"),
            officers=Count("attempt__learner", distinct=True),
            percent_total=Sum("percent"),
            passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    return {
        row["attempt__quiz_key"]: stats.quiz_summary_of_totals(
            attempts=row["attempts"],
            officers=row["officers"],
            percent_total=_fraction(row["percent_total"]),
            passed=row["passed"],
        )
        for row in totals
    }


def _course_of(page, courses: list[CoursePage]) -> CoursePage | None:
    return next((c for c in courses if page.path.startswith(c.path)), None)


# --- The list of quizzes ------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizRow:
    quiz: QuizPage
    course: CoursePage | None
    summary: stats.QuizSummary


@dataclass(frozen=True)
class CourseWithGain:
    course: CoursePage
    pre: QuizPage
    post: QuizPage


@dataclass(frozen=True)
class QuizOverview:
    quizzes: tuple[QuizRow, ...]  # in page-tree order
    gain_courses: tuple[CourseWithGain, ...]  # courses with a live pre-test and post-test


def quiz_overview() -> QuizOverview:
    """Live quizzes in the default language, each with attempts, mean grade and pass rate over
    every language; and the courses whose knowledge gain can be measured. Three queries."""
    locale = Locale.get_default()
    quizzes = list(QuizPage.objects.live().filter(locale=locale).order_by("path"))
    courses = list(CoursePage.objects.filter(locale=locale).order_by("path"))
    counted = summaries(q.translation_key for q in quizzes)
    none = stats.quiz_summary([])
    rows = tuple(
        QuizRow(
            quiz=q,
            course=_course_of(q, courses),
            summary=counted.get(q.translation_key, none),
        )
        for q in quizzes
    )
    gain = []
    for course in courses:
        tests = [r.quiz for r in rows if r.course is not None and r.course.pk == course.pk]
        pre = next((q for q in tests if q.test_kind == TestKind.PRE), None)
        post = next((q for q in tests if q.test_kind == TestKind.POST), None)
        if pre is not None and post is not None:
            gain.append(CourseWithGain(course=course, pre=pre, post=post))
    return QuizOverview(quizzes=rows, gain_courses=tuple(gain))


# --- One quiz ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizReport:
    quiz: QuizPage
    course: CoursePage | None
    summary: stats.QuizSummary
    questions: tuple[stats.QuestionStats, ...]
    most_failed: tuple[stats.QuestionStats, ...]  # lowest facility first, at most 10


def quiz_report(*, quiz: QuizPage) -> QuizReport:
    """A quiz's figures and its per-question statistics, over its graded attempts in every
    language (questions are matched by their stable id across attempts), counted in the
    database (``summaries``, ``question_statistics``)."""
    questions = question_statistics(quiz_key=quiz.translation_key)
    return QuizReport(
        quiz=quiz,
        course=CoursePage.objects.ancestor_of(quiz).first(),
        summary=summaries([quiz.translation_key]).get(quiz.translation_key, stats.quiz_summary([])),
        questions=questions,
        most_failed=stats.most_failed(questions, limit=MOST_FAILED_LIMIT),
    )


# --- Per question, counted in the database ------------------------------------------------------

# Each graded attempt's questions, one row per question it drew (its ``question_scores``
# unnested): question id, attempt, start, grade, score, points, "answered" (JSON text, NULL when
# not said) and the response (JSON text). The two databases name their JSON functions apart.
_DRAWN = {
    "postgresql": """
        SELECT q.key AS qid, a.id AS attempt_id, a.recorded_at, a.content_revision,
               a.content_locale, s.percent, q.value ->> 'score' AS score,
               (q.value ->> 'points')::integer AS points,
               (q.value -> 'answered')::text AS answered, (s.responses -> q.key)::text AS response
        FROM quizzes_quizsubmission s
        JOIN quizzes_quizattempt a ON a.id = s.attempt_id
        CROSS JOIN LATERAL jsonb_each(s.question_scores) q
        WHERE a.quiz_key = %s""",
    "sqlite": """
        SELECT q.key AS qid, a.id AS attempt_id, a.recorded_at, a.content_revision,
               a.content_locale, s.percent, json_extract(q.value, '$.score') AS score,
               CAST(json_extract(q.value, '$.points') AS integer) AS points,
               q.value -> '$.answered' AS answered,
               s.responses -> ('$."' || q.key || '"') AS response
        FROM quizzes_quizsubmission s
        JOIN quizzes_quizattempt a ON a.id = s.attempt_id, json_each(s.question_scores) q
        WHERE a.quiz_key = %s""",
}

# The upper and lower groups of ``statistics.discrimination_index``: attempts ranked by grade,
# highest first, equal grades in chronological order; k = 27% of n, rounded half up.
_RANKED = """
    WITH drawn AS ({drawn}), ranked AS (
        SELECT drawn.*,
               ROW_NUMBER() OVER (
                   PARTITION BY qid ORDER BY percent DESC, recorded_at, attempt_id
               ) AS place,
               COUNT(*) OVER (PARTITION BY qid) AS n,
               ROW_NUMBER() OVER (
                   PARTITION BY qid ORDER BY recorded_at DESC, attempt_id DESC
               ) AS newest
        FROM drawn
    )"""

# Constant SQL text only; every value is a query parameter.
_LATEST = _RANKED + " SELECT qid, attempt_id FROM ranked WHERE newest = 1"  # noqa: S608

# Each version of a choice question (the content revision and language an attempt drew it
# from): the latest attempt that drew it, for the options it had there.
_VERSIONS = """
    WITH drawn AS ({drawn}), versions AS (
        SELECT qid, attempt_id,
               ROW_NUMBER() OVER (
                   PARTITION BY qid, content_revision, content_locale
                   ORDER BY recorded_at DESC, attempt_id DESC
               ) AS newest
        FROM drawn WHERE qid IN ({choice})
    )
    SELECT qid, attempt_id FROM versions WHERE newest = 1"""

_COUNTED = (
    _RANKED  # noqa: S608
    + """
    SELECT qid, score, points, answered,
           CASE WHEN response IS NULL OR response IN ('null', '""', '[]', '{{}}') THEN 1 ELSE 0 END,
           CASE WHEN qid IN ({choice}) THEN response END,
           CASE WHEN place <= (27 * n + 50) / 100 THEN 1 ELSE 0 END,
           CASE WHEN place > n - (27 * n + 50) / 100 THEN 1 ELSE 0 END,
           COUNT(*)
    FROM ranked
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"""
)


def _json(text: str | None) -> object:
    return None if text is None else json.loads(text)


def _latest_outcomes(quiz_key_db, vendor: str) -> dict[str, tuple[int, int, dict, dict]]:
    """Each question's latest attempt: (the attempt's place, newest first; the question's place
    in it; the question as that attempt drew it; its score there)."""
    with connection.cursor() as cursor:
        cursor.execute(_LATEST.format(drawn=_DRAWN[vendor]), [quiz_key_db])
        latest = dict(cursor.fetchall())
    field = QuizAttempt._meta.get_field("id")
    attempts = (
        QuizAttempt.objects.filter(pk__in={field.to_python(a) for a in latest.values()})
        .select_related("submission")
        .only("id", "recorded_at", "snapshot", "submission__question_scores")
        .order_by("-recorded_at", "-id")
    )
    found = {}
    for order, attempt in enumerate(attempts):
        scores = attempt.submission.question_scores or {}
        for place, q in enumerate(attempt.snapshot.get("questions", [])):
            if field.to_python(latest.get(q["id"])) == attempt.id:
                found[q["id"]] = (order, place, q, scores.get(q["id"], {}))
    return found


def question_statistics(*, quiz_key: uuid.UUID) -> tuple[stats.QuestionStats, ...]:
    """``statistics.question_statistics`` over the quiz's graded attempts, counted in the
    database: two queries group the attempts' questions by score, answer and rank (a few rows
    per question, whatever the number of submissions), and only each question's latest
    attempt is read whole, for its stem, points and options, and, for a choice question, the
    latest attempt of each of its versions (content revision and language), for options since
    removed or reworded. The same figures, in the same order."""
    vendor = connection.vendor if connection.vendor in _DRAWN else "sqlite"
    key = QuizAttempt._meta.get_field("quiz_key").get_db_prep_value(quiz_key, connection)
    latest = _latest_outcomes(key, vendor)
    if not latest:
        return ()
    choice = [qid for qid, (_o, _p, q, _s) in latest.items() if qtype(q["type"]).counts_choices]
    sql = _COUNTED.format(drawn=_DRAWN[vendor], choice=", ".join(["%s"] * len(choice)) or "NULL")
    grouped: dict[str, list[tuple]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [key, *choice])
        for qid, *row in cursor.fetchall():
            grouped[qid].append(tuple(row))
    options = _all_options(key, vendor, choice)
    ordered = sorted(latest, key=lambda qid: latest[qid][:2])
    return tuple(
        _question_counted(latest[qid][2], latest[qid][3], grouped[qid], options.get(qid, ()))
        for qid in ordered
    )


def _all_options(quiz_key_db, vendor: str, choice: list[str]) -> dict[str, tuple]:
    """Each choice question's options over all its versions: the latest version's first, in
    its order, then those only older versions had, with their latest text."""
    if not choice:
        return {}
    sql = _VERSIONS.format(drawn=_DRAWN[vendor], choice=", ".join(["%s"] * len(choice)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [quiz_key_db, *choice])
        versions = cursor.fetchall()
    field = QuizAttempt._meta.get_field("id")
    wanted = defaultdict(set)
    for qid, attempt_id in versions:
        wanted[field.to_python(attempt_id)].add(qid)
    found: dict[str, dict[str, stats.OptionText]] = defaultdict(dict)
    attempts = (
        QuizAttempt.objects.filter(pk__in=wanted)
        .only("id", "recorded_at", "snapshot")
        .order_by("-recorded_at", "-id")
    )
    for attempt in attempts:
        for q in attempt.snapshot.get("questions", []):
            if q["id"] in wanted[attempt.id]:
                for text in _options(q):
                    found[q["id"]].setdefault(text.id, text)
    return {qid: tuple(texts.values()) for qid, texts in found.items()}


def _question_counted(
    q: dict, scored: dict, groups: list[tuple], options: tuple[stats.OptionText, ...]
) -> stats.QuestionStats:
    """One question's ``statistics.QuestionStats`` from its groups (score, points, answered,
    empty response, response of a choice question, in the upper group, in the lower group,
    count) and, for a choice question, its options over all its versions."""
    n = sum(group[-1] for group in groups)
    rules = qtype(q["type"])
    options = options if rules.counts_choices else ()
    chosen = dict.fromkeys((o.id for o in options), 0)
    answered = share = full = upper = lower = 0
    for score_text, points, said, empty, response, in_upper, in_lower, count in groups:
        score = _fraction(score_text or "0")
        was_answered = _json(said) if said is not None else not empty
        answered += count if was_answered else 0
        share += score / points * count
        got_full = score >= points
        full += count if got_full else 0
        upper += count if got_full and in_upper else 0
        lower += count if got_full and in_lower else 0
        if was_answered and response is not None and rules.counts_choices:
            for option_id in rules.counted(_json(response)):
                if option_id in chosen:
                    chosen[option_id] += count
    k = stats.group_size(n)
    return stats.QuestionStats(
        question_id=q["id"],
        type=q["type"],
        points=int(scored.get("points", q["points"])),
        stem=q["view"].get("stem", ""),
        drawn=n,
        answered=answered,
        mean_share=Fraction(share) / n,
        facility=Fraction(full, n),
        discrimination=(
            Fraction(upper - lower, k) if n >= stats.DISCRIMINATION_MIN_ATTEMPTS else None
        ),
        options=tuple(
            stats.OptionCount(
                id=o.id,
                text=o.text,
                correct=o.correct,
                count=chosen[o.id],
                share=Fraction(chosen[o.id], n),
            )
            for o in options
        ),
    )


# --- Knowledge gain ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GainReport:
    course: CoursePage
    pre: QuizPage | None  # the course's pre-test (first in page order), if any
    post: QuizPage | None  # the course's post-test (first in page order), if any
    gain: stats.KnowledgeGain | None  # None without both tests


def _officers(ids: set) -> list[stats.Officer]:
    result = []
    for user in User.objects.filter(pk__in=ids).select_related("post", "agency"):
        post = stats.Unit(user.post.code, user.post.name) if user.post else None
        agency = stats.Unit(str(user.agency.uuid), str(user.agency)) if user.agency else None
        country = (
            stats.Unit(user.country, str(COUNTRY_NAMES.get(user.country, user.country)))
            if user.country
            else None
        )
        result.append(
            stats.Officer(
                id=user.pk,
                name=user.display_name,
                username=user.username,
                post=post,
                agency=agency,
                country=country,
            )
        )
    return result


def _course_test(course: CoursePage, kind: str) -> QuizPage | None:
    return (
        QuizPage.objects.live()
        .descendant_of(course)
        .filter(test_kind=kind)
        .order_by("path")
        .first()
    )


def _graded_at(quiz_key: uuid.UUID, learners: QuerySet[User] | None):
    """The graded attempts at the quiz, of ``learners`` only when given."""
    attempts = QuizSubmission.objects.filter(attempt__quiz_key=quiz_key)
    if learners is not None:
        attempts = attempts.filter(attempt__learner__in=learners.order_by().values("pk"))
    return attempts


def _first_grade_rows(quiz_key: uuid.UUID, learners: QuerySet[User] | None = None):
    """(officer, attempt id, started at, grade) of each officer's first graded attempt at the
    quiz (by start time, then attempt id), picked in the database: one row per officer."""
    first = {
        "partition_by": [F("attempt__learner")],
        "order_by": [F("attempt__recorded_at").asc(), F("attempt__id").asc()],
    }
    return (
        _graded_at(quiz_key, learners)
        .annotate(
            first_percent=Window(FirstValue("percent"), **first),
            first_id=Window(FirstValue("attempt__id"), **first),
            first_at=Window(FirstValue("attempt__recorded_at"), **first),
        )
        .values_list("attempt__learner", "first_id", "first_at", "first_percent")
        .distinct()
    )


def _first_grades(
    quiz_key: uuid.UUID, learners: QuerySet[User] | None = None
) -> list[stats.GradedAttempt]:
    """Each officer's first graded attempt at the quiz (``_first_grade_rows``)."""
    return [
        stats.GradedAttempt(
            attempt_id=str(attempt_id),
            learner_id=learner_id,
            started_at=started_at,
            percent=_fraction(percent),
            passed=False,
        )
        for learner_id, attempt_id, started_at, percent in _first_grade_rows(quiz_key, learners)
    ]


def _best_grade_rows(quiz_key: uuid.UUID, learners: QuerySet[User] | None = None):
    """(officer, grade, latest start) of each officer's best grade at the quiz, counted in the
    database: one row per officer."""
    return (
        _graded_at(quiz_key, learners)
        .values("attempt__learner")
        .annotate(best=Max("percent"), at=Max("attempt__recorded_at"))
        .values_list("attempt__learner", "best", "at")
        .order_by()
    )


def _best_grades(
    quiz_key: uuid.UUID, learners: QuerySet[User] | None = None
) -> list[stats.GradedAttempt]:
    """Each officer's best grade at the quiz (``_best_grade_rows``)."""
    return [
        stats.GradedAttempt(
            attempt_id="",
            learner_id=learner_id,
            started_at=at,
            percent=_fraction(best),
            passed=False,
        )
        for learner_id, best, at in _best_grade_rows(quiz_key, learners)
    ]


def course_gain_report(*, course: CoursePage) -> GainReport:
    """Knowledge gain for ``course``: its live pre-test and post-test (the first of each in page
    order), every officer's first pre-test grade and best post-test grade
    (``statistics.knowledge_gain`` states the rule) and the averages by post, agency and
    country. Grades from every language count. The first and the best grade are picked in the
    database (one row per officer, not one per attempt); ``knowledge_gain`` then sees one
    attempt per officer and test, which gives the same figures."""
    pre, post = _course_test(course, TestKind.PRE), _course_test(course, TestKind.POST)
    if pre is None or post is None:
        return GainReport(course=course, pre=pre, post=post, gain=None)
    pre_attempts = _first_grades(pre.translation_key)
    post_attempts = _best_grades(post.translation_key)
    ids = {a.learner_id for a in pre_attempts} | {a.learner_id for a in post_attempts}
    gain = stats.knowledge_gain(officers=_officers(ids), pre=pre_attempts, post=post_attempts)
    return GainReport(course=course, pre=pre, post=post, gain=gain)


# The officers with both grades, and the sums of their first pre-test grades and best post-test
# grades: the two reads above, joined by officer in the database.
_GAIN_SUMS = """
WITH pre (learner, attempt_id, started_at, grade) AS ({pre}),
     post (learner, grade, started_at) AS ({post})
SELECT COUNT(*), SUM(pre.grade), SUM(post.grade)
FROM pre JOIN post ON pre.learner = post.learner"""


def _grade_sum(value) -> Fraction:
    """A sum of grades (four decimal places) as the database gives it: exact from PostgreSQL,
    a float from SQLite, rounded back to the places every grade has; NULL (no rows) is 0."""
    if value is None:
        return Fraction(0)
    places = QuizSubmission._meta.get_field("percent").decimal_places
    return Fraction(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)))


def course_gain_overall(*, course: CoursePage, learners: QuerySet[User]) -> stats.GainGroup | None:
    """``course_gain_report``'s overall figures (officers with both tests, mean pre-test and
    post-test grades, mean gain) over ``learners`` only (a coordinator's scope); None without
    both tests. The rule is ``statistics.knowledge_gain``'s, on the same reads (each officer's
    first pre-test grade and best post-test grade, picked in the database), joined and summed in
    the database too: one query besides finding the tests, and only the sums come back."""
    pre, post = _course_test(course, TestKind.PRE), _course_test(course, TestKind.POST)
    if pre is None or post is None:
        return None
    pre_sql, pre_params = _first_grade_rows(pre.translation_key, learners).query.sql_with_params()
    post_sql, post_params = _best_grade_rows(post.translation_key, learners).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_GAIN_SUMS.format(pre=pre_sql, post=post_sql), [*pre_params, *post_params])
        officers, pre_total, post_total = cursor.fetchone()
    return stats.gain_of_sums(
        officers=officers, pre_total=_grade_sum(pre_total), post_total=_grade_sum(post_total)
    )
