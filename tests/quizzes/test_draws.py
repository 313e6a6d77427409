"""Which bank questions an attempt draws, and in what order it shows what it draws: a second
attempt shows questions not shown before where the bank has them; matching rights and ordering
items never appear in their key's order by design."""

import random
import re

import pytest
from django.urls import reverse

from learning import services as learning
from quizzes import snapshot as snapshots
from quizzes.draws import prefer_unseen
from tests.quizzes.conftest import build_quiz

POOL = [f"b-{n}" for n in range(10)]


def test_a_draw_takes_unseen_questions_first():
    seen = set(POOL[:5])
    drawn = prefer_unseen(POOL, count=5, seen=seen, rng=random.Random(1))
    assert sorted(drawn) == POOL[5:]
    # Fewer unseen than asked for: all the unseen ones, the rest from those seen.
    drawn = prefer_unseen(POOL, count=5, seen=set(POOL[:8]), rng=random.Random(1))
    assert set(POOL[8:]) <= set(drawn) and len(set(drawn)) == 5
    # Everything seen: any five, still without repeats.
    drawn = prefer_unseen(POOL, count=5, seen=set(POOL), rng=random.Random(1))
    assert len(set(drawn)) == 5 and set(drawn) <= set(POOL)


def test_a_draw_depends_only_on_what_it_is_handed():
    seen = set(POOL[:3])
    once = prefer_unseen(POOL, count=4, seen=seen, rng=random.Random(7))
    assert prefer_unseen(POOL, count=4, seen=seen, rng=random.Random(7)) == once
    assert prefer_unseen(POOL, count=4, seen=seen, rng=random.Random(8)) != once
    with pytest.raises(ValueError):
        prefer_unseen(POOL, count=11, seen=set(), rng=random.Random(1))


def bank_statements(html: str) -> set[str]:
    return set(re.findall(r"Bank statement \d+", html))


def test_a_second_attempt_shows_bank_questions_not_shown_before(client, course_tree, people):
    quiz = build_quiz(course_tree.quizzes[0], bank_size=10, max_attempts=3)
    block = next(b for b in quiz.questions if b.block_type == "random_draw")
    block.value["count"] = 5
    quiz.save_revision().publish()
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(officer)

    shown = []
    for _attempt in range(3):
        client.post(reverse("quiz_start", args=[quiz.pk]))
        attempt = officer.quiz_attempts.latest("recorded_at")
        url = reverse("quiz_attempt", args=[attempt.pk])
        shown.append(bank_statements(client.get(url).content.decode()))
        client.post(url, {"action": "confirm"})
    first, second, third = shown
    assert len(first) == len(second) == len(third) == 5
    assert not first & second  # ten in the bank, five a draw: all new
    assert third <= first | second  # the bank is exhausted: any five again


def test_matching_rights_and_ordering_items_are_shuffled_even_when_options_are_not(
    course_tree,
):
    quiz = build_quiz(course_tree.quizzes[0], with_bank=False, shuffle_options=False)
    orders = {"matching": set(), "ordering": set(), "single": set()}
    for seed in range(12):
        drawn = snapshots.draw(quiz=quiz, rng=random.Random(seed), token=lambda r, k: f"{r}{k}")
        for q in drawn["questions"]:
            if q["type"] == "matching":
                orders["matching"].add(tuple(r["text"] for r in q["view"]["rights"]))
            elif q["type"] == "ordering":
                orders["ordering"].add(tuple(i["text"] for i in q["view"]["items"]))
            elif q["type"] == "single":
                orders["single"].add(tuple(o["text"] for o in q["view"]["options"]))
    assert len(orders["matching"]) == 2  # both orders of two rights
    assert len(orders["ordering"]) > 1
    assert orders["single"] == {("Passport A", "Visa B", "Permit C")}  # as the trainer said
