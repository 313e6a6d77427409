"""Writes for roster imports: storing an upload until it is confirmed, importing a checked file
(all rows or none, through the ``officers`` and ``learning`` services), in the task worker once
confirmed on the page (``roster_import_request``, ``roster_import_run``), initial passwords and
the sheet that carries them, and removing the files once used or too old."""

from __future__ import annotations

import datetime
import os
import secrets
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from assignments.selectors import cohorts_visible_to
from assignments.services import cohort_create, cohort_member_add
from audittrail.services import audit_record
from certificates.rendering import RenderError
from learning.services import enrolment_create
from officers.countries import COUNTRIES
from officers.hashers import INITIAL_PASSWORD_HASHER
from officers.models import Agency, BorderPost, User
from officers.selectors import posts_visible_to
from officers.services import officer_create, officer_profile_update

from . import selectors
from .checks import Action, Check, RowCheck, check_rows, fold
from .models import RosterFile, RosterImport
from .sheets import Limits, Sheet, SheetRefused, read_sheet
from .slips import Slip, SlipPress

# Initial passwords: no 0/O, 1/l/I, so they read back from paper without doubt.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS = 3  # of 4 characters: "k7rq-mp4x-c9td", about 59 bits


class RosterRefused(Exception):
    """The file is refused as a whole; ``str()`` says why in the reader's language."""


class RosterInvalid(Exception):
    """The file has errors (``check``); nothing was written."""

    def __init__(self, check: Check):
        super().__init__(f"{check.error_count} error(s)")
        self.check = check


@dataclass(frozen=True)
class NewOfficer:
    officer: User
    password: str  # plain, only in memory, for the sheet


@dataclass
class ImportResult:
    created: list[NewOfficer] = field(default_factory=list)
    updated: int = 0
    unchanged: int = 0
    enrolments: int = 0
    cohort_joins: int = 0
    sheet: RosterFile | None = None  # the new officers' initial passwords (password_sheet_take)


def limits() -> Limits:
    return Limits(
        max_bytes=settings.ELEARNING_ROSTER_MAX_BYTES, max_rows=settings.ELEARNING_ROSTER_MAX_ROWS
    )


def roster_read(*, path: str | os.PathLike[str], name: str) -> Sheet:
    """The spreadsheet at ``path``, or RosterRefused with the reason (translated)."""
    try:
        return read_sheet(path, name, limits())
    except SheetRefused as refusal:
        raise RosterRefused(_(refusal.MESSAGES[refusal.code]) % refusal.params) from None


def roster_check(*, viewer: User, sheet: Sheet) -> Check:
    """What importing ``sheet`` as ``viewer`` would do, row by row (nothing is written)."""
    return check_rows(sheet.rows, selectors.roster_known(viewer=viewer, rows=sheet.rows))


def roster_upload_store(*, owner: User, source: IO[bytes], name: str) -> RosterFile:
    """Keep an uploaded spreadsheet for ``owner`` until they confirm it (or a day passes).
    It is read first: a file that is refused (RosterRefused) leaves nothing behind."""
    roster_files_purge()
    stored = RosterFile(owner=owner, kind=RosterFile.Kind.UPLOAD, name=Path(name).name[:200])
    stored.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(stored.path, "xb") as out:
            shutil.copyfileobj(source, out, 1024 * 1024)
        os.chmod(stored.path, 0o600)
        roster_read(path=stored.path, name=stored.name)
    except BaseException:
        stored.path.unlink(missing_ok=True)
        raise
    stored.save()
    return stored


def roster_file_discard(*, stored: RosterFile) -> None:
    stored.path.unlink(missing_ok=True)
    stored.delete()


def roster_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove uploads older than ``ELEARNING_ROSTER_UPLOAD_HOURS`` and password sheets older
    than ``ELEARNING_ROSTER_SHEET_MINUTES``; how many were removed."""
    now = now or timezone.now()
    ages = {
        RosterFile.Kind.UPLOAD: datetime.timedelta(hours=settings.ELEARNING_ROSTER_UPLOAD_HOURS),
        RosterFile.Kind.SHEET: datetime.timedelta(minutes=settings.ELEARNING_ROSTER_SHEET_MINUTES),
    }
    removed = 0
    for kind, age in ages.items():
        for stored in selectors.roster_files_older(kind=kind, before=now - age):
            roster_file_discard(stored=stored)
            removed += 1
    old_imports = selectors.roster_imports_older(before=now - ages[RosterFile.Kind.UPLOAD])
    if old_imports.exists():  # a read: no write lock taken when there is nothing to remove
        old_imports.delete()
    return removed


def roster_import_request(
    *, actor: User, stored: RosterFile, rows: int, base_url: str
) -> RosterImport:
    """Queue the import of ``stored``, ``actor``'s confirmed upload, for the task worker
    (``roster_import_run``), or give the import already waiting or running for it (a second
    click, a second tab). One that has been unfinished for longer than
    ``ELEARNING_ROSTER_IMPORT_MINUTES`` was stopped (its transaction rolled back): it is marked
    so, and its task, should it still come, does nothing."""
    with transaction.atomic():
        # Two confirmations at once wait here for each other (on SQLite the transaction's
        # write lock does it).
        RosterFile.objects.select_for_update().filter(pk=stored.pk).exists()
        for pending in selectors.roster_imports_unfinished(upload=stored):
            if not selectors.roster_import_stopped(pending):
                return pending
            _import_finish(pending, status=RosterImport.Status.FAILED, message=_stopped())
        job = RosterImport.objects.create(
            owner=actor, upload=stored, file_name=stored.name, rows=rows, base_url=base_url
        )
        transaction.on_commit(lambda: roster_import_run.enqueue(import_uuid=str(job.uuid)))
    return job


def _stopped() -> str:
    return _(
        "This import stopped before it finished (the computer restarted, or the task worker was "
        "stopped). Nothing of it was kept."
    )


@task()
def roster_import_run(import_uuid: str) -> None:
    """Import a confirmed upload (``roster_import_request``) in the task worker, and keep on
    the import what came of it, in its owner's language: the counts and the sheet of initial
    passwords, or why nothing was imported. The upload is removed once imported, or when it is
    refused as a whole; otherwise it is kept, so that its preview shows what is wrong now."""
    claimed = RosterImport.objects.filter(
        uuid=import_uuid, status=RosterImport.Status.QUEUED
    ).update(status=RosterImport.Status.RUNNING, started_at=timezone.now())
    if not claimed:  # marked stopped meanwhile, or run already
        return
    job = RosterImport.objects.select_related("owner", "upload").get(uuid=import_uuid)
    with translation.override(job.owner.preferred_language or settings.LANGUAGE_CODE):
        _import_run(job)


def _import_run(job: RosterImport) -> None:
    stored = job.upload
    if stored is None or not stored.path.is_file():
        _import_finish(
            job,
            status=RosterImport.Status.FAILED,
            message=_("The file is no longer kept (discarded, or a day old): upload it again."),
        )
        return
    result: ImportResult | None = None
    try:
        sheet = roster_read(path=stored.path, name=stored.name)
        with transaction.atomic():
            result = roster_import(
                actor=job.owner, sheet=sheet, base_url=job.base_url, file_name=stored.name
            )
            _import_finish(
                job,
                status=RosterImport.Status.DONE,
                counts={
                    "created": len(result.created),
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "enrolments": result.enrolments,
                    "cohort_joins": result.cohort_joins,
                },
                sheet=result.sheet,
            )
            stored.delete()
    except RosterRefused as refused:  # the limits changed since it was stored
        roster_file_discard(stored=stored)
        _import_finish(job, status=RosterImport.Status.FAILED, message=str(refused))
    except RosterInvalid as invalid:  # the officers changed since the preview
        rows = sum(1 for row in invalid.check.rows if row.errors)
        message = ngettext(
            "Nothing was imported: %(count)d row has an error now. The file's check shows it.",
            "Nothing was imported: %(count)d rows have errors now. The file's check shows them.",
            rows,
        ) % {"count": rows}
        _import_finish(job, status=RosterImport.Status.FAILED, message=message)
    except (ValidationError, PermissionDenied) as error:
        if isinstance(error, ValidationError):
            reason = "; ".join(error.messages)
        else:
            reason = str(error) or _("a row is outside your scope")
        message = _("Nothing was imported: %(reason)s") % {"reason": reason}
        _import_finish(job, status=RosterImport.Status.FAILED, message=message)
    except RenderError as error:
        message = _(
            "Nothing was imported: the sheet of initial passwords could not be made. %(reason)s"
        ) % {"reason": error}
        _import_finish(job, status=RosterImport.Status.FAILED, message=message)
    except BaseException as error:
        if result is not None and result.sheet is not None:  # its transaction did not commit
            result.sheet.path.unlink(missing_ok=True)
        message = _("Something went wrong: %(error)s. Nothing was imported.") % {"error": error}
        _import_finish(job, status=RosterImport.Status.FAILED, message=message)
        raise
    else:  # committed: the upload's file goes too
        stored.path.unlink(missing_ok=True)


def _import_finish(
    job: RosterImport,
    *,
    status: str,
    message: str = "",
    counts: dict | None = None,
    sheet: RosterFile | None = None,
) -> None:
    RosterImport.objects.filter(pk=job.pk).update(
        status=status,
        message=message,
        counts=counts or {},
        sheet=sheet,
        finished_at=timezone.now(),
    )


def password_generate() -> str:
    groups = (
        "".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(4))
        for _g in range(PASSWORD_GROUPS)
    )
    return "-".join(groups)


def roster_import(*, actor: User, sheet: Sheet, base_url: str, file_name: str = "") -> ImportResult:
    """Import ``sheet`` as ``actor``: every row or none, in one transaction.

    The rows are checked again here, against the database as it is now (RosterInvalid when
    any row has an error: nothing is written). A new officer is made by ``officer_create``
    with a generated password they must change at the first log-in; an existing one is
    changed by ``officer_profile_update`` (scope checked again there); courses are enrolled
    by ``learning.services.enrolment_create``. Each save stamps the officer's profile record,
    so the import syncs like any other change. Unchanged rows write nothing, so importing the
    same file twice changes nothing the second time. The audit trail keeps one entry for the
    import (``file_name`` and the counts) besides those of each officer it writes.

    The new officers' initial passwords are printed on a sheet only ``actor`` may take
    (``result.sheet``; officers log in at their post's node, else at ``base_url``), laid out
    as the rows are written (``SlipPress``) and kept in the same transaction: if the sheet
    cannot be made (RenderError), no officer is, since nobody could hand them their
    passwords."""
    language = actor.preferred_language or settings.LANGUAGE_CODE
    written: RosterFile | None = None
    try:
        with transaction.atomic():
            check = roster_check(viewer=actor, sheet=sheet)
            if not check.ok:
                raise RosterInvalid(check)
            apart = check.count(Action.NEW) >= settings.ELEARNING_ROSTER_SLIPS_APART
            with SlipPress(language=language, apart=apart) as press:
                result = _rows_apply(actor, check, file_name, base_url, press)
                if result.created:
                    written = result.sheet = password_sheet_write(owner=actor, pdf=press.pdf())
            return result
    except BaseException:
        if written is not None:  # the transaction did not commit: its sheet goes too
            written.path.unlink(missing_ok=True)
        raise


def _rows_apply(
    actor: User, check: Check, file_name: str, base_url: str, press: SlipPress
) -> ImportResult:
    posts = {p.code.lower(): p for p in BorderPost.objects.all()}
    agencies = {(a.country, a.name): a for a in Agency.objects.all()}
    courses = selectors.course_pages_by_code(c for row in check.rows for c in row.courses)
    addresses = selectors.post_addresses()
    result = ImportResult()
    joins: dict[str, list[User]] = {}
    for row in check.rows:
        officer = _row_apply(actor, row, posts, agencies, result)
        if row.action == Action.NEW:
            press.add(_slip(result.created[-1], addresses, base_url))
        for code in row.courses:
            enrolment_create(learner=officer, course=courses[code], actor=actor)
            result.enrolments += 1
        if row.cohort:
            joins.setdefault(row.cohort, []).append(officer)
    result.cohort_joins = _cohorts_join(actor, joins)
    audit_record(
        actor=actor,
        action="roster.import",
        subject=f"file:{file_name}",
        after={
            "file": file_name,
            "rows": len(check.rows),
            "created": len(result.created),
            "updated": result.updated,
            "unchanged": result.unchanged,
            "enrolments": result.enrolments,
        },
    )
    return result


def _cohorts_join(actor: User, joins: dict[str, list[User]]) -> int:
    """Each cohort named in ``joins`` (name -> officers) is found by name in ``actor``'s scope
    (``checks.fold``) or created: at its officers' post when they share one, else in the first
    one's country (or post, for an importer who coordinates only posts); then its officers
    join it (and get its courses). How many joined."""
    held = {fold(state.name): state for state in cohorts_visible_to(viewer=actor)}
    joined = 0
    for name, officers in joins.items():
        state = held.get(fold(name))
        if state is None:
            first = officers[0].post
            shared = all(officer.post_id == officers[0].post_id for officer in officers)
            country = first.country if first is not None else ""
            state = cohort_create(
                actor=actor,
                name=name,
                # A country the importer does not coordinate (only some of its posts): the
                # first officer's post, so the cohort stays in their scope.
                post=first if shared or country not in _scope_countries(actor) else None,
                country=country,
            )
            held[fold(name)] = state
        for officer in officers:
            joined += cohort_member_add(actor=actor, cohort=state.uuid, officer=officer)
    return joined


def _row_apply(
    actor: User,
    row: RowCheck,
    posts: dict[str, BorderPost],
    agencies: dict[tuple[str, str], Agency],
    result: ImportResult,
) -> User:
    values = _profile_values(row, posts, agencies)
    if row.action == Action.NEW:
        password = password_generate()
        officer = officer_create(
            username=row.username,
            password=password,
            service_number=row.values["service_number"],
            country=row.country,
            must_change_password=True,
            password_hasher=INITIAL_PASSWORD_HASHER,
            actor=actor,
            **values,
        )
        if not officer.post or officer.post.code.lower() not in _scope_codes(actor):
            raise PermissionDenied
        result.created.append(NewOfficer(officer=officer, password=password))
        return officer
    officer = User.objects.select_related("post", "agency").get(uuid=row.officer_uuid)
    if row.action == Action.UNCHANGED:
        result.unchanged += 1
        return officer
    changes = {name: value for name, value in values.items() if value not in ("", None)}
    officer_profile_update(actor=actor, officer=officer, **changes)
    result.updated += 1
    return officer


def _scope_countries(actor: User) -> set[str]:
    if actor.is_administrator:
        return {country for country, _name in COUNTRIES}
    return {scope.country for scope in actor.scopes.all() if scope.country}


def _scope_codes(actor: User) -> set[str]:
    return {code.lower() for code in posts_visible_to(viewer=actor).values_list("code", flat=True)}


def _profile_values(
    row: RowCheck, posts: dict[str, BorderPost], agencies: dict[tuple[str, str], Agency]
) -> dict:
    resolved = row.resolved
    return {
        "full_name_native": row.values.get("full_name_native", ""),
        "full_name_latin": row.values.get("full_name_latin", ""),
        "rank": row.values.get("rank", ""),
        "post": posts[resolved["post"]],
        "agency": agencies.get((row.country, resolved.get("agency", ""))),
        "preferred_language": resolved.get("language", ""),
        "email": row.values.get("email", ""),
    }


def _slip(new: NewOfficer, addresses: dict[str, str], base_url: str) -> Slip:
    officer = new.officer
    return Slip(
        native=officer.full_name_native,
        latin=officer.full_name_latin,
        username=officer.username,
        password=new.password,
        post=officer.post.name if officer.post else "",
        address=addresses.get(officer.post.code if officer.post else "", base_url),
    )


def password_sheet_write(*, owner: User, pdf: bytes) -> RosterFile:
    """A sheet of initial passwords (``pdf``, from ``slips.slips_pdf``) that only ``owner`` may
    download, once (``password_sheet_take``), within ``ELEARNING_ROSTER_SHEET_MINUTES``: its
    file (mode 0600, never over another) and its row, or neither. The plain passwords exist
    nowhere else: not in the database, not in a log."""
    stored = RosterFile(owner=owner, kind=RosterFile.Kind.SHEET, name="initial-passwords.pdf")
    stored.path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(stored.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(pdf)
        stored.save()
    except BaseException:
        stored.path.unlink(missing_ok=True)
        raise
    return stored


def password_sheet_take(*, stored: RosterFile) -> bytes:
    """The sheet's bytes, removing it: a second download finds nothing."""
    data = stored.path.read_bytes()
    roster_file_discard(stored=stored)
    return data
