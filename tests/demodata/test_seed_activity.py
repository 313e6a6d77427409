"""``manage.py seed_activity``: a few officers learn through the services, with the mix a post
sees (finished with a certificate, failed and retried, left half-way), the same every run."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from certificates.models import Certificate
from learning.models import LearnerRecord, RecordKind
from officers.models import BorderPost, ProfileRecord, User
from quizzes.models import QuizAttempt, QuizSubmission
from tests.conftest import build_course
from tests.quizzes.conftest import build_quiz


@pytest.fixture
def graded_course(db):
    tree = build_course(code="SEED-101", modules=2, lessons_per_module=2)
    for quiz in tree.quizzes:
        build_quiz(quiz, with_bank=False, max_attempts=3)
    return tree


@pytest.fixture
def post(db):
    return BorderPost.objects.create(code="th-a", name="Aranyaprathet", country="TH")


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_activity", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def printed_counts(output: str) -> dict[str, tuple[int, int]]:
    """The table the command prints: label -> (made now, on this node)."""
    rows = re.findall(r"^\s+([a-z ]+?)\s+(\d+)\s+(\d+)$", output, re.MULTILINE)
    return {label: (int(now), int(total)) for label, now, total in rows}


def test_officers_learn_at_the_post_with_a_realistic_mix(graded_course, post):
    output = seed("--officers", "12", "--post", "th-a", "--seed", "7")

    officers = User.objects.filter(post=post)
    assert officers.count() == 12
    assert all(o.full_name_latin and o.service_number for o in officers)
    assert any(o.full_name_native for o in officers)  # Thai names in Thai script
    assert all(o.has_usable_password() for o in officers)

    completed = LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED)
    # Some finish and hold a certificate, issued by the normal completion path...
    assert completed.exists()
    assert set(Certificate.objects.values_list("holder", flat=True)) == set(
        completed.values_list("learner", flat=True)
    )
    # ...some failed a quiz and tried again...
    assert QuizSubmission.objects.filter(passed=False).exists()
    assert QuizAttempt.objects.filter(number__gt=1).exists()
    # ...and some enrolled without finishing.
    enrolled = set(
        LearnerRecord.objects.filter(kind=RecordKind.ENROLLED).values_list("learner", flat=True)
    )
    assert enrolled - set(completed.values_list("learner", flat=True))

    counts = printed_counts(output)
    assert counts["learner records"] == (LearnerRecord.objects.count(),) * 2
    assert counts["quiz attempts"] == (QuizAttempt.objects.count(),) * 2
    assert counts["quiz submissions"] == (QuizSubmission.objects.count(),) * 2
    assert counts["certificates"] == (Certificate.objects.count(),) * 2
    assert counts["officer profile records"] == (ProfileRecord.objects.count(),) * 2
    total = sum(now for label, (now, _all) in counts.items() if label != "all records")
    assert counts["all records"][0] == total
    assert f"12 officer(s) registered, {total} record(s) made" in output


def _activity_signature(*args: str) -> list[tuple]:
    """Seed inside a transaction that is rolled back, and return what each officer did."""
    with transaction.atomic():
        seed(*args)
        signature = [
            (
                officer.username,
                officer.full_name_latin,
                tuple(
                    officer.learner_records.order_by("origin_seq").values_list("kind", "lesson_key")
                ),
                tuple(
                    QuizSubmission.objects.filter(attempt__learner=officer)
                    .order_by("origin_seq")
                    .values_list("attempt__number", "score", "passed")
                ),
            )
            for officer in User.objects.order_by("username")
        ]
        transaction.set_rollback(True)
    return signature


def test_the_same_seed_repeats_the_same_activity(graded_course, post):
    first = _activity_signature("--officers", "5", "--seed", "3")
    again = _activity_signature("--officers", "5", "--seed", "3")
    other = _activity_signature("--officers", "5", "--seed", "4")
    assert first == again
    assert first != other


def test_a_record_target_stops_the_run_once_reached(graded_course, post, capsys):
    output = seed("--records", "60", "--officers", "50", "--post", "th-a")
    # Progress towards the record target, as plain lines when not on a terminal.
    progress = capsys.readouterr().err
    assert "\r" not in progress and progress.startswith("Seeding [")
    assert progress.splitlines()[-1].endswith("/60] 100 %")
    made = printed_counts(output)["all records"][0]
    assert made >= 60
    assert User.objects.filter(post=post).count() < 50


def test_plain_messages_when_seeding_cannot_start(db, post):
    with pytest.raises(CommandError, match="no live course"):
        seed("--officers", "1")
    build_course(code="SEED-102")
    with pytest.raises(CommandError, match="no border post with the code nowhere"):
        seed("--officers", "1", "--post", "nowhere")
    with pytest.raises(CommandError, match="how many officers"):
        seed()
    assert not User.objects.exists()
