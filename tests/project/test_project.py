"""Project-wide promises: app names that cannot shadow packages, safe production settings,
a demo that loads twice without change."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]


def test_every_app_of_ours_is_imported_from_this_repository():
    ours = [
        a
        for a in apps.get_app_configs()
        if not a.name.startswith(("django", "wagtail"))
        and a.name not in {"modelcluster", "taggit", "axes", "whitenoise.runserver_nostatic"}
    ]
    assert {a.name for a in ours} >= {
        "courses",
        "modules",
        "learning",
        "officers",
        "nodes",
        "coordination",
        "demodata",
    }
    for app in ours:
        assert Path(app.module.__file__).resolve().is_relative_to(REPO), app.name


def run_production(**env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "elearning.settings.production", **env},
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_default_secret_key():
    result = run_production(DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = run_production(DJANGO_SECRET_KEY="x" * 50, DJANGO_DEBUG="1")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be off" in result.stderr


def test_production_starts_with_a_real_key():
    assert run_production(DJANGO_SECRET_KEY="k" * 50, DJANGO_DEBUG="0").returncode == 0


def test_bad_node_role_is_refused():
    result = run_production(DJANGO_SECRET_KEY="k" * 50, ELEARNING_NODE_ROLE="headquarters")
    assert result.returncode != 0
    assert "ELEARNING_NODE_ROLE" in result.stderr


@pytest.mark.django_db
def test_demo_loads_real_courses_and_twice_changes_nothing(capsys):
    from courses.models import CoursePage
    from learning.models import LearnerRecord
    from modules.models import LessonPage, QuizPage
    from officers.models import User

    call_command("load_demo")
    printed = capsys.readouterr().out
    for role in ("administrator", "trainer", "coordinator", "learner"):
        assert role in printed
    counts = (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        User.objects.count(),
        LearnerRecord.objects.count(),
    )
    call_command("load_demo")
    assert counts == (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        User.objects.count(),
        LearnerRecord.objects.count(),
    )
    codes = set(CoursePage.objects.values_list("code", flat=True))
    assert codes == {"TIP-101", "WLC-101", "HRB-101"}
    # Graded quizzes show the answer key only after a pass or the last attempt.
    graded = QuizPage.objects.exclude(test_kind="pre")
    assert graded.exists() and set(graded.values_list("review", flat=True)) == {"final"}
    thai = CoursePage.objects.get(code="TIP-101", locale__language_code="th")
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in thai.title)
    assert User.objects.filter(post__country="TH").exists()
    assert User.objects.filter(post__country="KH").exists()
    for course in CoursePage.objects.filter(locale__language_code="en"):
        lessons = LessonPage.objects.descendant_of(course)
        assert lessons.count() >= 4
        assert course.get_children().count() >= 2
        words = sum(len(str(lesson.body).split()) for lesson in lessons)
        assert words > 2000, course.code
        assert any(block.block_type == "image" for lesson in lessons for block in lesson.body)
