"""The SCORM table that syncs (``nodes.syncing``): SCORM records, one per accepted commit.

A SCORM attempt made at a post reaches the hub like lessons and quizzes do; each node speaks
only for the records it made (checked by sync for every table). The lesson completion a commit
caused is a learner record of its own (``learning.synced``), so nothing is derived here.
"""

from __future__ import annotations

import json

from nodes.syncing import RowKey, SyncedTable, WireRow

from . import cmi as rules

_COMPLETION = {"completed", "incomplete", "not attempted", "unknown"}
_SUCCESS = {"passed", "failed", "unknown"}


def _problem(row: WireRow) -> str:
    if row.get("scorm_version") not in (rules.V12, rules.V2004):
        return f"SCORM version {str(row.get('scorm_version'))[:20]!r} is not 1.2 or 2004"
    if row.get("completion_status") not in _COMPLETION or row.get("success_status") not in _SUCCESS:
        return "its completion or success status is not one SCORM defines"
    seq = row.get("commit_seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return "its commit sequence number is not a positive number"
    try:
        state = json.loads(row["state"]) if isinstance(row.get("state"), str) else row.get("state")
    except ValueError:
        state = None
    if not isinstance(state, dict):
        return "its CMI state is not a JSON object"
    return ""


def _malformed(rows: list[WireRow]) -> dict[RowKey, str]:
    """SCORM records this node cannot read, with the reason, each refused alone."""
    found: dict[RowKey, str] = {}
    for row in rows:
        problem = _problem(row)
        if problem:
            found[(row["origin_node"], row["origin_seq"])] = f"SCORM record: {problem}"
    return found


SYNCED = [
    SyncedTable(
        "scorm_record",
        "scormplayer.ScormRecord",
        scope="learner__uuid",
        label="SCORM record",
        malformed=_malformed,
    ),
]
