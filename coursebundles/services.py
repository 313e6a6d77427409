"""Writing course bundles at the hub, installing them at a post, and pulling them over HTTP.

A bundle is one signed container (``nodes.container``) of kind ``bundle``: a gzip-compressed
JSON manifest (``manifest.py`` says what is in it) and every image and document the course uses,
each once, as a part named by its SHA-256. An update made ``--since`` an older bundle leaves out
the files that bundle already carried; the manifest is always complete.

Installing checks everything before touching anything: the container's signature (it must be
the hub this post is enrolled with) and every part's hash (``open_container``), the version
against the installed one, and that every file the manifest lists is in the bundle or already
on disk. Files are then written under content-addressed names and the database is changed in
one transaction; if that fails, the files just written are removed again.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import json
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, DataError, IntegrityError, transaction
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from courses.models import CourseIndexPage, CoursePage
from courses.services import catalogue_ensure
from nodes.bounded import gunzip_bounded
from nodes.container import (
    Container,
    ContainerError,
    no_space,
    no_space_error,
    open_container,
    write_container,
)
from nodes.http import LinkError, node_request
from nodes.requestauth import signed_headers
from nodes.selectors import hub_peer, is_hub, is_post
from nodes.services import exchange_log, signed_time_note

from . import manifest as mf
from .models import BundleExport, BundleObject, InstalledBundle
from .selectors import PAGE, BundleError, bundle_manifest, course_for_code, stored_sha

Progress = Callable[[int, int], None]
_HASH_BLOCK = 1024 * 1024


def _quiet(done: int, total: int) -> None:
    return None


# --- Files ------------------------------------------------------------------------------------


def content_name(sha256: str, original: str) -> str:
    """Where a post keeps a file from a bundle: named by its content, so the same file used by
    two courses or two bundles is stored once."""
    suffix = PurePosixPath(original).suffix.lower()[:10]
    return f"bundles/{sha256[:2]}/{sha256}{suffix}"


# --- Export at the hub ------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    bundle_id: uuid.UUID
    course_code: str
    created: datetime.datetime
    size: int
    media_bytes: int  # every file the course uses
    carried_bytes: int  # the files in this bundle (fewer in an update)
    files_total: int
    files_carried: int
    content_sha: str


def _bundle_write(
    *, course: CoursePage, path: Path, since: dict | None, have: set[str]
) -> ExportResult:
    manifest, sources = bundle_manifest(course=course, since=since)
    carried = {sha: src for sha, src in sources.items() if sha not in have}
    packed = gzip.compress(mf.canonical(manifest), mtime=0)
    meta = {
        "format": mf.FORMAT,
        "bundle_id": manifest["bundle_id"],
        "created": manifest["created"],
        "course_code": course.code,
        "course_key": str(course.translation_key),
        "content_sha": manifest["content_sha"],
        "since": since,
    }
    parts = [(mf.MANIFEST_PART, packed), *sorted(carried.items())]
    try:
        write_container(Path(path), kind=mf.KIND, meta=meta, parts=parts)
    except ContainerError as error:
        raise BundleError(str(error)) from error
    created = parse_datetime(manifest["created"])
    sizes = {f["sha256"]: f["size"] for f in manifest["files"]}
    BundleExport.objects.create(
        bundle_id=manifest["bundle_id"],
        course_key=course.translation_key,
        course_code=course.code,
        created=created,
        content_sha=manifest["content_sha"],
        file_hashes=sorted(sizes),
        size=Path(path).stat().st_size,
    )
    return ExportResult(
        bundle_id=uuid.UUID(manifest["bundle_id"]),
        course_code=course.code,
        created=created,
        size=Path(path).stat().st_size,
        media_bytes=sum(sizes.values()),
        carried_bytes=sum(sizes[sha] for sha in carried),
        files_total=len(sizes),
        files_carried=len(carried),
        content_sha=manifest["content_sha"],
    )


def _require_hub() -> None:
    if not is_hub():
        raise BundleError(_("Only headquarters makes course bundles; this node is a border post."))


def bundle_export(*, course_code: str, path: Path, since: Path | None = None) -> ExportResult:
    """At the hub: write a bundle of the published course ``course_code`` to ``path``.

    With ``since`` (an older bundle of the same course, as written by this hub), the files that
    bundle carried are left out; the manifest is still complete. Precondition: this node is the
    hub. The file is written atomically (nothing is left behind on a full disk).
    """
    _require_hub()
    course = course_for_code(course_code)
    since_info, have = None, set()
    if since is not None:
        try:
            old = open_container(Path(since), kinds={mf.KIND})
        except ContainerError as error:
            raise BundleError(
                _("The older bundle cannot be used: %(reason)s") % {"reason": error}
            ) from error
        if old.meta.get("course_key") != str(course.translation_key):
            raise BundleError(
                _("The older bundle is of another course (%(code)s).")
                % {"code": old.meta.get("course_code", "?")}
            )
        old_manifest = _read_manifest(old)
        have = {f["sha256"] for f in old_manifest["files"]}
        since_info = {"bundle_id": old.meta["bundle_id"], "created": old.meta["created"]}
    return _bundle_write(course=course, path=Path(path), since=since_info, have=have)


def bundle_export_for_post(
    *, course: CoursePage, path: Path, since_bundle: str = ""
) -> ExportResult:
    """At the hub: a bundle for a post that has the bundle ``since_bundle`` (an id this hub
    wrote); a full bundle when the id is unknown."""
    _require_hub()
    since_info, have = None, set()
    try:
        previous = BundleExport.objects.filter(
            bundle_id=uuid.UUID(since_bundle), course_key=course.translation_key
        ).first()
    except ValueError:
        previous = None
    if previous is not None:
        have = set(previous.file_hashes)
        since_info = {
            "bundle_id": str(previous.bundle_id),
            "created": previous.created.isoformat(timespec="microseconds"),
        }
    return _bundle_write(course=course, path=Path(path), since=since_info, have=have)


# --- Import at a post -------------------------------------------------------------------------


@dataclass
class ImportResult:
    status: str  # "installed", "updated" or "already installed"
    course_code: str
    course_title: str
    created: datetime.datetime
    pages_published: int = 0
    pages_unpublished: int = 0
    files_written: int = 0

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "already_installed": self.status == "already installed",
            "course_code": self.course_code,
            "course_title": self.course_title,
            "created": self.created.isoformat(),
            "pages": self.pages_published,
            "pages_unpublished": self.pages_unpublished,
            "files": self.files_written,
        }

    @property
    def message(self) -> str:
        when = self.created.strftime("%Y-%m-%d %H:%M:%S")
        if self.status == "already installed":
            return _(
                "%(code)s: this bundle (of %(when)s) is already installed; nothing changed."
            ) % {
                "code": self.course_code,
                "when": when,
            }
        return _(
            "%(code)s %(status)s (bundle of %(when)s): %(published)d page(s) published, "
            "%(unpublished)d withdrawn, %(files)d file(s) added."
        ) % {
            "code": self.course_code,
            "status": _("installed") if self.status == "installed" else _("updated"),
            "when": when,
            "published": self.pages_published,
            "unpublished": self.pages_unpublished,
            "files": self.files_written,
        }


def _read_manifest(container: Container) -> dict:
    """The checked manifest (``manifest_read``: bounded, of the shape the installer reads), and
    a bounded number of parts, before anything is written."""
    if len(container.parts) > mf.MAX_FILES + 1:
        raise BundleError(_("This bundle is malformed; ask headquarters for a new one."))
    try:
        part = container.part(mf.MANIFEST_PART)
        if part.size > mf.MAX_MANIFEST_BYTES:
            raise mf.ManifestError("compressed manifest too large")
        data = container.read(mf.MANIFEST_PART)
    except (KeyError, OSError, mf.ManifestError) as error:
        raise BundleError(
            _("This bundle has no readable list of contents; ask headquarters for a new one.")
        ) from error
    try:
        return mf.manifest_read(data)
    except mf.ManifestError as error:
        found = _loose_format(data)
        if isinstance(found, int) and found != mf.FORMAT:
            raise BundleError(
                _("This bundle was made by a different version of the platform; update this post.")
            ) from error
        raise BundleError(_("This bundle is malformed; ask headquarters for a new one.")) from error


def _loose_format(data: bytes):
    """The format number a manifest says it has, if it can be read at all."""
    try:
        manifest = json.loads(gunzip_bounded(data, limit=mf.MAX_MANIFEST_BYTES))
    except (ValueError, RecursionError):
        return None
    return manifest.get("format") if isinstance(manifest, dict) else None


def _room_for(container: Container, plan: _FilePlan) -> None:
    """Refuse before writing when the files to write do not fit on the disk."""
    sizes = {part.name: part.size for part in container.parts}
    needed = sum(sizes[sha] for sha, _name in plan.write)
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    if needed > shutil.disk_usage(root).free:
        raise BundleError(str(no_space_error(root)))


def _hub_key_only(hub):
    from nodes.selectors import trusted_key

    def key_for(sender: uuid.UUID, meta: dict):
        if sender != hub.node_id:
            raise ContainerError(
                _(
                    "This bundle was not made by the headquarters this post is enrolled with "
                    "(%(hub)s); nothing was installed."
                )
                % {"hub": hub.name}
            )
        return trusted_key(sender)

    return key_for


def _date(value: str) -> str:
    stamp = parse_datetime(value or "")
    return stamp.strftime("%Y-%m-%d %H:%M:%S") if stamp else value


@dataclass
class _FilePlan:
    write: list[tuple[str, str]] = field(default_factory=list)  # (sha256, storage name)
    names: dict[str, str] = field(default_factory=dict)  # sha256 -> storage name


def _plan_files(container: Container, manifest: dict) -> _FilePlan:
    in_bundle = {part.name for part in container.parts}
    plan, missing = _FilePlan(), []
    for item in manifest["files"]:
        sha, name = item["sha256"], content_name(item["sha256"], item["name"])
        plan.names[sha] = name
        stored = stored_sha(name)
        if stored is not None and stored[0] == sha:
            continue
        if sha in in_bundle:
            plan.write.append((sha, name))
        else:
            missing.append(item["name"])
    if missing:
        since = manifest.get("since") or {}
        if since:
            raise BundleError(
                _(
                    "This update needs the bundle of %(date)s first: %(count)d file(s) it relies "
                    "on are not on this post (e.g. %(name)s). Install that bundle, or ask "
                    "headquarters for a complete bundle."
                )
                % {
                    "date": _date(since.get("created", "")),
                    "count": len(missing),
                    "name": missing[0],
                },
                needs_base=True,
            )
        raise BundleError(_("This bundle is incomplete; ask headquarters for a new one."))
    for part in container.parts:
        if part.name != mf.MANIFEST_PART and part.name != part.sha256:
            raise BundleError(_("This bundle is malformed; ask headquarters for a new one."))
    return plan


def _write_files(container: Container, plan: _FilePlan, tick: Callable[[], None]) -> list[str]:
    written: list[str] = []
    try:
        for sha, name in plan.write:
            if default_storage.exists(name):
                default_storage.delete(name)  # a damaged copy: the bundle's is verified
            with tempfile.TemporaryFile() as scratch:
                with container.open(sha) as source:
                    digest = hashlib.sha256()
                    while block := source.read(_HASH_BLOCK):
                        digest.update(block)
                        scratch.write(block)
                if digest.hexdigest() != sha:
                    raise BundleError(
                        _("The bundle changed after it was checked. Copy it again and retry.")
                    )
                scratch.seek(0)
                saved = default_storage.save(name, File(scratch, name=name))
            written.append(saved)
            if saved != name:
                raise BundleError(
                    _("Could not store %(name)s under its own name.") % {"name": name}
                )
            tick()
    except OSError as error:
        for name in written:
            default_storage.delete(name)
        raise BundleError(
            _("Could not write the course files: %(reason)s. Nothing was installed.")
            % {"reason": error.strerror or error}
        ) from error
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return written


class _Installer:
    """Applies a verified manifest inside one transaction."""

    def __init__(self, manifest: dict, plan: _FilePlan, tick: Callable[[], None]):
        self.manifest, self.plan, self.tick = manifest, plan, tick
        self.maps: dict[str, dict[int, int]] = {}
        self.snippet_keys: dict[str, dict[int, tuple[str, str]]] = {}
        self.published = self.unpublished = 0
        self.replaced: list[str] = []  # files no longer used by the objects that had them
        self.unresolved_pages: list[dict] = []
        self._locales: dict[str, Locale] = {}
        for label, hub_id, local_id in BundleObject.objects.values_list(
            "model", "hub_id", "local_id"
        ):
            self.maps.setdefault(label, {})[hub_id] = local_id

    # ids ------------------------------------------------------------------------------------

    def locale(self, code: str) -> Locale:
        if code not in self._locales:
            self._locales[code], _created = Locale.objects.get_or_create(language_code=code)
        return self._locales[code]

    def remember(self, label: str, hub_id: int, local_id: int, sha256: str = "") -> None:
        self.maps.setdefault(label, {})[hub_id] = local_id
        BundleObject.objects.update_or_create(
            model=label, hub_id=hub_id, defaults={"local_id": local_id, "sha256": sha256}
        )

    def mapper(self, label: str, hub_id: int) -> int | None:
        local = self.maps.get(label, {}).get(hub_id)
        if local is None and label == PAGE:
            self._missing_page = True
        return local

    # media ----------------------------------------------------------------------------------

    def media(self, model, entries: list[dict]) -> None:
        label = model._meta.label_lower
        fields = mf.carried_fields(model, kind="media")
        root = Collection.get_first_root_node()
        existing = {
            obj.pk: obj
            for obj in model.objects.filter(
                pk__in=[self.maps.get(label, {}).get(e["id"]) for e in entries]
            )
        }
        by_hash = {}
        for local_id, sha in BundleObject.objects.filter(model=label).values_list(
            "local_id", "sha256"
        ):
            by_hash.setdefault(sha, []).append(local_id)
        claimed = {self.maps.get(label, {}).get(e["id"]) for e in entries} - {None}
        for entry in entries:
            name = self.plan.names[entry["sha256"]]
            obj = existing.get(self.maps.get(label, {}).get(entry["id"]))
            if obj is None:
                # Not seen under this hub id: the same file installed before is the same object
                # (the hub re-uploaded it, or this post's map was made from another export).
                spare = [pk for pk in by_hash.get(entry["sha256"], []) if pk not in claimed]
                obj = model.objects.filter(pk__in=spare).order_by("pk").first()
            if obj is not None:
                claimed.add(obj.pk)
            if obj is None:
                obj = model(collection=root)
                obj.file.name = name
            elif obj.file.name != name:
                self.replaced.append(obj.file.name)
                obj.file.name = name
                if hasattr(obj, "renditions"):
                    obj.renditions.all().delete()
            for f in fields:
                mf.field_assign(f, obj, entry["fields"].get(f.name, f.get_default()))
            obj.save()
            self.remember(label, entry["id"], obj.pk, entry["sha256"])
            self.tick()

    # snippets -------------------------------------------------------------------------------

    def _snippet_order(self) -> list[str]:
        labels = list(self.manifest["snippets"])
        deps = {}
        for label in labels:
            model = apps.get_model(label)
            deps[label] = {
                f.related_model._meta.label_lower
                for f in mf.carried_fields(model, kind="snippet")
                if f.many_to_one and f.related_model._meta.label_lower in labels
            } - {label}
        ordered: list[str] = []
        while deps:
            ready = sorted(label for label, needs in deps.items() if needs <= set(ordered))
            if not ready:
                ordered += sorted(deps)
                break
            ordered += ready
            for label in ready:
                deps.pop(label)
        return ordered

    def snippets(self) -> None:
        for label in self._snippet_order():
            model = apps.get_model(label)
            fields = mf.carried_fields(model, kind="snippet")
            for entry in self.manifest["snippets"][label]:
                locale = self.locale(entry["locale"])
                obj = model.objects.filter(
                    translation_key=entry["translation_key"], locale=locale
                ).first() or model(translation_key=entry["translation_key"], locale=locale)
                for f in fields:
                    if f.name in entry["fields"]:
                        value = mf.field_remap(f, entry["fields"][f.name], self.mapper)
                        mf.field_assign(f, obj, value)
                if "tags" in entry and hasattr(obj, "tags"):
                    obj.tags.set(entry["tags"])
                obj.save()
                self.remember(label, entry["id"], obj.pk)
                self.tick()

    # pages ----------------------------------------------------------------------------------

    def index_for(self, locale: Locale) -> Page:
        index = CourseIndexPage.objects.filter(locale=locale).first()
        if index is not None:
            return index
        default = catalogue_ensure()
        translated = default.copy_for_translation(locale)
        translated.save_revision().publish()
        return Page.objects.get(pk=translated.pk)

    def page(self, entry: dict) -> None:
        model = apps.get_model(entry["type"])
        locale = self.locale(entry["locale"])
        fields = mf.carried_fields(model, kind="page")
        self._missing_page = False
        desired = {
            f.name: mf.field_remap(f, entry["fields"].get(f.name), self.mapper) for f in fields
        }
        if self._missing_page:
            self.unresolved_pages.append(entry)
        if entry["parent"] is None:
            parent = self.index_for(locale)
        else:
            parent = Page.objects.get(pk=self.maps[PAGE][entry["parent"]])
        local = Page.objects.filter(translation_key=entry["translation_key"], locale=locale).first()
        if local is not None and local.specific_class is not model:
            raise BundleError(
                _(
                    "The page “%(title)s” is a different kind of page on this post than in the "
                    "bundle; it cannot be updated."
                )
                % {"title": local.title}
            )
        if local is None:
            page = model(translation_key=entry["translation_key"], locale=locale)
            for f in fields:
                mf.field_assign(f, page, desired[f.name])
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.published += 1
        else:
            if local.get_parent().pk != parent.pk:
                local.move(parent, pos="last-child")
            page = Page.objects.get(pk=local.pk).specific
            current = mf.encode_fields(fields, page)
            if current != desired or not page.live:
                for f in fields:
                    mf.field_assign(f, page, desired[f.name])
                page.save_revision().publish()
                self.published += 1
        self.remember(PAGE, entry["id"], page.pk)
        self.tick()

    def order_siblings(self) -> None:
        children: dict[int, list[int]] = {}
        for entry in self.manifest["pages"]:
            parent = entry["parent"]
            if parent is not None:
                children.setdefault(self.maps[PAGE][parent], []).append(
                    self.maps[PAGE][entry["id"]]
                )
        for parent_id, wanted in children.items():
            present = list(
                Page.objects.filter(pk__in=wanted).order_by("path").values_list("pk", flat=True)
            )
            if present == wanted:
                continue
            parent = Page.objects.get(pk=parent_id)
            for pk in wanted:
                Page.objects.get(pk=pk).move(parent, pos="last-child")

    def withdraw_gone(self) -> None:
        """Unpublish pages of the course that the bundle no longer has (records still refer to
        them by translation key; nothing is deleted)."""
        kept = {(e["translation_key"], e["locale"]) for e in self.manifest["pages"]}
        key = self.manifest["course"]["translation_key"]
        for version in CoursePage.objects.filter(translation_key=key).select_related("locale"):
            for page in (
                Page.objects.descendant_of(version, inclusive=True)
                .live()
                .select_related("locale")
                .order_by("-depth")
            ):
                if (str(page.translation_key), page.locale.language_code) not in kept:
                    page.specific.unpublish(log_action=False)
                    self.unpublished += 1

    def run(self) -> None:
        for code in self.manifest["locales"]:
            self.locale(code)
        catalogue_ensure()
        self.media(get_image_model(), self.manifest["images"])
        self.media(get_document_model(), self.manifest["documents"])
        self.snippets()
        for entry in self.manifest["pages"]:
            self.page(entry)
        for entry in self.unresolved_pages:  # links to pages that came later in the tree
            page = Page.objects.get(pk=self.maps[PAGE][entry["id"]]).specific
            fields = mf.carried_fields(type(page), kind="page")
            for f in fields:
                mf.field_assign(
                    f, page, mf.field_remap(f, entry["fields"].get(f.name), self.mapper)
                )
            page.save_revision().publish()
        self.order_siblings()
        self.withdraw_gone()


def _remove_unused(names: list[str]) -> None:
    """Delete files an update replaced, once no image or document uses them any more."""
    for name in names:
        used = (
            get_image_model().objects.filter(file=name).exists()
            or get_document_model().objects.filter(file=name).exists()
        )
        if not used:
            default_storage.delete(name)


def _validation_message(error: ValidationError) -> str:
    messages = []
    if hasattr(error, "message_dict"):
        for name, items in error.message_dict.items():
            messages += [f"{name}: {m}" for m in items]
    else:
        messages = list(error.messages)
    return "; ".join(messages)


def bundle_import(*, path: Path, progress: Progress | None = None) -> ImportResult:
    """``_bundle_import``; a full disk (files or database) raises BundleError with the plain
    message a full disk gives everywhere, and nothing is installed."""
    try:
        return _bundle_import(path=path, progress=progress)
    except (OSError, DatabaseError) as error:
        if no_space(error):
            raise BundleError(str(no_space_error(Path(settings.MEDIA_ROOT)))) from None
        raise
    except BundleError as error:
        if no_space(error.__cause__ or error):
            raise BundleError(str(no_space_error(Path(settings.MEDIA_ROOT)))) from None
        raise


def _bundle_import(*, path: Path, progress: Progress | None = None) -> ImportResult:
    """At a post: install the course bundle at ``path``, all or nothing.

    Preconditions: this node is a post enrolled with a hub; only a bundle signed by that hub is
    accepted. Everything is verified before anything changes: the signature and every hash, the
    version (an older bundle than the installed one is refused; the same content again reports
    "already installed" and changes nothing), and that every file is in the bundle or on disk.
    Then files are written under content-addressed names and the database changes in one
    transaction; on failure the new files are removed. Pages keep the hub's translation keys
    and are updated in place (a new revision is published only where content changed), so
    learner records keep resolving; pages the bundle no longer has are unpublished.
    """
    progress = progress or _quiet
    if not is_post():
        raise BundleError(
            _("Bundles are installed at border posts; headquarters is where courses are edited.")
        )
    hub = hub_peer()
    if hub is None:
        raise BundleError(
            _(
                "This post is not enrolled with headquarters yet, so it cannot check who made "
                "the bundle. Enrol it first (python manage.py enrol)."
            )
        )
    try:
        container = open_container(Path(path), kinds={mf.KIND}, key_for=_hub_key_only(hub))
    except ContainerError as error:
        raise BundleError(str(error)) from error
    manifest = _read_manifest(container)
    if mf.content_sha(manifest) != manifest.get("content_sha") or any(
        container.meta.get(k) != manifest.get(k) for k in ("bundle_id", "created", "content_sha")
    ):
        raise BundleError(_("This bundle is malformed; ask headquarters for a new one."))
    created = parse_datetime(manifest["created"])
    course = manifest["course"]
    installed = InstalledBundle.objects.filter(course_key=course["translation_key"]).first()
    signed_time_note(peer_id=hub.node_id, created=container.created)
    if installed is not None and installed.content_sha == manifest["content_sha"]:
        if created > installed.created:
            InstalledBundle.objects.filter(pk=installed.pk).update(
                bundle_id=manifest["bundle_id"], created=created
            )
        return ImportResult(
            status="already installed",
            course_code=course["code"],
            course_title=course["title"],
            created=created,
        )
    if installed is not None and created < installed.created:
        raise BundleError(
            _(
                "A newer version of %(code)s is already installed (bundle of %(installed)s); "
                "this bundle is of %(this)s. Nothing was changed."
            )
            % {
                "code": course["code"],
                "installed": installed.created.strftime("%Y-%m-%d %H:%M:%S"),
                "this": created.strftime("%Y-%m-%d %H:%M:%S"),
            }
        )
    plan = _plan_files(container, manifest)
    snippet_count = sum(len(rows) for rows in manifest["snippets"].values())
    total = (
        len(plan.write)
        + len(manifest["images"])
        + len(manifest["documents"])
        + snippet_count
        + len(manifest["pages"])
    )
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        progress(done, total)

    progress(0, total)
    _room_for(container, plan)
    written = _write_files(container, plan, tick)
    try:
        with transaction.atomic():
            installer = _Installer(manifest, plan, tick)
            installer.run()
            InstalledBundle.objects.update_or_create(
                course_key=course["translation_key"],
                defaults={
                    "course_code": course["code"],
                    "course_title": course["title"],
                    "bundle_id": manifest["bundle_id"],
                    "created": created,
                    "content_sha": manifest["content_sha"],
                    "manifest_sha": container.part(mf.MANIFEST_PART).sha256,
                    "file_hashes": [f["sha256"] for f in manifest["files"]],
                },
            )
    except BaseException as error:
        for name in written:
            default_storage.delete(name)
        if isinstance(error, ValidationError):
            raise BundleError(
                _("The course could not be installed: %(reason)s. Nothing was changed.")
                % {"reason": _validation_message(error)}
            ) from error
        if isinstance(
            error,
            KeyError
            | TypeError
            | ValueError
            | LookupError
            | ObjectDoesNotExist
            | IntegrityError
            | DataError,
        ):
            # The manifest has the right shape but content this version cannot install (or
            # that breaks a database rule: a text longer than its column, a missing value).
            raise BundleError(
                _("This bundle is malformed; ask headquarters for a new one.")
            ) from error
        raise
    _remove_unused(installer.replaced)
    result = ImportResult(
        status="updated" if installed is not None else "installed",
        course_code=course["code"],
        course_title=course["title"],
        created=created,
        pages_published=installer.published,
        pages_unpublished=installer.unpublished,
        files_written=len(written),
    )
    exchange_log(
        peer_id=hub.node_id,
        direction="received",
        what="bundle",
        count=1,
        detail={"course": course["code"], "created": manifest["created"], "status": result.status},
    )
    return result


# --- Pulling from the hub over HTTP ---------------------------------------------------------


@dataclass
class PullResult:
    results: list[ImportResult] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (course code, message)


def _get(hub_url: str, path: str, *, timeout: float = 600) -> bytes:
    return node_request(
        hub_url.rstrip("/") + path, headers=signed_headers(method="GET", path=path), timeout=timeout
    )


def bundles_pull(
    *, hub_url: str | None = None, progress: Progress | None = None, timeout: float = 600
) -> PullResult:
    """At a post with a link: install every course of the hub that is newer than what is
    installed here, or not installed yet. Requests are signed with this post's key; an update
    carries only the files this post lacks. One course failing does not stop the others.

    Raises ``LinkError`` (one line for the operator) when the hub cannot be reached at all, and
    ``BundleError`` when this node is not an enrolled post.
    """
    if not is_post() or hub_peer() is None:
        raise BundleError(_("Only a border post enrolled with headquarters pulls bundles."))
    hub = hub_peer()
    hub_url = (hub_url or hub.url or "").rstrip("/")
    if not hub_url:
        raise BundleError(
            _("This post does not know headquarters' address; give it with --hub URL.")
        )
    try:
        listing = json.loads(_get(hub_url, "/bundles/hub/courses/", timeout=60))
        courses = listing["courses"]
    except (ValueError, KeyError, TypeError) as error:
        raise LinkError(
            _("%(url)s did not answer like headquarters does.") % {"url": hub_url}
        ) from error
    installed = {str(row.course_key): row for row in InstalledBundle.objects.all()}
    outcome = PullResult()
    with tempfile.TemporaryDirectory(prefix="bundle-pull-") as folder:
        for course in courses:
            key, code = str(course["translation_key"]), str(course["code"])
            have = installed.get(key)
            if have is not None and have.content_sha == course.get("content_sha"):
                outcome.up_to_date.append(code)
                continue
            target = Path(folder) / f"{uuid.uuid4().hex}.bundle"
            try:
                for since in ([str(have.bundle_id)] if have else []) + [""]:
                    query = "?" + urlencode({"since": since}) if since else ""
                    path = f"/bundles/hub/courses/{quote(key)}/bundle/{query}"
                    target.write_bytes(_get(hub_url, path, timeout=timeout))
                    try:
                        outcome.results.append(bundle_import(path=target, progress=progress))
                        break
                    except BundleError as error:
                        if not (error.needs_base and since):
                            raise
                    finally:
                        target.unlink(missing_ok=True)
            except (BundleError, LinkError) as error:
                outcome.failed.append((code, str(error)))
    return outcome
