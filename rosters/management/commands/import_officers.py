"""``python manage.py import_officers FILE [--dry-run] [--json] [--as USERNAME] [--sheet PDF]``:
the coordinator's spreadsheet import from the command line, with the same rules, messages and
all-or-nothing write as the page (``rosters.services``).

As an administrator by default (the first active one), or within the scope of the coordinator
``--as`` names. Prints what each row would do (``--dry-run``) or did; exits 1, writing nothing,
when the file is refused or any row has an error. The new officers' initial passwords go only
into the PDF sheet (``--sheet``, by default ``initial-passwords-<time>.pdf`` here, readable by
its owner only); they are never printed."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone, translation

from certificates.rendering import RenderError
from officers.models import Role, User
from rosters import services
from rosters.checks import Check
from rosters.reports import action_text, problem_text, row_report


class Command(BaseCommand):
    help = "Creates and updates officers from an .xlsx or .csv spreadsheet (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .xlsx or .csv file.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="Import within this coordinator's scope (default: as an administrator).",
        )
        parser.add_argument("--sheet", help="Where to write the PDF of initial passwords.")
        parser.add_argument(
            "--base-url",
            default=settings.WAGTAILADMIN_BASE_URL,
            help="The platform's address printed on the slips of posts without their own node.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        actor = _actor(options["as_user"])
        translation.activate(actor.preferred_language or settings.LANGUAGE_CODE)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            sheet = services.roster_read(path=path, name=path.name)
        except services.RosterRefused as refused:
            self._fail({"ok": False, "refused": str(refused)}, str(refused), options)
        check = services.roster_check(viewer=actor, sheet=sheet)
        if not check.ok:
            self._fail(_report(check, done=False), _text(check), options)
        if options["dry_run"]:
            self._write(_report(check, done=False), _text(check), options)
            return
        out = Path(options["sheet"] or f"initial-passwords-{timezone.now():%Y%m%d-%H%M%S}.pdf")
        if out.exists():
            raise CommandError(f"{out} exists: the sheet of passwords is never written over.")
        try:
            result = services.roster_import(
                actor=actor, sheet=sheet, base_url=options["base_url"], file_name=path.name
            )
        except services.RosterInvalid as invalid:  # the database changed since the check
            self._fail(_report(invalid.check, done=False), _text(invalid.check), options)
        except RenderError as error:
            raise CommandError(
                f"Nothing was imported: the sheet of initial passwords could not be made. {error}"
            ) from error
        report = {
            **_report(check, done=True),
            "created": len(result.created),
            "updated": result.updated,
            "unchanged": result.unchanged,
            "enrolments": result.enrolments,
            "cohort_joins": result.cohort_joins,
        }
        text = _text(check, done=True)
        if result.sheet is not None:
            out = _write_new(out, services.password_sheet_take(stored=result.sheet))
            report["sheet"] = str(out)
            text += f"\nInitial passwords of the {len(result.created)} new officers: {out}"
        self._write(report, text, options)

    def _write(self, report: dict, text: str, options: dict) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)

    def _fail(self, report: dict, text: str, options: dict) -> None:
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stderr.write(text)
        sys.exit(1)


def _write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new file only its owner may read (never over an existing one)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return path


def _actor(username: str | None) -> User:
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not (user.is_coordinator or user.is_administrator):
            raise CommandError(f"{username} is not an active coordinator or administrator.")
        return user
    admin = (
        User.objects.filter(Q(is_superuser=True) | Q(role=Role.ADMINISTRATOR), is_active=True)
        .order_by("pk")
        .first()
    )
    if admin is None:
        raise CommandError("No active administrator here: name a coordinator with --as.")
    return admin


def _report(check: Check, *, done: bool) -> dict:
    return {
        "ok": check.ok,
        "done": done,
        "rows": [row_report(row) for row in check.rows],
        "errors": check.error_count,
    }


def _text(check: Check, *, done: bool = False) -> str:
    lines = []
    for row in check.rows:
        head = f"line {row.line}: {action_text(row.action)} {row.username}".rstrip()
        lines.append(head)
        for problem in row.problems:
            kind = "warning" if problem.warning else "error"
            lines.append(f"  {kind} [{problem.column}] {problem_text(problem)}")
    verb = "Done" if done else ("Would do" if check.ok else "Nothing written")
    lines.append(f"{verb}: {len(check.rows)} rows, {check.error_count} errors.")
    return "\n".join(lines)
