"""An attempt's questions split into the part every attempt that drew the question shares and
the attempt's own (``quizzes.drawn``, ADR 0051): whole again exactly as drawn, and one part
for a question however its lists were shuffled."""

from __future__ import annotations

import pytest

from learning import services as learning
from officers.services import officer_create
from quizzes.drawn import joined, split
from quizzes.models import DrawnQuestion
from quizzes.services import attempt_start
from tests.conftest import PASSWORD
from tests.quizzes.conftest import build_quiz


def _matching(rights: list[str], shown: str) -> dict:
    pairs = {"p1": "Appendix I", "p2": "Appendix II", "p3": "Appendix III"}
    return {
        "id": "o-1",
        "type": "matching",
        "points": 1,
        "view": {
            "stem": "Match.",
            "lefts": [{"id": k, "text": v} for k, v in pairs.items()],
            "rights": [{"id": k, "text": f"Trade {k}"} for k in rights],
        },
        "key": {"pairs": {k: k for k in pairs}},
        "feedback": {"options": {}},
        "answer": ["Appendix I: Trade p1; Appendix II: Trade p2; Appendix III: Trade p3"],
        "shown": {"rights": {k: f"{shown}-{k}" for k in rights}},
    }


def test_two_orders_of_one_question_share_one_part_and_come_back_as_drawn():
    first = {"questions": [_matching(["p3", "p1", "p2"], "a")]}
    second = {"questions": [_matching(["p2", "p3", "p1"], "b")]}
    (stored_first, parts_first), (stored_second, parts_second) = split(first), split(second)
    assert parts_first == parts_second and len(parts_first) == 1
    texts = {**parts_first, **parts_second}
    assert joined(stored_first, texts) == first
    assert joined(stored_second, texts) == second
    # What is the attempt's own stays in the attempt's row, not in the part.
    (text,) = parts_first.values()
    assert "Trade" in text and "a-p3" not in text


def test_an_order_that_names_what_the_part_lacks_neither_loses_nor_invents_an_entry():
    stored, parts = split({"questions": [_matching(["p3", "p1", "p2"], "a")]})
    stored["questions"][0]["order"]["rights"] = [9, 1, "x", 1, -2]
    (whole,) = joined(stored, parts)["questions"]
    assert [r["id"] for r in whole["view"]["rights"]] == ["p2", "p1", "p3"]


def test_a_snapshot_that_is_not_one_is_left_as_it_is():
    for odd in (None, [], {"questions": "none"}, {"questions": [1, {"id": "x"}]}):
        stored, _parts = split(odd)
        assert joined(stored, _parts) == odd


@pytest.mark.django_db
def test_officers_who_drew_a_shuffled_quiz_share_its_questions_parts(course_tree, posts):
    """Six officers draw the quiz (matching rights and ordering items are shuffled for each):
    their attempts name the same parts, one per question."""
    quiz = build_quiz(course_tree.quizzes[0], with_bank=False, shuffle_options=True)
    drawn = []
    for n in range(6):
        officer = officer_create(username=f"drawer{n}", password=PASSWORD, post=posts["th"])
        learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
        drawn.append(attempt_start(learner=officer, quiz=quiz).snapshot["questions"])
    orders = {tuple(tuple(e["id"] for e in q["view"].get("items", [])) for q in d) for d in drawn}
    assert len(orders) > 1  # 6 officers, 6 orders of 3 items: the same six times is 1 in 7,776
    assert DrawnQuestion.objects.count() == len(drawn[0])
