"""A checked file as the coordinator reads it, on the preview page and from
``import_officers``: each problem as a sentence in the reader's language, each row as plain
data (the command's ``--json`` prints the same)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .checks import Action, Check, Problem, RowCheck
from .sheets import KEYS


def problem_text(problem: Problem) -> str:
    return _(problem.template) % dict(problem.params)


def action_text(action: Action) -> str:
    return {
        Action.NEW: _("New officer"),
        Action.UPDATE: _("Update"),
        Action.UNCHANGED: _("Unchanged"),
    }[action]


def cohort_text(row: RowCheck) -> str:
    if not row.cohort:
        return ""
    if row.cohort_new:
        return _("joins the new cohort %(name)s") % {"name": row.cohort}
    return _("joins cohort %(name)s") % {"name": row.cohort}


def row_report(row: RowCheck) -> dict:
    return {
        "line": row.line,
        "action": row.action.value,
        "username": row.username,
        "changes": list(row.changes),
        "courses": list(row.courses),
        "cohort": cohort_text(row),
        "errors": [{"column": p.column, "message": problem_text(p)} for p in row.errors],
        "warnings": [{"column": p.column, "message": problem_text(p)} for p in row.warnings],
    }


def preview_rows(check: Check) -> list[dict]:
    """Each row with its cells in the template's order, each cell with its problems."""
    shown = []
    for row in check.rows:
        cells = [
            {
                "column": key,
                "value": row.values.get(key, ""),
                "errors": [problem_text(p) for p in row.errors if p.column == key],
                "warnings": [problem_text(p) for p in row.warnings if p.column == key],
                "changed": key in row.changes
                or (key == "courses" and bool(row.courses))
                or (key == "cohort" and bool(row.cohort)),
            }
            for key in KEYS
        ]
        shown.append(
            {
                "row": row,
                "action": action_text(row.action),
                "cohort": cohort_text(row),
                "cells": cells,
                "bad": bool(row.errors),
            }
        )
    return shown
