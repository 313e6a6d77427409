"""``manage.py seed_region``: a region at the hub in bulk, whose rows are what the posts'
services would have sent: each post's records stamped by its node in one unbroken sequence,
certificates that verify, profiles that match the officers, and the coordinators' pages showing
real progress within their country."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from certificates.models import Certificate
from certificates.selectors import verify_text
from coordination import selectors as coordination
from learning.models import LearnerRecord, RecordKind
from nodes.models import NodeRole, Peer
from officers.models import BorderPost, ProfileRecord, User
from officers.selectors import profile_effective, profile_snapshot
from quizzes.models import QuizAttempt, QuizSubmission
from recordsync.holdings import held_build
from recordsync.selectors import holdings, holdings_scanned
from tests.conftest import build_course
from tests.quizzes.conftest import build_quiz

TABLES = (LearnerRecord, QuizAttempt, QuizSubmission, Certificate, ProfileRecord)


@pytest.fixture
def graded_course(db):
    tree = build_course(code="REGION-101", modules=2, lessons_per_module=2)
    for quiz in tree.quizzes:
        build_quiz(quiz, with_bank=False, max_attempts=3)
    return tree


def seed_region(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_region", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


SMALL = ("--posts", "3", "--officers", "30", "--records", "400", "--templates", "3")


def test_a_region_of_posts_each_sending_its_own_records(graded_course):
    output = seed_region(*SMALL)

    peers = {p.post_code: p for p in Peer.objects.filter(role=NodeRole.POST)}
    posts = BorderPost.objects.filter(code__startswith="rg-")
    assert sorted(peers) == sorted(p.code for p in posts) == ["rg-kh-002", "rg-la-003", "rg-th-001"]
    officers = User.objects.filter(post__in=posts)
    assert officers.count() >= 30
    assert not User.objects.filter(post__isnull=False).exclude(post__in=posts).exists()
    node_of_post = {code: peer.node_id for code, peer in peers.items()}
    region = [model.objects.filter(origin_node__in=node_of_post.values()) for model in TABLES]
    made = sum(rows.count() for rows in region)
    assert made >= 400 and f"{made} record(s) made" in output
    # Nothing else came from a post: the hub made only its coordinators' profile records.
    assert sum(model.objects.count() for model in TABLES) == made + 3

    # Each post's records are stamped by that post's node, in one sequence with no gap.
    seqs: dict = defaultdict(list)
    for rows in region:
        for node, seq in rows.values_list("origin_node", "origin_seq"):
            seqs[node].append(seq)
    assert set(seqs) == set(node_of_post.values())
    for numbers in seqs.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for record in LearnerRecord.objects.select_related("learner__post")[:200]:
        assert record.origin_node == node_of_post[record.learner.post.code]


def test_certificates_verify_and_match_completions_and_profiles(graded_course):
    seed_region(*SMALL)
    completed = set(
        LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED).values_list(
            "learner", flat=True
        )
    )
    certificates = list(Certificate.objects.select_related("holder__post"))
    assert certificates and {c.holder_id for c in certificates} == completed
    for certificate in certificates:
        check = verify_text(certificate.payload)
        assert check.status == "valid" and check.code == certificate.code
        assert verify_text(certificate.code).status == "valid"
        assert certificate.holder_latin == certificate.holder.full_name_latin
        assert certificate.code.startswith(f"{certificate.holder.post.country}-")
    for officer in User.objects.filter(post__code__startswith="rg-"):
        data, _clock = profile_effective(officer.uuid)
        assert data == profile_snapshot(user=officer)


def test_a_country_coordinator_sees_their_country_with_real_progress(graded_course):
    seed_region(*SMALL)
    post = Certificate.objects.select_related("holder__post").first().holder.post
    coordinator = User.objects.get(username=f"coord.{post.country.lower()}")
    officers = coordination.officers_in_scope(viewer=coordinator)
    assert {o.post.code for o in officers} == {post.code}
    rows = coordination.progress_table(officers=officers, course=graded_course.course)
    summary = coordination.progress_summary(officers=officers, course=graded_course.course)
    statuses = [row.progress.status for row in rows]
    assert summary.officers == len(rows)
    assert summary.completed == statuses.count("completed") > 0
    assert summary.enrolled == len(rows) - statuses.count("not_enrolled")


def test_the_hub_says_it_holds_every_seeded_record(graded_course):
    # The hub has built its holdings already (it exported once): what it tells posts it holds
    # must include the seeded records, or they would be asked for and sent again.
    held_build()
    seed_region(*SMALL)
    posts = Peer.objects.filter(role=NodeRole.POST).values_list("node_id", flat=True)
    held, scanned = holdings(), holdings_scanned()
    for node in posts:
        assert held[node] == scanned[node] == [[1, scanned[node][0][1]]]


def _region_signature(*args: str) -> list[tuple]:
    with transaction.atomic():
        seed_region(*args)
        signature = [
            (
                o.username,
                o.full_name_native,
                tuple(o.learner_records.order_by("origin_seq").values_list("kind", "lesson_key")),
            )
            for o in User.objects.filter(post__code__startswith="rg-").order_by("username")
        ]
        transaction.set_rollback(True)
    return signature


def test_the_same_seed_gives_the_same_region(graded_course):
    small = ("--posts", "2", "--officers", "8", "--records", "0", "--templates", "2")
    first = _region_signature(*small, "--seed", "5")
    assert first == _region_signature(*small, "--seed", "5")
    assert first != _region_signature(*small, "--seed", "6")


def test_plain_message_without_a_course(db):
    with pytest.raises(CommandError, match="no live course"):
        seed_region("--posts", "1", "--officers", "1", "--records", "0")
