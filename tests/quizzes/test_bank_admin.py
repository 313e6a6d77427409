"""The question bank in Wagtail's admin, for trainers."""

import json
import uuid

from wagtail.models import Locale

from questionbank.models import Question, QuestionCategory


def test_trainer_lists_filters_and_opens_bank_questions(client, people):
    category = QuestionCategory.objects.create(name="Concealment", locale=Locale.get_default())
    question = Question.objects.create(
        title="Hidden compartments",
        category=category,
        locale=Locale.get_default(),
        question=json.dumps(
            [
                {
                    "type": "true_false",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "stem": "<p>Fuel tanks are a common hiding place.</p>",
                        "points": 1,
                        "correct_answer": "true",
                    },
                }
            ]
        ),
    )
    client.force_login(people["trainer"])
    listing = client.get("/admin/snippets/questionbank/question/")
    assert listing.status_code == 200
    assert "Hidden compartments" in listing.content.decode()
    filtered = client.get("/admin/snippets/questionbank/question/", {"category": category.pk})
    assert "Hidden compartments" in filtered.content.decode()
    question.tags.add("vehicles")
    question.save()  # a ClusterableModel saves its tags with itself
    tagged = client.get("/admin/snippets/questionbank/question/", {"tag": "vehicles"})
    assert "Hidden compartments" in tagged.content.decode()
    untagged = client.get("/admin/snippets/questionbank/question/", {"tag": "boats"})
    assert "Hidden compartments" not in untagged.content.decode()
    edit = client.get(f"/admin/snippets/questionbank/question/edit/{question.pk}/")
    assert edit.status_code == 200


def test_learners_and_coordinators_cannot_reach_the_bank(client, people):
    for role in ("learner", "coordinator"):
        client.force_login(people[role])
        response = client.get("/admin/snippets/questionbank/question/")
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_a_question_image_is_shown_small_in_an_attempt(client, course_tree, people):
    from pathlib import Path

    from django.core.files.images import ImageFile
    from django.urls import reverse
    from wagtail.images import get_image_model

    from learning import services as learning
    from tests.quizzes.conftest import build_quiz

    source = Path(__file__).resolve().parents[2] / "demodata" / "images" / "wlc-concealment.png"
    with source.open("rb") as handle:
        image = get_image_model().objects.create(title="c", file=ImageFile(handle, name="c.png"))
    quiz = build_quiz(course_tree.quizzes[0], with_bank=False)
    blocks = [dict(b) for b in quiz.questions.raw_data]
    blocks[0]["value"] = {**blocks[0]["value"], "image": image.pk}
    quiz.questions = json.dumps(blocks)
    quiz.save_revision().publish()
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
    client.force_login(officer)
    client.post(reverse("quiz_start", args=[quiz.pk]))
    from quizzes.models import QuizAttempt

    attempt = QuizAttempt.objects.get()
    html = client.get(reverse("quiz_attempt", args=[attempt.pk])).content.decode()
    assert "max-720x540.format-webp.webp" in html
