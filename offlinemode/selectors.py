"""What a browser saves of a course for offline use: the course's offline manifest.

The manifest lists every URL an officer's pages of the course need, in the officer's language:
the course page, its modules, lessons and quiz pages (a quiz page only says offline that it
needs a connection), the media each lesson shows (image renditions as the lesson templates make
them, video, audio, captions, documents), and the static files the pages load (styles, the
fonts of the officer's script, scripts). Each entry has a ``revision`` that changes when what
the URL serves changes, so an update fetches only those (the service worker's precaching):

- a page: its live revision, the language, and a digest of the course's navigation (titles and
  links shown beside it) and of the static files: not the site-wide content generation, which
  a publish in any other course renews;
- a file: its content hash (Wagtail's ``file_hash`` for images and documents, SHA-256 for
  static files); a rendition: its image's hash and the rendition's spec.

Reads only: nothing is recorded for the officer (building it opens no lesson). The number of
queries does not grow with the number of lessons, images or documents.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import F
from django.utils.translation import get_language
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from coursebundles import manifest as bundle_manifest
from coursebundles.selectors import file_sha, stored_sha
from courses.models import CoursePage
from courses.selectors import course_by_key
from learning.selectors import is_enrolled
from modules.blocks import IMAGE_NARROW, IMAGE_WIDE, VIDEO_POSTER
from modules.models import LessonPage, ScormLessonPage
from modules.selectors import NavItem, course_nav
from officers.models import User
from officers.selectors import officers_visible_to

from .models import OfflineDevice

# The static files every learner page loads (base.html, the offline scripts, a lesson's check
# script); tests/offlinemode/test_save_manifest.py checks the templates name no other.
PAGE_STATIC = (
    "elearning/favicon.svg",
    "elearning/css/fonts.css",
    "elearning/css/site.css",
    "elearning/js/check.js",
    "offlinemode/vendor/idb-8.0.4/idb.umd.js",
    "offlinemode/db.js",
    "offlinemode/queue.js",
    "offlinemode/offline.js",
    "quizzes/marking.js",
    "offlinemode/practice.js",
)
# What the player page of a SCORM lesson loads besides (listed when one is saved, ADR 0045).
SCORM_PAGE_STATIC = ("scormplayer/player.css", "scormplayer/player.js")
# fonts.css loads a script's font only for text in it (unicode-range): Latin always, and the
# officer's language's own.
FONT_SCRIPTS = {"th": "thai", "lo": "lao", "km": "khmer", "my": "myanmar", "vi": "vietnamese"}
PAGE_KINDS = {"module": "module", "lesson": "lesson", "quiz": "quiz"}


def _entry(url: str, revision: str, kind: str, size: int | None = None, **extra: int) -> dict:
    return {"url": url, "revision": revision, "bytes": size, "kind": kind, **extra}


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:32]


def font_files(language: str) -> list[str]:
    scripts = [
        "latin",
        "latin-ext",
        *([FONT_SCRIPTS[language]] if language in FONT_SCRIPTS else []),
    ]
    return [f"elearning/fonts/noto-sans-{s}-{w}.woff2" for s in scripts for w in (400, 700)]


def static_entries(language: str, names: Iterable[str] = PAGE_STATIC) -> list[dict]:
    """The static files a learner page loads in ``language`` (``names`` and the fonts; or
    ``names`` alone without a language), by their content hash."""
    entries = []
    for name in [*names, *(font_files(language) if language else [])]:
        found = finders.find(name)
        if not found:
            continue
        sha, size = file_sha(Path(found))
        entries.append(_entry(staticfiles_storage.url(name), sha, "static", size))
    return entries


def _nav_pages(items: Iterable[NavItem], kinds: Iterable[str] = PAGE_KINDS) -> list[NavItem]:
    """The course's module, lesson and quiz pages in order (SCORM lessons: ``scorm_lessons``;
    other pages are not listed)."""
    out: list[NavItem] = []
    for item in items:
        if item.kind in kinds and item.url:
            out.append(item)
        out.extend(_nav_pages(item.children, kinds))
    return out


def scorm_lessons(*, course: CoursePage) -> tuple[list[ScormLessonPage], list[NavItem]]:
    """The SCORM lessons of ``course`` (in the reader's language) a device may save for offline
    play, whose trainer allows it and whose package has a current version; and the others, as
    the course lists them, which need a connection (ADR 0045)."""
    items = _nav_pages(course_nav(course=course).items, ("scorm",))
    pages = ScormLessonPage.objects.filter(pk__in=[i.page_id for i in items]).select_related(
        "package__current"
    )
    allowed = {p.pk: p for p in pages if p.offline_allowed and p.package.current_id is not None}
    return (
        [allowed[i.page_id] for i in items if i.page_id in allowed],
        [i for i in items if i.page_id not in allowed],
    )


def _rich_text_documents(html: str, found: set[int]) -> None:
    refs = bundle_manifest.References()
    bundle_manifest.rich_text_references(html, refs)
    found.update(refs.of(bundle_manifest.document_label()))


def _lesson_media(body: list) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(image id, rendition spec) and (document id, how the template links it: "file" or
    "serve") of a lesson body's raw blocks."""
    images: list[tuple[int, str]] = []
    documents: list[tuple[int, str]] = []
    linked: set[int] = set()
    for block in body:
        kind, value = block.get("type"), block.get("value")
        if not isinstance(value, dict):
            if kind == "text" and isinstance(value, str):
                _rich_text_documents(value, linked)
            continue
        if kind == "image" and value.get("image"):
            images += [(value["image"], IMAGE_WIDE), (value["image"], IMAGE_NARROW)]
        elif kind in ("video", "audio"):
            documents += [(value[f], "file") for f in ("file", "captions") if value.get(f)]
            if kind == "video" and value.get("poster"):
                images.append((value["poster"], VIDEO_POSTER))
        elif kind == "document" and value.get("document"):
            linked.add(value["document"])
        elif kind == "scenario":
            for part in ("situation", "discussion"):
                _rich_text_documents(value.get(part) or "", linked)
    documents += [(pk, "serve") for pk in sorted(linked)]
    return images, documents


def _file_facts(media: Any) -> tuple[str, int | None]:
    """An image's or document's content hash and size: Wagtail's when it has them (set on
    upload through its forms), else the bundles' hash of the stored file."""
    if media.file_hash and getattr(media, "file_size", None):
        return media.file_hash, media.file_size
    found = stored_sha(media.file.name)
    return found if found is not None else (media.file_hash, None)


def _media_entries(uses: dict[int, tuple[list, list]]) -> list[dict]:
    """Entries of the images and documents the lessons use, ``lesson`` set to the first lesson
    that shows each. Three queries whatever their number."""
    image_ids = {pk for images, _ in uses.values() for pk, _spec in images}
    document_ids = {pk for _, documents in uses.values() for pk, _how in documents}
    specs = (IMAGE_WIDE, IMAGE_NARROW, VIDEO_POSTER)
    images = get_image_model().objects.filter(pk__in=image_ids).prefetch_renditions(*specs)
    images_by_id = {image.pk: image for image in images}
    documents_by_id = {d.pk: d for d in get_document_model().objects.filter(pk__in=document_ids)}
    entries: dict[str, dict] = {}
    for lesson, (lesson_images, lesson_documents) in uses.items():
        for pk, spec in lesson_images:
            image = images_by_id.get(pk)
            if image is not None:
                rendition = image.get_rendition(spec)
                revision = _digest(_file_facts(image)[0], spec)
                entries.setdefault(
                    rendition.url, _entry(rendition.url, revision, "image", lesson=lesson)
                )
        for pk, how in lesson_documents:
            document = documents_by_id.get(pk)
            if document is None:
                continue
            url = document.file.url if how == "file" else document.url
            kind = "captions" if document.file_extension.lower() == "vtt" else "media"
            if url not in entries:
                revision, size = _file_facts(document)
                entries[url] = _entry(
                    url, revision, kind if how == "file" else "document", size, lesson=lesson
                )
    return list(entries.values())


def course_offline_manifest(
    *, learner: User, course: CoursePage, scorm: dict[int, dict] | None = None
) -> dict | None:
    """The offline manifest of ``course`` for ``learner`` in the active language, or None if
    they may not read it (neither enrolled nor one who reads without enrolling).

    ``{course, title, url, language, version, entries: [{url, revision, bytes, kind,
    lesson?}], scorm: [{lesson, title, save_url, bytes, revision}], needs_connection: [{lesson,
    title, url}]}``; ``version`` is a digest of every entry's URL and revision. ``scorm``: the
    offline play of each SCORM lesson saved (``services.offline_scorm``), by page id: its page
    and each part's page are entries, the rest the content origin saves (ADR 0045)."""
    if not learner.reads_without_enrolling and not is_enrolled(learner=learner, course=course):
        return None
    language = get_language() or ""
    shown = course_by_key(course.translation_key) or course
    nav = course_nav(course=course)
    pages = _nav_pages(nav.items)
    nav_digest = _digest(*[(p.key, p.title, p.url) for p in pages])
    statics = static_entries(language)
    static_digest = _digest(*[e["revision"] for e in statics])
    revisions = dict(
        Page.objects.filter(pk__in=[shown.pk, *[p.page_id for p in pages]]).values_list(
            "pk", "live_revision_id"
        )
    )

    def page_revision(page_id: int) -> str:
        return _digest(revisions.get(page_id), language, nav_digest, static_digest)

    entries = [_entry(shown.url, page_revision(shown.pk), "course")]
    for item in pages:
        extra = {"lesson": item.page_id} if item.kind == "lesson" else {}
        entries.append(
            _entry(item.url, page_revision(item.page_id), PAGE_KINDS[item.kind], **extra)
        )
    lesson_ids = [p.page_id for p in pages if p.kind == "lesson"]
    bodies = LessonPage.objects.filter(pk__in=lesson_ids).values_list("pk", "body")
    uses: dict[int, tuple[list, list]] = {}
    for pk, body in bodies:
        uses[pk] = _lesson_media(list(body.raw_data) if hasattr(body, "raw_data") else body)
    entries += _media_entries({pk: uses[pk] for pk in lesson_ids if pk in uses})
    entries += statics
    played, needing = _scorm_entries(course, scorm or {}, page_revision)
    entries += [entry for _play, lesson_entries in played for entry in lesson_entries]
    plays = [play for play, _entries in played]
    if plays:
        entries += static_entries("", SCORM_PAGE_STATIC)
    return {
        "course": course.pk,
        "title": shown.title,
        "url": shown.url,
        "language": language,
        "version": _digest(
            *sorted(f"{e['url']} {e['revision']}" for e in entries),
            *[p["revision"] for p in plays],
        ),
        "entries": entries,
        "scorm": plays,
        "needs_connection": needing,
    }


def devices_manageable(*, viewer: User, officer_uuid: uuid.UUID) -> User | None:
    """The officer whose devices ``viewer`` may see and withdraw: themselves, or an officer a
    coordinator or administrator follows (``officers.selectors.officers_visible_to``, as the
    coordinator's officer pages); None otherwise (out of scope and unknown look the same)."""
    if viewer.uuid == officer_uuid:
        return viewer
    return officers_visible_to(viewer=viewer).filter(uuid=officer_uuid).first()


def devices_of(*, officer: User) -> list[OfflineDevice]:
    """``officer``'s registered devices: usable ones first, each group seen most recently
    first."""
    return list(
        OfflineDevice.objects.filter(officer=officer).order_by(
            F("revoked_at").desc(nulls_first=True), "-last_seen", "-pk"
        )
    )


def _scorm_entries(
    course: CoursePage, scorm: dict[int, dict], page_revision: Any
) -> tuple[list[tuple[dict, list[dict]]], list[dict]]:
    """Each saved SCORM lesson's play (``scorm``) with its page entries (the lesson's page and
    each part's, ``?part=N`` as the player links them), and the SCORM lessons that need a
    connection."""
    allowed, others = scorm_lessons(course=course)
    played = []
    for page in allowed:
        play = scorm.get(page.pk)
        if play is None:
            continue
        revision = _digest(page_revision(page.pk), play["revision"])
        parts = len(page.package.current.structure["scos"])
        urls = [page.url, *[f"{page.url}?part={n}" for n in range(parts)]]
        lesson_entries = [_entry(url, revision, "scorm", lesson=page.pk) for url in urls]
        played.append(({"lesson": page.pk, "title": page.title, **play}, lesson_entries))
    needing = [{"lesson": i.page_id, "title": i.title, "url": i.url} for i in others]
    return played, needing
