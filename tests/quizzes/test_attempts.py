"""Quiz attempts through the officer's pages: start, answer, submit once, review; and every
kind of bad input refused with a message and no change to any score."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from learning import services as learning
from quizzes.models import AttemptDraft, QuizAttempt, QuizSubmission
from quizzes.practice import check_question
from tests.answering import form_for, lesson_with_checks
from tests.quizzes.conftest import SECRETS, build_quiz


def start(client, quiz) -> QuizAttempt:
    response = client.post(reverse("quiz_start", args=[quiz.pk]))
    assert response.status_code == 302, response
    return QuizAttempt.objects.latest("recorded_at")


def test_start_draws_every_question_and_a_reload_resumes_it(client, quiz, enrolled):
    attempt = start(client, quiz)
    assert len(attempt.snapshot["questions"]) == 9  # seven own, two drawn from the bank of three
    assert start(client, quiz).pk == attempt.pk
    assert QuizAttempt.objects.count() == 1


def test_all_right_passes_and_finishes_the_module(client, quiz, enrolled, course_tree):
    for lesson in course_tree.lessons[:2]:
        learning.lesson_open(learner=enrolled, lesson=lesson)
        learning.lesson_complete(learner=enrolled, lesson=lesson)
    assert not enrolled.learner_records.filter(kind="module_completed").exists()
    attempt = start(client, quiz)
    url = reverse("quiz_attempt", args=[attempt.pk])
    response = client.post(url, {**form_for(attempt), "action": "submit"})
    assert response["Location"] == reverse("quiz_result", args=[attempt.pk])
    submission = QuizSubmission.objects.get(attempt=attempt)
    assert (submission.percent, submission.passed) == (100, True)
    assert enrolled.learner_records.filter(kind="module_completed").count() == 1
    html = client.get(reverse("quiz_result", args=[attempt.pk])).content.decode()
    assert "100%" in html and "Passed" in html


def test_fail_then_retake_and_pass_with_highest_grade(client, quiz, enrolled):
    first = start(client, quiz)
    client.post(
        reverse("quiz_attempt", args=[first.pk]),
        {**form_for(first, right=False), "action": "submit"},
    )
    assert QuizSubmission.objects.get(attempt=first).passed is False
    second = start(client, quiz)
    assert second.pk != first.pk and second.number == 2
    client.post(reverse("quiz_attempt", args=[second.pk]), {**form_for(second), "action": "submit"})
    page = client.get(quiz.url).content.decode()
    assert "Your grade: 100%" in page


def test_submitting_twice_records_one_grade(client, quiz, enrolled):
    attempt = start(client, quiz)
    url = reverse("quiz_attempt", args=[attempt.pk])
    client.post(url, {**form_for(attempt, right=False), "action": "submit"})
    again = client.post(url, {**form_for(attempt), "action": "submit"})
    assert again["Location"] == reverse("quiz_result", args=[attempt.pk])
    assert QuizSubmission.objects.filter(attempt=attempt).count() == 1
    assert QuizSubmission.objects.get(attempt=attempt).passed is False


def test_saved_answers_survive_a_reload(client, quiz, enrolled):
    attempt = start(client, quiz)
    url = reverse("quiz_attempt", args=[attempt.pk])
    single = attempt.snapshot["questions"][0]
    name = f"q-{single['id']}"
    chosen = form_for(attempt)[name]
    client.post(url, {name: chosen, "action": "save"})
    html = client.get(url).content.decode()
    assert f'value="{chosen}" checked' in html
    assert "1 of 9 questions answered" in html


def test_unanswered_questions_are_warned_before_submitting(client, quiz, enrolled):
    attempt = start(client, quiz)
    url = reverse("quiz_attempt", args=[attempt.pk])
    response = client.post(url, {"action": "submit"})
    assert "You have not answered 9 questions. Submit anyway?" in response.content.decode()
    assert not QuizSubmission.objects.exists()
    client.post(url, {"action": "confirm"})
    assert QuizSubmission.objects.get(attempt=attempt).percent == 0


class _PageParts(HTMLParser):
    """Every id, name, value, for and data-* attribute of a page, its texts, and each select's
    (or group of radios') name with its options' values."""

    def __init__(self):
        super().__init__()
        self.attributes: list[str] = []
        self.texts: list[str] = []
        self.selects: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in {"id", "name", "value", "for"} or name.startswith("data-")):
                self.attributes.append(value)
        attrs = dict(attrs)
        if tag == "select":
            self.selects.append((attrs.get("name") or "", []))
        elif tag == "option" and self.selects:
            self.selects[-1][1].append(attrs.get("value") or "")
        elif tag == "input" and attrs.get("type") == "radio":  # a group of radios is a select
            name = attrs.get("name") or ""
            if not self.selects or self.selects[-1][0] != name:
                self.selects.append((name, []))
            self.selects[-1][1].append(attrs.get("value") or "")

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data.strip())


def _parts(body: str) -> _PageParts:
    parts = _PageParts()
    if body.lstrip().startswith(("{", "[")):  # JSON: every string in it is both
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
        parts.attributes += strings
        parts.texts += strings
    else:
        parts.feed(body)
    return parts


def _fragments(value: str) -> set[str]:
    return {value, *re.split(r"[-_:,;./ ]+", value)} - {""}


def key_elements(question: dict) -> tuple[set[str], set[str]]:
    """What reveals ``question``'s key (from the server's snapshot): ids that must never be in
    the page, in whole or as a part of an attribute; and values no attribute or text may equal
    or (for accepted answers) contain."""
    key, kind = question["key"], question["type"]
    ids: set[str] = set()
    values: set[str] = set()
    if kind in {"single", "multiple"}:
        ids |= {o["id"] for o in key["options"] if o["correct"]}
    elif kind == "matching":
        for left, right in key["pairs"]:
            ids |= {left, right}
            values |= {f"{left}-{right}", f"{left}:{right}"}
    elif kind == "ordering":
        ids |= set(key["order"])
        for separator in (",", "-", " ", ";"):
            values.add(separator.join(key["order"]))
    elif kind == "numeric":
        values.add(key["number"])
    elif kind == "short_text":
        values |= set(key["accepted"])
    return ids, values


def assert_reveals_no_key(bodies: dict[str, str], questions: list[dict]) -> set[str]:
    """Fail if any id, name, value, for or data-* attribute, or any text, of ``bodies`` (what
    the learner reached, by URL) equals or maps to a key element of ``questions``. Returns the
    attribute values seen."""
    seen: set[str] = set()
    for where, body in bodies.items():
        parts = _parts(body)
        seen |= set(parts.attributes)
        for q in questions:
            ids, values = key_elements(q)
            for attribute in parts.attributes:
                leaked = {i for i in ids if i in attribute}
                assert not leaked, (where, q["type"], attribute, "carries a key id")
                assert attribute not in values, (where, q["type"], attribute, "is the key")
                for accepted in q["key"].get("accepted", []):
                    assert accepted.casefold() not in attribute.casefold(), (where, attribute)
            for text in parts.texts:
                assert not any(i in text for i in ids), (where, q["type"], text)
                assert text not in values, (where, q["type"], text)
                for accepted in q["key"].get("accepted", []):
                    assert accepted.casefold() not in text.casefold(), (where, text)
            if q["type"] == "matching":
                # A left's choices must not name the right it matches (or any right).
                shown_rights = {q.get("shown", {}).get("rights", {}).get(r, r) for r in ids}
                for name, options in parts.selects:
                    if not name.startswith(f"q-{q['id']}-"):
                        continue
                    named = name.removeprefix(f"q-{q['id']}-")
                    assert not any(o and o in named for o in options), (where, name, "an option")
                    assert not any(r in named for r in shown_rights), (where, name, "a right")
    return seen


CRAWL_NUMBER = "73.25"  # an answer no page shows by chance (unlike "3": "Question 3 of 9")


def test_no_page_or_response_of_an_attempt_reveals_a_key(client, course_tree, enrolled):
    """Every page and response an officer can reach during an attempt at a quiz of all seven
    types (the quiz page, each question page, saves with answers, the unanswered warning, the
    result page that is not there yet, a lesson with a knowledge check and its JSON answer),
    looked through for anything that equals or maps to a key element: no correct option's
    key id, no matching pair, no ordering sequence, no numeric or accepted answer, no feedback,
    in any id, name, value, for or data-* attribute or text. And each attempt shows new ids."""
    from tests.quizzes.conftest import OWN_QUESTIONS

    own = [
        (kind, {**value, "answer": CRAWL_NUMBER}) if kind == "own_numeric" else (kind, value)
        for kind, value in OWN_QUESTIONS
    ]
    quiz = build_quiz(course_tree.quizzes[0], own=own, layout="per_question", max_attempts=3)
    matching = dict(OWN_QUESTIONS[3][1])
    lesson = lesson_with_checks(course_tree.lessons[0], {"chk-m": ("matching", matching)})
    check = check_question(lesson.body[0].value, "chk-m")

    shown_per_attempt = []
    for _attempt_number in range(2):
        seen = {quiz.url: client.get(quiz.url)}
        attempt = start(client, quiz)
        url = reverse("quiz_attempt", args=[attempt.pk])
        first_question = attempt.snapshot["questions"][0]["id"]  # left unanswered
        wrong = {
            k: v
            for k, v in form_for(attempt, right=False).items()
            if not k.startswith(f"q-{first_question}")
        }
        for number in range(1, 10):
            seen[f"{url}?q={number}"] = client.get(url, {"q": number})
            seen[f"save {number}"] = client.post(
                url, {**wrong, "q": number, "action": "save"}, follow=True
            )
        seen["submit"] = client.post(url, {"action": "submit"})  # the unanswered warning
        seen["result"] = client.get(reverse("quiz_result", args=[attempt.pk]), follow=True)
        seen[lesson.url] = client.get(lesson.url)
        seen["check"] = client.post(
            reverse("lesson_check", args=[lesson.pk, "chk-m"]), {}, HTTP_ACCEPT="application/json"
        )
        bodies = {where: r.content.decode() for where, r in seen.items()}
        for where, body in bodies.items():
            for secret in SECRETS:
                assert secret not in body, (secret, where)
            if where not in {lesson.url, "check"}:  # a check's buttons say "Correct." there
                assert "correct" not in body.lower().replace("incorrect", ""), where
        questions = attempt.snapshot["questions"]
        assert {q["type"] for q in questions} == {
            "single",
            "multiple",
            "true_false",
            "matching",
            "ordering",
            "numeric",
            "short_text",
        }
        for q in questions:
            if q["type"] == "numeric":
                assert q["key"]["number"] == CRAWL_NUMBER
                assert f'name="q-{q["id"]}" value="{q["key"]["number"]}"' not in "".join(
                    bodies.values()
                )
        attributes = assert_reveals_no_key(bodies, [*questions, check])
        shown_per_attempt.append(
            {i for q in questions for ids in q.get("shown", {}).values() for i in ids.values()}
        )
        carried = {f for a in attributes for f in _fragments(a)}
        assert shown_per_attempt[-1] <= carried  # the shown ids are what the page carries
        client.post(url, {"action": "confirm"})
    first, second = shown_per_attempt
    assert first and not first & second, "a second attempt shows the same ids"


def test_an_attempt_stored_before_shown_ids_still_saves_grades_and_reviews(client, quiz, enrolled):
    """Attempts synced or stored in the old snapshot shape (no ``shown``: the page shows key
    ids) keep working: the form reads them, they grade right, the review shows the answers."""
    attempt = start(client, quiz)
    old = {**attempt.snapshot}
    old["questions"] = [{k: v for k, v in q.items() if k != "shown"} for q in old["questions"]]
    # As stored before this change (records are immutable: past the manager, like a restore).
    QuerySet(model=QuizAttempt).filter(pk=attempt.pk).update(snapshot=old)
    attempt.refresh_from_db()
    url = reverse("quiz_attempt", args=[attempt.pk])
    single = old["questions"][0]
    option = single["view"]["options"][0]["id"]
    client.post(url, {f"q-{single['id']}": option, "action": "save"})
    assert f'value="{option}" checked' in client.get(url).content.decode()
    client.post(url, {**form_for(attempt), "action": "submit"})
    assert QuizSubmission.objects.get(attempt=attempt).percent == 100
    html = client.get(reverse("quiz_result", args=[attempt.pk])).content.decode()
    assert "100%" in html and "Correct answer" in html


@pytest.mark.parametrize(
    ("level", "shows", "hides"),
    [
        ("score", ["%"], ["Right", "Correct answer", "RIGHT-SECRET-7", "EXPLAIN-SECRET-6"]),
        (
            "which",
            ["Right", "Not answered"],
            ["Correct answer", "DELTA-SECRET-4", "EXPLAIN-SECRET-6"],
        ),
        (
            "answers",
            ["Correct answer", "DELTA-SECRET-4", "EXPLAIN-SECRET-6", "FEEDBACK-SECRET-5"],
            [],
        ),
    ],
)
def test_review_shows_what_the_option_allows_and_no_more(
    client, course_tree, enrolled, level, shows, hides
):
    quiz = build_quiz(course_tree.quizzes[0], review=level)
    attempt = start(client, quiz)
    answers = form_for(attempt)
    first = attempt.snapshot["questions"][0]["id"]
    answers = {k: v for k, v in answers.items() if not k.startswith(f"q-{first}")}
    single = attempt.snapshot["questions"][0]
    answers[f"q-{first}"] = next(
        single["shown"]["options"][o["id"]] for o in single["key"]["options"] if o["correct"]
    )
    last = attempt.snapshot["questions"][-1]["id"]  # left unanswered
    answers = {k: v for k, v in answers.items() if not k.startswith(f"q-{last}")}
    client.post(reverse("quiz_attempt", args=[attempt.pk]), {**answers, "action": "confirm"})
    html = client.get(reverse("quiz_result", args=[attempt.pk])).content.decode()
    for text in shows:
        assert text in html, text
    for text in hides:
        assert text not in html, text


# --- Bad input: a clear message, and no score changes --------------------------------------


def test_answer_for_a_question_not_in_the_attempt(client, quiz, enrolled):
    attempt = start(client, quiz)
    url = reverse("quiz_attempt", args=[attempt.pk])
    response = client.post(url, {"action": "save", "q-o-not-there": "x"}, follow=True)
    # Fields for questions not shown are not read at all: nothing saved, nothing graded.
    assert AttemptDraft.objects.get(attempt=attempt).responses == {}
    assert response.status_code == 200
    from quizzes.services import AttemptRefused, attempt_save

    with pytest.raises(AttemptRefused, match="not in this attempt"):
        attempt_save(learner=enrolled, attempt=attempt, responses={"o-not-there": "x"})


def test_option_that_does_not_exist(client, quiz, enrolled):
    attempt = start(client, quiz)
    single = next(q for q in attempt.snapshot["questions"] if q["type"] == "single")
    url = reverse("quiz_attempt", args=[attempt.pk])
    response = client.post(url, {"action": "submit", f"q-{single['id']}": "forged"}, follow=True)
    assert "An answer could not be read" in response.content.decode()
    assert not QuizSubmission.objects.exists()
    assert AttemptDraft.objects.get(attempt=attempt).responses == {}


def test_tampered_or_foreign_attempt_ids_are_not_found(client, quiz, enrolled, people, course_tree):
    attempt = start(client, quiz)
    other = people["learner_kh"]
    learning.enrolment_create(learner=other, course=course_tree.course, actor=other)
    client.force_login(other)
    for name in ("quiz_attempt", "quiz_result"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    assert (
        client.post(
            reverse("quiz_attempt", args=[attempt.pk]), {**form_for(attempt), "action": "submit"}
        ).status_code
        == 404
    )
    assert client.get("/learn/attempts/not-a-uuid/").status_code == 404
    assert not QuizSubmission.objects.exists()


def test_past_the_deadline_the_server_grades_what_was_saved(client, course_tree, enrolled):
    quiz = build_quiz(course_tree.quizzes[0], time_limit_minutes=10)
    attempt = start(client, quiz)
    assert attempt.deadline is not None
    url = reverse("quiz_attempt", args=[attempt.pk])
    one = attempt.snapshot["questions"][0]
    right = form_for(attempt)
    client.post(url, {f"q-{one['id']}": right[f"q-{one['id']}"], "action": "save"})
    from quizzes import services

    later = timezone.now() + timedelta(minutes=11)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services.timezone, "now", lambda: later)
        response = client.post(url, {**right, "action": "submit"})
    assert response["Location"] == reverse("quiz_result", args=[attempt.pk])
    submission = QuizSubmission.objects.get(attempt=attempt)
    assert submission.closed_by_server is True
    assert submission.score == 1  # only the answer saved in time counts


def test_no_attempts_left(client, course_tree, enrolled):
    quiz = build_quiz(course_tree.quizzes[0], max_attempts=1)
    attempt = start(client, quiz)
    client.post(reverse("quiz_attempt", args=[attempt.pk]), {"action": "confirm"})
    response = client.post(reverse("quiz_start", args=[quiz.pk]), follow=True)
    assert "You have used all 1 attempts at this quiz." in response.content.decode()
    assert QuizAttempt.objects.count() == 1


def test_quiz_without_questions(client, course_tree, enrolled):
    quiz = course_tree.quizzes[0]
    response = client.post(reverse("quiz_start", args=[quiz.pk]), follow=True)
    assert "This quiz has no questions yet." in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_random_draw_larger_than_the_bank(client, course_tree, enrolled):

    quiz = build_quiz(course_tree.quizzes[0])
    blocks = [dict(b) for b in quiz.questions.raw_data]
    for block in blocks:
        if block["type"] == "random_draw":
            block["value"] = {**block["value"], "count": 5}
    quiz.questions = json.dumps(blocks)
    quiz.save_revision().publish()
    response = client.post(reverse("quiz_start", args=[quiz.pk]), follow=True)
    assert "asks for 5 questions from “Indicators”, which has only 3" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_not_enrolled_cannot_start(client, quiz, people):
    client.force_login(people["learner_kh"])
    assert client.post(reverse("quiz_start", args=[quiz.pk])).status_code == 404
    assert not QuizAttempt.objects.exists()


def test_expired_attempts_are_closed_by_the_command(client, course_tree, enrolled):
    from django.core.management import call_command

    from quizzes import services

    quiz = build_quiz(course_tree.quizzes[0], time_limit_minutes=1)
    attempt = start(client, quiz)
    call_command("close_expired_attempts")
    assert not QuizSubmission.objects.exists()
    later = timezone.now() + timedelta(minutes=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services.timezone, "now", lambda: later)
        call_command("close_expired_attempts")
        call_command("close_expired_attempts")
    submission = QuizSubmission.objects.get(attempt=attempt)
    assert submission.closed_by_server and submission.percent == 0
