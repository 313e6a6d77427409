"""Writes for SCORM packages: import a checked package, replace it by a new version, clean up.

All or nothing (ADR 0023): the zip is checked from its central directory and its manifest read
before anything is extracted; files are extracted into a temporary folder beside the store,
moved into the content-addressed store only when every one was read whole, and the database
rows are written in one transaction last. A refusal removes what this import placed; a crash
leaves only a temporary folder or unreferenced blobs, which ``package_cleanup`` (run by every
import, and by ``manage.py scorm_cleanup``) removes once they are older than a grace period; it
also releases the files of replaced versions once no launch may play them any more.

Imports, replacements and clean-ups run at the same time (two trainers, a bundle at a post) and
share blobs. ``store_lock`` is how they agree: a blob is referenced (found stored or moved into
place, then named by rows) and deleted (found unreferenced, then unlinked) only inside it, and
the referencing rows are committed before it is released, so no blob a committed row names is
ever deleted (ADR 0023).
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
from functools import partial
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import archive, manifest
from .models import ScormFile, ScormPackage, ScormPackageVersion
from .storage import blob_path, store_root, temp_root

# A temporary folder or an unreferenced blob younger than this may belong to an import running
# now; older ones are what a crash or power cut left.
CLEANUP_GRACE = datetime.timedelta(hours=6)
BLOCK = 1024 * 1024  # bytes read from the zip at a time while extracting
STORE_LOCK_KEY = 0x53434F524D  # "SCORM": the package store's PostgreSQL advisory lock
REFERENCE_QUERY_CHUNK = 500  # SHA-256s per "which are referenced" query


@contextmanager
def store_lock() -> Iterator[None]:
    """A transaction holding the package store's lock until it ends (commit or rollback, also
    of an enclosing transaction). Whoever references a stored blob (finds it stored or moves it
    into place, then writes the rows naming it) or deletes one (reads that no row names it,
    then unlinks it) does both inside one ``store_lock``, so a blob cannot go between an
    import's "it is stored" and its rows being committed. PostgreSQL: a transaction-level
    advisory lock; SQLite: the database's write lock, which every transaction takes at BEGIN
    (``transaction_mode`` IMMEDIATE in the settings)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORE_LOCK_KEY])
        yield


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
        """Moves every new file into the store (a rename on the same file system); a file
        already stored is used as it is. Precondition: inside ``store_lock``, which the rows
        naming these files are written in."""
        for sha in sorted({sha for _path, sha, _size in self.paths}):
            final = blob_path(sha)
            if final.exists():
                continue
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.temp / sha, final)
            self.placed.append(final)

    def unplace(self) -> None:
        """The import failed (its rows were rolled back): the files it moved into the store go,
        unless another import has referenced them since."""
        _remove_blobs({final.name for final in self.placed})


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
            try:
                with store_lock():
                    extracted.place()
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
        if previous is not None:
            released = _release(previous)
            # Deleted once committed: an enclosing transaction may still roll the release back.
            transaction.on_commit(partial(_remove_blobs, released), robust=True)
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
    (history, and attempts made on it), its files stay while a launch made before may still
    play it (``version_hold``) and go once nothing refers to them."""
    return _new_version(source=source, package=package, title=title, user=user)


def _release(version: ScormPackageVersion, now: datetime.datetime | None = None) -> set[str]:
    """A replaced version: marked so (``files_released``: no new launch plays it) and, unless a
    launch made before may still play it (``playable_until`` after ``now``), gives up its files
    at once; returns the SHA-256s given up (none while kept: ``package_cleanup`` releases them
    once that time has passed). Inside the caller's transaction, which locks the version's row
    so that a ``version_hold`` either commits first (seen here) or sees it replaced."""
    now = now or timezone.now()
    locked = ScormPackageVersion.objects.select_for_update().get(pk=version.pk)
    locked.files_released = version.files_released = True
    locked.save(update_fields=["files_released"])
    if locked.playable_until is not None and locked.playable_until > now:
        return set()
    return _drop_files(locked.pk)


def _drop_files(version_pk: uuid.UUID) -> set[str]:
    """Deletes a version's file rows; returns the SHA-256s they named."""
    rows = ScormFile.objects.filter(version_id=version_pk)
    shas = set(rows.values_list("sha256", flat=True))
    rows.delete()
    return shas


def version_hold(package: ScormPackage, until: datetime.datetime) -> ScormPackageVersion | None:
    """The package's current version (None: it has none), kept playable until at least
    ``until``: if a newer version replaces it before then, its files stay until that time (one
    UPDATE, only when it moves ``playable_until`` later). What a launch calls before it plays a
    version. A replacement committed in between is seen (the version's row is locked by both),
    and its new current version held instead."""
    version = None
    for _attempt in range(5):
        current = ScormPackage.objects.filter(pk=package.pk).values_list("current", flat=True)
        current_pk = current.first()
        if current_pk is None:
            return None
        with transaction.atomic():
            ScormPackageVersion.objects.filter(pk=current_pk, files_released=False).filter(
                Q(playable_until__lt=until) | Q(playable_until__isnull=True)
            ).update(playable_until=until)
            version = ScormPackageVersion.objects.select_related("package").get(pk=current_pk)
        if not version.files_released:
            return version
    return version  # replaced five times in a row meanwhile: played as it is


def _referenced(shas: set[str]) -> set[str]:
    """Those of ``shas`` that a version's file row names."""
    ordered = sorted(shas)
    found: set[str] = set()
    for start in range(0, len(ordered), REFERENCE_QUERY_CHUNK):
        chunk = ordered[start : start + REFERENCE_QUERY_CHUNK]
        found.update(ScormFile.objects.filter(sha256__in=chunk).values_list("sha256", flat=True))
    return found


def _remove_blobs(shas: set[str]) -> None:
    """Removes the stored files among ``shas`` that no version refers to any more, deciding
    and deleting under the store lock (an import referencing one commits first, or finds it
    gone and stores its own copy)."""
    if not shas:
        return
    with store_lock():
        for sha in shas - _referenced(shas):
            blob_path(sha).unlink(missing_ok=True)


def _older(path: Path, cutoff: float) -> bool:
    try:
        return path.stat().st_mtime <= cutoff
    except FileNotFoundError:
        return False


def _remove_unreferenced_blobs(grace: datetime.timedelta) -> int:
    """Removes stored files no version refers to, older than ``grace``; returns how many. The
    store is listed without the lock; each candidate is decided again under it."""
    blobs = store_root() / "blobs"
    if not blobs.is_dir():
        return 0
    cutoff = time.time() - grace.total_seconds()
    referenced = set(ScormFile.objects.values_list("sha256", flat=True).distinct())
    candidates = [p for p in blobs.glob("*/*") if p.name not in referenced and _older(p, cutoff)]
    if not candidates:
        return 0
    removed = 0
    with store_lock():
        still = _referenced({path.name for path in candidates})
        for path in candidates:
            if path.name not in still and _older(path, cutoff):
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def _release_expired(now: datetime.datetime) -> int:
    """Gives up the files of replaced versions kept for launches whose time has passed (rows
    deleted; their blobs once committed, under the store lock). Returns how many versions."""
    expired = list(
        ScormPackageVersion.objects.filter(
            files_released=True, playable_until__lte=now, files__isnull=False
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for version_pk in expired:
        with transaction.atomic():
            released = _drop_files(version_pk)
            transaction.on_commit(partial(_remove_blobs, released), robust=True)
    return len(expired)


def package_cleanup(
    grace: datetime.timedelta = CLEANUP_GRACE, now: datetime.datetime | None = None
) -> int:
    """Releases the files of replaced versions no launch may play any more (``playable_until``
    before ``now``), and removes what an interrupted import left (temporary folders, stored
    files no version refers to) once older than ``grace``; returns how many versions, folders
    and files it removed."""
    removed = _release_expired(now or timezone.now())
    cutoff = time.time() - grace.total_seconds()
    if temp_root().is_dir():
        for temp in temp_root().iterdir():
            if temp.stat().st_mtime <= cutoff:
                shutil.rmtree(temp, ignore_errors=True)
                removed += 1
    return removed + _remove_unreferenced_blobs(grace)
