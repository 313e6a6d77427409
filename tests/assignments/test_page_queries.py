"""My learning, the page officers open most, reads as much with 4 assignments (two through a
cohort, two alone) as with 1 (through a cohort)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from assignments.services import (
    assignment_create,
    cohort_assign,
    cohort_create,
    cohort_member_add,
)
from tests.conftest import build_course
from tests.learning.test_page_queries import _count

pytestmark = pytest.mark.django_db


def test_my_learning_reads_as_much_for_4_assignments_as_for_1(client, people, posts):
    coordinator, one, four = people["coordinator"], people["learner"], people["learner_kh"]
    trees = [build_course(code=f"TST-10{n}", modules=1) for n in range(1, 5)]
    due = datetime.date(2026, 1, 5)
    alone = cohort_create(actor=coordinator, name="Aranyaprathet intake", post=posts["th"])
    cohort_member_add(actor=coordinator, cohort=alone.uuid, officer=one)
    cohort_assign(actor=coordinator, cohort=alone.uuid, course=trees[0].course, due_on=due)
    cohort = cohort_create(actor=coordinator, name="Poipet intake", post=posts["kh"])
    cohort_member_add(actor=coordinator, cohort=cohort.uuid, officer=four)
    for tree in trees[:2]:
        cohort_assign(actor=coordinator, cohort=cohort.uuid, course=tree.course, due_on=due)
    for tree in trees[2:]:
        assignment_create(actor=coordinator, officer=four, course=tree.course, due_on=None)
    counts = []
    for learner in (one, four):
        client.force_login(learner)
        counts.append(_count(client, reverse("my_learning"), cold=False))
    assert counts[0] == counts[1], counts
    page = client.get(reverse("my_learning")).content.decode()
    assigned = page.split('id="assigned-heading"')[1].split("</table>")[0]
    assert all(f"Course TST-10{n}" in assigned for n in range(1, 5))
