"""The course tree in Wagtail: what may hold what, codes, and languages with fallback."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage
from modules.models import LessonPage, ModulePage, QuizPage, ScormLessonPage
from tests.conftest import build_course, translate


class TreeRules(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage, QuizPage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, ScormLessonPage, QuizPage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedSubpageTypes(QuizPage, set())
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedParentPageTypes(ScormLessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(ScormLessonPage, set())
        self.assertAllowedParentPageTypes(QuizPage, {ModulePage, CoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {Page})


def test_course_codes_are_unique_across_courses_but_shared_by_translations(course_tree):
    other = CoursePage(title="Other", slug="other", code="tst-101", summary="s", topic="drugs")
    course_tree.index.add_child(
        instance=CoursePage(title="x", slug="x", code="X-1", summary="s", topic="drugs")
    )
    other.path, other.depth = "zz", 3
    with pytest.raises(ValidationError, match="Another course already uses this code"):
        other.clean()
    translate(course_tree.index, "th")
    thai = translate(course_tree.course, "th", title="หลักสูตร")
    thai.clean()  # same code, same course: fine


def login_as(client, people, language):
    user = people["learner"]
    user.preferred_language = language
    user.save()
    client.force_login(user)


def test_catalogue_shows_translation_where_it_exists_and_original_otherwise(client, people):
    tip = build_course(code="TIP-1")
    build_course(code="WLC-1")
    translate(tip.index, "th", title="หลักสูตร")
    translate(tip.course, "th", title="การค้ามนุษย์")
    login_as(client, people, "th")
    html = client.get("/").content.decode()
    assert "การค้ามนุษย์" in html
    assert "Course WLC-1" in html
    assert "Course TIP-1" not in html
    assert 'lang="th"' in html and 'lang="en"' in html


def test_same_url_serves_each_officer_their_language_with_fallback(client, people, course_tree):
    translate(course_tree.index, "th")
    translate(course_tree.course, "th", title="หลักสูตรทดสอบ")
    translate(course_tree.modules[0], "th", title="โมดูลหนึ่ง")
    translate(course_tree.lessons[0], "th", title="บทเรียนแรก")
    people["trainer"].preferred_language = "th"
    people["trainer"].save()
    client.force_login(people["trainer"])
    thai = client.get(course_tree.lessons[0].url).content.decode()
    assert "บทเรียนแรก" in thai
    assert '<article lang="th">' in thai
    # Lesson 1.2 has no Thai version: the original is served, marked as English, in a Thai UI.
    fallback = client.get(course_tree.lessons[1].url).content.decode()
    assert "Lesson 1.2" in fallback
    assert '<html lang="th"' in fallback
    assert '<article lang="en">' in fallback


def test_unpublished_translation_falls_back_to_the_original(client, people, course_tree):
    translate(course_tree.index, "th")
    thai_course = translate(course_tree.course, "th", title="ร่างหลักสูตร")
    thai_course.unpublish()
    login_as(client, people, "th")
    html = client.get(course_tree.course.url).content.decode()
    assert "ร่างหลักสูตร" not in html
    assert "Course TST-101" in html


def test_a_choice_question_needs_a_correct_option():
    from questionbank.blocks import SingleChoiceBlock

    block = SingleChoiceBlock()
    value = block.to_python(
        {
            "stem": "<p>Q?</p>",
            "points": 1,
            "options": [{"text": "a", "correct": False}, {"text": "b", "correct": False}],
        }
    )
    with pytest.raises(ValidationError):
        block.clean(value)


def test_video_needs_captions_or_transcript_and_a_video_file(db):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from modules.blocks import VideoBlock

    pdf = Document.objects.create(title="doc", file=ContentFile(b"%PDF-1.4", name="x.pdf"))
    mp4 = Document.objects.create(title="vid", file=ContentFile(b"\0\0\0 ftyp", name="v.mp4"))
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "t", "file": mp4.pk}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "t", "file": pdf.pk, "transcript": "<p>words</p>"}))
    block.clean(block.to_python({"title": "t", "file": mp4.pk, "transcript": "<p>words</p>"}))


def test_partly_translated_course_lists_every_module_and_lesson(client, people, course_tree):
    translate(course_tree.index, "th")
    translate(course_tree.course, "th", title="หลักสูตรทดสอบ")
    translate(course_tree.modules[1], "th", title="โมดูลสอง")
    login_as(client, people, "th")
    course_html = client.get(course_tree.course.url).content.decode()
    assert "Module 1" in course_html  # not translated: the original
    assert "โมดูลสอง" in course_html  # translated
    for lesson in course_tree.lessons:
        assert lesson.title in course_html
    module_html = client.get(course_tree.modules[1].url).content.decode()
    assert "Lesson 2.1" in module_html and "Lesson 2.2" in module_html
