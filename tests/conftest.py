"""Shared test fixtures: a published course tree and people of every role, made through services."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass

import pytest
from django.utils.translation import deactivate
from hypothesis import settings as hypothesis_settings
from wagtail.models import Locale

from courses.models import CoursePage
from courses.services import catalogue_ensure
from modules.models import LessonPage, ModulePage, QuizPage
from nodes.identity import node_identity
from officers.models import BorderPost, Role
from officers.services import coordinator_scope_add, officer_create

PASSWORD = "correct-horse-battery-42"

# Property-based tests (Hypothesis) run the same examples on every run of the suite, so a commit
# is green or red for good; HYPOTHESIS_PROFILE=explore searches new inputs (and more of them).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", max_examples=1000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


def run_task_worker() -> None:
    """Run what is queued with the real task worker (``manage.py db_worker --batch``), as a
    node's worker does, until the queue is empty. Needs a transactional test: the worker
    closes database connections between tasks."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


@pytest.fixture(autouse=True)
def _language_restored():
    """A request activates its reader's language for the thread (Django's LocaleMiddleware does
    not undo it); the next test, or a command it calls, must not inherit it."""
    yield
    deactivate()


@pytest.fixture(autouse=True)
def _page_cache_cleared():
    """Each test's database starts empty and reuses page ids: a course outline cached by an
    earlier test must not be served to this one."""
    from django.core.cache import caches

    caches["pages"].clear()


def text_body(*paragraphs: str) -> str:
    return json.dumps(
        [{"type": "text", "value": f"<p>{p}</p>", "id": str(uuid.uuid4())} for p in paragraphs]
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class CourseTree:
    index: object
    course: CoursePage
    modules: list[ModulePage]
    lessons: list[LessonPage]  # in course order
    quizzes: list[QuizPage]


def build_course(*, code="TST-101", slug=None, modules=2, lessons_per_module=2) -> CourseTree:
    index = catalogue_ensure()
    course = CoursePage(
        title=f"Course {code}",
        slug=slug or code.lower(),
        code=code,
        summary="What officers at the border need to know.",
        topic="trafficking",
        estimated_hours=2,
    )
    index.add_child(instance=course)
    publish(course)
    tree = CourseTree(index=index, course=course, modules=[], lessons=[], quizzes=[])
    for m in range(1, modules + 1):
        module = ModulePage(title=f"Module {m}", slug=f"module-{m}", summary="A module.")
        course.add_child(instance=module)
        publish(module)
        tree.modules.append(module)
        for n in range(1, lessons_per_module + 1):
            lesson = LessonPage(
                title=f"Lesson {m}.{n}",
                slug=f"lesson-{m}-{n}",
                summary="A lesson.",
                body=text_body(f"Teaching text of lesson {m}.{n}."),
            )
            module.add_child(instance=lesson)
            tree.lessons.append(publish(lesson))
        quiz = QuizPage(title=f"Quiz {m}", slug=f"quiz-{m}", pass_mark=70)
        module.add_child(instance=quiz)
        tree.quizzes.append(publish(quiz))
    return tree


def translate(page, language: str, **fields):
    locale = Locale.objects.get(language_code=language)
    translated = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    return publish(translated)


@pytest.fixture
def course_tree(db) -> CourseTree:
    return build_course()


@pytest.fixture
def posts(db):
    return {
        "th": BorderPost.objects.create(code="th-a", name="Aranyaprathet", country="TH"),
        "kh": BorderPost.objects.create(code="kh-p", name="Poipet", country="KH"),
        "la": BorderPost.objects.create(
            code="la-v", name="Vientiane Friendship Bridge", country="LA"
        ),
    }


@pytest.fixture
def people(db, posts):
    """One user per role, plus learners at three posts. The coordinator manages Thailand and
    the Poipet post; the Lao officer is outside their scope."""
    make = officer_create
    coordinator = make(username="coord", password=PASSWORD, role=Role.COORDINATOR)
    coordinator_scope_add(coordinator=coordinator, country="TH")
    coordinator_scope_add(coordinator=coordinator, post=posts["kh"])
    return {
        "learner": make(
            username="learner",
            password=PASSWORD,
            post=posts["th"],
            full_name_latin="Somchai Jaidee",
            full_name_native="สมชาย ใจดี",
        ),
        "learner_kh": make(
            username="learner_kh", password=PASSWORD, post=posts["kh"], full_name_latin="Sokha Chan"
        ),
        "learner_la": make(
            username="learner_la",
            password=PASSWORD,
            post=posts["la"],
            full_name_latin="Khamla Phommavong",
        ),
        "trainer": make(username="trainer", password=PASSWORD, role=Role.TRAINER),
        "coordinator": coordinator,
        "admin": make(username="admin", password=PASSWORD, role=Role.ADMINISTRATOR),
    }


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


class Nodes:
    """Play several nodes in this one process: another key directory is another node. ``be``
    switches to one (its role taken from its name unless given) and returns its identity.
    "hub" is the node the test ran as before switching (the people and courses it made are
    headquarters'), as on a real hub, where officers are created."""

    def __init__(self, settings, tmp_path):
        self.settings, self.tmp = settings, tmp_path
        self.home_keys = settings.NODE_KEY_DIR
        self.ids = {}

    def be(self, name: str, role: str | None = None):
        role = role or ("hub" if name.startswith("hub") else "post")
        self.settings.NODE_KEY_DIR = self.home_keys if name == "hub" else self.tmp / f"keys-{name}"
        self.settings.NODE_ROLE = role
        identity = node_identity()
        self.ids[name] = identity.node_id
        return identity
