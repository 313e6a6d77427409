"""The round trip: a course exported as SCORM imports back into the platform (``scorm_import``)
with no refusal, and the outline the platform reads is the one exported: SCOs in order, their
titles, and the quiz SCOs' pass marks."""

from __future__ import annotations

import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command

from modules.models import QuizPage, ScormLessonPage
from scormpackages.models import ScormPackage
from scormpackages.services import package_import
from tests.conftest import publish
from tests.quizzes.conftest import OWN_QUESTIONS, build_quiz

from .conftest import GOLF_12, XSD_2004, export_refused, package_files, validated

ENGLISH = [
    (0, "Module 1", None),
    (1, "Lesson 1.1", "sco"),
    (1, "Lesson 1.2", "sco"),
    (1, "Quiz 1", "sco"),
    (0, "Module 2", None),
    (1, "Lesson 2.1", "sco"),
    (1, "Lesson 2.2", "sco"),
    (0, "Final test", None),
    (1, "Final test", "sco"),
]
THAI = [
    (0, "โมดูลหนึ่ง", None),
    (1, "บทเรียนแรก", "sco"),
    *ENGLISH[2:],
]


@pytest.fixture
def post_test(rich):
    """A post-test of the course with a pass mark of its own."""
    quiz = QuizPage(title="Final test", slug="final-test", test_kind="post", pass_mark=80)
    rich.tree.course.add_child(instance=quiz)
    return build_quiz(publish(quiz), with_bank=False, own=OWN_QUESTIONS[2:3])


def imported(path, settings, tmp_path) -> tuple[dict, dict[str, dict]]:
    """What ``scorm_import --json`` prints for ``path``, and the stored leaf items by title."""
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    stdout = StringIO()
    call_command("scorm_import", str(path), "--json", stdout=stdout)
    outline = json.loads(stdout.getvalue())
    version = ScormPackage.objects.get(pk=outline["package"]).current
    items: dict[str, dict] = {}
    stack = list(version.structure["items"])
    while stack:
        item = stack.pop()
        if not item["children"]:
            items[item["title"]] = item
        stack.extend(item["children"])
    return outline, items


@pytest.mark.parametrize(
    ("fmt", "language", "expected", "version"),
    [
        ("scorm12", "en", ENGLISH, "1.2"),
        ("scorm2004", "en", ENGLISH, "2004 4th"),
        ("scorm12", "th", THAI, "1.2"),
        ("scorm2004", "th", THAI, "2004 4th"),
    ],
)
def test_an_exported_course_imports_back_with_the_outline_exported(
    rich, post_test, settings, tmp_path, schema_12, fmt, language, expected, version
):
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", fmt, "--language", language, "-o", str(out))
    schema = schema_12 if fmt == "scorm12" else XSD_2004 / "all.xsd"
    validated(package_files(out)["imsmanifest.xml"], tmp_path, schema)
    outline, items = imported(out, settings, tmp_path)
    assert outline["scorm_version"] == version
    assert outline["title"] == ("หลักสูตรทดสอบ" if language == "th" else "Course EXP-101")
    got = [(i["depth"], i["title"], i["scorm_type"] or None) for i in outline["items"]]
    assert got == expected
    launches = [i["launch"] for i in outline["items"] if i["scorm_type"] == "sco"]
    assert all(launch.startswith(("lessons/", "quizzes/")) for launch in launches)
    assert [launch.split("/")[0] for launch in launches].count("quizzes") == 2
    if fmt == "scorm12":
        assert items["Quiz 1"]["mastery_score"] == "70"
        assert items["Final test"]["mastery_score"] == "80"
        assert items["Lesson 1.2"]["mastery_score"] is None
    else:
        assert items["Quiz 1"]["scaled_passing_score"] == "0.7000"
        assert items["Final test"]["scaled_passing_score"] == "0.8000"
        assert items["Lesson 1.2"]["scaled_passing_score"] is None


def test_one_module_alone_leaves_the_course_tests_out(rich, post_test, settings, tmp_path):
    out = tmp_path / "module.zip"
    module = rich.tree.modules[0]
    printed = StringIO()
    call_command(
        "scorm_export", "exp-101", "--format", "scorm2004", "--module", str(module.pk),
        "-o", str(out), stdout=printed,
    )  # fmt: skip
    assert "(2 lessons, 1 quiz," in printed.getvalue()
    outline, _ = imported(out, settings, tmp_path)
    assert [i["title"] for i in outline["items"]] == [t for _, t, _ in ENGLISH[:4]]


@pytest.fixture
def scorm_lesson(rich, settings, tmp_path):
    """A SCORM lesson (Golf's single-SCO 1.2 package) after the second module's lessons."""
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    package = package_import(source=GOLF_12)
    lesson = ScormLessonPage(title="Golf explained", slug="golf", package=package)
    rich.tree.modules[1].add_child(instance=lesson)
    return publish(lesson)


def test_a_scorm_lesson_travels_as_its_own_sco_in_a_package_of_its_version(
    scorm_lesson, settings, tmp_path, schema_12
):
    out = tmp_path / "course.zip"
    call_command("scorm_export", "exp-101", "--format", "scorm12", "-o", str(out))
    files = package_files(out)
    validated(files["imsmanifest.xml"], tmp_path, schema_12)
    folder = f"scorm/{scorm_lesson.translation_key.hex}/"
    with zipfile.ZipFile(GOLF_12) as golf:
        for name in golf.namelist():
            if not name.endswith("/"):
                assert files[folder + name] == golf.read(name)
    outline, _ = imported(out, settings, tmp_path / "again")
    titles = [i["title"] for i in outline["items"]]
    assert titles[-3:] == ["Lesson 2.1", "Lesson 2.2", "Golf explained"]
    assert outline["items"][-1]["launch"].startswith(folder)


def test_a_scorm_lesson_of_another_version_refuses_the_export(scorm_lesson, tmp_path, capsys):
    out = tmp_path / "course.zip"
    said = export_refused(capsys, "exp-101", "--format", "scorm2004", "-o", str(out))
    assert (
        "The SCORM lesson “Golf explained” plays a SCORM 1.2 package, which cannot report to the "
        "LMS from inside a package of another SCORM version: export the course as SCORM 1.2."
    ) in said
    assert not out.exists()
