"""The demo courses are YAML data files with a schema: ``load_demo`` builds every course and
language they hold, refuses a file with a mistake (naming the file, line and place, exit status
1, nothing loaded), and the image script makes exactly the committed images."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model

from courses.models import CertificateTemplate, CoursePage
from demodata.contentfiles import CONTENT_DIR, courses_read
from demodata.services import IMAGES_DIR, RECORDINGS_DIR
from modules.models import LessonPage, QuizPage, ScormLessonPage
from officers.models import User
from questionbank.models import Question
from scormpackages.selectors import version_outline

REPO = Path(__file__).resolve().parents[2]

# What `make demo` shows: course -> language -> (lessons, questions in each module quiz, bank).
DEMO = {
    "TIP-101": {"en": (6, [6, 6, 6], 12), "th": (6, [6, 6, 6], 12)},
    "WLC-101": {"en": (6, [6, 6, 6], 0)},
    "HRB-101": {"en": (6, [6, 6, 6], 0)},
}


def read(folder: Path = CONTENT_DIR) -> list[dict]:
    return courses_read(folder, images=IMAGES_DIR, recordings=RECORDINGS_DIR, original="en")


def test_the_data_files_hold_every_course_and_language_and_validate():
    courses = read()
    found = {
        course["code"]: {
            language: (
                sum(len(module["lessons"]) for module in text["modules"]),
                [len(module["quiz"].get("questions", [])) for module in text["modules"]],
                len(text.get("bank", {}).get("questions", [])),
            )
            for language, text in course["texts"].items()
        }
        for course in courses
    }
    assert found == DEMO
    # Every data file is one the loader reads: none lies beside them unread.
    read_files = {"courses.yaml", "certificate.yaml"} | {
        f"{course['slug']}/{name}.yaml"
        for course in courses
        for name in ("course", *course["languages"])
    }
    on_disk = {str(path.relative_to(CONTENT_DIR)) for path in CONTENT_DIR.rglob("*.yaml")}
    assert on_disk == read_files


def test_every_committed_image_is_shown_by_a_course():
    named = set()
    for course in read():
        named.add(course["cover_image"])
        for text in course["texts"].values():
            for module in text["modules"]:
                for lesson in module["lessons"]:
                    named |= {b["file"] for b in lesson["body"] if b["type"] == "image"}
    assert named == {path.name for path in IMAGES_DIR.glob("*.png")}


@pytest.mark.django_db
def test_load_demo_builds_every_course_in_every_language_of_the_files():
    call_command("load_demo", verbosity=0)
    for course in read():
        original = CoursePage.objects.get(code=course["code"], locale__language_code="en")
        for language, text in course["texts"].items():
            page = CoursePage.objects.get(code=course["code"], locale__language_code=language)
            assert page.title == text["title"]
            lessons = LessonPage.objects.descendant_of(page).live().order_by("path")
            assert [lesson.title for lesson in lessons] == [
                lesson["title"] for module in text["modules"] for lesson in module["lessons"]
            ]
            quizzes = QuizPage.objects.descendant_of(page).filter(test_kind="").order_by("path")
            assert [len(quiz.questions) for quiz in quizzes] == DEMO[course["code"]][language][1]
            tests = QuizPage.objects.child_of(page).exclude(test_kind="")
            assert tests.count() == (2 if "tests" in course else 0)
            bank = Question.objects.filter(locale__language_code=language)
            assert (
                bank.filter(category__name=text.get("bank", {}).get("category")).count()
                == (DEMO[course["code"]][language][2])
            )
        assert original.certificate_template is not None
    tip = CoursePage.objects.get(code="TIP-101", locale__language_code="en")
    assert tip.certificate_validity_months == 24
    # WLC-101's first module, exported as SCORM 2004 by our exporter, plays in an optional
    # module of its own: a newcomer sees the player; officers who finished the course did it.
    wildlife = CoursePage.objects.get(code="WLC-101", locale__language_code="en")
    review = ScormLessonPage.objects.descendant_of(wildlife).get()
    assert review.live and review.title == "Review: Wildlife crime and CITES"
    module = review.get_parent().specific
    assert (module.title, module.required) == ("Interactive review", False)
    version = review.package.current
    assert version.scorm_version.startswith("2004") and version.file_count > 3
    first = wildlife.get_children().first()
    # Its lessons, then its quiz as an assessment SCO (ADR 0025).
    assert [i["title"] for i in version_outline(version)["items"][1:]] == [
        lesson.title for lesson in LessonPage.objects.child_of(first).live().order_by("path")
    ] + [QuizPage.objects.child_of(first).live().get().title]
    finished = User.objects.get(username="sokha")
    assert finished.learner_records.filter(
        kind="lesson_completed", lesson_key=review.translation_key
    ).exists()
    thai = CertificateTemplate.objects.get(locale__language_code="th")
    assert thai.title == "ประกาศนียบัตรการสำเร็จหลักสูตร"


def broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of the demo content with the first ``old`` in ``file`` replaced by ``new``."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def line_of(file: str, text: str) -> int:
    """The line (from 1) of the committed ``file`` where ``text`` first starts."""
    content = (CONTENT_DIR / file).read_text(encoding="utf-8")
    return content[: content.index(text)].count("\n") + 1


CONCEALMENT = "          - type: image\n            file: wlc-concealment.png\n"
ALT = (
    "            alt: >-\n              Four panels listing red flags for air passengers and "
    "baggage, air cargo and post, sea\n              containers, and trucks, cars and river "
    "crossings.\n"
)
THAI_LESSON = "      - slug: referral-and-records\n"


def without_last_thai_lesson() -> tuple[str, str]:
    """The Thai file's last lesson of module 3, up to its module's quiz, and nothing."""
    text = (CONTENT_DIR / "tip-101/th.yaml").read_text(encoding="utf-8")
    start = text.index(THAI_LESSON)
    return text[start : text.index("\n    quiz:", start) + 1], ""


MISTAKES = [
    pytest.param(
        "wlc-101/en.yaml",
        (CONCEALMENT + ALT, CONCEALMENT),
        f"wlc-101/en.yaml, line {line_of('wlc-101/en.yaml', CONCEALMENT)} "
        "(modules[1].lessons[1].body[1]): 'alt' is a required property",
        id="image-without-alt-text",
    ),
    pytest.param(
        "hrb-101/en.yaml",
        ("- type: true_false", "- type: yes_no"),
        f"hrb-101/en.yaml, line {line_of('hrb-101/en.yaml', '- type: true_false')} "
        "(modules[0].quiz.questions[0].type): 'yes_no' is not one of ['single', 'multiple', "
        "'true_false', 'matching', 'ordering', 'numeric', 'short_text']",
        id="unknown-question-type",
    ),
    pytest.param(
        "tip-101/th.yaml",
        without_last_thai_lesson(),
        f"tip-101/th.yaml, line {line_of('tip-101/th.yaml', '      - slug: immediate-protection')} "
        "(modules[2].lessons): lessons ['immediate-protection', 'referral-and-records'] "
        "expected, as in ",
        id="translation-missing-a-lesson",
    ),
    pytest.param(
        "tip-101/en.yaml",
        ("file: tip-referral.png", "file: tip-refferal.png"),
        f"tip-101/en.yaml, line {line_of('tip-101/en.yaml', 'file: tip-referral.png')} "
        "(modules[2].lessons[1].body[1].file): no image 'tip-refferal.png' in images/.",
        id="image-file-that-does-not-exist",
    ),
    pytest.param(
        "tip-101/course.yaml",
        ("  - th\n", "  - th\n - lo\n"),
        f"tip-101/course.yaml, line {line_of('tip-101/course.yaml', '  - th') + 1} column 2: "
        "not valid YAML:",
        id="yaml-syntax",
    ),
    pytest.param(
        "tip-101/course.yaml",
        ("  - en\n  - th\n", "  - th\n  - en\n"),
        f"tip-101/course.yaml, line {line_of('tip-101/course.yaml', '  - en')} (languages[0]): "
        "'en' expected: courses are written in it first.",
        id="original-not-the-default-language",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("file", "change", "message"), MISTAKES)
def test_load_demo_names_the_mistake_and_loads_nothing(tmp_path, file, change, message):
    folder = broken_copy(tmp_path, file, *change)
    with pytest.raises(CommandError) as refused:
        call_command("load_demo", "--content", str(folder), verbosity=0)
    assert str(refused.value).startswith("Nothing was loaded. ")
    assert message in str(refused.value)
    assert not CoursePage.objects.exists()
    assert not User.objects.exists()
    assert not get_image_model().objects.exists()


def test_load_demo_exits_non_zero_on_a_bad_file(tmp_path):
    folder = broken_copy(tmp_path, "wlc-101/en.yaml", CONCEALMENT + ALT, CONCEALMENT)
    (tmp_path / "node").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", "--content", str(folder)],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "elearning.settings.dev",
            "ELEARNING_DATA_DIR": str(tmp_path / "node"),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert MISTAKES[0].values[2] in result.stderr
    assert "Demo loaded" not in result.stdout


def test_the_image_script_makes_exactly_the_committed_images(tmp_path):
    script = REPO / "scripts" / "make_demo_images.py"
    subprocess.run([sys.executable, str(script), str(tmp_path)], check=True, capture_output=True)
    made = {path.name: path.read_bytes() for path in tmp_path.glob("*.png")}
    committed = {path.name: path.read_bytes() for path in IMAGES_DIR.glob("*.png")}
    assert sorted(made) == sorted(committed)
    assert made == committed
