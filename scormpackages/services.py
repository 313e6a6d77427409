"""Writes for SCORM packages: import a checked package, replace it by a new version, clean up.

All or nothing (ADR 0023): the zip is checked from its central directory and its manifest read
before anything is extracted; files are extracted into a temporary folder beside the store,
moved into the content-addressed store only when every one was read whole, and the database
rows are written in one transaction last. A refusal removes what this import placed; a crash
leaves only a temporary folder or unreferenced blobs, which ``package_cleanup`` (run by every
import) removes once they are older than a grace period.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import shutil
import time
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from . import archive, manifest
from .models import ScormFile, ScormPackage, ScormPackageVersion
from .storage import blob_path, store_root, temp_root

# A temporary folder or an unreferenced blob younger than this may belong to an import running
# now; older ones are what a crash or power cut left.
CLEANUP_GRACE = datetime.timedelta(hours=6)
BLOCK = 1024 * 1024  # bytes read from the zip at a time while extracting


class PackageRefused(Exception):
    """The upload is refused; ``str()`` is the reason in the active language, ``code`` R's."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


def _translated(error: archive.ArchiveRefused | manifest.ManifestRefused) -> PackageRefused:
    templates = archive.MESSAGES if isinstance(error, archive.ArchiveRefused) else manifest.MESSAGES
    template = templates.get(error.code)
    message = _(template) % error.params if template else str(error)
    return PackageRefused(message, error.code)


def limits() -> archive.Limits:
    return archive.Limits(
        max_bytes=settings.ELEARNING_SCORM_MAX_BYTES,
        max_entries=settings.ELEARNING_SCORM_MAX_ENTRIES,
        max_total=settings.ELEARNING_SCORM_MAX_TOTAL,
        max_ratio=settings.ELEARNING_SCORM_MAX_RATIO,
    )


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def structure_of(package: manifest.Package) -> dict[str, Any]:
    """The parsed manifest as JSON: the item tree (each item with every field of
    ``manifest.Item``, decimals as strings), the launchable items' identifiers in order, the
    sequencing collection, and the files the manifest references."""
    return {
        "title": package.title,
        "items": _jsonable(package.items),
        "scos": [item.identifier for item in package.scos()],
        "sequencing_collection": package.sequencing_collection,
        "files": list(package.files),
    }


@contextmanager
def _opened(source: Path | IO[bytes], checks: archive.Limits) -> Iterator[zipfile.ZipFile]:
    """The zip, its size and declared entry count checked before zipfile parses it."""
    with archive.open_zip(source, checks) as zf:
        yield zf


def _sha256_of(source: Path | IO[bytes]) -> str:
    digest = hashlib.sha256()
    handle = source.open("rb") if isinstance(source, Path) else source
    try:
        handle.seek(0)
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    finally:
        if isinstance(source, Path):
            handle.close()
    return digest.hexdigest()


class _Extracted:
    """A package read whole into a temporary folder: its files by SHA-256, and the paths."""

    def __init__(self, temp: Path) -> None:
        self.temp = temp
        self.paths: list[tuple[str, str, int]] = []  # (path, sha256, size)
        self.placed: list[Path] = []  # blobs this import added to the store

    def extract(self, zf: zipfile.ZipFile, found: list[archive.Entry]) -> None:
        for number, entry in enumerate(found):
            part = self.temp / f"part-{number}"
            sha, size = _copy_bounded(zf, entry, part)
            if (self.temp / sha).exists():
                part.unlink()
            else:
                os.replace(part, self.temp / sha)
            self.paths.append((entry.name, sha, size))

    def place(self) -> None:
        """Moves every new file into the store (a rename on the same file system)."""
        for sha in sorted({sha for _path, sha, _size in self.paths}):
            final = blob_path(sha)
            if final.exists():
                os.utime(final)  # young again: a concurrent cleanup leaves it alone
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.temp / sha, final)
            self.placed.append(final)

    def unplace(self) -> None:
        for final in self.placed:
            if not ScormFile.objects.filter(sha256=final.name).exists():
                final.unlink(missing_ok=True)


def _copy_bounded(zf: zipfile.ZipFile, entry: archive.Entry, target: Path) -> tuple[str, int]:
    """``archive.read_bounded`` to a file, block by block: an import's memory stays one block
    whatever the size of a package's videos. Never more than the declared size is kept;
    zipfile's CRC check refuses data that does not match the central directory (a lying
    size). Returns the SHA-256 and the size."""
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(entry.info) as stream, target.open("wb") as out:
            while block := stream.read(BLOCK):
                size += len(block)
                if size > entry.size:
                    raise archive.ArchiveRefused(
                        "entry_too_large", name=entry.name, limit=entry.size
                    )
                digest.update(block)
                out.write(block)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
        raise archive.ArchiveRefused("corrupt", name=entry.name) from None
    return digest.hexdigest(), size


@contextmanager
def _temporary() -> Iterator[Path]:
    temp = temp_root() / uuid.uuid4().hex
    temp.mkdir(parents=True)
    try:
        yield temp
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _read(zf: zipfile.ZipFile, checks: archive.Limits) -> tuple[list[archive.Entry], Any]:
    found = archive.entries(zf, checks)
    names = frozenset(entry.name for entry in found)
    manifest_name = manifest.find(names)
    entry = next(e for e in found if e.name == manifest_name)
    xml = archive.read_bounded(zf, entry, settings.ELEARNING_SCORM_MAX_MANIFEST)
    return found, manifest.read(xml, names=names)


def _new_version(
    *, source: Path | IO[bytes], package: ScormPackage | None, title: str | None, user: Any
) -> ScormPackageVersion:
    package_cleanup()
    checks = limits()
    try:
        with _opened(source, checks) as zf, _temporary() as temp:
            found, parsed = _read(zf, checks)
            extracted = _Extracted(temp)
            extracted.extract(zf, found)
            sha = _sha256_of(source)
            extracted.place()
            try:
                return _save(package, parsed, extracted, sha=sha, title=title, user=user)
            except BaseException:
                extracted.unplace()
                raise
    except (archive.ArchiveRefused, manifest.ManifestRefused) as error:
        raise _translated(error) from None


def _save(
    package: ScormPackage | None,
    parsed: manifest.Package,
    extracted: _Extracted,
    *,
    sha: str,
    title: str | None,
    user: Any,
) -> ScormPackageVersion:
    with transaction.atomic():
        if package is None:
            package = ScormPackage.objects.create(title=(title or parsed.title)[:255])
            number = 1
        else:
            package = ScormPackage.objects.select_for_update().get(pk=package.pk)
            number = (
                package.versions.order_by("-number").values_list("number", flat=True).first() or 0
            ) + 1
            if title:
                package.title = title[:255]
        version = ScormPackageVersion.objects.create(
            package=package,
            number=number,
            scorm_version=parsed.version,
            identifier=parsed.identifier[:255],
            organization=parsed.organization[:255],
            structure=structure_of(parsed),
            sha256=sha,
            file_count=len(extracted.paths),
            total_size=sum(size for _path, _sha, size in extracted.paths),
            uploaded_by=user if user is not None and user.is_authenticated else None,
        )
        ScormFile.objects.bulk_create(
            ScormFile(
                version=version, path=path, path_key=ScormFile.key(path), sha256=sha256, size=size
            )
            for path, sha256, size in extracted.paths
        )
        previous = package.current
        package.current = version
        package.save()
        released = _release(previous) if previous is not None else set()
    _remove_blobs(released)
    return version


def package_import(
    *, source: Path | IO[bytes], title: str | None = None, user: Any = None
) -> ScormPackage:
    """Checks and stores a SCORM package (a path or a seekable binary file) as a new package.
    Raises PackageRefused, in the active language, leaving nothing on disk or in the
    database."""
    return _new_version(source=source, package=None, title=title, user=user).package


def package_replace(
    *, package: ScormPackage, source: Path | IO[bytes], title: str | None = None, user: Any = None
) -> ScormPackageVersion:
    """A new version of ``package`` (same id): it becomes current; the old version's rows stay
    (history, and attempts made on it), its files go once nothing refers to them."""
    return _new_version(source=source, package=package, title=title, user=user)


def _release(version: ScormPackageVersion) -> set[str]:
    """A replaced version gives up its files; returns their SHA-256s. Attempts still open on it
    (a later step) are what may keep them: that check belongs here."""
    shas = set(version.files.values_list("sha256", flat=True))
    version.files.all().delete()
    version.files_released = True
    version.save(update_fields=["files_released"])
    return shas


def _remove_blobs(shas: set[str]) -> None:
    """Removes the stored files among ``shas`` that no version refers to any more."""
    still = set(ScormFile.objects.filter(sha256__in=shas).values_list("sha256", flat=True))
    for sha in shas - still:
        blob_path(sha).unlink(missing_ok=True)


def _remove_unreferenced_blobs(grace: datetime.timedelta) -> int:
    """Removes stored files no version refers to, older than ``grace``; returns how many."""
    blobs = store_root() / "blobs"
    if not blobs.is_dir():
        return 0
    cutoff = time.time() - grace.total_seconds()
    referenced = set(ScormFile.objects.values_list("sha256", flat=True).distinct())
    removed = 0
    for path in blobs.glob("*/*"):
        if path.name in referenced:
            continue
        if path.stat().st_mtime > cutoff:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    return removed


def package_cleanup(grace: datetime.timedelta = CLEANUP_GRACE) -> int:
    """Removes what an interrupted import left (temporary folders, stored files no version
    refers to) once older than ``grace``; returns how many were removed."""
    removed = 0
    cutoff = time.time() - grace.total_seconds()
    if temp_root().is_dir():
        for temp in temp_root().iterdir():
            if temp.stat().st_mtime <= cutoff:
                shutil.rmtree(temp, ignore_errors=True)
                removed += 1
    return removed + _remove_unreferenced_blobs(grace)
