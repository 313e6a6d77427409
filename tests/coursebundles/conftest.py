"""A course worth bundling (two languages, images, a document, bank questions, a certificate
template), and a switch that makes this process play the hub or a post.

One test database plays both nodes: the hub exports, then the course, its snippets and its media
are removed (as on a post that never saw them) and the post imports. Separate processes and
databases are the lead's cross-node flow test.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from courses.models import CertificateTemplate, CoursePage
from nodes.models import Peer
from nodes.services import enrolment_create, enrolment_file_write, enrolment_load
from questionbank.models import Question, QuestionCategory
from tests.conftest import Nodes as PlayedNodes
from tests.conftest import build_course, publish, translate
from tests.quizzes.conftest import build_quiz

IMAGES = Path(__file__).resolve().parents[2] / "demodata" / "images"


class Nodes(PlayedNodes):
    """The hub, and a post enrolled with it."""

    def hub(self):
        return self.be("hub", "hub")

    def post(self):
        """Play the post, enrolled with the hub (through its enrolment file)."""
        if not Peer.objects.filter(role="hub").exists():
            self.hub()
            enrolment, code = enrolment_create(name="Poipet", country="KH", post_code="poipet")
            path = self.tmp / "poipet.enrol"
            enrolment_file_write(
                enrolment=enrolment, code=code, hub_url="http://hub.invalid", path=path
            )
            self.be("post", "post")
            enrolment_load(path=path, code=code)
        return self.be("post", "post")


@pytest.fixture
def nodes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Nodes(settings, tmp_path)


def uid() -> str:
    return str(uuid.uuid4())


def image_from(file_name: str, title: str):
    with (IMAGES / file_name).open("rb") as handle:
        return get_image_model().objects.create(title=title, file=ImageFile(handle, name=file_name))


@dataclass
class RichCourse:
    tree: object
    images: list
    document: object
    template: CertificateTemplate
    questions: list[Question]
    category: QuestionCategory

    @property
    def key(self):
        return self.tree.course.translation_key


def build_rich_course(code: str = "BND-101") -> RichCourse:
    tree = build_course(code=code, modules=2, lessons_per_module=2)
    default = Locale.get_default()
    images = [
        image_from("tip-indicators.png", "Indicators"),
        image_from("tip-referral.png", "Referral"),
        image_from("tip-cover.png", "Cover"),
    ]
    document = get_document_model().objects.create(
        title="Handout", file=ContentFile(b"%PDF-1.4 a handout for officers\n", name="handout.pdf")
    )
    lesson = tree.lessons[0]
    lesson.body = json.dumps(
        [
            {
                "type": "text",
                "id": uid(),
                "value": f'<p>Read the <a linktype="document" id="{document.pk}">handout</a>.</p>',
            },
            {
                "type": "image",
                "id": uid(),
                "value": {"image": images[0].pk, "alt_text": "Indicators", "caption": ""},
            },
            {
                "type": "document",
                "id": uid(),
                "value": {"document": document.pk, "description": "Print it"},
            },
        ]
    )
    publish(lesson)
    quiz = build_quiz(tree.quizzes[0])  # own questions and a random draw from a category
    category = QuestionCategory.objects.get(name="Indicators")
    questions = list(Question.objects.filter(category=category).order_by("pk"))
    illustrated = questions[0]
    value = json.loads(json.dumps(illustrated.question.get_prep_value()))
    value[0]["value"]["image"] = images[1].pk
    illustrated.question = json.dumps(value)
    illustrated.save()
    quiz.questions = json.dumps(
        [
            *quiz.questions.get_prep_value(),
            {"type": "bank_question", "id": uid(), "value": illustrated.pk},
        ]
    )
    publish(quiz)
    thai = Locale.objects.get(language_code="th")
    thai_question = illustrated.copy_for_translation(thai)
    thai_question.title = "คำถาม"
    thai_question.save()
    thai_category = category.copy_for_translation(thai)
    thai_category.name = "ตัวบ่งชี้"
    thai_category.save()
    template = CertificateTemplate.objects.create(
        name="Border course",
        title="Certificate of completion",
        locale=default,
        logos=json.dumps([{"type": "logo", "id": uid(), "value": images[2].pk}]),
        signatories=json.dumps(
            [{"type": "signatory", "id": uid(), "value": {"name": "A. Director", "title": "HQ"}}]
        ),
    )
    course = tree.course
    course.cover_image = images[2]
    course.certificate_template = template
    publish(course)
    translate(tree.index, "th")
    translate(course, "th", title="หลักสูตรทดสอบ")
    translate(tree.modules[0], "th", title="โมดูลหนึ่ง")
    translate(lesson, "th", title="บทเรียนแรก")
    return RichCourse(
        tree=tree,
        images=images,
        document=document,
        template=template,
        questions=questions,
        category=category,
    )


def wipe_course(rich: RichCourse, media_root: Path) -> None:
    """Remove the course, its snippets and its media, as on a post that never saw them."""
    for version in CoursePage.objects.filter(translation_key=rich.key):
        version.delete()
    Question.objects.all().delete()
    QuestionCategory.objects.all().delete()
    CertificateTemplate.objects.all().delete()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    shutil.rmtree(media_root, ignore_errors=True)
    media_root.mkdir(parents=True, exist_ok=True)


def media_listing(media_root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(media_root)): p.read_bytes()
        for p in sorted(media_root.rglob("*"))
        if p.is_file()
    }
