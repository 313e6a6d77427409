"""Reads about a course's structure: its modules and lessons in order, by translation key.

Progress is counted per translation key, so a lesson done in Thai counts when the officer later
reads the English version, and the same keys hold on every node a course bundle reaches.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageLogEntry

from scormpackages.models import ScormPackage

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
    completion. Three queries.
    """
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
