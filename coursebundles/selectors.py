"""Reads about bundles: what a course's bundle would hold (at the hub), what is installed and
what came from a bundle (at a post)."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from courses.models import CoursePage
from scormpackages.models import ScormPackage
from scormpackages.storage import blob_path

from . import manifest as mf
from .models import BundleObject, ContentGeneration, InstalledBundle

PAGE = "wagtailcore.page"
# The snippets a bundle carries, by model label and pk.
_Chosen = dict[str, dict[int, Any]]
_HASH_BLOCK = 1024 * 1024


class BundleError(Exception):
    """A bundle that cannot be made or installed. ``str()`` is for the post operator; nothing
    was changed. ``needs_base`` is set when an update lacks files only an older bundle had."""

    def __init__(self, message: str, *, needs_base: bool = False):
        super().__init__(message)
        self.needs_base = needs_base


# --- Files ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _path_sha(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def file_sha(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file on disk, hashed again only when its size or time changed."""
    stat = path.stat()
    return _path_sha(str(path), stat.st_size, stat.st_mtime_ns), stat.st_size


def stored_sha(name: str) -> tuple[str, int] | None:
    """SHA-256 and size of a file in the default storage (None when it is missing)."""
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:
        path = None
    if path is not None:
        try:
            return file_sha(path)
        except FileNotFoundError:
            return None
    if not default_storage.exists(name):
        return None
    digest, size = hashlib.sha256(), 0
    with default_storage.open(name, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def file_source(name: str) -> Path | bytes:
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        with default_storage.open(name, "rb") as handle:
            return handle.read()


# --- What a bundle of a course holds ----------------------------------------------------------


def course_for_code(code: str) -> CoursePage:
    course = CoursePage.objects.filter(code__iexact=code, locale=Locale.get_default()).first()
    if course is None:
        course = CoursePage.objects.filter(code__iexact=code).first()
    if course is None:
        raise BundleError(_("There is no course with the code %(code)s.") % {"code": code})
    return course


def _course_pages(course: CoursePage) -> list[Page]:
    """Live pages of every language version of the course, in tree order, each under a live
    parent that is also included."""
    pages: list[Page] = []
    versions = CoursePage.objects.filter(translation_key=course.translation_key).live()
    for version in versions.select_related("locale").order_by("locale__language_code"):
        included = {version.pk}
        pages.append(version)
        descendants = Page.objects.descendant_of(version).live().order_by("path").specific()
        for page in descendants:
            parent_path = page.path[: -Page.steplen]
            parent = next((p for p in reversed(pages) if p.path == parent_path), None)
            if parent is not None and parent.pk in included:
                included.add(page.pk)
                pages.append(page)
    return pages


def _snippet_models() -> dict[str, type[Any]]:
    return {m._meta.label_lower: m for m in get_snippet_models()}


def _is_snippet_label(label: str) -> bool:
    if label in {PAGE, mf.image_label(), mf.document_label()}:
        return False
    try:
        model = apps.get_model(label)
    except LookupError:
        return False
    return issubclass(model, TranslatableMixin)


def _translations_of(model: type[Any], queryset: QuerySet, chosen: _Chosen) -> list[Any]:
    """Every translation of the rows ``queryset`` selects that is not chosen yet; they are
    added to ``chosen`` (by model label and pk) and returned, for their references to be
    followed."""
    label = model._meta.label_lower
    keys = set(queryset.values_list("translation_key", flat=True))
    rows = list(model.objects.filter(translation_key__in=keys).select_related("locale"))
    fresh = [row for row in rows if row.pk not in chosen.setdefault(label, {})]
    for row in fresh:
        chosen[label][row.pk] = row
    return fresh


def _keys_to(model: type[Any]) -> list[tuple[type[Any], str]]:
    """The translatable snippet models with a foreign key to ``model`` (snippets that belong to
    it), each with that key's column name."""
    found: list[tuple[type[Any], str]] = []
    for other in _snippet_models().values():
        if not issubclass(other, TranslatableMixin):
            continue
        for f in other._meta.concrete_fields:
            if getattr(f, "related_model", None) is model and f.many_to_one:
                found.append((other, f.attname))
    return found


def _snippet_entries(chosen: _Chosen) -> dict[str, list]:
    """The manifest's entries for the chosen snippets, by model label, in pk order."""
    entries: dict[str, list] = {}
    for label, rows in chosen.items():
        model = apps.get_model(label)
        fields = mf.carried_fields(model, kind="snippet")
        entries[label] = [
            {
                "id": row.pk,
                "translation_key": str(row.translation_key),
                "locale": row.locale.language_code,
                "fields": mf.encode_fields(fields, row),
                **({"tags": sorted(row.tags.names())} if hasattr(row, "tags") else {}),
            }
            for row in sorted(rows.values(), key=lambda r: r.pk)
        ]
    return entries


def _collect_snippets(page_refs: mf.References) -> tuple[dict[str, list], mf.References]:
    """The snippets the pages use, every translation of each, and (for a snippet a page uses
    directly, such as a question category a quiz draws from) the snippets that belong to it.
    Returns the entries by model label and every reference found, for the media."""
    refs = mf.References({k: set(v) for k, v in page_refs.ids.items()})
    chosen: _Chosen = {}
    pending: list[Any] = []
    for label in [lb for lb in page_refs.ids if _is_snippet_label(lb)]:
        model = apps.get_model(label)
        ids = page_refs.of(label)
        pending += _translations_of(model, model.objects.filter(pk__in=ids), chosen)
        for other, column in _keys_to(model):
            belonging = other.objects.filter(**{f"{column}__in": ids})
            pending += _translations_of(other, belonging, chosen)
    while pending:
        row = pending.pop()
        found = mf.References()
        for f in mf.carried_fields(type(row), kind="snippet"):
            mf.field_references(f, mf.field_encode(f, row), found)
        for label, ids in found.ids.items():
            for pk in ids:
                refs.add(label, pk)
            if _is_snippet_label(label):
                model = apps.get_model(label)
                pending += _translations_of(model, model.objects.filter(pk__in=ids), chosen)
    return _snippet_entries(chosen), refs


def _media_entries(model: Any, ids: set[int]) -> tuple[list[dict], dict[str, Path | bytes]]:
    fields = mf.carried_fields(model, kind="media")
    entries, sources = [], {}
    for obj in model.objects.filter(pk__in=ids).order_by("pk"):
        found = stored_sha(obj.file.name)
        if found is None:
            raise BundleError(
                _("The file of “%(title)s” is missing from the media folder; upload it again.")
                % {"title": obj.title}
            )
        sha, size = found
        entries.append(
            {
                "id": obj.pk,
                "sha256": sha,
                "size": size,
                "name": PurePosixPath(obj.file.name).name,
                "fields": mf.encode_fields(fields, obj),
            }
        )
        sources[sha] = file_source(obj.file.name)
    return entries, sources


def _scorm_entries(ids: set[str]) -> tuple[list[dict], dict[str, Path | bytes]]:
    """The SCORM packages the lessons play, each with its current version only (older versions
    stay at the hub), and each of their files' source by SHA-256."""
    entries: list[dict] = []
    sources: dict[str, Path | bytes] = {}
    packages = ScormPackage.objects.filter(pk__in=ids).select_related("current").order_by("pk")
    for package in packages:
        version = package.current
        if version is None:
            raise BundleError(
                _("The SCORM package “%(title)s” has no version; upload it again.")
                % {"title": package.title}
            )
        files = list(version.files.order_by("path").values("path", "sha256", "size"))
        for row in files:
            if not blob_path(row["sha256"]).is_file():
                raise BundleError(
                    _("A file of the SCORM package “%(title)s” is missing; upload it again.")
                    % {"title": package.title}
                )
            sources[row["sha256"]] = blob_path(row["sha256"])
        entries.append(
            {
                "id": str(package.pk),
                "title": package.title,
                "number": version.number,
                "scorm_version": version.scorm_version,
                "identifier": version.identifier,
                "organization": version.organization,
                "structure": version.structure,
                "sha256": version.sha256,
                "file_count": version.file_count,
                "total_size": version.total_size,
                "files": files,
            }
        )
    return entries, sources


def bundle_manifest(
    *, course: CoursePage, since: dict | None = None
) -> tuple[dict, dict[str, Path | bytes]]:
    """The manifest of a bundle of ``course`` as it is published now, and each file's source by
    SHA-256. Reads only."""
    pages = _course_pages(course)
    if not pages:
        raise BundleError(
            _("The course %(code)s is not published; publish it first.") % {"code": course.code}
        )
    refs = mf.References()
    page_entries = []
    for page in pages:
        fields = mf.carried_fields(type(page), kind="page")
        encoded = mf.encode_fields(fields, page)
        for f in fields:
            mf.field_references(f, encoded[f.name], refs)
        page_entries.append(
            {
                "id": page.pk,
                "type": page.specific_class._meta.label_lower,
                "translation_key": str(page.translation_key),
                "locale": page.locale.language_code,
                "parent": None if isinstance(page, CoursePage) else page.get_parent().pk,
                "fields": encoded,
            }
        )
    scorm, scorm_files = _scorm_entries(refs.keys.get(mf.label_of(ScormPackage), set()))
    snippets, refs = _collect_snippets(refs)
    images, image_files = _media_entries(get_image_model(), refs.of(mf.image_label()))
    documents, document_files = _media_entries(get_document_model(), refs.of(mf.document_label()))
    sources = {**image_files, **document_files, **scorm_files}
    sizes = {e["sha256"]: (e["size"], e["name"]) for e in images + documents}
    manifest: dict[str, Any] = {
        "format": mf.FORMAT_SCORM if scorm else mf.FORMAT,
        "bundle_id": str(uuid.uuid4()),
        "created": timezone.now().isoformat(timespec="microseconds"),
        "since": since,
        "course": {
            "code": course.code,
            "translation_key": str(course.translation_key),
            "title": course.title,
        },
        "locales": sorted({entry["locale"] for entry in page_entries}),
        "pages": page_entries,
        "snippets": snippets,
        "images": images,
        "documents": documents,
        "files": [
            {"sha256": sha, "size": size, "name": name}
            for sha, (size, name) in sorted(sizes.items())
        ],
        **({"scorm_packages": scorm} if scorm else {}),
    }
    manifest["content_sha"] = mf.content_sha(manifest)
    return manifest, sources


def content_generation() -> int:
    """How often published content has changed (``ContentGeneration``)."""
    return ContentGeneration.objects.values_list("value", flat=True).first() or 0


def course_listing_entry(course: CoursePage) -> dict:
    """``course``'s entry in the hub's course list, built from its manifest."""
    manifest, _sources = bundle_manifest(course=course)
    return {
        "code": course.code,
        "title": course.title,
        "translation_key": str(course.translation_key),
        "content_sha": manifest["content_sha"],
        "locales": manifest["locales"],
        "media_bytes": sum(mf.file_sizes(manifest).values()),
    }


def installed_bundle_signed(course_key: uuid.UUID) -> datetime.datetime | None:
    """When headquarters signed the bundle of this course installed here (None if none): the
    content existed then, whatever this node's clock says."""
    return (
        InstalledBundle.objects.filter(course_key=course_key)
        .values_list("created", flat=True)
        .first()
    )


def installed_bundles() -> list[InstalledBundle]:
    return list(InstalledBundle.objects.all())


def from_bundle(obj: Any) -> bool:
    """Whether ``obj`` (a page, snippet, image or document) was installed by a bundle."""
    if obj is None or obj.pk is None:
        return False
    label = mf.label_of(type(obj))
    return BundleObject.objects.filter(model=label, local_id=obj.pk).exists()
