"""Reads for SCORM packages: what an import found, and where a version's file is stored."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from .models import ScormFile, ScormPackage, ScormPackageVersion
from .storage import blob_path


def package_by_id(value: str) -> ScormPackage | None:
    """The stored package with this id (a UUID as text), or None, also for a malformed id."""
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return ScormPackage.objects.filter(pk=key).select_related("current").first()


def package_file(package_id: str, number: int, path: str) -> Path | None:
    """The stored file at ``path`` of version ``number`` of the package with this id (a UUID as
    text), or None: an unknown package, version or path, or a replaced version whose files
    were released (they are kept, and served, while a launch made before the replacement may
    still play it: ``services.version_hold``). Only the paths the package's manifest listed
    exist: nothing else under the store is reachable."""
    try:
        key = uuid.UUID(package_id)
    except ValueError:
        return None
    version = ScormPackageVersion.objects.filter(package_id=key, number=number).first()
    return version_file(version, path) if version is not None else None


def package_list() -> list[ScormPackage]:
    """Every stored package with its current version, by title."""
    return list(
        ScormPackage.objects.filter(current__isnull=False)
        .select_related("current")
        .order_by("title", "created_at")
    )


def _walk(items: list[dict[str, Any]], depth: int = 0) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for item in items:
        rows.append(
            {
                "identifier": item["identifier"],
                "title": item["title"],
                "depth": depth,
                "visible": item["visible"],
                "scorm_type": item["scorm_type"],
                "launch": item["launch"],
            }
        )
        rows.extend(_walk(item["children"], depth + 1))
    return rows


def version_outline(version: ScormPackageVersion) -> dict[str, Any]:
    """What ``scorm_import`` prints (and ``--json`` gives): the package, the version, and the
    default organization's items in order, each with its depth, SCORM type and launch URL."""
    package: ScormPackage = version.package
    items = _walk(version.structure["items"])
    return {
        "package": str(package.pk),
        "version_id": str(version.pk),
        "version_number": version.number,
        "title": package.title,
        "scorm_version": version.scorm_version,
        "organization": version.organization,
        "items": items,
        "scos": sum(1 for item in items if item["scorm_type"] == "sco"),
        "assets": sum(1 for item in items if item["scorm_type"] == "asset"),
        "file_count": version.file_count,
        "total_size": version.total_size,
    }


def version_file(version: ScormPackageVersion, path: str) -> Path | None:
    """The stored file at ``path`` inside ``version`` (as the manifest's launch URLs name it,
    without query or fragment), or None: a released version or an unknown path."""
    row = (
        ScormFile.objects.filter(version=version, path_key=ScormFile.key(path), path=path)
        .only("sha256")
        .first()
    )
    return blob_path(row.sha256) if row is not None else None


def version_files(version: ScormPackageVersion) -> list[tuple[str, str, int]]:
    """Every file of ``version``: its path in the package, its SHA-256 (the name it is stored
    under) and its size, by path."""
    rows = ScormFile.objects.filter(version=version).order_by("path")
    return list(rows.values_list("path", "sha256", "size"))
