"""Write a course as a SCORM package (ADR 0025).

Each lesson is rendered by the platform's own block templates into a self-contained page; the
files those pages name (images, video, audio, captions, documents: all in the media storage)
travel with them, as do our fonts, CSS and a small runtime script. Links to anything else (a
platform page, another site) lose their target, so the package names nothing outside itself.
The zip is written beside ``out`` and renamed over it at the end: nothing half-written.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from modules.models import LessonPage, ModulePage

from .links import rewrite_urls
from .manifest import FORMATS, Module, Package, Sco, manifest_xml
from .selectors import course_in_language, modules_with_lessons

STATIC = Path(settings.BASE_DIR) / "elearning" / "static" / "elearning"
RUNTIME = Path(__file__).resolve().parent / "package" / "sco.js"
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
    files: int
    size: int


@dataclass
class _Files:
    """What goes into the zip: package path -> source (a storage name, or a path on disk)."""

    media: dict[str, str] = field(default_factory=dict)
    disk: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)


def _shared_files(files: _Files) -> tuple[str, ...]:
    files.disk["shared/sco.js"] = RUNTIME
    for name in ("fonts.css", "site.css"):
        files.disk[f"shared/css/{name}"] = STATIC / "css" / name
    for font in sorted((STATIC / "fonts").iterdir()):
        if font.is_file():
            files.disk[f"shared/fonts/{font.name}"] = font
    return tuple(sorted(files.disk))


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
            raise ExportError(
                _("The file %(name)s that the lesson shows is missing from the media storage.")
                % {"name": name}
            )
        files.media[f"media/{name}"] = name
        used.append(f"media/{name}")
        return f"../media/{name}"

    return resolve


def _lesson_file(lesson: LessonPage) -> str:
    """By translation key: the same in every language and every export of the course."""
    return f"lessons/{lesson.translation_key.hex}.html"


def _lesson_page(
    *, lesson: LessonPage, module: ModulePage, course: Page, fmt: str, files: _Files
) -> tuple[str, ...]:
    """Render ``lesson`` into the package; return the files its SCO needs (its page first)."""
    name = _lesson_file(lesson)
    used: list[str] = [name]
    context = {"page": lesson, "module": module, "course": course}
    # Knowledge checks are marked on the server today: not in this step (ADR 0025).
    blocks = [block for block in lesson.body if block.block_type != "check"]
    body = render_to_string("scormexport/lesson_body.html", {**context, "blocks": blocks})
    html = render_to_string(
        "scormexport/lesson.html",
        {
            **context,
            "body": mark_safe(rewrite_urls(body, _media_resolver(files, used))),  # noqa: S308
            "fmt": fmt,
            "language": translation.get_language(),
            "bidi": translation.get_language_bidi(),
        },
    )
    files.pages[name] = html.encode("utf-8")
    return tuple(dict.fromkeys(used))


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


def course_export(
    *, course: Page, fmt: str, language: str, module: ModulePage | None = None, out: Path
) -> ExportResult:
    """Write ``course`` (or one ``module`` of it) in ``language`` as a SCORM package at ``out``.

    Raises ExportError, writing nothing, for an unknown format or language, a course not
    published in that language, or nothing to export."""
    translated = _checked(course=course, fmt=fmt, language=language)
    files = _Files()
    shared = _shared_files(files)
    modules = []
    with translation.override(language):
        for page, lessons in modules_with_lessons(course=course, language=language, only=module):
            scos = tuple(
                Sco(
                    identifier=f"L{lesson.translation_key.hex}",
                    title=lesson.title,
                    href=_lesson_file(lesson),
                    files=_lesson_page(
                        lesson=lesson, module=page, course=translated, fmt=fmt, files=files
                    ),
                )
                for lesson in lessons
            )
            if scos:
                modules.append(
                    Module(identifier=f"M{page.translation_key.hex}", title=page.title, scos=scos)
                )
    if not modules:
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
    count = 1 + len(files.pages) + len(files.media) + len(files.disk)
    lesson_count = sum(len(m.scos) for m in modules)
    return ExportResult(
        path=out, fmt=fmt, language=language, lessons=lesson_count, files=count, size=size
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
