"""A question the scoring could not use, or whose parts an officer could not tell apart, is
refused with a message at its field, wherever the question blocks are used."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from modules.blocks import LessonBodyBlock
from modules.models import QuizPage
from questionbank.blocks import QUESTION_BLOCK_TYPES
from questionbank.models import Question
from quizzes.qtypes import Problem, question_problems


def base(**fields) -> dict:
    return {"stem": "<p>What now?</p>", "points": 1, **fields}


def choices(*options) -> list[dict]:
    return [{"text": text, "correct": correct, "feedback": ""} for text, correct in options]


def pairs(*pairs) -> list[dict]:
    return [{"left": left, "right": right} for left, right in pairs]


def errors_shown(question_type: str, raw: dict) -> dict:
    """What the page editor shows for the question (Wagtail's error data), or {} if valid."""
    block = QUESTION_BLOCK_TYPES[question_type]()
    try:
        block.clean(block.to_python(raw))
    except ValidationError as error:
        return error.as_json_data()["blockErrors"]
    return {}


@pytest.mark.parametrize(
    ("question_type", "raw", "where", "message"),
    [
        (
            "single",
            base(options=choices(("Passport", False), ("Ticket", False))),
            ["options", "messages"],
            "Mark exactly one option correct.",
        ),
        (
            "multiple",
            base(options=choices(("Passport", False), ("Ticket", False))),
            ["options", "messages"],
            "Mark at least one option correct.",
        ),
        (
            "matching",
            base(pairs=pairs(("Passport", "Ministry"))),
            ["pairs", "messages"],
            "The minimum number of items is 2",
        ),
        (
            "numeric",
            base(answer="30", tolerance="-1"),
            ["tolerance", "messages"],
            "Ensure this value is greater than or equal to 0.",
        ),
        (
            "ordering",
            base(items=["Greet"]),
            ["items", "messages"],
            "The minimum number of items is 2",
        ),
        (
            "short_text",
            base(accepted=["\u200b"]),  # a zero-width space: nothing an officer could type
            ["accepted", "messages"],
            "Add at least one accepted answer.",
        ),
        (
            "single",
            base(options=choices(("Passport", True), ("passport ", False))),
            ["options", "blockErrors", 1, "blockErrors", "text", "messages"],
            "This reads the same as one above: officers could not tell them apart.",
        ),
        (
            "matching",
            base(pairs=pairs(("Passport", "Ministry"), ("Visa", "MINISTRY"))),
            ["pairs", "blockErrors", 1, "blockErrors", "right", "messages"],
            "This reads the same as one above: officers could not tell them apart.",
        ),
        (
            "ordering",
            base(items=["Greet", "Check", "Greet"]),
            ["items", "blockErrors", 2, "messages"],
            "This reads the same as one above: officers could not tell them apart.",
        ),
        (
            "multiple",
            base(options=choices(("Passport", True), ("\u200b\u200b", False))),
            ["options", "blockErrors", 1, "blockErrors", "text", "messages"],
            "Write something officers can read here.",
        ),
    ],
)
def test_an_invalid_question_is_refused_at_its_field(question_type, raw, where, message):
    shown = errors_shown(question_type, raw)
    for key in where:
        shown = shown[key]
    assert message in shown


@pytest.mark.parametrize(
    ("question_type", "raw"),
    [
        ("single", base(options=choices(("Passport", True), ("Ticket", False)))),
        ("multiple", base(options=choices(("Passport", True), ("Visa", True)))),
        ("true_false", base(correct_answer="false")),
        ("matching", base(pairs=pairs(("Passport", "Ministry"), ("Visa", "Embassy")))),
        ("ordering", base(items=["Greet", "Check", "Refer"])),
        ("numeric", base(answer="30", tolerance="0")),
        ("short_text", base(accepted=["Immigration", "immigration police"])),
    ],
)
def test_a_sound_question_of_every_type_passes(question_type, raw):
    assert errors_shown(question_type, raw) == {}


def no_correct_option() -> dict:
    return base(options=choices(("Passport", False), ("Ticket", False)))


@pytest.mark.parametrize(
    ("stream_block", "block_type"),
    [
        (lambda: QuizPage._meta.get_field("questions").stream_block, "own_single"),
        (lambda: Question._meta.get_field("question").stream_block, "single"),
        (lambda: LessonBodyBlock().child_blocks["check"], "single"),
    ],
    ids=["quiz page", "question bank", "knowledge check"],
)
def test_the_same_rules_hold_in_the_quiz_the_bank_and_knowledge_checks(stream_block, block_type):
    block = stream_block()
    value = block.to_python([{"type": block_type, "value": no_correct_option()}])
    with pytest.raises(ValidationError) as raised:
        block.clean(value)
    shown = raised.value.as_json_data()["blockErrors"][0]["blockErrors"]["options"]
    assert shown["messages"] == ["Mark exactly one option correct."]


def test_rules_are_plain_data_in_problems_out():
    assert question_problems("matching", {"pairs": [{"left": "a", "right": "b"}]}) == [
        Problem("pairs", "too_few")
    ]
    assert question_problems("ordering", {"items": ["\uff21", "a"]}) == [  # fullwidth A: NFKC
        Problem("items", "duplicate", 1)
    ]
    assert question_problems("numeric", {"tolerance": -1}) == [Problem("tolerance", "negative")]
    assert question_problems("short_text", {"accepted": []}) == [Problem("accepted", "no_answer")]
    assert question_problems("true_false", {"correct_answer": "true"}) == []
