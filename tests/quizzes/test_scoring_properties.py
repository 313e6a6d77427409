"""Properties of quiz scoring that must hold for every key and every response: deterministic,
within bounds, blind to presentation order, full marks for the key's own answer, no reward for
a wrong tick, and nothing but InvalidResponse for junk. Random keys of every type, with
Hypothesis; no database."""

from __future__ import annotations

import dataclasses
import unicodedata
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.qtypes import QuestionType
from quizzes.qtypes.base import InvalidResponse, Option, QuestionKey, normalise_text, parse_number
from quizzes.scoring import score_attempt, score_question, validate_response

T = QuestionType
# Modest example counts keep the suite fast; no example database, so a run leaves no files.
PROPERTY = settings(max_examples=200, deadline=None, database=None)

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# The zero of each script's decimal digits: ASCII, Thai, Khmer, Lao, Myanmar, Arabic-Indic,
# Extended Arabic-Indic, Devanagari, fullwidth.
DIGIT_ZEROS = [0x30, 0x0E50, 0x17E0, 0x0ED0, 0x1040, 0x0660, 0x06F0, 0x0966, 0xFF10]

ids = st.text(alphabet="abcdefghijk0123456789-", min_size=1, max_size=6)
points = st.integers(min_value=1, max_value=100)
ANY_TYPE = st.sampled_from(QuestionType)


def unique_ids(min_size: int = 1, max_size: int = 8):
    return st.lists(ids, min_size=min_size, max_size=max_size, unique=True)


def decimals(scale: int, *, min_units: int, max_units: int):
    """Decimals with ``scale`` places, built exactly from whole units of 10**-scale."""
    return st.integers(min_value=min_units, max_value=max_units).map(
        lambda units: Decimal(f"{units}E-{scale}")
    )


accepted_answers = st.text(min_size=1, max_size=12).filter(lambda t: normalise_text(t) != "")


@st.composite
def keys(draw, types=ANY_TYPE) -> QuestionKey:
    qtype = draw(types)
    fields: dict = {"points": draw(points), "partial_credit": draw(st.booleans())}
    if qtype is T.SINGLE:
        option_ids = draw(unique_ids(min_size=2))
        right = draw(st.sampled_from(option_ids))
        fields["options"] = tuple(Option(i, i == right) for i in option_ids)
    elif qtype is T.MULTIPLE:
        option_ids = draw(unique_ids())
        marks = draw(st.lists(st.booleans(), min_size=len(option_ids), max_size=len(option_ids)))
        marks[draw(st.integers(0, len(option_ids) - 1))] = True  # at least one right option
        fields["options"] = tuple(Option(i, m) for i, m in zip(option_ids, marks, strict=True))
    elif qtype is T.TRUE_FALSE:
        fields["correct_answer"] = draw(st.booleans())
    elif qtype is T.MATCHING:
        lefts = draw(unique_ids())
        if draw(st.booleans()):
            rights = lefts  # as quizzes.snapshot draws them: a pair's right has the pair's id
        else:
            rights = draw(st.lists(ids, min_size=len(lefts), max_size=len(lefts), unique=True))
        fields["pairs"] = tuple(zip(lefts, rights, strict=True))
    elif qtype is T.ORDERING:
        fields["order"] = tuple(draw(unique_ids()))
    elif qtype is T.NUMERIC:
        scale = draw(st.integers(0, 6))
        fields["number"] = draw(decimals(scale, min_units=-(10**12), max_units=10**12))
        fields["tolerance"] = draw(decimals(scale, min_units=0, max_units=10**6))
    else:
        fields["accepted"] = tuple(draw(st.lists(accepted_answers, min_size=1, max_size=4)))
    return QuestionKey(id=draw(ids), type=qtype, **fields)


def typed(draw, number: Decimal) -> str:
    """``number`` as an officer might type it: any script's digits, "." or "," or the Arabic
    separator, a sign, spaces around it, zero-width characters."""
    zero = draw(st.sampled_from(DIGIT_ZEROS))
    separator = draw(st.sampled_from([".", ",", "\u066b"]))
    text = f"{number.copy_abs():f}".replace(".", separator)
    text = "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)
    if number < 0:
        text = draw(st.sampled_from(["-", "\u2212"])) + text
    elif draw(st.booleans()):
        text = "+" + text
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ZERO_WIDTH)) + text[at:]
    space = st.sampled_from(["", " ", "  ", "\t"])
    return draw(space) + text + draw(space)


def disguised(draw, text: str) -> str:
    """``text`` written differently but equal for ``normalise_text``: decomposed, zero-width
    characters and extra spaces added, ASCII letters in another case."""
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    if draw(st.booleans()):
        text = "".join(c.swapcase() if c.isascii() else c for c in text)
    if text and draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ZERO_WIDTH)) + text[at:]
    return draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", "  "]))


def correct_response(draw, key: QuestionKey) -> object:
    """A response built from the key that must get full marks."""
    if key.type is T.SINGLE:
        return draw(st.sampled_from([o.id for o in key.options if o.correct]))
    if key.type is T.MULTIPLE:
        right = [o.id for o in key.options if o.correct]
        return draw(st.permutations(right)) + draw(st.lists(st.sampled_from(right), max_size=2))
    if key.type is T.TRUE_FALSE:
        word = "true" if key.correct_answer else "false"
        return draw(st.sampled_from([key.correct_answer, word, word.upper(), word.title()]))
    if key.type is T.MATCHING:
        return dict(draw(st.permutations(key.pairs)))
    if key.type is T.ORDERING:
        return list(key.order)
    if key.type is T.NUMERIC:
        # Anywhere in [number - tolerance, number + tolerance], bounds included, two places finer.
        scale = 2 - int(key.tolerance.as_tuple().exponent)
        tolerance_units = int(key.tolerance.scaleb(scale))
        offset = draw(st.integers(-tolerance_units, tolerance_units))
        given = key.number + Decimal(f"{offset}E-{scale}")
        return draw(st.sampled_from([typed(draw, given), given]))
    return disguised(draw, draw(st.sampled_from(key.accepted)))


BLANKS = st.sampled_from([None, "", [], {}, "  "])


def any_valid_response(draw, key: QuestionKey) -> object:
    """A response that belongs to the question: blank, right, or anything else it allows."""
    choice = draw(st.sampled_from(["blank", "right", "other"]))
    if choice == "blank":
        return draw(BLANKS)
    if choice == "right":
        return correct_response(draw, key)
    if key.type is T.SINGLE:
        return draw(st.sampled_from([o.id for o in key.options]))
    if key.type is T.MULTIPLE:
        return draw(st.lists(st.sampled_from([o.id for o in key.options]), max_size=10))
    if key.type is T.TRUE_FALSE:
        return draw(st.sampled_from([True, False, "true", "FALSE", "False"]))
    if key.type is T.MATCHING:
        lefts = [left for left, _right in key.pairs]
        rights = [right for _left, right in key.pairs] + [""]
        return draw(st.dictionaries(st.sampled_from(lefts), st.sampled_from(rights)))
    if key.type is T.ORDERING:
        return list(draw(st.permutations(key.order)))
    if key.type is T.NUMERIC:
        number = draw(decimals(draw(st.integers(0, 8)), min_units=-(10**14), max_units=10**14))
        return draw(st.one_of(st.just(typed(draw, number)), st.text(max_size=8), st.integers()))
    return draw(st.text(max_size=20))


@st.composite
def key_and_response(draw, types=ANY_TYPE):
    key = draw(keys(types))
    return key, any_valid_response(draw, key)


@st.composite
def key_and_correct_response(draw):
    key = draw(keys())
    return key, correct_response(draw, key)


@st.composite
def attempts(draw):
    """Questions with distinct ids, and a response (possibly blank) for some of them."""
    pairs = draw(st.lists(key_and_response(), max_size=8))
    questions = [dataclasses.replace(k, id=f"q{n}") for n, (k, _r) in enumerate(pairs)]
    responses = {
        q.id: r for q, (_k, r) in zip(questions, pairs, strict=True) if draw(st.booleans())
    }
    return questions, responses


# --- (a) Deterministic ------------------------------------------------------------------------


@PROPERTY
@given(key_and_response())
def test_scoring_a_question_twice_gives_the_same_result(pair):
    key, response = pair
    validate_response(key, response)
    assert score_question(key, response) == score_question(key, response)


@PROPERTY
@given(attempts(), st.integers(0, 100), st.randoms(use_true_random=False))
def test_an_attempt_does_not_depend_on_the_order_of_responses(attempt, pass_mark, rnd):
    questions, responses = attempt
    shuffled = list(responses.items())
    rnd.shuffle(shuffled)
    first = score_attempt(questions=questions, responses=responses, pass_mark=pass_mark)
    again = score_attempt(questions=questions, responses=responses, pass_mark=pass_mark)
    reordered = score_attempt(questions=questions, responses=dict(shuffled), pass_mark=pass_mark)
    assert first == again == reordered


# --- (b) Within bounds ------------------------------------------------------------------------


@PROPERTY
@given(key_and_response())
def test_a_question_scores_between_zero_and_its_points(pair):
    key, response = pair
    result = score_question(key, response)
    assert type(result.score) is Fraction
    assert 0 <= result.score <= result.points == key.points
    assert result.correct == (result.score == key.points)
    assert result.answered or result.score == 0


@PROPERTY
@given(attempts(), st.integers(0, 100))
def test_an_attempt_scores_between_zero_and_its_maximum(attempt, pass_mark):
    questions, responses = attempt
    result = score_attempt(questions=questions, responses=responses, pass_mark=pass_mark)
    assert [q.id for q in result.questions] == [q.id for q in questions]
    assert result.score == sum(q.score for q in result.questions)
    assert result.max_score == sum(q.points for q in questions)
    assert 0 <= result.score <= result.max_score
    assert type(result.percent) is Fraction
    assert 0 <= result.percent <= 100
    if result.max_score:
        assert result.percent == 100 * result.score / result.max_score
    else:
        assert result.percent == 0
    assert result.passed == (result.percent >= pass_mark)


# --- (c) Blind to presentation order ----------------------------------------------------------


@PROPERTY
@given(key_and_response(), st.randoms(use_true_random=False))
def test_reordering_options_pairs_or_accepted_answers_never_changes_the_score(pair, rnd):
    key, response = pair
    options, pairs, accepted = list(key.options), list(key.pairs), list(key.accepted)
    rnd.shuffle(options)
    rnd.shuffle(pairs)
    rnd.shuffle(accepted)
    shuffled = dataclasses.replace(
        key, options=tuple(options), pairs=tuple(pairs), accepted=tuple(accepted)
    )
    assert score_question(shuffled, response) == score_question(key, response)


@PROPERTY
@given(key_and_response(st.just(T.MULTIPLE)), st.randoms(use_true_random=False))
def test_the_order_of_ticked_options_never_changes_the_score(pair, rnd):
    key, response = pair
    if not isinstance(response, list):
        return  # blank
    reordered = list(response)
    rnd.shuffle(reordered)
    assert score_question(key, reordered) == score_question(key, response)


# --- (d) The key's own answer gets full marks -------------------------------------------------


@PROPERTY
@given(key_and_correct_response())
def test_the_correct_response_gets_full_marks(pair):
    key, response = pair
    result = score_question(key, response)
    assert result.answered
    assert result.correct
    assert result.score == key.points


@PROPERTY
@given(st.lists(key_and_correct_response(), min_size=1, max_size=8), st.integers(0, 100))
def test_an_attempt_answered_from_its_keys_scores_100(pairs, pass_mark):
    questions = [dataclasses.replace(k, id=f"q{n}") for n, (k, _r) in enumerate(pairs)]
    responses = {q.id: r for q, (_k, r) in zip(questions, pairs, strict=True)}
    result = score_attempt(questions=questions, responses=responses, pass_mark=pass_mark)
    assert (result.percent, result.passed) == (100, True)


# --- (e) No reward for a wrong tick; partial credit never below all-or-nothing ------------------


@PROPERTY
@given(key_and_response(st.just(T.MULTIPLE)), st.data())
def test_adding_a_wrong_option_never_raises_the_score(pair, data):
    key, response = pair
    key = dataclasses.replace(key, partial_credit=True)
    chosen = list(response) if isinstance(response, list) else []
    unchosen_wrong = [o.id for o in key.options if not o.correct and o.id not in chosen]
    if not unchosen_wrong:
        return
    worse = [*chosen, data.draw(st.sampled_from(unchosen_wrong))]
    assert score_question(key, worse).score <= score_question(key, chosen).score


@PROPERTY
@given(key_and_response(st.just(T.MULTIPLE)), st.data())
def test_adding_a_right_option_never_lowers_the_score(pair, data):
    key, response = pair
    key = dataclasses.replace(key, partial_credit=True)
    chosen = list(response) if isinstance(response, list) else []
    unchosen_right = [o.id for o in key.options if o.correct and o.id not in chosen]
    if not unchosen_right:
        return
    better = [*chosen, data.draw(st.sampled_from(unchosen_right))]
    assert score_question(key, better).score >= score_question(key, chosen).score


@PROPERTY
@given(key_and_response(st.sampled_from([T.MULTIPLE, T.MATCHING, T.ORDERING])))
def test_partial_credit_never_scores_below_all_or_nothing(pair):
    key, response = pair
    partial = score_question(dataclasses.replace(key, partial_credit=True), response)
    whole = score_question(dataclasses.replace(key, partial_credit=False), response)
    assert partial.score >= whole.score
    assert partial.correct == whole.correct


# --- Numbers: exact bounds, any script --------------------------------------------------------


@PROPERTY
@given(keys(st.just(T.NUMERIC)), st.data())
def test_numeric_bounds_are_inclusive_and_exact(key, data):
    just = Decimal("1E-9")  # finer than any generated key
    sign = data.draw(st.sampled_from([-1, 1]))
    at_bound = key.number + sign * key.tolerance
    outside = at_bound + sign * just
    assert score_question(key, typed(data.draw, at_bound)).correct
    assert not score_question(key, typed(data.draw, outside)).correct


@PROPERTY
@given(st.integers(-(10**20), 10**20), st.integers(0, 12), st.data())
def test_parse_number_reads_what_was_typed_in_any_script(units, scale, data):
    number = Decimal(f"{units}E-{scale}")
    assert parse_number(typed(data.draw, number)) == number


@PROPERTY
@given(st.text())
def test_parse_number_never_fails_on_text(text):
    parsed = parse_number(text)
    assert parsed is None or (isinstance(parsed, Decimal) and parsed.is_finite())


# --- Text ---------------------------------------------------------------------------------------


@PROPERTY
@given(st.text())
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip() and "  " not in once


@PROPERTY
@given(st.text(), st.data())
def test_normalise_text_ignores_how_the_text_was_written(text, data):
    assert normalise_text(disguised(data.draw, text)) == normalise_text(text)


# --- Junk in, InvalidResponse or a score out -----------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=10,
)


@PROPERTY
@given(keys(), st.one_of(json_values, st.lists(ids), st.dictionaries(ids, ids)))
def test_any_json_value_is_scored_or_refused_with_invalid_response(key, response):
    try:
        validate_response(key, response)
    except InvalidResponse as error:
        assert error.question_id == key.id and error.message
        try:
            score_question(key, response)
        except InvalidResponse:
            return
        raise AssertionError("score_question accepted what validate_response refused") from None
    result = score_question(key, response)
    assert 0 <= result.score <= key.points
