"""Reads for roster imports: what the rules (``rosters.checks``) need to know of the database,
read once for a whole file in a bounded number of queries, and the importer's stored files."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone, translation
from django.utils.translation import get_language_info

from assignments.rules import CohortState
from assignments.selectors import cohorts_visible_to
from courses.models import CoursePage
from courses.selectors import courses_original
from learning.models import LearnerRecord, RecordKind
from nodes.models import Peer
from officers.countries import COUNTRIES
from officers.models import Agency, BorderPost, Role, User
from officers.selectors import officers_visible_to, posts_visible_to

from .checks import Action, Check, Existing, Known, fold, username_for
from .models import RosterFile, RosterImport
from .sheets import SheetRow

BATCH = 500


def _batches(values: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def roster_known(*, viewer: User, rows: list[SheetRow]) -> Known:
    """What exists that ``rows`` name, and what ``viewer`` may touch (their scope)."""
    posts = {
        code.lower(): country for code, country in BorderPost.objects.values_list("code", "country")
    }
    numbers = sorted({r.values["service_number"] for r in rows if r.values.get("service_number")})
    cohorts = cohorts_visible_to(viewer=viewer)
    officers = _officers(viewer=viewer, numbers=numbers, cohorts=cohorts)
    candidates = sorted(
        {
            username_for(
                posts.get(r.values.get("post", "").lower(), ""), r.values["service_number"]
            )
            for r in rows
            if r.values.get("service_number")
        }
    )
    taken: set[str] = set()
    for batch in _batches(candidates):
        taken.update(User.objects.filter(username__in=batch).values_list("username", flat=True))
    return Known(
        posts=posts,
        scope_posts=frozenset(
            code.lower() for code in posts_visible_to(viewer=viewer).values_list("code", flat=True)
        ),
        countries=_countries(),
        country_names={code: str(name) for code, name in COUNTRIES},
        agencies=_agencies(),
        languages=_languages(),
        courses=frozenset(c.upper() for c in courses_original().values_list("code", flat=True)),
        officers=officers,
        names=_names(rows),
        usernames=frozenset(taken),
        cohorts=frozenset(fold(c.name) for c in cohorts),
    )


def _countries() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in COUNTRIES:
        found[fold(code)] = code
        found[fold(str(name))] = code
        with translation.override("en"):
            found[fold(str(name))] = code
    return found


def _languages() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in settings.LANGUAGES:
        found[fold(code)] = code
        found[fold(name)] = code
        with contextlib.suppress(KeyError):  # a language Django does not describe (Lao)
            found[fold(get_language_info(code)["name"])] = code  # "Thai", "Khmer"
    return found


def _agencies() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for country, name, short in Agency.objects.values_list("country", "name", "short_name"):
        found[(country, fold(name))] = name
        if short:
            found.setdefault((country, fold(short)), name)
    return found


def _officers(
    *, viewer: User, numbers: list[str], cohorts: list[CohortState]
) -> dict[tuple[str, str], Existing]:
    users: list[User] = []
    for batch in _batches(numbers):
        users += User.objects.filter(service_number__in=batch).select_related("agency", "post")
    ids = [u.pk for u in users]
    visible: set[int] = set()
    for batch in _batches(ids):
        visible.update(
            officers_visible_to(viewer=viewer).filter(pk__in=batch).values_list("pk", flat=True)
        )
    enrolled = _enrolled_codes(ids)
    return {
        (u.country, u.service_number): Existing(
            uuid=str(u.uuid),
            username=u.username,
            name=u.display_name,
            values={
                "full_name_native": u.full_name_native,
                "full_name_latin": u.full_name_latin,
                "agency": u.agency.name if u.agency else "",
                "rank": u.rank,
                "post": u.post.code.lower() if u.post else "",
                "language": u.preferred_language,
                "email": u.email,
            },
            in_scope=u.pk in visible,
            is_learner=u.role == Role.LEARNER,
            courses=frozenset(enrolled.get(u.pk, ())),
            cohorts=frozenset(fold(c.name) for c in cohorts if u.pk in c.members),
        )
        for u in users
    }


def _enrolled_codes(learner_ids: list[int]) -> dict[int, set[str]]:
    """The codes of the courses each learner is enrolled in."""
    codes = {
        key: code.upper()
        for key, code in CoursePage.objects.values_list("translation_key", "code")
        if code
    }
    found: dict[int, set[str]] = {}
    for batch in _batches(learner_ids):
        rows = LearnerRecord.objects.filter(learner_id__in=batch, kind=RecordKind.ENROLLED)
        for learner_id, key in rows.values_list("learner_id", "course_key"):
            if key in codes:
                found.setdefault(learner_id, set()).add(codes[key])
    return found


def _names(rows: list[SheetRow]) -> dict[tuple[str, str], tuple[str, ...]]:
    """Existing officers' service numbers by (country, folded Latin name), for the names in
    ``rows``."""
    wanted = sorted(
        {fold(r.values["full_name_latin"]) for r in rows if r.values.get("full_name_latin")}
    )
    found: dict[tuple[str, str], list[str]] = {}
    for batch in _batches(wanted):
        matches = (
            User.objects.annotate(folded=Lower("full_name_latin"))
            .filter(folded__in=batch)
            .exclude(service_number="")
            .values_list("country", "full_name_latin", "service_number")
        )
        for country, name, number in matches:
            found.setdefault((country, fold(name)), []).append(number)
    return {key: tuple(sorted(numbers)) for key, numbers in found.items()}


def course_pages_by_code(codes: Iterable[str]) -> dict[str, CoursePage]:
    """The live original-language course of each code (upper case)."""
    wanted = {c.upper() for c in codes}
    return {c.code.upper(): c for c in courses_original() if c.code.upper() in wanted}


def roster_file(*, owner: User, file_uuid: uuid.UUID, kind: str) -> RosterFile | None:
    """``owner``'s stored file of ``kind`` with this id, None for anyone else's (or none)."""
    return RosterFile.objects.filter(owner=owner, uuid=file_uuid, kind=kind).first()


def roster_files_older(*, kind: str, before: datetime.datetime) -> QuerySet[RosterFile]:
    return RosterFile.objects.filter(kind=kind, created_at__lt=before)


# From this many officers made or changed, an import holds a node on SQLite (a post) for long
# enough that learners notice: about 18 ms an officer, all of it in one write transaction.
LARGE_IMPORT_ON_SQLITE = 1000


def roster_import_holds_node(check: Check) -> bool:
    """Importing ``check`` would keep this node from recording learners' progress for a while
    (ADR 0032 point 7): a large file on a node whose database has one writer at a time."""
    writes = check.count(Action.NEW) + check.count(Action.UPDATE)
    return connection.vendor == "sqlite" and writes >= LARGE_IMPORT_ON_SQLITE


def roster_import_of(*, owner: User, import_uuid: uuid.UUID) -> RosterImport | None:
    """``owner``'s import with this id, None for anyone else's (or none)."""
    return (
        RosterImport.objects.select_related("upload", "sheet")
        .filter(owner=owner, uuid=import_uuid)
        .first()
    )


def roster_imports_unfinished(*, upload: RosterFile) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(
        upload=upload, status__in=(RosterImport.Status.QUEUED, RosterImport.Status.RUNNING)
    )


def roster_import_stopped(job: RosterImport, *, now: datetime.datetime | None = None) -> bool:
    """Started (or waiting to start) longer ago than any import takes
    (``ELEARNING_ROSTER_IMPORT_MINUTES``), and unfinished: the worker that ran it was stopped,
    and its transaction rolled back (or no worker is running)."""
    limit = datetime.timedelta(minutes=settings.ELEARNING_ROSTER_IMPORT_MINUTES)
    since = job.started_at or job.created_at
    return not job.finished and (now or timezone.now()) - since > limit


def roster_imports_older(*, before: datetime.datetime) -> QuerySet[RosterImport]:
    return RosterImport.objects.filter(created_at__lt=before)


def post_addresses() -> dict[str, str]:
    """The platform's address at each border post that runs its own node, by post code."""
    return {
        code: url
        for code, url in Peer.objects.exclude(url="").values_list("post_code", "url")
        if code
    }
