"""Reads about a course's structure: its modules and lessons in order, by translation key.

Progress is counted per translation key, so a lesson done in Thai counts when the officer later
reads the English version, and the same keys hold on every node a course bundle reaches.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageLogEntry

from courses.models import CoursePage
from courses.selectors import course_for_page
from scormpackages.models import ScormPackage

from .contentcache import content_cached
from .models import LessonPage, ModulePage, QuizPage, ScormCompletion, ScormLessonPage

# The pages that are lessons of a module, in progress and navigation: read, and SCORM.
LESSON_TYPES = (LessonPage, ScormLessonPage)


@dataclass(frozen=True)
class LessonOutline:
    key: uuid.UUID
    page_id: int
    title: str
    url_path: str
    kind: str = "lesson"  # "lesson" (read) or "scorm" (plays a SCORM package)


@dataclass(frozen=True)
class ModuleOutline:
    key: uuid.UUID
    page_id: int
    title: str
    lessons: tuple[LessonOutline, ...]
    quiz_key: uuid.UUID | None = None  # the module quiz that must be passed, if any
    quiz_grading: str = "highest"
    required: bool = True

    @property
    def lesson_keys(self) -> frozenset[uuid.UUID]:
        return frozenset(lesson.key for lesson in self.lessons)


@dataclass(frozen=True)
class CourseOutline:
    key: uuid.UUID
    modules: tuple[ModuleOutline, ...]

    @property
    def lesson_keys(self) -> frozenset[uuid.UUID]:
        return frozenset(key for module in self.modules for key in module.lesson_keys)

    def lessons(self) -> list[LessonOutline]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def quizzes(self) -> list[tuple[uuid.UUID, str]]:
        """(translation key, grading method) of each module quiz that must be passed."""
        return [(m.quiz_key, m.quiz_grading) for m in self.modules if m.quiz_key]


def course_outline(*, course: Page) -> CourseOutline:
    """The live modules, lessons and module quizzes of ``course``'s original-language tree,
    in order.

    The structure is the original's: a translation that is missing a lesson does not shorten
    the course. A module quiz counts when it has questions; pre- and post-tests do not gate
    completion. Cached (``modules.contentcache``): no query when warm, a few when cold, the
    same whatever the size of the course; quizzes' questions are counted only then.
    """
    return content_cached(("outline", course.translation_key), lambda: _outline_built(course))


def _outline_built(course: Page) -> CourseOutline:
    original = course.get_default_locale_page() or course
    modules = list(ModulePage.objects.child_of(original).live().order_by("path"))
    lessons = list(
        Page.objects.type(*LESSON_TYPES)
        .descendant_of(original)
        .live()
        .order_by("path")
        .only("id", "title", "path", "depth", "translation_key", "url_path", "content_type_id")
    )
    scorm_type = ContentType.objects.get_for_model(ScormLessonPage).pk
    quizzes = {
        quiz.path[: -QuizPage.steplen]: quiz
        for quiz in QuizPage.objects.descendant_of(original)
        .live()
        .filter(test_kind="")
        .only("id", "path", "translation_key", "questions", "grading_method")
        if len(quiz.questions)
    }
    outlines = []
    for module in modules:
        quiz = quizzes.get(module.path)
        module_lessons = tuple(
            LessonOutline(
                key=les.translation_key,
                page_id=les.pk,
                title=les.title,
                url_path=les.url_path,
                kind="scorm" if les.content_type_id == scorm_type else "lesson",
            )
            for les in lessons
            if les.path.startswith(module.path) and les.depth == module.depth + 1
        )
        outlines.append(
            ModuleOutline(
                key=module.translation_key,
                page_id=module.pk,
                title=module.title,
                lessons=module_lessons,
                quiz_key=quiz.translation_key if quiz else None,
                quiz_grading=quiz.grading_method if quiz else "highest",
                required=module.required,
            )
        )
    return CourseOutline(key=original.translation_key, modules=tuple(outlines))


_KINDS = {ModulePage: "module", LessonPage: "lesson", ScormLessonPage: "scorm", QuizPage: "quiz"}


@dataclass(frozen=True)
class NavItem:
    """A page of a course as the officer's pages link to it, in the reader's language where
    it has a live translation, else in the original."""

    key: uuid.UUID  # translation key
    page_id: int
    title: str
    url: str
    language: str
    kind: str  # "module", "lesson", "scorm" (plays a SCORM package), "quiz" or "page"
    minutes: int | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class CourseNav:
    """A course's live pages in the original's order, for one reading language: what the
    course, module and lesson pages list, their breadcrumbs, "previous" and "next", and where
    "continue" leads. Content only (nothing of an officer): cached for every reader."""

    items: tuple[NavItem, ...]  # the course's children: its modules and any pre- or post-test
    by_key: dict[uuid.UUID, NavItem] = field(default_factory=dict)
    parent_of: dict[uuid.UUID, uuid.UUID] = field(default_factory=dict)

    def item(self, key: uuid.UUID | None) -> NavItem | None:
        return self.by_key.get(key) if key is not None else None

    def parent(self, key: uuid.UUID) -> NavItem | None:
        return self.item(self.parent_of.get(key))

    def neighbours(self, key: uuid.UUID) -> tuple[NavItem | None, NavItem | None]:
        """The lessons (read or SCORM) before and after ``key`` in its module."""
        module = self.parent(key)
        lessons = [c for c in module.children if c.kind in _LESSON_KINDS] if module else []
        index = next((i for i, c in enumerate(lessons) if c.key == key), None)
        if index is None:
            return None, None
        previous = lessons[index - 1] if index > 0 else None
        following = lessons[index + 1] if index + 1 < len(lessons) else None
        return previous, following


_LESSON_KINDS = ("lesson", "scorm")


def course_nav(*, course: Page) -> CourseNav:
    """``course``'s navigation in the active language (``CourseNav``). Cached per course and
    language: no query when warm; when cold a few, the same whatever the size of the course."""
    return content_cached(
        ("nav", course.translation_key, get_language() or ""), lambda: _nav_built(course)
    )


def _nav_built(course: Page) -> CourseNav:
    default = Locale.get_default()
    original = (
        course if course.locale_id == default.pk else course.get_translation_or_none(default)
    ) or course
    pages = list(Page.objects.descendant_of(original).live().order_by("path").specific())
    active = Locale.get_active()
    shown: dict[uuid.UUID, Page] = {}
    if active.pk != original.locale_id and pages:
        shown = {
            p.translation_key: p
            for p in Page.objects.live()
            .filter(locale=active, translation_key__in=[p.translation_key for p in pages])
            .specific()
        }
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    children: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        children[page.path[: -page.steplen]].append(page)
    by_key: dict[uuid.UUID, NavItem] = {}
    parent_of: dict[uuid.UUID, uuid.UUID] = {}

    def item(page: Page) -> NavItem:
        version = shown.get(page.translation_key, page)
        kids = tuple(item(child) for child in children.get(page.path, []))
        for kid in kids:
            parent_of[kid.key] = page.translation_key
        built = NavItem(
            key=page.translation_key,
            page_id=version.pk,
            title=version.title,
            url=version.url or "",
            language=languages.get(version.locale_id, ""),
            kind=_KINDS.get(type(version), "page"),
            minutes=getattr(version, "estimated_minutes", None),
            children=kids,
        )
        by_key[built.key] = built
        return built

    items = tuple(item(page) for page in children.get(original.path, []))
    return CourseNav(items=items, by_key=by_key, parent_of=parent_of)


def course_of(*, page: Page) -> CoursePage | None:
    """The course ``page`` belongs to (itself if it is one), from the content cache: no query
    when warm. A move or a publish anywhere renews the cache, so it is never another's."""
    if isinstance(page, CoursePage):
        return page
    return content_cached(("course_of", page.pk), lambda: course_for_page(page))


def language_of(page: Page) -> str:
    """The language code of ``page``'s locale, from the content cache (no query when warm)."""
    languages = content_cached(
        ("languages",), lambda: dict(Locale.objects.values_list("pk", "language_code"))
    )
    return languages.get(page.locale_id) or page.locale.language_code


def lesson_for_key(*, key: uuid.UUID) -> Page | None:
    """The lesson (read or SCORM) with this translation key: the active language's live version,
    or the original."""
    pages = list(
        Page.objects.type(*LESSON_TYPES).live().filter(translation_key=key).select_related("locale")
    )
    if not pages:
        return None
    from wagtail.models import Locale

    active = Locale.get_active()
    return next((p for p in pages if p.locale_id == active.pk), None) or next(
        (p for p in pages if p.locale_id == Locale.get_default().pk), pages[0]
    )


def lesson_neighbours(lesson: Page) -> tuple[Page | None, Page | None]:
    """The previous and next live lessons (read or SCORM) of the same module, in the lesson's
    language tree."""
    siblings = list(Page.objects.type(*LESSON_TYPES).sibling_of(lesson).live().order_by("path"))
    index = next(i for i, p in enumerate(siblings) if p.pk == lesson.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following


# Logged (a Wagtail page log entry) when a person saves or publishes a quiz page in the editor,
# not when the editor autosaves it: Wagtail 8 keeps no other trace of the difference.
QUIZ_SAVED_ACTION = "modules.quiz_saved"


def quiz_in_the_way(*, parent: Page, test_kind: str, translation_key: uuid.UUID) -> QuizPage | None:
    """The quiz under ``parent`` of the same kind (a module's quiz, a pre- or post-test) that
    another quiz (any language version of ``translation_key``) would duplicate: a live one, or a
    draft a person saved. A draft only the editor's autosave ever wrote (a quiz someone started
    and left) is not in the way. One query."""
    saved = PageLogEntry.objects.filter(action=QUIZ_SAVED_ACTION).values("page_id")
    return (
        QuizPage.objects.child_of(parent)
        .filter(test_kind=test_kind)
        .exclude(translation_key=translation_key)
        .filter(Q(live=True) | Q(pk__in=saved))
        .order_by("path")
        .first()
    )


def module_by_id(value: int | str) -> ModulePage | None:
    """The module page with this id (any language, live or draft), or None: an id that is not
    a number or not a module's."""
    try:
        page_id = int(value)
    except (TypeError, ValueError):
        return None
    return ModulePage.objects.filter(pk=page_id).first()


def package_with_current_sha256(sha256: str) -> ScormPackage | None:
    """The stored package whose current version was imported from a zip with this SHA-256."""
    return (
        ScormPackage.objects.filter(current__sha256=sha256)
        .select_related("current")
        .order_by("created_at")
        .first()
    )


def browser_scored_lessons(*, course: Page) -> list[ScormLessonPage]:
    """The live SCORM lessons of ``course``'s original-language tree, in required modules, that
    are done when their content reports "passed": the trainer accepted that a score reported
    by the officer's browser decides them, so the course's certificate rests on such a score
    (and says so). Two queries."""
    original = course.get_default_locale_page() or course
    required = {
        module.path
        for module in ModulePage.objects.child_of(original)
        .live()
        .filter(required=True)
        .only("path")
    }
    return [
        lesson
        for lesson in ScormLessonPage.objects.descendant_of(original)
        .live()
        .filter(completion_rule=ScormCompletion.PASSED, browser_score_accepted=True)
        .order_by("path")
        if lesson.path[: -ScormLessonPage.steplen] in required
    ]
