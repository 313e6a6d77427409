"""Quiz scoring (``quizzes.scoring``), rule by rule: every question type and its edges, text in
the region's scripts, numbers with tolerance, the errors officers can cause, pass marks and the
grade across attempts. Pure functions: no database."""

# ruff: noqa: RUF001 - the point of these tests is text and digits in other scripts

from __future__ import annotations

import ast
import dataclasses
import pickle
import unicodedata
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from quizzes import qtypes, scoring
from quizzes.qtypes import QuestionType
from quizzes.qtypes.base import (
    InvalidKey,
    InvalidResponse,
    Option,
    QuestionKey,
    normalise_text,
    parse_number,
)
from quizzes.scoring import (
    SCORING_VERSION,
    GradingMethod,
    QuestionResult,
    grade_across_attempts,
    score_attempt,
    score_question,
    validate_response,
)

T = QuestionType
F = Fraction
ZWSP = "\u200b"  # zero-width space, the invisible word break of Thai, Khmer, Lao and Burmese


def key(qtype: QuestionType, qid: str = "q", **fields) -> QuestionKey:
    return QuestionKey(id=qid, type=qtype, **fields)


SINGLE = key(T.SINGLE, points=2, options=(Option("a"), Option("b", True), Option("c")))
# Two right (a, b) of four; worth 2 points.
MULTI_FIELDS = {
    "points": 2,
    "options": (Option("a", True), Option("b", True), Option("c"), Option("d")),
}
MULTI = key(T.MULTIPLE, **MULTI_FIELDS)
MULTI_PARTIAL = key(T.MULTIPLE, partial_credit=True, **MULTI_FIELDS)
ALL_RIGHT_OPTIONS = (Option("a", True), Option("b", True), Option("c", True))
MULTI_ALL_RIGHT = key(T.MULTIPLE, options=ALL_RIGHT_OPTIONS)
MULTI_ALL_RIGHT_PARTIAL = key(T.MULTIPLE, options=ALL_RIGHT_OPTIONS, partial_credit=True)
# Two right of three: the right options are the majority.
MULTI_MAJORITY_PARTIAL = key(
    T.MULTIPLE,
    partial_credit=True,
    options=(Option("a", True), Option("b", True), Option("c")),
)
TRUE = key(T.TRUE_FALSE, correct_answer=True)
FALSE = key(T.TRUE_FALSE, correct_answer=False)
PAIRS = (("l1", "r1"), ("l2", "r2"), ("l3", "r3"))
MATCH = key(T.MATCHING, points=3, pairs=PAIRS)
MATCH_PARTIAL = key(T.MATCHING, points=3, pairs=PAIRS, partial_credit=True)
# As quizzes.snapshot draws them: each pair's right item has the pair's own id.
MATCH_SAME_IDS = key(T.MATCHING, pairs=(("p1", "p1"), ("p2", "p2")))
ORDER_ITEMS = ("i1", "i2", "i3", "i4")
ORDER = key(T.ORDERING, points=4, order=ORDER_ITEMS)
ORDER_PARTIAL = key(T.ORDERING, points=4, order=ORDER_ITEMS, partial_credit=True)
ORDER_3_PARTIAL = key(T.ORDERING, points=3, order=("x", "y", "z"), partial_credit=True)
NUMBER = key(T.NUMERIC, number=Decimal("12.5"), tolerance=Decimal("0.5"))
NUMBER_EXACT = key(T.NUMERIC, number=Decimal("3"))
NUMBER_NEGATIVE = key(T.NUMERIC, number=Decimal("-5"), tolerance=Decimal("1"))
NUMBER_BIG_TOLERANCE = key(T.NUMERIC, number=Decimal(0), tolerance=Decimal("1E+30"))
# number ± tolerance needs 30 significant digits: more than Decimal's default 28.
NUMBER_LONG = key(
    T.NUMERIC, number=Decimal("1234567890123456789012345.5"), tolerance=Decimal("0.0001")
)
CITES = key(T.SHORT_TEXT, accepted=("CITES", "Convention on International Trade"))
THAI = key(T.SHORT_TEXT, accepted=("ค้ามนุษย์",))  # human trafficking
THAI_SARA_AM = key(T.SHORT_TEXT, accepted=("ทำ",))  # "do", written with SARA AM (U+0E33)
KHMER = key(T.SHORT_TEXT, accepted=("ការជួញដូរមនុស្ស",))  # human trafficking
LAO = key(T.SHORT_TEXT, accepted=("ການຄ້າມະນຸດ",))  # human trafficking
BURMESE = key(T.SHORT_TEXT, accepted=("လူကုန်ကူးမှု",))  # human trafficking
VIETNAMESE = key(T.SHORT_TEXT, accepted=(unicodedata.normalize("NFC", "Tiếng Việt"),))

ALL_KEYS = {
    "single": SINGLE,
    "multiple": MULTI,
    "true_false": TRUE,
    "matching": MATCH,
    "ordering": ORDER,
    "numeric": NUMBER,
    "short_text": CITES,
}


def case(qkey: QuestionKey, response, score, name: str, *, answered: bool = True):
    return pytest.param(qkey, response, F(score), answered, id=name)


# --- Every type, every edge -------------------------------------------------------------------

SCORE_CASES = [
    # SINGLE
    case(SINGLE, "b", 2, "single: the right option"),
    case(SINGLE, "a", 0, "single: a wrong option"),
    # MULTIPLE, all or nothing
    case(MULTI, ["a", "b"], 2, "multiple: exactly the right set"),
    case(MULTI, ["b", "a", "b"], 2, "multiple: order and duplicates do not matter"),
    case(MULTI, ("a", "b"), 2, "multiple: a tuple reads like a list"),
    case(MULTI, ["a"], 0, "multiple: part of the right set gets nothing"),
    case(MULTI, ["a", "b", "c"], 0, "multiple: right set plus a wrong one gets nothing"),
    case(MULTI, ["a", "b", "c", "d"], 0, "multiple: every option ticked gets nothing"),
    case(MULTI, ["c"], 0, "multiple: only wrong"),
    case(MULTI_ALL_RIGHT, ["a", "b", "c"], 1, "multiple: every option right, all ticked"),
    case(MULTI_ALL_RIGHT, ["a", "b"], 0, "multiple: every option right, one left out"),
    # MULTIPLE, partial credit: max(0, (right - wrong) / number right) * points
    case(MULTI_PARTIAL, ["a", "b"], 2, "partial multiple: the right set"),
    case(MULTI_PARTIAL, ["a"], 1, "partial multiple: half the right set"),
    case(MULTI_PARTIAL, ["a", "a"], 1, "partial multiple: a duplicate counts once"),
    case(MULTI_PARTIAL, ["a", "b", "c"], 1, "partial multiple: a wrong one subtracts"),
    case(MULTI_PARTIAL, ["a", "c"], 0, "partial multiple: one right one wrong"),
    case(MULTI_PARTIAL, ["c", "d"], 0, "partial multiple: never below zero"),
    case(MULTI_PARTIAL, ["a", "b", "c", "d"], 0, "partial multiple: every option ticked"),
    case(MULTI_ALL_RIGHT_PARTIAL, ["a", "b", "c"], 1, "partial multiple: every option right"),
    case(MULTI_ALL_RIGHT_PARTIAL, ["a"], F(1, 3), "partial multiple: a third of them"),
    # Even when the right options are the majority, ticking every option earns nothing.
    case(
        MULTI_MAJORITY_PARTIAL, ["a", "b", "c"], 0, "partial multiple: majority right, all ticked"
    ),
    case(MULTI_MAJORITY_PARTIAL, ["a", "b"], 1, "partial multiple: majority right, right ones"),
    case(MULTI_MAJORITY_PARTIAL, ["a"], F(1, 2), "partial multiple: majority right, one of two"),
    # TRUE_FALSE
    case(TRUE, True, 1, "true/false: True"),
    case(TRUE, False, 0, "true/false: False for a true statement"),
    case(TRUE, "true", 1, "true/false: the string true"),
    case(TRUE, "TRUE", 1, "true/false: TRUE in capitals"),
    case(TRUE, "False", 0, "true/false: the string False"),
    case(FALSE, "false", 1, "true/false: false for a false statement"),
    case(FALSE, "fAlSe", 1, "true/false: mixed case"),
    case(FALSE, True, 0, "true/false: True for a false statement"),
    # MATCHING
    case(MATCH, {"l1": "r1", "l2": "r2", "l3": "r3"}, 3, "matching: every pair"),
    case(MATCH, {"l3": "r3", "l1": "r1", "l2": "r2"}, 3, "matching: pairs in any order"),
    case(MATCH, {"l1": "r1", "l2": "r3", "l3": "r2"}, 0, "matching: two crossed, no credit"),
    case(MATCH, {"l1": "r1", "l2": "r2"}, 0, "matching: one left unmatched, no credit"),
    case(MATCH_PARTIAL, {"l1": "r1", "l2": "r2", "l3": "r3"}, 3, "partial matching: all"),
    case(MATCH_PARTIAL, {"l1": "r1", "l2": "r3", "l3": "r2"}, 1, "partial matching: one"),
    case(MATCH_PARTIAL, {"l1": "r1", "l2": "r2"}, 2, "partial matching: one unmatched"),
    case(MATCH_PARTIAL, {"l1": "r1", "l2": ""}, 1, "partial matching: a blank choice"),
    case(MATCH_PARTIAL, {"l1": "r1", "l2": "r1", "l3": "r3"}, 2, "partial matching: reused"),
    case(MATCH_PARTIAL, {"l1": "r2", "l2": "r3", "l3": "r1"}, 0, "partial matching: none"),
    case(MATCH_SAME_IDS, {"p1": "p1", "p2": "p2"}, 1, "matching: snapshot ids, right"),
    case(MATCH_SAME_IDS, {"p1": "p2", "p2": "p1"}, 0, "matching: snapshot ids, crossed"),
    # ORDERING
    case(ORDER, ["i1", "i2", "i3", "i4"], 4, "ordering: in order"),
    case(ORDER, ("i1", "i2", "i3", "i4"), 4, "ordering: a tuple reads like a list"),
    case(ORDER, ["i2", "i1", "i3", "i4"], 0, "ordering: two swapped, no credit"),
    case(ORDER_PARTIAL, ["i1", "i2", "i3", "i4"], 4, "partial ordering: in order"),
    case(ORDER_PARTIAL, ["i2", "i1", "i3", "i4"], 2, "partial ordering: two swapped"),
    case(ORDER_PARTIAL, ["i4", "i3", "i2", "i1"], 0, "partial ordering: reversed"),
    case(ORDER_PARTIAL, ["i2", "i3", "i4", "i1"], 0, "partial ordering: rotated"),
    case(ORDER_3_PARTIAL, ["z", "y", "x"], 1, "partial ordering: reversed keeps the middle"),
    # NUMERIC: bounds inclusive, exact arithmetic
    case(NUMBER, "12.5", 1, "numeric: the answer"),
    case(NUMBER, "12", 1, "numeric: exactly at the lower bound"),
    case(NUMBER, "13", 1, "numeric: exactly at the upper bound"),
    case(NUMBER, "13.000", 1, "numeric: the upper bound with trailing zeros"),
    case(NUMBER, "11.99", 0, "numeric: just below the lower bound"),
    case(NUMBER, "13.01", 0, "numeric: just above the upper bound"),
    case(NUMBER, "13.0000000000000000000000000000000001", 0, "numeric: 1e-34 above, exact"),
    case(NUMBER, "12,7", 1, "numeric: decimal comma"),
    case(NUMBER, " 12.5 ", 1, "numeric: surrounding spaces"),
    case(NUMBER, "๑๒.๕", 1, "numeric: Thai digits"),
    case(NUMBER, "๑๓,๐", 1, "numeric: Thai digits and a comma, at the bound"),
    case(NUMBER, "១២,៥", 1, "numeric: Khmer digits"),
    case(NUMBER, "១៤", 0, "numeric: Khmer digits, out of tolerance"),
    case(NUMBER, "໑໒.໕", 1, "numeric: Lao digits"),
    case(NUMBER, "၁၂.၅", 1, "numeric: Myanmar digits"),
    case(NUMBER, "١٢٫٥", 1, "numeric: Arabic-Indic digits and separator"),
    case(NUMBER, 12, 1, "numeric: an int"),
    case(NUMBER, Decimal("12.50"), 1, "numeric: a Decimal"),
    case(NUMBER, "twelve", 0, "numeric: not a number is answered, scores 0"),
    case(NUMBER, "1,2,5", 0, "numeric: two separators is not a number"),
    case(NUMBER, Decimal("NaN"), 0, "numeric: a NaN Decimal is not a number"),
    case(NUMBER_EXACT, "3", 1, "numeric: zero tolerance, exact"),
    case(NUMBER_EXACT, "3.0", 1, "numeric: zero tolerance, 3.0"),
    case(NUMBER_EXACT, "+3", 1, "numeric: zero tolerance, a plus sign"),
    case(NUMBER_EXACT, "3.00001", 0, "numeric: zero tolerance, just off"),
    case(NUMBER_NEGATIVE, "-6", 1, "numeric: negative answer, lower bound"),
    case(NUMBER_NEGATIVE, "\u22124", 1, "numeric: a Unicode minus sign, upper bound"),
    case(NUMBER_NEGATIVE, "-6.1", 0, "numeric: negative answer, just outside"),
    case(NUMBER_NEGATIVE, "6", 0, "numeric: the sign matters"),
    case(NUMBER_BIG_TOLERANCE, "1" + "0" * 30, 1, "numeric: 31 digits at the bound"),
    case(NUMBER_BIG_TOLERANCE, "1" + "0" * 30 + ".00001", 0, "numeric: no 28-digit rounding"),
    case(NUMBER_LONG, "1234567890123456789012345.5001", 1, "numeric: 30 digits, upper bound"),
    case(NUMBER_LONG, "1234567890123456789012345.4999", 1, "numeric: 30 digits, lower bound"),
    case(NUMBER_LONG, "1234567890123456789012345.50011", 0, "numeric: 30 digits, just above"),
    # SHORT_TEXT: NFKC, zero-width characters removed, case folded, spaces collapsed
    case(CITES, "CITES", 1, "short text: as accepted"),
    case(CITES, "cites", 1, "short text: case folded"),
    case(CITES, "  Cites ", 1, "short text: surrounding spaces"),
    case(CITES, "ＣＩＴＥＳ", 1, "short text: fullwidth letters (NFKC)"),
    case(CITES, "convention  on\tinternational\ntrade", 1, "short text: second answer, spaces"),
    case(CITES, "CITE", 0, "short text: a different word"),
    case(CITES, "C I T E S", 0, "short text: spaces inside a word still count"),
    case(THAI, "ค้ามนุษย์", 1, "short text: Thai"),
    case(THAI, f"ค้า{ZWSP}มนุษย์", 1, "short text: Thai with a zero-width space"),
    case(THAI, f"{ZWSP}ค้ามนุษย์\ufeff", 1, "short text: Thai with ZWSP and BOM at the ends"),
    case(THAI, "ค้ามนุษ", 0, "short text: Thai, a letter missing"),
    case(THAI, "คามนุษย์", 0, "short text: Thai, the tone mark missing"),
    case(THAI_SARA_AM, "ท\u0e4d\u0e32", 1, "short text: Thai SARA AM typed as NIKHAHIT + AA"),
    case(KHMER, "ការជួញដូរមនុស្ស", 1, "short text: Khmer"),
    case(KHMER, f"ការ{ZWSP}ជួញដូរ{ZWSP}មនុស្ស", 1, "short text: Khmer with zero-width spaces"),
    case(KHMER, "ការជួញដូរ\u200cមនុស្ស", 1, "short text: Khmer with a zero-width non-joiner"),
    case(KHMER, "ការជួញដូរ", 0, "short text: Khmer, a word missing"),
    case(LAO, f"ການຄ້າ{ZWSP}ມະນຸດ", 1, "short text: Lao with a zero-width space"),
    case(BURMESE, f"လူ{ZWSP}ကုန်ကူးမှု", 1, "short text: Burmese with a zero-width space"),
    case(VIETNAMESE, unicodedata.normalize("NFC", "Tiếng Việt"), 1, "short text: Vietnamese"),
    case(
        VIETNAMESE,
        unicodedata.normalize("NFD", "Tiếng Việt"),
        1,
        "short text: Vietnamese with combining accents",
    ),
    case(
        VIETNAMESE,
        "Ti\u00eang Vi\u1ec7t".replace("\u00ea", "e\u0302\u0301").replace(
            "\u1ec7", "e\u0302\u0323"
        ),
        1,
        "short text: Vietnamese accents typed in a non-canonical order",
    ),
    case(VIETNAMESE, "TIẾNG VIỆT", 1, "short text: Vietnamese in capitals"),
    case(VIETNAMESE, "Tieng Viet", 0, "short text: Vietnamese without accents is another word"),
]


@pytest.mark.parametrize(("qkey", "response", "score", "answered"), SCORE_CASES)
def test_score_question(qkey, response, score, answered):
    result = score_question(qkey, response)
    assert result == QuestionResult(
        id=qkey.id,
        score=score,
        points=qkey.points,
        answered=answered,
        correct=score == qkey.points,
    )
    assert type(result.score) is Fraction


BLANKS = [
    pytest.param(None, id="None"),
    pytest.param("", id="empty string"),
    pytest.param([], id="empty list"),
    pytest.param({}, id="empty dict"),
    pytest.param("  \t ", id="only spaces"),
    pytest.param(ZWSP, id="only a zero-width space"),
]


@pytest.mark.parametrize("blank", BLANKS)
@pytest.mark.parametrize("qkey", list(ALL_KEYS.values()), ids=list(ALL_KEYS))
def test_a_blank_response_is_unanswered_never_an_error(qkey, blank):
    validate_response(qkey, blank)
    assert score_question(qkey, blank) == QuestionResult(
        id=qkey.id, score=F(0), points=qkey.points, answered=False, correct=False
    )


def test_a_matching_answer_with_every_choice_blank_is_unanswered():
    result = score_question(MATCH_PARTIAL, {"l1": "", "l2": None})
    assert (result.answered, result.score) == (False, 0)


def test_partial_credit_is_exact():
    result = score_question(
        key(
            T.MULTIPLE,
            points=1,
            partial_credit=True,
            options=(
                Option("a", True),
                Option("b", True),
                Option("c", True),
                Option("d"),
            ),
        ),
        ["a"],
    )
    assert result.score == F(1, 3)
    assert not result.correct


# --- Responses that cannot belong to the attempt ----------------------------------------------

ERROR_CASES = [
    pytest.param(
        SINGLE,
        "z",
        "unknown_option",
        "The option 'z' is not one of this question's options.",
        id="single: unknown",
    ),
    pytest.param(SINGLE, ["b"], "wrong_type", "one option id", id="single: a list"),
    pytest.param(SINGLE, 1, "wrong_type", "one option id", id="single: a number"),
    pytest.param(
        MULTI,
        ["a", "zz", "yy"],
        "unknown_option",
        "Not options of this question: 'yy', 'zz'.",
        id="multiple: unknown options",
    ),
    pytest.param(MULTI, "a", "wrong_type", "a list of option ids", id="multiple: a string"),
    pytest.param(MULTI, ["a", 2], "wrong_type", "a list of option ids", id="multiple: a number"),
    pytest.param(TRUE, "yes", "not_true_false", "true or false", id="true/false: yes"),
    pytest.param(TRUE, 1, "not_true_false", "true or false", id="true/false: 1"),
    pytest.param(TRUE, ["true"], "not_true_false", "true or false", id="true/false: a list"),
    pytest.param(
        MATCH,
        {"l9": "r1"},
        "unknown_item",
        "The item 'l9' is not one of this question's items.",
        id="matching: left",
    ),
    pytest.param(
        MATCH,
        {"l1": "r9"},
        "unknown_option",
        "The match 'r9' is not one of this question's choices.",
        id="matching: right",
    ),
    pytest.param(MATCH, {"l1": 3}, "wrong_type", "must be an id", id="matching: a number"),
    pytest.param(MATCH, ["r1", "r2"], "wrong_type", "map each item", id="matching: a list"),
    pytest.param(
        ORDER,
        ["i1", "i2", "i3"],
        "not_a_permutation",
        "Every item must be put in order; missing: 'i4'.",
        id="ordering: missing",
    ),
    pytest.param(
        ORDER,
        ["i1", "i2", "i3", "i4", "i4"],
        "not_a_permutation",
        "Items listed more than once: 'i4'.",
        id="ordering: repeated",
    ),
    pytest.param(
        ORDER,
        ["i1", "i2", "i3", "i9"],
        "not_a_permutation",
        "Not items of this question: 'i9'.",
        id="ordering: unknown",
    ),
    pytest.param(ORDER, "i1 i2 i3 i4", "wrong_type", "a list of item ids", id="ordering: a string"),
    pytest.param(NUMBER, 12.5, "wrong_type", "a number as typed", id="numeric: a float"),
    pytest.param(NUMBER, True, "wrong_type", "a number as typed", id="numeric: a bool"),
    pytest.param(NUMBER, ["12"], "wrong_type", "a number as typed", id="numeric: a list"),
    pytest.param(CITES, 42, "wrong_type", "must be text", id="short text: a number"),
    pytest.param(CITES, ["CITES"], "wrong_type", "must be text", id="short text: a list"),
]


@pytest.mark.parametrize(("qkey", "response", "code", "message"), ERROR_CASES)
def test_a_response_that_cannot_belong_is_refused(qkey, response, code, message):
    with pytest.raises(InvalidResponse) as raised:
        validate_response(qkey, response)
    error = raised.value
    assert (error.question_id, error.code) == (qkey.id, code)
    assert message in error.message
    assert str(error) == error.message
    assert isinstance(error, ValueError)
    with pytest.raises(InvalidResponse) as again:
        score_question(qkey, response)
    assert (again.value.code, again.value.message) == (error.code, error.message)


def test_the_permutation_message_never_reveals_the_order():
    ordering = key(T.ORDERING, order=("b", "c", "a"))
    with pytest.raises(InvalidResponse) as raised:
        validate_response(ordering, ["c"])
    assert raised.value.message == "Every item must be put in order; missing: 'a', 'b'."


def test_invalid_response_survives_pickling():
    error = pickle.loads(pickle.dumps(InvalidResponse("q1", "Bad.", "wrong_type")))
    assert (error.question_id, error.message, error.code) == ("q1", "Bad.", "wrong_type")


KEY_ERRORS = [
    pytest.param(key(T.SINGLE, points=0, options=(Option("a", True),)), id="no points"),
    pytest.param(key(T.SINGLE, points=True, options=(Option("a", True),)), id="points a bool"),
    pytest.param(key(T.SINGLE, options=(Option("a"), Option("b"))), id="single: none correct"),
    pytest.param(key(T.MULTIPLE), id="multiple: no options"),
    pytest.param(key(T.MULTIPLE, options=(Option("a", True), Option("a"))), id="same ids"),
    pytest.param(key(T.TRUE_FALSE), id="true/false: no answer"),
    pytest.param(key(T.MATCHING), id="matching: no pairs"),
    pytest.param(key(T.MATCHING, pairs=(("l", "r1"), ("l", "r2"))), id="matching: left twice"),
    pytest.param(key(T.ORDERING), id="ordering: no items"),
    pytest.param(key(T.ORDERING, order=("a", "a")), id="ordering: an item twice"),
    pytest.param(key(T.NUMERIC), id="numeric: no number"),
    pytest.param(key(T.NUMERIC, number=Decimal("NaN")), id="numeric: NaN"),
    pytest.param(key(T.NUMERIC, number=Decimal(1), tolerance=Decimal(-1)), id="negative tol"),
    pytest.param(key(T.SHORT_TEXT), id="short text: nothing accepted"),
    pytest.param(key(T.SHORT_TEXT, accepted=(" ", ZWSP)), id="short text: only blanks"),
    pytest.param(key("essay"), id="unknown type"),
]


@pytest.mark.parametrize("qkey", KEY_ERRORS)
def test_a_key_that_cannot_be_scored_is_a_content_fault(qkey):
    with pytest.raises(InvalidKey) as raised:
        score_question(qkey, None)
    assert not isinstance(raised.value, InvalidResponse)
    assert raised.value.question_id == qkey.id


# --- Numbers and text -------------------------------------------------------------------------

NUMBERS = [
    ("12", "12"),
    ("  12.5\t", "12.5"),
    ("12,5", "12.5"),
    ("-0,25", "-0.25"),
    ("+3", "3"),
    ("\u22123", "-3"),
    (".5", "0.5"),
    ("5.", "5"),
    ("-0", "0"),
    ("007", "7"),
    ("๑๒,๕", "12.5"),
    ("-๐.๕", "-0.5"),
    ("១២.៥", "12.5"),
    ("໑໒", "12"),
    ("၁၂", "12"),
    ("١٢٫٥", "12.5"),
    ("۱۲", "12"),
    ("१२", "12"),
    ("１２", "12"),
    ("1\u200b2", "12"),
    ("0.1000000000000000000000000000000001", "0.1000000000000000000000000000000001"),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS, ids=[t for t, _e in NUMBERS])
def test_parse_number(text, expected):
    parsed = parse_number(text)
    assert isinstance(parsed, Decimal)
    assert str(parsed) == expected  # the value exactly as typed, in ASCII digits


NOT_NUMBERS = [
    "",
    "   ",
    "abc",
    "1,234.5",
    "1.234,5",
    "1 234",
    "1e3",
    "inf",
    "NaN",
    "--1",
    "+-1",
    "- 1",
    "+",
    ".",
    ",",
    "1/2",
    "½",
    "²",
    "0x10",
    "12abc",
    "1.2.3",
    "๑๒ บาท",
]


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=[repr(t) for t in NOT_NUMBERS])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_parse_number_takes_only_text():
    with pytest.raises(TypeError):
        parse_number(12)  # type: ignore[arg-type]


TEXTS = [
    ("  CITES  ", "cites"),
    ("Straße", "strasse"),
    ("ﬁre", "fire"),
    ("a \t\n b", "a b"),
    (f"ค้า{ZWSP}มนุษย์", "ค้ามนุษย์"),
    ("\u2060a\u200cb\u200dc\ufeff", "abc"),
    ("e\u200b\u0301", "\u00e9"),  # the accent joins its letter once the zero-width space goes
    (unicodedata.normalize("NFD", "Tiếng Việt"), unicodedata.normalize("NFC", "tiếng việt")),
    ("ＡＢＣ\u3000ｄｅｆ", "abc def"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), TEXTS, ids=[repr(t) for t, _e in TEXTS])
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected
    assert normalise_text(expected) == expected


# --- Attempts ---------------------------------------------------------------------------------

ALL_RIGHT = {
    "single": "b",
    "multiple": ["b", "a"],
    "true_false": "true",
    "matching": {"l1": "r1", "l2": "r2", "l3": "r3"},
    "ordering": ["i1", "i2", "i3", "i4"],
    "numeric": "12,5",
    "short_text": "cites",
}


def quiz(*qkeys: QuestionKey) -> list[QuestionKey]:
    return [dataclasses.replace(k, id=f"q{n}") for n, k in enumerate(qkeys, start=1)]


def test_an_attempt_of_every_type_all_right():
    questions = [dataclasses.replace(k, id=name) for name, k in ALL_KEYS.items()]
    result = score_attempt(questions=questions, responses=ALL_RIGHT, pass_mark=80)
    assert [q.id for q in result.questions] == list(ALL_KEYS)
    assert all(q.correct and q.answered for q in result.questions)
    assert (result.score, result.max_score, result.percent, result.passed) == (14, 14, 100, True)
    assert result.scoring_version == SCORING_VERSION == 1


def test_an_attempt_is_scored_in_question_order_whatever_the_order_of_responses():
    questions = [dataclasses.replace(k, id=name) for name, k in reversed(ALL_KEYS.items())]
    forwards = score_attempt(questions=questions, responses=ALL_RIGHT, pass_mark=50)
    backwards = score_attempt(
        questions=questions, responses=dict(reversed(ALL_RIGHT.items())), pass_mark=50
    )
    assert forwards == backwards
    assert [q.id for q in forwards.questions] == list(reversed(ALL_KEYS))


def test_missing_and_blank_responses_are_unanswered():
    questions = quiz(SINGLE, TRUE, CITES)
    result = score_attempt(questions=questions, responses={"q2": None}, pass_mark=0)
    assert [q.answered for q in result.questions] == [False, False, False]
    assert (result.score, result.max_score, result.percent, result.passed) == (0, 4, 0, True)


def test_partial_scores_add_up_exactly():
    questions = quiz(MULTI_ALL_RIGHT_PARTIAL, MULTI_ALL_RIGHT_PARTIAL, MULTI_ALL_RIGHT_PARTIAL)
    result = score_attempt(
        questions=questions, responses={"q1": ["a"], "q2": ["a"], "q3": ["a"]}, pass_mark=34
    )
    assert result.score == 1  # three thirds, not 0.9999
    assert result.percent == F(100, 3)
    assert result.passed is False  # 33.33...% < 34%


PASS_MARKS = [
    pytest.param(3, 4, 75, True, id="75% with pass mark 75 passes"),
    pytest.param(3, 4, 76, False, id="75% with pass mark 76 fails"),
    pytest.param(2, 3, 66, True, id="66.67% with pass mark 66 passes"),
    pytest.param(2, 3, 67, False, id="66.67% with pass mark 67 fails: no rounding up"),
    pytest.param(4, 4, 100, True, id="100% with pass mark 100 passes"),
    pytest.param(0, 4, 0, True, id="0% with pass mark 0 passes"),
    pytest.param(0, 4, 1, False, id="0% with pass mark 1 fails"),
]


@pytest.mark.parametrize(("right", "of", "pass_mark", "passed"), PASS_MARKS)
def test_pass_mark_boundary(right, of, pass_mark, passed):
    questions = quiz(*([TRUE] * of))
    responses = {f"q{n}": n <= right for n in range(1, of + 1)}
    result = score_attempt(questions=questions, responses=responses, pass_mark=pass_mark)
    assert result.percent == F(100 * right, of)
    assert result.passed is passed


@pytest.mark.parametrize(("pass_mark", "passed"), [(0, True), (1, False), (100, False)])
def test_a_quiz_without_questions(pass_mark, passed):
    result = score_attempt(questions=[], responses={}, pass_mark=pass_mark)
    assert result.questions == ()
    assert (result.score, result.max_score, result.percent, result.passed) == (0, 0, 0, passed)
    assert type(result.percent) is Fraction


@pytest.mark.parametrize("pass_mark", [-1, 101, 1000])
def test_a_pass_mark_outside_0_to_100_is_refused(pass_mark):
    with pytest.raises(ValueError, match="pass_mark"):
        score_attempt(questions=quiz(TRUE), responses={}, pass_mark=pass_mark)


@pytest.mark.parametrize("pass_mark", [True, 50.0, "50", Decimal(50)])
def test_a_pass_mark_must_be_an_int(pass_mark):
    with pytest.raises(TypeError, match="pass_mark"):
        score_attempt(questions=quiz(TRUE), responses={}, pass_mark=pass_mark)


def test_a_response_to_a_question_not_in_the_attempt():
    with pytest.raises(InvalidResponse) as raised:
        score_attempt(
            questions=quiz(TRUE), responses={"q1": True, "o-gone": "x", "b-gone": 1}, pass_mark=50
        )
    error = raised.value
    assert (error.question_id, error.code) == ("b-gone", "unknown_question")
    assert error.message == "There is no question 'b-gone' in this attempt."


def test_every_response_is_checked_before_anything_is_scored():
    with pytest.raises(InvalidResponse) as raised:
        score_attempt(
            questions=quiz(TRUE, SINGLE, ORDER),
            responses={"q1": True, "q2": "forged", "q3": ["i1"]},
            pass_mark=50,
        )
    assert (raised.value.question_id, raised.value.code) == ("q2", "unknown_option")


def test_the_same_question_twice_is_a_content_fault():
    with pytest.raises(InvalidKey):
        score_attempt(questions=[TRUE, TRUE], responses={}, pass_mark=50)


def test_results_are_frozen():
    result = score_attempt(questions=quiz(TRUE), responses={"q1": True}, pass_mark=50)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.passed = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.questions[0].score = F(0)  # type: ignore[misc]


# --- The grade across attempts ----------------------------------------------------------------

PERCENTS = [F(50), F(200, 3), F(40)]
GRADES = [
    pytest.param(GradingMethod.HIGHEST, PERCENTS, F(200, 3), id="highest"),
    pytest.param(GradingMethod.LATEST, PERCENTS, F(40), id="latest"),
    pytest.param(GradingMethod.FIRST, PERCENTS, F(50), id="first"),
    pytest.param("highest", PERCENTS, F(200, 3), id="highest by its stored value"),
    pytest.param(GradingMethod.HIGHEST, [F(70)], F(70), id="highest of one"),
    pytest.param(GradingMethod.LATEST, [F(70), F(70)], F(70), id="latest of a tie"),
    pytest.param(GradingMethod.HIGHEST, [], None, id="highest of none"),
    pytest.param(GradingMethod.LATEST, [], None, id="latest of none"),
    pytest.param(GradingMethod.FIRST, [], None, id="first of none"),
]


@pytest.mark.parametrize(("method", "percents", "grade"), GRADES)
def test_grade_across_attempts(method, percents, grade):
    assert grade_across_attempts(method, percents) == grade


def test_grade_across_attempts_takes_decimals_from_the_database():
    grade = grade_across_attempts(GradingMethod.HIGHEST, [Decimal("66.6667"), Decimal("50")])
    assert grade == F(666667, 10000)
    assert type(grade) is Fraction


def test_grade_across_attempts_refuses_floats_and_unknown_methods():
    with pytest.raises(TypeError):
        grade_across_attempts(GradingMethod.HIGHEST, [0.5])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="average"):
        grade_across_attempts("average", [F(1)])  # type: ignore[arg-type]


# --- Purity -----------------------------------------------------------------------------------


def test_scoring_imports_only_the_standard_library():
    """Scoring and the question types' rules it reads (``quizzes.qtypes``, imported relatively)
    import nothing but the standard library and each other."""
    allowed = {
        "__future__",
        "collections",
        "collections.abc",
        "dataclasses",
        "decimal",
        "enum",
        "fractions",
        "typing",
        "unicodedata",
    }
    package = Path(qtypes.__file__).parent
    imported = set()
    for path in [Path(scoring.__file__), *sorted(package.glob("*.py"))]:
        inside = "quizzes.qtypes" if path.parent == package else "quizzes"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level:
                base = inside.rsplit(".", node.level - 1)[0] if node.level > 1 else inside
                module = f"{base}.{node.module}" if node.module else base
                assert module.startswith("quizzes.qtypes"), (path.name, module)
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module or "")
    assert imported <= allowed, imported - allowed
