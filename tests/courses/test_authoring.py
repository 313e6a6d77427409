"""Wagtail's authoring features keep working for our pages: preview, drafts, revisions,
scheduled publishing, moderation, and small image renditions in lessons."""

import json
import time
import uuid
from datetime import timedelta

from django.core.files.images import ImageFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Workflow
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from modules.models import LessonPage
from officers.models import Role
from officers.services import officer_create
from tests.conftest import build_course, text_body


class Preview(WagtailPageTestCase):
    def test_course_module_and_lesson_preview_for_a_trainer(self):
        tree = build_course()
        trainer = officer_create(username="t", password="pw-long-enough-1", role=Role.TRAINER)
        course_form = nested_form_data(
            {
                "title": "Course",
                "slug": "tst-101",
                "code": "TST-101",
                "summary": "s",
                "topic": "drugs",
                "estimated_hours": "1",
                "certificate_validity_months": "0",
                "learning_outcomes": streamfield([("outcome", "Recognise indicators")]),
            }
        )
        self.assertPageIsPreviewable(tree.course, user=trainer, post_data=course_form)
        lesson_form = nested_form_data(
            {
                "title": "Lesson",
                "slug": "lesson-1-1",
                "summary": "",
                "estimated_minutes": "5",
                "body": streamfield([("text", rich_text("<p>Preview me</p>"))]),
            }
        )
        self.assertPageIsPreviewable(tree.lessons[0], user=trainer, post_data=lesson_form)
        self.assertPageIsPreviewable(tree.modules[0], user=trainer)


def test_draft_is_invisible_until_published_and_revisions_are_kept(client, course_tree, people):
    module = course_tree.modules[0]
    draft = LessonPage(title="Draft lesson", slug="draft", body=text_body("Not yet."), live=False)
    module.add_child(instance=draft)
    draft.save_revision()
    client.force_login(people["learner"])
    assert client.get("/tst-101/module-1/draft/").status_code == 404

    draft.body = text_body("Ready now.")
    draft.save_revision().publish()
    assert draft.revisions.count() == 2
    client.force_login(people["trainer"])
    assert "Ready now." in client.get("/tst-101/module-1/draft/").content.decode()


def test_scheduled_publishing(client, course_tree, people):
    module = course_tree.modules[0]
    lesson = LessonPage(title="Tomorrow", slug="tomorrow", body=text_body("Later."), live=False)
    module.add_child(instance=lesson)
    lesson.go_live_at = timezone.now() + timedelta(seconds=2)
    revision = lesson.save_revision()
    revision.publish()
    client.force_login(people["trainer"])
    assert client.get("/tst-101/module-1/tomorrow/").status_code == 404
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    time.sleep(max(0.0, (revision.approved_go_live_at - timezone.now()).total_seconds()) + 0.1)
    call_command("publish_scheduled")
    assert client.get("/tst-101/module-1/tomorrow/").status_code == 200


def test_moderation_workflow_applies_to_lessons(course_tree, people):
    workflow = Workflow.objects.filter(active=True).first()
    assert workflow is not None, "Wagtail's default moderation workflow is installed"
    lesson = course_tree.lessons[0]
    state = workflow.start(lesson, people["trainer"])
    assert state.status == "in_progress"
    assert lesson.get_workflow() == workflow


def test_lesson_images_are_served_as_small_webp_renditions(client, course_tree, people):
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "demodata" / "images" / "tip-indicators.png"
    with source.open("rb") as handle:
        image = get_image_model().objects.create(
            title="indicators", file=ImageFile(handle, name="tip-indicators.png")
        )
    lesson = course_tree.lessons[0]
    lesson.body = json.dumps(
        [
            {
                "type": "image",
                "id": str(uuid.uuid4()),
                "value": {
                    "image": image.pk,
                    "alt_text": "Indicators of trafficking",
                    "caption": "Three kinds",
                },
            }
        ]
    )
    lesson.save_revision().publish()
    client.force_login(people["trainer"])
    html = client.get(lesson.url).content.decode()
    assert 'alt="Indicators of trafficking"' in html
    assert ".webp" in html
    assert 'width="720"' in html
    assert "360w" in html


def test_a_large_photo_reaches_the_learner_small(db):
    import io
    import random

    from PIL import Image

    rng = random.Random(7)
    photo = Image.new("RGB", (2400, 1600))
    photo.putdata([(rng.randrange(256), 120, rng.randrange(256)) for _ in range(2400 * 1600)])
    raw = io.BytesIO()
    photo.save(raw, "JPEG", quality=95)
    raw.seek(0)
    image = get_image_model().objects.create(title="photo", file=ImageFile(raw, name="photo.jpg"))
    wide = image.get_rendition("max-720x540|format-webp")
    narrow = image.get_rendition("max-360x270|format-webp")
    assert (wide.width, narrow.width) == (720, 360)
    assert wide.file.size < raw.getbuffer().nbytes / 4
