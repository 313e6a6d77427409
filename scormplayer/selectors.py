"""Reads of the SCORM player: which launch a request on the content origin belongs to, what the
runtime is seeded with, and where an officer stands in a SCORM lesson."""

from __future__ import annotations

import hashlib
import time
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse

from learning.models import LearnerRecord, RecordKind
from modules.models import ScormLessonPage
from officers.models import User
from scormpackages.selectors import version_files

from . import cmi as rules
from .models import ScormLaunch, ScormRecord
from .origins import origin_of
from .services import (
    issue_launch_token,
    item_of,
    launch_keys,
    launch_token,
    learner_name,
    session_state,
)
from .tokens import LaunchClaims, Refusal, TokenRefused, verify

CONTENT_URLS = "scormplayer.content_urls"


class NoSuchSco(LookupError):
    """The package version has no launchable item at that index."""


def launch_for_token(token: str, package_id: str, package_version: int) -> LaunchClaims:
    """The launch ``token`` grants for this package version, or ``tokens.TokenRefused``."""
    return verify(token, launch_keys(), int(time.time()), package_id, package_version)


def launch_for(token: str, package_id: str, version: int) -> ScormLaunch:
    """The launch ``token`` was issued for, checked for this package version (expiry, signature,
    package); ``tokens.TokenRefused`` otherwise, also for a launch this node does not know."""
    claims = launch_for_token(token, package_id, version)
    try:
        key = uuid.UUID(hex=claims.launch_id)
    except ValueError:
        raise TokenRefused(Refusal.MALFORMED) from None
    launch = ScormLaunch.objects.select_related("learner", "version", "page").filter(pk=key).first()
    if launch is None or launch.learner.uuid.hex != claims.learner_id:
        raise TokenRefused(Refusal.TAMPERED)
    if (str(launch.version.package_id), launch.version.number) != (package_id, version):
        raise TokenRefused(Refusal.OTHER_PACKAGE)
    return launch


def attempt_last(*, launch: ScormLaunch, sco: str) -> ScormRecord | None:
    """The last record of the learner's latest attempt at ``sco`` of ``launch``'s lesson."""
    latest = (
        ScormRecord.objects.filter(learner=launch.learner, lesson_key=launch.lesson_key, sco=sco)
        .order_by("-recorded_at", "-commit_seq")
        .only("attempt")
        .first()
    )
    if latest is None:
        return None
    return ScormRecord.objects.filter(attempt=latest.attempt).order_by("-commit_seq").first()


def _resumable(launch: ScormLaunch, last: ScormRecord | None) -> ScormRecord | None:
    """``last`` if its attempt goes on in a new launch: suspended, on the version played now."""
    if launch.preview or last is None:
        return None
    version = rules.family(launch.version.scorm_version)
    same_version = (last.package_key, last.package_version) == (
        launch.version.package_id,
        launch.version.number,
    )
    suspended = rules.exit_of(version, rules.flatten(last.state)) == "suspend"
    return last if same_version and suspended else None


def _statuses(launch: ScormLaunch) -> dict[str, tuple[str, str]]:
    """Completion and success of the learner's latest record of each SCO of the lesson."""
    if launch.preview:
        return {}
    return statuses_of(learner=launch.learner, lesson_key=launch.lesson_key)


def statuses_of(*, learner: User, lesson_key: uuid.UUID) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    rows = (
        ScormRecord.objects.filter(learner=learner, lesson_key=lesson_key)
        .order_by("recorded_at", "commit_seq")
        .values_list("sco", "completion_status", "success_status")
    )
    for sco, completion, success in rows:
        found[sco] = (completion, success)
    return found


def _items(structure: dict[str, Any], statuses: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """The table of contents: every item of the default organization in order."""
    scos: list[str] = structure["scos"]
    rows: list[dict[str, Any]] = []

    def walk(items: list[dict[str, Any]], depth: int) -> None:
        for item in items:
            identifier = item["identifier"]
            completion, success = statuses.get(identifier, ("not attempted", "unknown"))
            rows.append(
                {
                    "identifier": identifier,
                    "title": item["title"],
                    "depth": depth,
                    "index": scos.index(identifier) if identifier in scos else None,
                    "visible": item["visible"],
                    "completion_status": completion,
                    "success_status": success,
                }
            )
            walk(item["children"], depth + 1)

    walk(structure["items"], 0)
    return rows


def _sequencing(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "identifier": item["identifier"],
            "title": item["title"],
            "visible": item["visible"],
            "launchable": item["launch"] is not None,
            "sequencing": item["sequencing"],
            "children": _sequencing(item["children"]),
        }
        for item in items
    ]


def runtime_seed(*, launch: ScormLaunch, sco_index: int, token: str | None = None) -> dict:
    """What the launch document seeds scorm-again with for the ``sco_index``-th launchable item
    (``NoSuchSco`` past the last): the attempt (the learner's suspended one on this version, or
    a new one), the ``cmi`` values (``loadFromJSON``), the SCO's URL and the commit URL on the
    content origin (with ``token``, or a new token of the launch), the next commit's sequence
    number, the table of contents, and the sequencing of the item tree (SCORM 2004)."""
    structure = launch.version.structure
    scos: list[str] = structure["scos"]
    if not 0 <= sco_index < len(scos):
        raise NoSuchSco(sco_index)
    item = item_of(structure, scos[sco_index])
    assert item is not None  # every identifier of "scos" is an item of the tree
    last = _resumable(launch, attempt_last(launch=launch, sco=item["identifier"]))
    state, _total = session_state(launch, item, last)
    token = token or launch_token(launch)
    package, number = str(launch.version.package_id), launch.version.number
    origin = origin_of(settings.SCORM_CONTENT_ORIGIN)
    args = {"package_id": package, "version": number, "token": token}
    file_url = reverse("package_file", urlconf=CONTENT_URLS, kwargs={**args, "path": "x"})
    return {
        "scorm_version": rules.family(launch.version.scorm_version),
        "attempt": str(last.attempt if last is not None else uuid.uuid4()),
        "preview": launch.preview,
        "sco": {
            "identifier": item["identifier"],
            "title": item["title"],
            "launch_url": origin + file_url[:-1] + item["launch"],
        },
        "cmi": rules.unflatten(state),
        "next_seq": last.commit_seq + 1 if last is not None else 1,
        "commit_url": origin + reverse("commit", urlconf=CONTENT_URLS, kwargs=args),
        "items": _items(structure, _statuses(launch)),
        "sequencing": {
            "organization": launch.version.organization,
            "collection": structure.get("sequencing_collection"),
            "items": _sequencing(structure["items"]),
        },
    }


def lesson_state(*, learner: User, page: ScormLessonPage) -> dict[str, Any]:
    """Where ``learner`` stands in ``page``: each launchable item's latest completion, success
    and scaled score, and whether the lesson is complete (by the trainer's rule)."""
    version = page.package.current
    latest: dict[str, ScormRecord] = {}
    for record in ScormRecord.objects.filter(
        learner=learner, lesson_key=page.translation_key
    ).order_by("recorded_at", "commit_seq"):
        latest[record.sco] = record
    scos: list[dict[str, Any]] = []
    for identifier in version.structure["scos"] if version is not None else []:
        record = latest.get(identifier)
        scos.append(
            {
                "identifier": identifier,
                "completion_status": record.completion_status if record else "not attempted",
                "success_status": record.success_status if record else "unknown",
                "score_scaled": record.score_scaled if record else None,
            }
        )
    done = LearnerRecord.objects.filter(
        learner=learner, kind=RecordKind.LESSON_COMPLETED, lesson_key=page.translation_key
    ).exists()
    return {"scos": scos, "done": done, "rule": page.completion_rule}


def runtime_url(package_id: str, version: int, token: str, index: int) -> str:
    """The launch document of launchable item ``index`` on the content origin."""
    path = reverse(
        "runtime",
        urlconf=CONTENT_URLS,
        kwargs={"package_id": package_id, "version": version, "token": token, "sco_index": index},
    )
    return origin_of(settings.SCORM_CONTENT_ORIGIN) + path


# What a browser may request as a package file's path without escaping it (RFC 3986 pchar and
# "/"): a saved file is looked up by the URL the package's own relative links resolve to.
PATH_SAFE = "/!$&'()*+,;=:@-._~"


def _content_url(name: str, launch: ScormLaunch, token: str, **extra: Any) -> str:
    kwargs = {
        "package_id": str(launch.version.package_id),
        "version": launch.version.number,
        "token": token,
        **extra,
    }
    return origin_of(settings.SCORM_CONTENT_ORIGIN) + reverse(
        name, urlconf=CONTENT_URLS, kwargs=kwargs
    )


# The static files a launch document loads (runtime.html), the SCORM version's scorm-again first.
RUNTIME_STATIC = (
    "scormplayer/runtime.css",
    "scormplayer/sessions.js",
    "scormplayer/outbox.js",
    "scormplayer/runtime.js",
)


def runtime_script(scorm_version: str) -> str:
    """The vendored scorm-again build for a SCORM version family ("1.2" or "2004")."""
    name = "scorm12.min.js" if scorm_version == rules.V12 else "scorm2004.min.js"
    return f"scormplayer/vendor/scorm-again/{name}"


def _static_entry(name: str) -> dict[str, Any]:
    found = finders.find(name)
    content = Path(found).read_bytes() if isinstance(found, str) else b""
    url = staticfiles_storage.url(name)
    return {
        "url": origin_of(settings.SCORM_CONTENT_ORIGIN) + url,
        "revision": hashlib.sha256(content).hexdigest(),
        "bytes": len(content),
    }


def offline_files(*, launch: ScormLaunch, token: str) -> list[dict[str, Any]]:
    """What a device saves to play ``launch`` with no connection (ADR 0045), as Workbox
    precache entries: every package file (revision: its SHA-256), the launch document's
    static files, the launch document of each launchable item (revision: the launch and
    version, whose seed the device then carries forward itself), and last the save document
    that removes the launch (``?remove=1``) with its script, so that removing the course
    from the device works with no connection too."""
    base = _content_url("package_file", launch, token, path="x")[:-1]
    entries: list[dict[str, Any]] = [
        {"url": base + quote(path, safe=PATH_SAFE), "revision": sha, "bytes": size}
        for path, sha, size in version_files(launch.version)
    ]
    family = rules.family(launch.version.scorm_version)
    entries += [_static_entry(n) for n in (runtime_script(family), *RUNTIME_STATIC)]
    package, number = str(launch.version.package_id), launch.version.number
    for index in range(len(launch.version.structure["scos"])):
        entries.append(
            {
                "url": runtime_url(package, number, token, index),
                "revision": f"{launch.pk.hex}.{launch.version.pk.hex}",
                "bytes": None,
            }
        )
    entries.append(_static_entry("scormplayer/save.js"))
    entries.append(
        {
            "url": _content_url("save", launch, token) + "?remove=1",
            "revision": f"{launch.pk.hex}.remove",
            "bytes": None,
        }
    )
    return entries


def offline_seeds(*, launch: ScormLaunch, sco_index: int) -> dict[str, Any]:
    """What the launch document of an offline launch carries beside its seed (ADR 0045): the
    read-only values the server seeds a new session of the item with, for entry "ab-initio"
    and "resume" (total time 0: the device puts in its own total, an element the server
    computes and never compares), so a session the device starts is one the server accepts."""
    item = item_of(launch.version.structure, launch.version.structure["scos"][sco_index])
    assert item is not None
    version = rules.family(launch.version.scorm_version)
    return {
        entry: rules.unflatten(
            rules.seeded(
                version,
                learner_id=str(launch.learner.uuid),
                learner_name=learner_name(launch.learner, version),
                credit=not launch.preview,
                entry=entry,
                total_seconds=Decimal(0),
                item=item,
            )
        )
        for entry in ("ab-initio", "resume")
    }


def offline_play(*, launch: ScormLaunch, token: str) -> dict[str, Any]:
    """The manifest's ``scorm`` entry of an offline launch: its save document on the content
    origin, the bytes the device stores and a revision (the package version, the launch and a
    digest of the package files' hashes)."""
    files = version_files(launch.version)
    digest = hashlib.sha256("\n".join(f"{path} {sha}" for path, sha, _ in files).encode())
    return {
        "save_url": _content_url("save", launch, token),
        "bytes": sum(size for _path, _sha, size in files),
        "revision": f"{launch.version.pk.hex}.{launch.pk.hex}.{digest.hexdigest()[:32]}",
    }


__all__ = ["issue_launch_token", "launch_for", "launch_for_token", "runtime_seed"]
