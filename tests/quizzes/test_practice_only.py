"""A knowledge check that also serves a graded quiz never sends its key to the browser: only a
practice-only check carries marking data, and only to a browser where the officer saved a
course (issue 15, ADR 0041)."""

import json
import re
import uuid

import pytest
from django.conf import settings

from quizzes.alsograded import fingerprint
from quizzes.practice import check_question
from quizzes.selectors import check_practice_only
from quizzes.snapshot import question_from_block
from tests.answering import lesson_with_checks
from tests.quizzes.conftest import OWN_QUESTIONS, build_quiz, question
from tests.quizzes.test_practice import reader  # noqa: F401 - the fixture


def own(index: int) -> tuple[str, dict]:
    """A quiz's own question ``index`` as a lesson's check block (type, value)."""
    block_type, value = OWN_QUESTIONS[index]
    value = dict(value)
    value.pop("single", None)
    return block_type.removeprefix("own_"), value


def with_new_ids(value: dict) -> dict:
    """A copy as an author pasting it makes: the same texts, new item ids."""
    copy = dict(value)
    for field in ("options", "pairs", "items"):
        if field in copy:
            copy[field] = [{**item, "id": str(uuid.uuid4())} for item in copy[field]]
    return copy


def practice_only(lesson, block_id: str) -> bool:
    block = next(b for b in lesson.body if b.id == block_id)
    return check_practice_only(question=check_question(block.value, block_id))


@pytest.fixture
def quiz(course_tree):
    return build_quiz(course_tree.quizzes[0])


def test_a_copy_of_a_quiz_question_is_not_practice_only(course_tree, quiz):
    checks = {f"copy{n}": own(n) for n in range(len(OWN_QUESTIONS))}
    checks = {k: (t, with_new_ids(v)) for k, (t, v) in checks.items()}
    lesson = lesson_with_checks(course_tree.lessons[0], checks)
    assert [practice_only(lesson, block_id) for block_id in checks] == [False] * len(checks)


def test_a_copy_with_another_answer_is_practice_only(course_tree, quiz):
    numeric = own(5)
    edited_answer = (numeric[0], {**numeric[1], "answer": "4"})
    lesson = lesson_with_checks(course_tree.lessons[0], {"answer": edited_answer})
    assert practice_only(lesson, "answer")


def test_a_copy_with_its_stem_reworded_still_serves_the_quiz(course_tree, quiz):
    """Its options and key are the graded question's: marking data for it would tell an officer
    the graded answer, whatever the stem says."""
    single = own(0)
    reworded = (single[0], {**single[1], "stem": "<p>Which document is genuine?</p>"})
    lesson = lesson_with_checks(course_tree.lessons[0], {"reworded": reworded})
    assert not practice_only(lesson, "reworded")


def test_a_true_false_statement_reworded_is_another_question(course_tree, quiz):
    """True/false answer data is one bit: there only the statement tells two questions apart."""
    drawn = ("true_false", question("Bank statement 1", correct_answer="true"))
    reworded = ("true_false", question("Another statement", correct_answer="true"))
    lesson = lesson_with_checks(course_tree.lessons[0], {"drawn": drawn, "reworded": reworded})
    assert not practice_only(lesson, "drawn")
    assert practice_only(lesson, "reworded")


def test_a_bank_question_a_quiz_draws_is_not_practice_only(course_tree, quiz):
    drawn = ("true_false", question("Bank statement 1", correct_answer="true"))
    other = ("true_false", question("Bank statement 1", correct_answer="false"))
    lesson = lesson_with_checks(course_tree.lessons[0], {"drawn": drawn, "other": other})
    assert not practice_only(lesson, "drawn")
    assert practice_only(lesson, "other")


def test_a_quiz_published_later_makes_its_copy_graded(course_tree):
    lesson = lesson_with_checks(course_tree.lessons[0], {"copy": own(2)})
    assert practice_only(lesson, "copy")
    build_quiz(course_tree.quizzes[0], with_bank=False)
    assert not practice_only(lesson, "copy")


@pytest.mark.django_db
def test_the_same_question_reads_the_same_whatever_its_ids_and_option_order():
    block_type, value = own(0)
    value = {**value, "options": [{**o, "id": str(uuid.uuid4())} for o in value["options"]]}
    import random

    from wagtail.blocks import StreamValue

    from modules.models import QuizPage

    stream = QuizPage().questions.stream_block
    one = StreamValue(stream, [{"type": "own_single", "value": value, "id": "a"}], is_lazy=True)
    reversed_value = {**value, "options": list(reversed(value["options"]))}
    two = StreamValue(
        stream, [{"type": "own_single", "value": reversed_value, "id": "b"}], is_lazy=True
    )

    def read(stream_value):
        child = stream_value[0]
        q = question_from_block(
            block_type, child.value, "x", {}, random.Random(1), True, lambda r, k: k
        )
        return fingerprint(q)

    assert read(one) == read(two) is not None


# --- The page ---------------------------------------------------------------------------------

SCRIPT = re.compile(
    r'<script type="application/json" class="check-offline" id="([^"]+)">(.*?)</script>'
)


def offline_data(html: str) -> dict:
    return {m.group(1): json.loads(m.group(2)) for m in SCRIPT.finditer(html)}


@pytest.fixture
def lesson(course_tree, quiz):
    practice = question(
        "Which one is genuine?",
        options=[
            {"type": "item", "id": str(uuid.uuid4()), "value": o}
            for o in (
                {"text": "Passport A", "correct": True, "feedback": "PRACTICE-OPTION"},
                {"text": "Visa B", "correct": False, "feedback": ""},
            )
        ],
        feedback_correct="PRACTICE-RIGHT",
        feedback_incorrect="PRACTICE-WRONG",
        explanation="PRACTICE-WHY",
    )
    graded = own(6)
    return lesson_with_checks(
        course_tree.lessons[0],
        {"practice": ("single", practice), "graded": (graded[0], with_new_ids(graded[1]))},
    )


@pytest.mark.usefixtures("reader")
def test_only_a_practice_only_check_carries_marking_data(client, lesson):
    client.cookies[settings.OFFLINE_COOKIE] = "1"
    html = client.get(lesson.url).content.decode()
    data = offline_data(html)
    assert set(data) == {"check-offline-practice", "check-offline-graded"}
    graded = data["check-offline-graded"]
    assert "marking" not in graded
    assert graded["lesson"] == lesson.pk and graded["block"] == "graded"
    # Nothing of the graded question's key anywhere in the page.
    for secret in ("DELTA-SECRET-4", "RIGHT-SECRET-7", "WRONG-SECRET-8", "EXPLAIN-SECRET-6"):
        assert secret not in html
    marking = data["check-offline-practice"]["marking"]
    assert marking["feedback"]["correct"] == "PRACTICE-RIGHT"
    assert marking["answer"] == "Passport A"
    # The key names options by the ids the form shows, never by the block's own ids.
    shown = set(re.findall(r'name="q-c-practice" value="([^"]+)"', html))
    assert {o["id"] for o in marking["key"]["options"]} == shown
    assert html.count('id="check-text-rules"') == 1


@pytest.mark.usefixtures("reader")
def test_officers_who_never_saved_a_course_get_nothing_new(client, lesson):
    html = client.get(lesson.url).content.decode()
    assert offline_data(html) == {}
    assert "PRACTICE-RIGHT" not in html and "PRACTICE-WHY" not in html


@pytest.mark.usefixtures("reader")
def test_the_text_rules_come_once_per_page(client, course_tree):
    short = own(6)
    checks = {
        "one": (short[0], {**short[1], "accepted": ["Trafficking"]}),
        "two": (short[0], {**short[1], "stem": "<p>Again?</p>", "accepted": ["Smuggling"]}),
    }
    lesson = lesson_with_checks(course_tree.lessons[0], checks)
    client.cookies[settings.OFFLINE_COOKIE] = "1"
    html = client.get(lesson.url).content.decode()
    assert html.count('id="check-text-rules"') == 1
    assert offline_data(html)["check-offline-one"]["marking"]["key"]["accepted"] == ["trafficking"]


def test_a_bank_question_edited_to_match_makes_the_check_graded(course_tree, quiz):
    from questionbank.models import Question

    check = ("true_false", question("A statement written for practice", correct_answer="true"))
    lesson = lesson_with_checks(course_tree.lessons[0], {"check": check})
    assert practice_only(lesson, "check")
    bank = Question.objects.filter(title="Bank 0").get()
    bank.question = json.dumps([{"type": "true_false", "id": str(uuid.uuid4()), "value": check[1]}])
    bank.save()
    assert not practice_only(lesson, "check")


@pytest.mark.usefixtures("reader")
def test_graded_quizzes_are_read_once_per_content_generation(client, course_tree, quiz):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = lesson_with_checks(course_tree.lessons[0], {"a": own(0), "b": own(2)})
    second = lesson_with_checks(course_tree.lessons[1], {"c": own(3), "d": own(4)})
    client.cookies[settings.OFFLINE_COOKIE] = "1"

    def quiz_reads(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum('"modules_quizpage"' in q["sql"] for q in queries.captured_queries)

    assert quiz_reads(first.url) > 0
    assert quiz_reads(second.url) == 0
