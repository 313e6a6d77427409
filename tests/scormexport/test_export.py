"""``scorm_export``: what an LMS and an officer get from an exported course."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from posixpath import dirname, join, normpath

import pytest
from django.core.management import ManagementUtility, call_command

from scormexport.manifest import SCORM12, SCORM2004, Module, Package, Sco, manifest_xml
from tests.conftest import publish

from .conftest import THAI_TEXT, XSD_2004, export_refused, package_files, validated


class Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"href", "src", "poster"} and value:
                self.urls.append(value)
            if name == "srcset" and value:
                self.urls.extend(c.strip().split(" ")[0] for c in value.split(","))


def urls_of(html: str) -> list[str]:
    parser = Urls()
    parser.feed(html)
    return parser.urls


def lesson_file(lesson) -> str:
    return f"lessons/{lesson.translation_key.hex}.html"


def export(tmp_path: Path, *args: str) -> tuple[Path, str]:
    out = tmp_path / "out" / "course.zip"
    stdout = StringIO()
    call_command("scorm_export", "exp-101", *args, "-o", str(out), stdout=stdout)
    return out, stdout.getvalue()


def test_2004_manifest_validates_against_the_4th_edition_schemas(rich, tmp_path):
    out, printed = export(tmp_path, "--format", "scorm2004")
    assert "EXP-101: scorm2004 package in en written to" in printed
    text = validated(package_files(out)["imsmanifest.xml"], tmp_path, XSD_2004 / "all.xsd")
    assert "<schemaversion>2004 4th Edition</schemaversion>" in text
    assert 'adlcp:scormType="sco"' in text
    assert "not a proctored assessment" in text
    assert "<lom:language>en</lom:language>" in text


def test_12_manifest_validates_against_the_12_schemas(rich, tmp_path, schema_12):
    out, _ = export(tmp_path, "--format", "scorm12", "--language", "th")
    text = validated(package_files(out)["imsmanifest.xml"], tmp_path, schema_12)
    assert "<schemaversion>1.2</schemaversion>" in text
    assert 'adlcp:scormtype="sco"' in text
    assert "<imsmd:language>th</imsmd:language>" in text


def test_an_assessment_sco_carries_its_pass_mark_in_both_formats(tmp_path, schema_12):
    """The writer's assessment item (the quiz SCO of a later step), checked by the schemas."""
    quiz = Sco("Q1", "Quiz 1", "quiz/q1.html", ("quiz/q1.html",), mastery=0.7)
    lesson = Sco("L1", "Lesson 1", "lessons/l1.html", ("lessons/l1.html",))
    package = Package("C", "Course", "km", "Not proctored.", (Module("M1", "One", (lesson, quiz)),))
    text = validated(manifest_xml(package, SCORM2004), tmp_path, XSD_2004 / "all.xsd")
    assert '<imsss:primaryObjective objectiveID="PASS_Q1" satisfiedByMeasure="true">' in text
    assert "<imsss:minNormalizedMeasure>0.7000</imsss:minNormalizedMeasure>" in text
    text = validated(manifest_xml(package, SCORM12), tmp_path, schema_12)
    assert "<adlcp:masteryscore>70</adlcp:masteryscore>" in text


def test_every_lesson_page_and_every_file_it_names_is_in_the_package(rich, tmp_path):
    out, _ = export(tmp_path, "--format", "scorm2004")
    files = package_files(out)
    lessons = [name for name in files if name.startswith("lessons/")]
    assert len(lessons) == len(rich.tree.lessons)
    quizzes = [name for name in files if name.startswith("quizzes/")]
    assert len(quizzes) == 1  # the first module's quiz (the second one has no questions)
    seen = set()
    for name in lessons + quizzes:
        html = files[name].decode()
        for url in urls_of(html):
            if url.startswith("#"):
                continue
            target = normpath(join(dirname(name), url))
            assert target in files, f"{name} names {url}, not in the package"
            seen.add(target)
    media = {name for name in files if name.startswith("media/")}
    assert media and media <= seen
    assert any(name.endswith("handout.pdf") for name in media)  # rich-text document link
    assert any(name.endswith("interview.vtt") for name in media)  # captions
    assert any(name.endswith(".webp") for name in media)  # image renditions
    css = files["shared/css/fonts.css"].decode()
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert normpath(join("shared/css", url)) in files


def test_no_absolute_url_anywhere_in_the_package(rich, tmp_path):
    out, _ = export(tmp_path, "--format", "scorm12")
    for name, data in package_files(out).items():
        if name.endswith((".html", ".css")):
            text = data.decode()
            assert not re.search(r"(https?:)?//[a-z0-9]", text, re.IGNORECASE), name
            for url in urls_of(text):
                assert not url.startswith("/"), (name, url)
    lesson = package_files(out)[lesson_file(rich.tree.lessons[1])].decode()
    assert "See <a>it</a>" in lesson  # a link to another site keeps its text only


def test_a_thai_export_has_the_thai_lesson_text(rich, tmp_path):
    out, printed = export(tmp_path, "--format", "scorm2004", "--language", "th")
    assert "in th written to" in printed
    files = package_files(out)
    first = files[lesson_file(rich.tree.lessons[0])].decode()
    assert '<html lang="th"' in first
    assert THAI_TEXT in first and "บทเรียนแรก" in first
    assert "หลักสูตรทดสอบ" in files["imsmanifest.xml"].decode()


def test_one_module_exports_alone(rich, tmp_path):
    module = rich.tree.modules[1]
    out, printed = export(tmp_path, "--format", "scorm2004", "--module", str(module.pk))
    assert "(2 lessons," in printed
    lessons = {name for name in package_files(out) if name.startswith("lessons/")}
    assert lessons == {lesson_file(lesson) for lesson in rich.tree.lessons[2:]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope-1", "--format", "scorm12"), "No course with the code nope-1."),
        (("exp-101", "--format", "scorm12", "--module", "999999"), "is not a module of"),
        (("exp-101", "--format", "scorm12", "--language", "xx"), "Unknown language xx."),
        (("exp-101", "--format", "scorm12", "--language", "km"), "no published version in km"),
    ],
)
def test_bad_input_exits_1_with_a_message_and_writes_nothing(rich, tmp_path, capsys, args, message):
    out = tmp_path / "course.zip"
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "scorm_export", *args, "-o", str(out)]).execute()
    assert exited.value.code == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [tmp_path / "media"]


def test_a_missing_media_file_refuses_the_export_and_keeps_the_old_package(rich, tmp_path, capsys):
    out = tmp_path / "course.zip"
    out.write_bytes(b"the package exported last week")
    Path(rich.document.file.path).unlink()
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(
            ["manage.py", "scorm_export", "exp-101", "--format", "scorm2004", "-o", str(out)]
        ).execute()
    assert exited.value.code == 1
    assert "documents/handout.pdf" in capsys.readouterr().err
    assert out.read_bytes() == b"the package exported last week"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course.zip", "media"]


def test_a_quiz_that_cannot_be_drawn_refuses_the_export(rich, tmp_path, capsys):
    quiz = rich.tree.quizzes[0]
    draws = [b for b in quiz.questions.get_prep_value() if b["type"] == "random_draw"]
    draws[0]["value"]["count"] = 9
    quiz.questions = json.dumps(draws)
    publish(quiz)
    out = tmp_path / "course.zip"
    said = export_refused(capsys, "exp-101", "--format", "scorm12", "-o", str(out))
    assert "Quiz 1: The quiz asks for 9 questions from “Indicators”, which has only 3." in said
    assert not out.exists()
