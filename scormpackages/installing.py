"""Installing SCORM packages that came in a course bundle (ADR 0008, ADR 0023), at a post.

A bundle carries the current version of each package its SCORM lessons play: the package's id
(the same on every node, so what officers do with it at the post names the package the hub
knows), the version's number, its parsed structure and its files by path and SHA-256; the
files themselves travel once each, as the bundle's parts named by their SHA-256.

The bundle installer (``coursebundles``) calls, in order: ``blobs_plan`` (which files the post
lacks; which the bundle does not bring), ``blobs_place`` before its transaction (each file
copied to a temporary file beside the store, its SHA-256 and size checked against the manifest,
then renamed into place: hostile until verified), ``packages_install`` inside its transaction,
and after it commits ``blobs_release`` (the files of versions the bundle replaced) or, when it
fails, ``blobs_unplace`` (what this install placed and nothing refers to).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from .models import ScormFile, ScormPackage, ScormPackageVersion
from .services import _release, _remove_blobs, store_lock
from .storage import blob_path, store_root, temp_root

BLOCK = 1024 * 1024
OpenPart = Callable[[str], IO[bytes]]


class InstallRefused(Exception):
    """A bundle's package cannot be installed; ``str()`` is for the post's operator."""


@dataclass
class BlobPlan:
    write: dict[str, int] = field(default_factory=dict)  # sha256 -> size, to copy from the bundle
    missing: list[str] = field(default_factory=list)  # paths neither here nor in the bundle
    wrong_size: list[str] = field(default_factory=list)  # paths whose part has another size
    kept: set[str] = field(default_factory=set)  # needed files the store has already

    @property
    def bytes(self) -> int:
        return sum(self.write.values())


def blobs_plan(packages: list[dict[str, Any]], in_bundle: dict[str, int]) -> BlobPlan:
    """The files of ``packages`` (manifest entries) to copy from the bundle (``in_bundle``: its
    parts' names and sizes), the paths of those missing from both the store and the bundle,
    and of those the bundle carries with another size than the manifest says. A package the
    post has at this version or a newer one needs nothing."""
    plan = BlobPlan()
    for entry in packages:
        if _up_to_date(entry):
            continue
        for item in entry["files"]:
            sha = item["sha256"]
            if sha in plan.write or sha in plan.kept:
                continue
            if blob_path(sha).is_file():
                plan.kept.add(sha)
                continue
            if in_bundle.get(sha, item["size"]) != item["size"]:
                plan.wrong_size.append(item["path"])
            elif sha in in_bundle:
                plan.write[sha] = item["size"]
            else:
                plan.missing.append(item["path"])
    return plan


def _up_to_date(entry: dict[str, Any]) -> bool:
    """Whether the post plays ``entry``'s version of the package, or a newer one (a bundle of
    another course that plays it came later): then it is left as it is."""
    current = (
        ScormPackage.objects.filter(pk=entry["id"])
        .values_list("current__number", flat=True)
        .first()
    )
    return current is not None and current >= entry["number"]


def blobs_place(plan: BlobPlan, open_part: OpenPart, tick: Callable[[], None]) -> list[Path]:
    """Copy each file to write from the bundle into the store, its SHA-256 and size checked as
    it is copied; returns the files placed. Raises InstallRefused (after removing what it
    placed) when one does not match, OSError when the disk does. The files the store has
    already are made young again, so a concurrent ``package_cleanup`` leaves them alone."""
    placed: list[Path] = []
    for sha in plan.kept:
        os.utime(blob_path(sha))
    temp_root().mkdir(parents=True, exist_ok=True)
    try:
        for sha, size in sorted(plan.write.items()):
            final = blob_path(sha)
            if final.exists():
                continue
            scratch = temp_root() / f"bundle-{uuid.uuid4().hex}"
            try:
                if _copy_checked(open_part(sha), scratch, size) != sha:
                    raise InstallRefused(
                        _("The bundle changed after it was checked. Copy it again and retry.")
                    )
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(scratch, final)
            finally:
                scratch.unlink(missing_ok=True)
            placed.append(final)
            tick()
    except BaseException:
        blobs_unplace(placed)
        raise
    return placed


def _copy_checked(source: IO[bytes], target: Path, size: int) -> str:
    """Copy at most ``size`` bytes, and refuse a file of another size; returns its SHA-256."""
    digest, copied = hashlib.sha256(), 0
    with source, target.open("wb") as out:
        while block := source.read(BLOCK):
            copied += len(block)
            if copied > size:
                break
            digest.update(block)
            out.write(block)
    if copied != size:
        raise InstallRefused(_("The bundle changed after it was checked. Copy it again and retry."))
    return digest.hexdigest()


def blobs_unplace(placed: list[Path]) -> None:
    """Remove the files an install placed that no version refers to (it was refused), deciding
    under the store's lock like every other deletion."""
    _remove_blobs({final.name for final in placed})


def room_needed(plan: BlobPlan) -> tuple[Path, int]:
    """Where the files go and how many bytes they take (the installer checks the free space)."""
    root = store_root()
    root.mkdir(parents=True, exist_ok=True)
    return root, plan.bytes


def packages_install(packages: list[dict[str, Any]]) -> set[str]:
    """Inside the caller's transaction: each package with the hub's id and version number; a
    package here at this version or a newer one is left as it is; a newer version becomes
    current and the replaced one gives up its files (unless a launch still holds it: see
    ``services._release``). Returns the SHA-256s given up, for
    ``blobs_release`` once the transaction has committed. Raises InstallRefused for a package
    larger than this post accepts, or whose file went from the store since ``blobs_plan``
    found it there (a cleanup that ran in between: copy the bundle again).

    Under the package store's lock (``services.store_lock``): a file found stored here stays
    until these rows naming it have committed."""
    released: set[str] = set()
    with store_lock():
        for entry in packages:
            if not _up_to_date(entry):
                released |= _install(entry)
    return released


def _install(entry: dict[str, Any]) -> set[str]:
    _limits(entry)
    gone = [item["path"] for item in entry["files"] if not blob_path(item["sha256"]).is_file()]
    if gone:
        raise InstallRefused(
            _(
                "A file of the SCORM package “%(title)s” (%(path)s) left this post's store "
                "while the bundle was installed. Nothing was installed: import the bundle again."
            )
            % {"title": entry["title"], "path": gone[0]}
        )
    package = ScormPackage.objects.select_for_update().filter(pk=entry["id"]).first()
    if package is None:
        package = ScormPackage(id=uuid.UUID(entry["id"]), title=entry["title"][:255])
        package.save(force_insert=True)
    version = ScormPackageVersion.objects.create(
        package=package,
        number=entry["number"],
        scorm_version=entry["scorm_version"],
        identifier=entry["identifier"][:255],
        organization=entry["organization"][:255],
        structure=entry["structure"],
        sha256=entry["sha256"],
        file_count=entry["file_count"],
        total_size=entry["total_size"],
    )
    ScormFile.objects.bulk_create(
        ScormFile(
            version=version,
            path=item["path"],
            path_key=ScormFile.key(item["path"]),
            sha256=item["sha256"],
            size=item["size"],
        )
        for item in entry["files"]
    )
    previous = package.current
    package.current, package.title = version, entry["title"][:255]
    package.save()
    return _release(previous) if previous is not None else set()


def _limits(entry: dict[str, Any]) -> None:
    """A post keeps to its own package limits whatever a bundle says."""
    if len(entry["scorm_version"]) > 16:
        raise ValueError("not a SCORM version")  # the installer's "malformed"
    if (
        entry["file_count"] > settings.ELEARNING_SCORM_MAX_ENTRIES
        or entry["total_size"] > settings.ELEARNING_SCORM_MAX_TOTAL
    ):
        raise InstallRefused(
            _(
                "The SCORM package “%(title)s” is larger than this post accepts "
                "(%(files)d files, %(bytes)d bytes). Nothing was installed."
            )
            % {"title": entry["title"], "files": entry["file_count"], "bytes": entry["total_size"]}
        )


def blobs_release(shas: set[str]) -> None:
    """After the install committed: remove the replaced versions' files nothing refers to."""
    _remove_blobs(shas)
