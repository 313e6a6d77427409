"""The assignments' tables that sync (``nodes.syncing``): cohort and assignment records. Both
go where their officer goes (``scope``); a cohort's own records (created, renamed, a course
assigned to it) name no officer and so travel up to the hub, not down to other posts, while
each membership record carries the cohort's name. Authority (``refused``, the pure rule in
``rules.refusal``): a post speaks only for its own officers and its own cohorts."""

from __future__ import annotations

from nodes.syncing import SyncedTable

from .selectors import assignment_rows_refused, cohort_rows_refused

SYNCED = [
    SyncedTable(
        "cohort_record",
        "assignments.CohortRecord",
        scope="officer__uuid",
        label="cohort record",
        refused=cohort_rows_refused,
    ),
    SyncedTable(
        "assignment_record",
        "assignments.AssignmentRecord",
        scope="officer__uuid",
        label="assignment record",
        refused=assignment_rows_refused,
    ),
]
