"""Write a course as a SCORM package (ADR 0025).

Each lesson is rendered by the platform's own block templates into a self-contained page; the
files those pages name (images, video, audio, captions, documents: all in the media storage)
travel with them, as do our fonts, CSS and two small scripts (the runtime and the marking).
Knowledge checks and each quiz (a module's, the course's pre- and post-test) carry their keys
and are marked in the browser; a quiz is a SCO of its own that reports score and success.
Links to anything else (a platform page, another site) lose their target, so the package names
nothing outside itself.
The zip is written beside ``out`` and renamed over it at the end: nothing half-written.
"""

from __future__ import annotations

import os
import random
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from modules.models import LessonPage, ModulePage, QuizPage, ScormLessonPage, TestKind
from quizzes.snapshot import QuizNotReady, draw, presentation, question_from_block
from quizzes.wording import words

from .links import rewrite_urls
from .manifest import FORMATS, SCORM12, Module, Package, Sco, manifest_xml
from .questions import marking, page_json, quiz_marking, text_rules_script
from .selectors import (
    ModuleChild,
    course_in_language,
    course_tests,
    modules_with_pages,
    scorm_lesson_files,
)

STATIC = Path(settings.BASE_DIR) / "elearning" / "static" / "elearning"
PACKAGE = Path(__file__).resolve().parent / "package"
# The marking script is the platform's own (knowledge checks answered offline use it too).
MARKING = Path(settings.BASE_DIR) / "quizzes" / "static" / "quizzes" / "marking.js"
NOT_PROCTORED = (
    "Exported from the UNODC border e-learning platform. The knowledge checks and any "
    "assessment in this package carry their questions and answers inside it, and the score "
    "is reported by the learner's browser: this is not a proctored assessment."
)


class ExportError(Exception):
    """Why a course cannot be exported; the message is for the user, in their language."""


@dataclass
class ExportResult:
    path: Path
    fmt: str
    language: str
    lessons: int
    quizzes: int
    files: int
    size: int


@dataclass
class _Files:
    """What goes into the zip: package path -> source (a storage name, or a path on disk)."""

    media: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # media named but not in the storage
    disk: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)


def _shared_files(files: _Files) -> tuple[str, ...]:
    files.disk["shared/sco.js"] = PACKAGE / "sco.js"
    files.disk["shared/marking.js"] = MARKING
    files.pages["shared/text-rules.js"] = text_rules_script()
    for name in ("fonts.css", "site.css"):
        files.disk[f"shared/css/{name}"] = STATIC / "css" / name
    for font in sorted((STATIC / "fonts").iterdir()):
        if font.is_file():
            files.disk[f"shared/fonts/{font.name}"] = font
    return tuple(sorted([*files.disk, *files.pages]))


def _media_resolver(files: _Files, used: list[str]) -> Callable[[str], str | None]:
    """Map a media URL to ``../media/<name>`` (recording the file), anything else to None."""
    prefix = settings.MEDIA_URL

    def resolve(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
            return None
        name = unquote(parts.path[len(prefix) :])
        if ".." in name.split("/"):
            return None
        if not default_storage.exists(name):
            files.missing.append(name)  # refused once the pages are written (course_export)
        files.media[f"media/{name}"] = name
        used.append(f"media/{name}")
        return f"../media/{name}"

    return resolve


def _lesson_file(lesson: LessonPage) -> str:
    """By translation key: the same in every language and every export of the course."""
    return f"lessons/{lesson.translation_key.hex}.html"


def _quiz_file(quiz: QuizPage) -> str:
    return f"quizzes/{quiz.translation_key.hex}.html"


def _same_id(role: str, key_id: str) -> str:
    """Shown ids are key ids in a package: the key travels with the page anyway."""
    return key_id


def _check(block: Any) -> dict[str, Any] | None:
    """A knowledge check block as its package page shows and marks it: the question drawn as
    the platform draws it (options shuffled, seeded by the block id), and its key."""
    if not len(block.value):
        return None
    child = block.value[0]
    question = question_from_block(
        child.block_type,
        child.value,
        f"c-{block.id}",
        {"kind": "check", "block": block.id},
        random.Random(block.id),  # noqa: S311 (presentation order, not a secret)
        shuffle=True,
        token=_same_id,
    )
    return {
        "view": presentation({"questions": [question]})[0],
        "marking": mark_safe(page_json(marking(question, words()))),  # noqa: S308
        # As the platform's check says it; a template's translate tag would not find it.
        "answer": _("The answer: %(answer)s"),
    }


def _page(
    *, name: str, template: str, context: dict[str, Any], body: str, files: _Files
) -> tuple[str, ...]:
    """Write ``template`` at ``name`` with ``body`` (HTML with platform URLs) made to work in
    the package; return the files its SCO needs (its page first)."""
    used: list[str] = [name]
    html = render_to_string(
        template,
        {
            **context,
            "body": mark_safe(rewrite_urls(body, _media_resolver(files, used))),  # noqa: S308
            "language": translation.get_language(),
            "bidi": translation.get_language_bidi(),
        },
    )
    files.pages[name] = html.encode("utf-8")
    return tuple(dict.fromkeys(used))


def _lesson_sco(*, lesson: LessonPage, context: dict[str, Any], files: _Files) -> Sco:
    """``lesson`` as a SCO: its blocks as the platform renders them, its knowledge checks
    marked in the browser."""
    context = {**context, "page": lesson}
    blocks = [(b, _check(b) if b.block_type == "check" else None) for b in lesson.body]
    body = render_to_string("scormexport/lesson_body.html", {**context, "blocks": blocks})
    name = _lesson_file(lesson)
    needs = _page(
        name=name, template="scormexport/lesson.html", context=context, body=body, files=files
    )
    return Sco(
        identifier=f"L{lesson.translation_key.hex}", title=lesson.title, href=name, files=needs
    )


def _quiz_sco(*, quiz: QuizPage, context: dict[str, Any], files: _Files) -> Sco:
    """``quiz`` as an assessment SCO: one fixed draw of its questions (random draws from a
    category resolved now, seeded by the quiz), marked in the browser against its pass mark."""
    try:
        snapshot = draw(
            quiz=quiz,
            rng=random.Random(quiz.translation_key.hex),  # noqa: S311 (a fixed draw, not a secret)
            token=_same_id,
        )
    except QuizNotReady as error:
        raise ExportError(f"{quiz.title}: {error}") from None
    questions = presentation(snapshot)
    context = {
        **context,
        "page": quiz,
        "questions": questions,
        "marking": mark_safe(  # noqa: S308
            page_json(quiz_marking(snapshot["questions"], quiz.pass_mark, words()))
        ),
    }
    body = render_to_string("scormexport/quiz_body.html", context)
    name = _quiz_file(quiz)
    needs = _page(
        name=name, template="scormexport/quiz.html", context=context, body=body, files=files
    )
    return Sco(
        identifier=f"Q{quiz.translation_key.hex}",
        title=quiz.title,
        href=name,
        files=needs,
        mastery=quiz.pass_mark / 100,
    )


def _identifier(code: str) -> str:
    return "COURSE_" + re.sub(r"[^A-Za-z0-9_.-]", "_", code)


def _checked(*, course: Page, fmt: str, language: str) -> Page:
    if fmt not in FORMATS:
        raise ExportError(
            _("Unknown SCORM format %(fmt)s: use scorm12 or scorm2004.") % {"fmt": fmt}
        )
    if language not in dict(settings.LANGUAGES):
        raise ExportError(_("Unknown language %(language)s.") % {"language": language})
    translated = course_in_language(course=course, language=language)
    if translated is None:
        raise ExportError(
            _("The course %(code)s has no published version in %(language)s.")
            % {"code": course.specific.code, "language": language}
        )
    return translated


def _launched(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SCO items of an imported package's organization, in order."""
    found: list[dict[str, Any]] = []
    for item in items:
        if item.get("scorm_type") == "sco" and item.get("launch"):
            found.append(item)
        found.extend(_launched(item.get("children") or []))
    return found


def _mastery(item: dict[str, Any]) -> float | None:
    if item.get("mastery_score") is not None:  # 1.2: a percentage
        return float(item["mastery_score"]) / 100
    if item.get("scaled_passing_score") is not None:  # 2004: 0..1
        return float(item["scaled_passing_score"])
    return None


def _scorm_lesson_scos(*, page: ScormLessonPage, fmt: str, files: _Files) -> tuple[Sco, ...]:
    """A SCORM lesson's package inside ours: its files under ``scorm/<translation key>/``, each
    of its SCOs an item of the module (they talk to the LMS themselves, so the package must be
    of the export's SCORM version). Its own sequencing rules do not travel."""
    version, stored = scorm_lesson_files(page)
    scos = _launched(version.structure.get("items", [])) if version is not None else []
    if version is None or not scos:
        raise ExportError(
            _("The SCORM lesson “%(title)s” has no package to play.") % {"title": page.title}
        )
    if (fmt == SCORM12) != (version.scorm_version == "1.2"):
        raise ExportError(
            _(
                "The SCORM lesson “%(title)s” plays a SCORM %(version)s package, which cannot "
                "report to the LMS from inside a package of another SCORM version: export the "
                "course as SCORM %(version)s."
            )
            % {"title": page.title, "version": version.scorm_version.split(" ")[0]}
        )
    folder = f"scorm/{page.translation_key.hex}"
    for path, source in stored.items():
        files.disk[f"{folder}/{path}"] = source
    every = tuple(f"{folder}/{path}" for path in stored)
    return tuple(
        Sco(
            identifier=f"S{page.translation_key.hex}-{n}",
            title=page.title if len(scos) == 1 else f"{page.title}: {item['title']}",
            href=f"{folder}/{item['launch']}",
            files=every if n == 1 else (f"{folder}/{item['launch'].split('?')[0]}",),
            mastery=_mastery(item),
        )
        for n, item in enumerate(scos, start=1)
    )


def _module_scos(
    *, pages: list[ModuleChild], context: dict[str, Any], files: _Files
) -> tuple[Sco, ...]:
    """A module's lessons and its quiz (one with questions) as SCOs, in the module's order."""
    scos: list[Sco] = []
    for page in pages:
        if isinstance(page, LessonPage):
            scos.append(_lesson_sco(lesson=page, context=context, files=files))
        elif isinstance(page, ScormLessonPage):
            scos.extend(_scorm_lesson_scos(page=page, fmt=context["fmt"], files=files))
        elif len(page.questions):
            scos.append(_quiz_sco(quiz=page, context=context, files=files))
    return tuple(scos)


def _test_module(*, quiz: QuizPage | None, context: dict[str, Any], files: _Files) -> list[Module]:
    """The course's pre- or post-test as an item of its own holding its assessment SCO."""
    if quiz is None or not len(quiz.questions):
        return []
    sco = _quiz_sco(quiz=quiz, context=context, files=files)
    return [Module(identifier=f"T{quiz.translation_key.hex}", title=quiz.title, scos=(sco,))]


def _modules(
    *,
    course: Page,
    translated: Page,
    fmt: str,
    language: str,
    module: ModulePage | None,
    files: _Files,
) -> list[Module]:
    """The package's items: the pre-test, each module (its lessons and quiz), the post-test;
    one module alone without the course's tests."""
    context: dict[str, Any] = {"course": translated, "fmt": fmt, "module": None}
    tests = {} if module is not None else course_tests(course=course, language=language)
    modules = _test_module(quiz=tests.get(TestKind.PRE), context=context, files=files)
    for page, pages in modules_with_pages(course=course, language=language, only=module):
        scos = _module_scos(pages=pages, context={**context, "module": page}, files=files)
        if scos:
            modules.append(
                Module(identifier=f"M{page.translation_key.hex}", title=page.title, scos=scos)
            )
    return modules + _test_module(quiz=tests.get(TestKind.POST), context=context, files=files)


def course_export(
    *, course: Page, fmt: str, language: str, module: ModulePage | None = None, out: Path
) -> ExportResult:
    """Write ``course`` (or one ``module`` of it) in ``language`` as a SCORM package at ``out``.

    Raises ExportError, writing nothing, for an unknown format or language, a course not
    published in that language, a quiz that cannot be drawn, or nothing to export."""
    translated = _checked(course=course, fmt=fmt, language=language)
    files = _Files()
    shared = _shared_files(files)
    with translation.override(language):
        modules = _modules(
            course=course,
            translated=translated,
            fmt=fmt,
            language=language,
            module=module,
            files=files,
        )
    if files.missing:  # said in the user's language, not the export's
        raise ExportError(
            _("The file %(name)s that the lesson shows is missing from the media storage.")
            % {"name": files.missing[0]}
        )
    scos = [sco for m in modules for sco in m.scos]
    quizzes = sum(1 for sco in scos if sco.href.startswith("quizzes/"))
    if quizzes == len(scos):
        raise ExportError(_("There is no published lesson to export."))
    package = Package(
        identifier=_identifier(translated.specific.code),
        title=translated.title,
        language=language,
        description=NOT_PROCTORED,
        modules=tuple(modules),
        shared_files=shared,
    )
    size = _write_zip(out, manifest_xml(package, fmt), files)
    return ExportResult(
        path=out,
        fmt=fmt,
        language=language,
        lessons=len(scos) - quizzes,
        quizzes=quizzes,
        files=1 + len(files.pages) + len(files.media) + len(files.disk),
        size=size,
    )


def _write_zip(out: Path, manifest: bytes, files: _Files) -> int:
    """Write the package beside ``out`` and rename it over ``out``; return its size."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", manifest)
            for name, data in sorted(files.pages.items()):
                archive.writestr(name, data)
            for name, source in sorted(files.disk.items()):
                archive.write(source, name)
            for name, stored in sorted(files.media.items()):
                with default_storage.open(stored, "rb") as src, archive.open(name, "w") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out.stat().st_size
