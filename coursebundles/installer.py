"""Putting a verified course bundle in place at a post: its files, then its database rows.

``bundle_import`` (in ``services``) checks everything first (signature, hashes, version); this
module does the writing it then asks for. ``plan_files`` says which files the bundle brings
and refuses a bundle that lacks one the post does not have; ``write_files`` stores them under
content-addressed names (``content_name``), checking each hash again as it copies, and removes
what it wrote when it fails; ``Installer`` applies the manifest (locales, media, snippets,
pages in the hub's tree order, withdrawn pages) inside the caller's transaction, keeping the
hub's translation keys so that learner records keep resolving; ``remove_unused`` deletes the
files an update replaced once nothing uses them.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

from courses.models import CourseIndexPage, CoursePage
from courses.services import catalogue_ensure
from nodes.container import Container, no_space_error
from scormpackages import installing as scorm

from . import manifest as mf
from .models import BundleObject
from .selectors import PAGE, BundleError, stored_sha

_HASH_BLOCK = 1024 * 1024


def content_name(sha256: str, original: str) -> str:
    """Where a post keeps a file from a bundle: named by its content, so the same file used by
    two courses or two bundles is stored once."""
    suffix = PurePosixPath(original).suffix.lower()[:10]
    return f"bundles/{sha256[:2]}/{sha256}{suffix}"


def _date(value: str) -> str:
    stamp = parse_datetime(value or "")
    return stamp.strftime("%Y-%m-%d %H:%M:%S") if stamp else value


@dataclass
class FilePlan:
    write: list[tuple[str, str]] = field(default_factory=list)  # (sha256, storage name)
    names: dict[str, str] = field(default_factory=dict)  # sha256 -> storage name
    scorm: scorm.BlobPlan = field(default_factory=scorm.BlobPlan)  # SCORM packages' files


def plan_files(container: Container, manifest: dict) -> FilePlan:
    in_bundle = {part.name for part in container.parts}
    plan, missing = FilePlan(), []
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
    sizes = {part.name: part.size for part in container.parts}
    plan.scorm = scorm.blobs_plan(manifest.get("scorm_packages", []), sizes)
    missing += plan.scorm.missing
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
    if plan.scorm.wrong_size:
        raise BundleError(_("This bundle is malformed; ask headquarters for a new one."))
    for part in container.parts:
        if part.name != mf.MANIFEST_PART and part.name != part.sha256:
            raise BundleError(_("This bundle is malformed; ask headquarters for a new one."))
    return plan


def room_for(container: Container, plan: FilePlan) -> None:
    """Refuse before writing when the files to write do not fit on the disk."""
    sizes = {part.name: part.size for part in container.parts}
    needed = sum(sizes[sha] for sha, _name in plan.write)
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    if needed > shutil.disk_usage(root).free:
        raise BundleError(str(no_space_error(root)))
    store, scorm_bytes = scorm.room_needed(plan.scorm)
    if scorm_bytes > shutil.disk_usage(store).free:
        raise BundleError(str(no_space_error(store)))


def place_scorm(
    container: Container, plan: FilePlan, tick: Callable[[], None], *, written: list[str]
) -> list[Path]:
    """Place the SCORM packages' files the post lacks in the package store (checked again as
    they are copied); on failure, remove them and the media files ``written`` before."""
    try:
        return scorm.blobs_place(plan.scorm, container.open, tick)
    except BaseException as error:
        for name in written:
            default_storage.delete(name)
        if isinstance(error, scorm.InstallRefused):
            raise BundleError(str(error)) from error
        if isinstance(error, OSError):
            raise BundleError(
                _("Could not write the course files: %(reason)s. Nothing was installed.")
                % {"reason": error.strerror or error}
            ) from error
        raise


def write_files(container: Container, plan: FilePlan, tick: Callable[[], None]) -> list[str]:
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


class Installer:
    """Applies a verified manifest inside one transaction."""

    def __init__(self, manifest: dict, plan: FilePlan, tick: Callable[[], None]) -> None:
        self.manifest, self.plan, self.tick = manifest, plan, tick
        self.maps: dict[str, dict[int, int]] = {}
        self.snippet_keys: dict[str, dict[int, tuple[str, str]]] = {}
        self.published = self.unpublished = 0
        self.replaced: list[str] = []  # files no longer used by the objects that had them
        self.scorm_released: set[str] = set()  # SCORM files of versions the bundle replaced
        self.unresolved_pages: list[dict] = []
        self._locales: dict[str, Locale] = {}
        self._missing_page = False  # set by ``mapper`` while a page's links are remapped
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

    def media(self, model: type[Any], entries: list[dict]) -> None:
        label = model._meta.label_lower
        fields = mf.carried_fields(model, kind="media")
        root = Collection.get_first_root_node()
        existing = {
            obj.pk: obj
            for obj in model.objects.filter(
                pk__in=[self.maps.get(label, {}).get(e["id"]) for e in entries]
            )
        }
        by_hash: dict[str, list[int]] = {}
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
        self.scorm_released = scorm.packages_install(self.manifest.get("scorm_packages", []))
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


def remove_unused(names: list[str]) -> None:
    """Delete files an update replaced, once no image or document uses them any more."""
    for name in names:
        used = (
            get_image_model().objects.filter(file=name).exists()
            or get_document_model().objects.filter(file=name).exists()
        )
        if not used:
            default_storage.delete(name)
