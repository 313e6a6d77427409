"""A course leaves the hub as one signed file and arrives at a post exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from coursebundles.models import InstalledBundle
from coursebundles.services import BundleError, bundle_export, bundle_import
from courses.models import CertificateTemplate, CoursePage
from learning import services as learning
from learning.selectors import progress_for
from modules.models import LessonPage, QuizPage
from modules.selectors import course_outline
from nodes.container import open_container
from officers.services import officer_create
from questionbank.models import Question, QuestionCategory
from tests.conftest import PASSWORD, publish, text_body

from .conftest import build_rich_course, media_listing, wipe_course

pytestmark = pytest.mark.django_db


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot_pages(key) -> dict:
    """(translation key, language) -> (type, title, parent's translation key) of a course."""
    seen = {}
    for version in CoursePage.objects.filter(translation_key=key):
        for page in Page.objects.descendant_of(version, inclusive=True).live().specific():
            parent = page.get_parent()
            seen[(str(page.translation_key), page.locale.language_code)] = (
                type(page).__name__,
                page.title,
                None if isinstance(page, CoursePage) else str(parent.translation_key),
            )
    return seen


@pytest.fixture
def exported(nodes, tmp_path, settings):
    """A rich course exported at the hub, then removed: the post's database has never seen it."""
    nodes.hub()
    rich = build_rich_course()
    before = {
        "pages": snapshot_pages(rich.key),
        "images": {img.title: Path(img.file.path).read_bytes() for img in rich.images},
        "document": Path(rich.document.file.path).read_bytes(),
        "questions": sorted(
            (str(q.translation_key), q.locale.language_code, q.title)
            for q in Question.objects.all()
        ),
    }
    path = tmp_path / "bnd-101.bundle"
    result = bundle_export(course_code="BND-101", path=path)
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    return rich, before, path, result


def test_a_post_that_never_saw_the_course_gets_all_of_it_back(exported):
    rich, before, path, export = exported
    result = bundle_import(path=path)
    assert result.status == "installed"
    assert export.files_total == export.files_carried == 4  # three images and a document

    # Every page in both languages, with the hub's translation keys, in the same tree.
    assert snapshot_pages(rich.key) == before["pages"]
    thai = CoursePage.objects.get(translation_key=rich.key, locale__language_code="th")
    assert thai.title == "หลักสูตรทดสอบ" and thai.live

    # The lesson's image and document blocks point at this post's copies, with the same bytes.
    lesson = LessonPage.objects.get(
        translation_key=rich.tree.lessons[0].translation_key, locale__language_code="en"
    )
    blocks = {block.block_type: block.value for block in lesson.body}
    assert Path(blocks["image"]["image"].file.path).read_bytes() == before["images"]["Indicators"]
    assert Path(blocks["document"]["document"].file.path).read_bytes() == before["document"]
    local_document = get_document_model().objects.get()
    assert f'linktype="document" id="{local_document.pk}"' in lesson.body.raw_data[0]["value"]

    # The bank questions (both languages), their category and the quiz's choices of them.
    assert (
        sorted(
            (str(q.translation_key), q.locale.language_code, q.title)
            for q in Question.objects.all()
        )
        == before["questions"]
    )
    quiz = QuizPage.objects.get(translation_key=rich.tree.quizzes[0].translation_key)
    chosen = {block.block_type: block.value for block in quiz.questions}
    assert chosen["random_draw"]["category"] == QuestionCategory.objects.get(
        translation_key=rich.category.translation_key, locale__language_code="en"
    )
    bank = chosen["bank_question"]
    assert bank.translation_key == rich.questions[0].translation_key
    assert Path(bank.block.value["image"].file.path).read_bytes() == before["images"]["Referral"]

    # The certificate template, its logo, and the course's cover.
    course = CoursePage.objects.get(translation_key=rich.key, locale__language_code="en")
    template = course.certificate_template
    assert template.translation_key == rich.template.translation_key
    logo = template.logos[0].value
    assert Path(logo.file.path).read_bytes() == before["images"]["Cover"]
    assert course.cover_image == logo

    installed = InstalledBundle.objects.get()
    assert (installed.course_key, installed.course_code) == (rich.key, "BND-101")
    assert str(installed.bundle_id) == str(export.bundle_id)


def test_importing_the_same_bundle_twice_changes_nothing(exported, settings):
    _rich, _before, path, _export = exported
    bundle_import(path=path)
    revisions = dict(Page.objects.values_list("pk", "latest_revision_id"))
    files = media_listing(Path(settings.MEDIA_ROOT))
    again = bundle_import(path=path)
    assert again.status == "already installed"
    assert "already installed" in again.message
    assert dict(Page.objects.values_list("pk", "latest_revision_id")) == revisions
    assert media_listing(Path(settings.MEDIA_ROOT)) == files


def test_the_commands_print_what_they_did(nodes, tmp_path, capsys, settings):
    nodes.hub()
    rich = build_rich_course()
    out = tmp_path / "course.bundle"
    call_command("export_bundle", "bnd-101", "-o", str(out))
    assert "BND-101: bundle of" in capsys.readouterr().out
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    nodes.post()
    call_command("import_bundle", str(out))
    captured = capsys.readouterr()
    assert "BND-101 installed" in captured.out
    assert "] " in captured.err  # the progress bar
    call_command("import_bundle", str(out))
    assert "already installed" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no course with the code NOPE"):
        nodes.hub()
        call_command("export_bundle", "NOPE", "-o", str(tmp_path / "x.bundle"))


def test_an_update_carries_only_what_changed_and_keeps_learners_progress(
    exported, nodes, tmp_path, settings
):
    rich, _before, first, _export = exported
    bundle_import(path=first)
    officer = officer_create(username="sokha", password=PASSWORD, full_name_latin="Sokha Chan")
    course = CoursePage.objects.get(translation_key=rich.key, locale__language_code="en")
    learning.enrolment_create(learner=officer, course=course, actor=officer)
    keys = [lesson.translation_key for lesson in rich.tree.lessons]
    done = LessonPage.objects.get(translation_key=keys[0], locale__language_code="en")
    learning.lesson_open(learner=officer, lesson=done)
    learning.lesson_complete(learner=officer, lesson=done)
    done_revision = done.live_revision_id

    # At the hub, one lesson's text changes: the update carries no file at all.
    # (One database plays both nodes: after exporting, the post's copy is put back as it was.)
    nodes.hub()
    changed = LessonPage.objects.get(translation_key=keys[1], locale__language_code="en")
    old_body = changed.body.raw_data
    changed.body = text_body("The corrected teaching text.")
    publish(changed)
    second = tmp_path / "second.bundle"
    update = bundle_export(course_code="BND-101", path=second, since=first)
    assert update.files_carried == 0 and update.files_total == 4
    assert [p.name for p in open_container(second, kinds={"bundle"}).parts] == ["manifest.json"]

    nodes.post()
    changed.body = list(old_body)
    publish(changed)
    result = bundle_import(path=second)
    assert result.status == "updated" and result.pages_published == 1
    changed = LessonPage.objects.get(translation_key=keys[1], locale__language_code="en")
    assert "corrected teaching text" in changed.body.raw_data[0]["value"]
    unchanged = LessonPage.objects.get(translation_key=keys[0], locale__language_code="en")
    assert unchanged.pk == done.pk and unchanged.live_revision_id == done_revision
    progress = progress_for(learner=officer, outline=course_outline(course=course))
    assert progress.lessons_done == 1 and keys[0] in progress.completed_lessons

    # At the hub, one image is replaced: the update carries only that image.
    nodes.hub()
    image = get_image_model().objects.get(title="Indicators")
    old_file = Path(image.file.path)
    new_bytes = (Path(__file__).resolve().parents[2] / "demodata/images/wlc-cover.png").read_bytes()
    with image.file.open("wb") as handle:
        handle.write(new_bytes)
    third = tmp_path / "third.bundle"
    update = bundle_export(course_code="BND-101", path=third, since=second)
    parts = [p.name for p in open_container(third, kinds={"bundle"}).parts]
    assert parts == ["manifest.json", sha(new_bytes)] and update.files_carried == 1

    nodes.post()
    bundle_import(path=third)
    image = get_image_model().objects.get(title="Indicators")
    assert Path(image.file.path).read_bytes() == new_bytes
    assert not old_file.exists()  # the replaced file is not left behind

    # An older bundle is refused and changes nothing.
    with pytest.raises(BundleError, match="A newer version of BND-101 is already installed"):
        bundle_import(path=first)

    # A lesson withdrawn at the hub is unpublished at the post; the record still resolves.
    nodes.hub()
    withdrawn = LessonPage.objects.filter(translation_key=keys[0])
    for page in withdrawn:
        page.unpublish()
    fourth = tmp_path / "fourth.bundle"
    bundle_export(course_code="BND-101", path=fourth, since=third)
    nodes.post()
    for page in withdrawn:
        page.save_revision().publish()
    result = bundle_import(path=fourth)
    assert result.pages_unpublished == 2
    gone = LessonPage.objects.get(translation_key=keys[0], locale__language_code="en")
    assert not gone.live and gone.pk == done.pk
    assert len(course_outline(course=course).lessons()) == 3


def test_an_update_without_the_bundle_it_builds_on_is_refused(exported, nodes, tmp_path, settings):
    rich, _before, first, _export = exported
    nodes.hub()
    # the hub still has its files in this shared database? No: they were wiped; import first.
    nodes.post()
    bundle_import(path=first)
    nodes.hub()
    second = tmp_path / "second.bundle"
    bundle_export(course_code="BND-101", path=second, since=first)
    nodes.post()
    InstalledBundle.objects.all().delete()
    wipe_course(rich, Path(settings.MEDIA_ROOT))
    with pytest.raises(BundleError, match=r"This update needs the bundle of .* first") as refused:
        bundle_import(path=second)
    assert refused.value.needs_base
    assert not CoursePage.objects.filter(translation_key=rich.key).exists()
    assert media_listing(Path(settings.MEDIA_ROOT)) == {}


def test_a_template_kept_by_a_course_translation_is_carried(exported):
    rich, _before, path, _export = exported
    bundle_import(path=path)
    assert CertificateTemplate.objects.filter(
        translation_key=rich.template.translation_key
    ).exists()
