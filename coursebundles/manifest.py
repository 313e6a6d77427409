"""The manifest of a course bundle: what it carries and how content refers to it.

Content is carried as the hub stored it: page and snippet fields with the hub's database ids
inside (foreign keys, chooser blocks in StreamFields, links and embeds in rich text). The
manifest adds a table per kind of object (pages, snippets, images, documents) keyed by those
hub ids, so the post can map each to its own row. Which values are ids is found by walking the
StreamField block definitions (every ``ChooserBlock`` and ``RichTextBlock``, however deeply
nested), never by hard-coded JSON paths, so a new block type needs no change here.

The functions that walk values and rewrite ids are pure; the ones that read models are marked.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.dateparse import parse_datetime
from wagtail.blocks import (
    BaseStreamBlock,
    BaseStructBlock,
    Block,
    ChooserBlock,
    ListBlock,
    RichTextBlock,
)
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, TranslatableMixin

from nodes.bounded import TooLarge, gunzip_bounded

FORMAT = 1
# A bundle that carries SCORM packages (``scorm_packages``): a post of an older version says it
# needs an update instead of failing on a lesson type it does not know.
FORMAT_SCORM = 2
FORMATS = (FORMAT, FORMAT_SCORM)
KIND = "bundle"
MANIFEST_PART = "manifest.json"

# Page fields carried besides each page type's own; the rest of Page is tree bookkeeping.
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "show_in_menus")
# Snippet bookkeeping that belongs to the node, not to the content.
SNIPPET_SKIP = {
    "translation_key",
    "locale",
    "latest_revision",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
}
# Image and document fields that belong to the node that stores the file.
MEDIA_SKIP = {"file", "collection", "uploaded_by_user", "created_at"}

# Rich text stores references as <a linktype="page|document" id="N"> and
# <embed embedtype="image" id="N"/>; attribute order varies.
_TAG = re.compile(r"<(?:a|embed)\b[^>]*>")
_ATTR = re.compile(r'\b(linktype|embedtype|id)="([^"]*)"')
_ID_ATTR = re.compile(r'\sid="[^"]*"')


def label_of(model: type[models.Model] | str) -> str:
    """``app_label.model_name`` of a model (pages of every type: ``wagtailcore.page``)."""
    model = resolve_model_string(model)
    if issubclass(model, Page):
        return "wagtailcore.page"
    return model._meta.label_lower


def image_label() -> str:
    return get_image_model()._meta.label_lower


def document_label() -> str:
    return get_document_model()._meta.label_lower


# --- Walking StreamField values ---------------------------------------------------------------


Visit = Callable[[Block, Any], Any]


def walk_block_value(block: Block, value: Any, visit: Visit) -> Any:
    """Return ``value`` (a block's raw JSON form) with every chooser or rich text leaf replaced
    by ``visit(block, leaf)``. Unknown child types and malformed values are kept as they are."""
    if isinstance(block, BaseStreamBlock):
        if not isinstance(value, list):
            return value
        out = []
        for child in value:
            child_block = (
                block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            )
            if child_block is None:
                out.append(child)
            else:
                out.append(
                    {**child, "value": walk_block_value(child_block, child.get("value"), visit)}
                )
        return out
    if isinstance(block, BaseStructBlock):
        if not isinstance(value, dict):
            return value
        return {
            name: walk_block_value(block.child_blocks[name], item, visit)
            if name in block.child_blocks
            else item
            for name, item in value.items()
        }
    if isinstance(block, ListBlock):
        if not isinstance(value, list):
            return value
        items = []
        for item in value:
            if (
                isinstance(item, dict)
                and item.get("type") == "item"
                and {"value", "id"} <= set(item)
            ):
                items.append(
                    {**item, "value": walk_block_value(block.child_block, item["value"], visit)}
                )
            else:
                items.append(walk_block_value(block.child_block, item, visit))
        return items
    if isinstance(block, ChooserBlock | RichTextBlock):
        return visit(block, value)
    return value


# --- References -------------------------------------------------------------------------------


@dataclass
class References:
    """Hub ids an object refers to, by model label; ``keys``: the UUIDs of objects whose id is
    the same on every node (``same_id_everywhere``)."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)

    def add(self, label: str, pk: Any) -> None:
        try:
            number = int(pk)
        except (TypeError, ValueError):
            return
        self.ids.setdefault(label, set()).add(number)

    def of(self, label: str) -> set[int]:
        return self.ids.get(label, set())


def rich_text_references(html: str, refs: References) -> None:
    for tag in _TAG.findall(html or ""):
        attrs = dict(_ATTR.findall(tag))
        kind = attrs.get("linktype") or attrs.get("embedtype")
        if kind == "page":
            refs.add("wagtailcore.page", attrs.get("id"))
        elif kind == "document":
            refs.add(document_label(), attrs.get("id"))
        elif kind == "image":
            refs.add(image_label(), attrs.get("id"))


def rich_text_remap(html: str, mapper: Callable[[str, int], int | None]) -> str:
    """Rewrite the ids of page links, document links and image embeds; a reference that maps
    to nothing loses its id (Wagtail then shows the text without a link)."""

    def replace(match: re.Match) -> str:
        tag = match.group(0)
        attrs = dict(_ATTR.findall(tag))
        kind = attrs.get("linktype") or attrs.get("embedtype")
        label = {
            "page": "wagtailcore.page",
            "document": document_label(),
            "image": image_label(),
        }.get(kind or "")
        if label is None:
            return tag
        try:
            local = mapper(label, int(attrs.get("id", "")))
        except ValueError:
            local = None
        if local is None:
            return _ID_ATTR.sub("", tag)
        return _ID_ATTR.sub(f' id="{local}"', tag, count=1)

    return _TAG.sub(replace, html or "")


def same_id_everywhere(model: type[models.Model]) -> bool:
    """Whether objects of ``model`` keep their id on every node (a UUID primary key: a SCORM
    package). A bundle carries a reference to one as it is, never through ``BundleObject``."""
    return isinstance(model._meta.pk, models.UUIDField)


def _chooser_label(block: ChooserBlock) -> str | None:
    try:
        return label_of(block.target_model)
    except (AttributeError, LookupError, ValueError):
        return None


def block_references(block: Block, value: Any, refs: References) -> None:
    def visit(leaf_block: Block, leaf: Any) -> Any:
        if isinstance(leaf_block, RichTextBlock):
            rich_text_references(leaf if isinstance(leaf, str) else "", refs)
        else:
            label = _chooser_label(leaf_block)
            if label and leaf is not None:
                refs.add(label, leaf)
        return leaf

    walk_block_value(block, value, visit)


def block_remap(block: Block, value: Any, mapper: Callable[[str, int], int | None]) -> Any:
    def visit(leaf_block: Block, leaf: Any) -> Any:
        if isinstance(leaf_block, RichTextBlock):
            return rich_text_remap(leaf, mapper) if isinstance(leaf, str) else leaf
        label = _chooser_label(leaf_block)
        if label is None or leaf is None:
            return leaf
        try:
            return mapper(label, int(leaf))
        except (TypeError, ValueError):
            return None

    return walk_block_value(block, value, visit)


# --- Fields of a model ------------------------------------------------------------------------


def carried_fields(model: type[models.Model], *, kind: str) -> list[models.Field]:
    """The fields a bundle carries for an object of ``model`` (``kind``: page, snippet, media)."""
    if kind == "page":
        own = [
            f
            for f in model._meta.concrete_fields
            if f.model is not Page and not f.primary_key and not isinstance(f, models.OneToOneField)
        ]
        return [Page._meta.get_field(name) for name in PAGE_FIELDS] + own
    skip = SNIPPET_SKIP if kind == "snippet" else MEDIA_SKIP
    carried = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in skip or isinstance(f, models.FileField):
            continue
        if isinstance(f, models.ForeignKey) and not _carried_target(f.related_model):
            continue
        carried.append(f)
    return carried


def _carried_target(model: type[models.Model]) -> bool:
    """Whether a foreign key to ``model`` is carried: images, documents, pages and translatable
    snippets have a table in the manifest; users, collections, revisions do not."""
    return (
        issubclass(model, Page)
        or issubclass(model, TranslatableMixin)
        or model is get_image_model()
        or model is get_document_model()
    )


def field_encode(f: models.Field, obj: models.Model) -> Any:
    """A field's value as JSON-able data (ids as the database holds them)."""
    if isinstance(f, StreamField):
        return list(f.stream_block.get_prep_value(getattr(obj, f.attname)))
    if isinstance(f, models.ForeignKey):
        value = getattr(obj, f.attname)
        return str(value) if isinstance(value, uuid.UUID) else value
    value = f.value_from_object(obj)
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def field_references(f: models.Field, value: Any, refs: References) -> None:
    if isinstance(f, StreamField):
        block_references(f.stream_block, value, refs)
    elif isinstance(f, models.ForeignKey):
        if value is not None and same_id_everywhere(f.related_model):
            refs.keys.setdefault(label_of(f.related_model), set()).add(str(value))
        elif value is not None:
            refs.add(label_of(f.related_model), value)
    elif isinstance(f, RichTextField):
        rich_text_references(value, refs)


def field_remap(f: models.Field, value: Any, mapper: Callable[[str, int], int | None]) -> Any:
    if isinstance(f, StreamField):
        return block_remap(f.stream_block, value, mapper)
    if isinstance(f, models.ForeignKey):
        if value is None:
            return None
        if same_id_everywhere(f.related_model):
            return str(uuid.UUID(str(value)))  # the same id here; a malformed one: ValueError
        return mapper(label_of(f.related_model), int(value))
    if isinstance(f, RichTextField) and isinstance(value, str):
        return rich_text_remap(value, mapper)
    return value


def field_assign(f: models.Field, obj: models.Model, value: Any) -> None:
    """Set a field from its encoded value (ids already local)."""
    if isinstance(f, StreamField):
        setattr(obj, f.name, json.dumps(value))
    elif isinstance(f, models.ForeignKey | models.JSONField):
        setattr(obj, f.attname, value)
    else:
        setattr(obj, f.attname, f.to_python(value))


def encode_fields(fields: Iterable[models.Field], obj: models.Model) -> dict[str, Any]:
    return {f.name: field_encode(f, obj) for f in fields}


# --- The manifest's fingerprint ---------------------------------------------------------------

VOLATILE = ("bundle_id", "created", "since", "content_sha")


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_sha(manifest: dict) -> str:
    """SHA-256 of what the bundle installs (not of when or as which bundle it was made): two
    exports of an unchanged course have the same fingerprint."""
    return hashlib.sha256(
        canonical({k: v for k, v in manifest.items() if k not in VOLATILE})
    ).hexdigest()


# --- Reading a manifest from a bundle (untrusted until checked) -------------------------------

MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # decompressed; the largest demo course's is 0.5 MB
MAX_FILES = 20_000  # files, pages, snippets, images or documents listed, each
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ManifestError(ValueError):
    """A manifest that is too large, not gzip'd JSON, or not of the shape this version reads.
    ``str()`` says which, for a log; the operator is told the bundle is malformed."""


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise ManifestError(what)


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _entries(value: Any, what: str, keys: dict[str, Callable[[Any], bool]]) -> None:
    _check(isinstance(value, list) and len(value) <= MAX_FILES, f"{what} must be a short list")
    for entry in value:
        _check(isinstance(entry, dict), f"{what} entries must be objects")
        for key, valid in keys.items():
            _check(key in entry and valid(entry[key]), f"{what}: bad or missing {key}")


def _text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 1000


def manifest_read(data: bytes, *, limit: int = MAX_MANIFEST_BYTES) -> dict:
    """The manifest in a bundle's manifest part, checked for the shape the installer reads:
    raises ManifestError for anything else (too large, not gzip'd JSON, keys missing or of the
    wrong type, more than MAX_FILES entries of a kind). Pure: reads nothing else."""
    _check(len(data) <= limit, "compressed manifest too large")
    try:
        manifest = json.loads(gunzip_bounded(data, limit=limit))
    except TooLarge:
        raise ManifestError(f"larger than {limit} bytes when decompressed") from None
    except (ValueError, RecursionError) as error:
        raise ManifestError(f"not JSON: {error}") from None
    _check(isinstance(manifest, dict), "not an object")
    _check(manifest.get("format") in FORMATS, "another format")
    _check(
        ("scorm_packages" in manifest) == (manifest["format"] == FORMAT_SCORM),
        "SCORM packages in a bundle of format 1, or none in one of format 2",
    )
    for key in ("bundle_id", "created", "content_sha"):
        _check(_text(manifest.get(key)), f"bad or missing {key}")
    try:
        uuid.UUID(manifest["bundle_id"])
        created = parse_datetime(manifest["created"])
    except ValueError:
        created = None
    _check(created is not None and created.tzinfo is not None, "bad bundle_id or created")
    course = manifest.get("course")
    _check(isinstance(course, dict), "bad or missing course")
    for key in ("code", "translation_key", "title"):
        _check(_text(course.get(key)), f"course: bad or missing {key}")
    _check(manifest.get("since") is None or isinstance(manifest["since"], dict), "bad since")
    locales = manifest.get("locales")
    _check(isinstance(locales, list) and all(_text(c) for c in locales), "bad locales")
    _entries(
        manifest.get("files"),
        "files",
        {"sha256": lambda v: isinstance(v, str) and bool(_HEX64.fullmatch(v)), "name": _text},
    )
    media = {
        "id": _is_id,
        "sha256": lambda v: isinstance(v, str) and bool(_HEX64.fullmatch(v)),
        "fields": lambda v: isinstance(v, dict),
    }
    _entries(manifest.get("images"), "images", media)
    _entries(manifest.get("documents"), "documents", media)
    listed = {f["sha256"] for f in manifest["files"]}
    _check(
        all(e["sha256"] in listed for e in manifest["images"] + manifest["documents"]),
        "a file used by an image or document is not listed",
    )
    snippets = manifest.get("snippets")
    _check(isinstance(snippets, dict) and len(snippets) <= 100, "bad snippets")
    for label, rows in snippets.items():
        _check(_text(label), "bad snippet label")
        _entries(
            rows,
            "snippets",
            {
                "id": _is_id,
                "translation_key": _text,
                "locale": _text,
                "fields": lambda v: isinstance(v, dict),
            },
        )
    _entries(
        manifest.get("pages"),
        "pages",
        {
            "id": _is_id,
            "type": _text,
            "translation_key": _text,
            "locale": _text,
            "parent": lambda v: v is None or _is_id(v),
            "fields": lambda v: isinstance(v, dict),
        },
    )
    if "scorm_packages" in manifest:
        _scorm_packages_check(manifest["scorm_packages"])
    return manifest


def _sha(value: Any) -> bool:
    return isinstance(value, str) and bool(_HEX64.fullmatch(value))


def _count(value: Any) -> bool:
    return _is_id(value) and value >= 0


def _package_path(value: Any) -> bool:
    """A file's path inside a package as the hub stored it: relative, normalised, no ``..``."""
    if not isinstance(value, str) or not 0 < len(value) <= 1024 or "\\" in value:
        return False
    parts = value.split("/")
    return not value.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _uuid(value: Any) -> bool:
    try:
        uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return False
    return True


def _scorm_packages_check(packages: Any) -> None:
    """The SCORM packages a bundle carries: each the current version of a package, with its
    files by path and SHA-256, as ``scormpackages.installing`` reads them."""
    _entries(
        packages,
        "scorm_packages",
        {
            "id": _uuid,
            "title": _text,
            "number": lambda v: _count(v) and v > 0,
            "scorm_version": _text,
            "identifier": _text,
            "organization": _text,
            "structure": lambda v: isinstance(v, dict) and isinstance(v.get("items"), list),
            "sha256": _sha,
            "file_count": _count,
            "total_size": _count,
            "files": lambda v: isinstance(v, list) and 0 < len(v) <= MAX_FILES,
        },
    )
    _check(len({p["id"] for p in packages}) == len(packages), "a SCORM package twice")
    for package in packages:
        _entries(package["files"], "scorm files", {"path": _package_path, "sha256": _sha})
        _entries(package["files"], "scorm files", {"size": _count})
        _check(
            package["file_count"] == len(package["files"])
            and package["total_size"] == sum(f["size"] for f in package["files"])
            and len({f["path"] for f in package["files"]}) == len(package["files"]),
            "SCORM files do not add up",
        )


def file_sizes(manifest: dict) -> dict[str, int]:
    """Every file a bundle's manifest lists (media and SCORM packages' files), SHA-256 -> size."""
    sizes = {f["sha256"]: f["size"] for f in manifest["files"]}
    for package in manifest.get("scorm_packages", []):
        sizes.update((f["sha256"], f["size"]) for f in package["files"])
    return sizes
