"""The SCORM run-time data models (1.2 and 2004) as the server checks and keeps them: pure, no
Django, no clock (ADR 0027).

A commit is scorm-again's ``cmi`` object (nested JSON: objects, and arrays as lists or as
objects keyed "0", "1", ...). It is flattened to dotted elements ("cmi.core.lesson_status",
"cmi.interactions.0.id") with text values, each checked against the data model of its version:
an element the model does not define, a read-only element changed, a value of the wrong type
or out of range, an array filled out of order or an interaction without its id each give the
error code the standard defines for that case (``CODES``). ``merge`` lays an accepted commit
over the attempt's state; the read-only elements keep the values the server seeded. ``outcome``
is what the LMS evaluates from the state (SCORM 1.2 mastery score; SCORM 2004 RTE 4.2.4 and
4.2.22: completion threshold and scaled passing score), and ``lesson_done`` applies the
trainer's rule to it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from .datamodel import (
    CODES,
    COMPUTED,
    DECIMAL,
    DURATION,
    KEYWORDS,
    MAX_DEPTH,
    MINUS_ONE,
    MODELS,
    ONE,
    SESSION,
    TIMESPAN,
    V12,
    V2004,
    Check,
    Problem,
    R,
    Refused,
    duration,
    family,
)

__all__ = ["CODES", "COMPUTED", "MODELS", "V12", "V2004", "Problem", "R", "Refused", "family"]


@dataclass(frozen=True)
class Verdict:
    """0 and the flattened commit, or the SCORM error code and what was wrong."""

    code: int
    message: str = ""
    flat: Mapping[str, str] | None = None


@functools.lru_cache(maxsize=8192)
def _pattern_of(element: str) -> str:
    return ".".join("n" if part.isdigit() else part for part in element.split("."))


def _text_of(value: Any, element: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise Refused(Problem.TYPE, element)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, str):
        return value
    raise Refused(Problem.TYPE, element)


def unwrap(commit: Any) -> Any:
    """The ``cmi`` object of a commit: scorm-again renders ``{"cmi": {...}}`` (and, for 2004,
    may add ``"adl"``: navigation requests, which the browser's sequencing answers)."""
    if isinstance(commit, dict) and "cmi" in commit and set(commit) <= {"cmi", "adl"}:
        return commit["cmi"]
    return commit


def seeded(
    version: str,
    *,
    learner_id: str,
    learner_name: str,
    credit: bool,
    entry: str,
    total_seconds: Decimal,
    item: Mapping[str, Any],
) -> dict[str, str]:
    """The read-only elements the server seeds a session with (flat): learner, credit and
    mode (a preview browses, for no credit), entry, total time, and what the manifest says of
    the item (launch data, mastery score or scaled passing score, time limit and its action,
    completion threshold)."""
    credit_text = "credit" if credit else "no-credit"
    mode = "normal" if credit else "browse"
    limit_action = (item.get("time_limit_action") or "").strip().lower()
    values: dict[str, str]
    if version == V12:
        values = {
            "cmi.core.student_id": learner_id,
            "cmi.core.student_name": learner_name,
            "cmi.core.credit": credit_text,
            "cmi.core.lesson_mode": mode,
            "cmi.core.entry": entry,
            "cmi.core.total_time": timespan(V12, total_seconds),
            "cmi.launch_data": item.get("data_from_lms") or "",
            "cmi.student_data.mastery_score": _plain(item.get("mastery_score")),
            "cmi.student_data.max_time_allowed": item.get("max_time_allowed") or "",
            "cmi.student_data.time_limit_action": limit_action,
        }
    else:
        values = {
            "cmi.learner_id": learner_id,
            "cmi.learner_name": learner_name,
            "cmi.credit": credit_text,
            "cmi.mode": mode,
            "cmi.entry": entry,
            "cmi.total_time": timespan(V2004, total_seconds),
            "cmi.launch_data": item.get("data_from_lms") or "",
            "cmi.scaled_passing_score": _plain(item.get("scaled_passing_score")),
            "cmi.completion_threshold": _plain(item.get("completion_threshold")),
            "cmi.time_limit_action": limit_action or "continue,no message",
        }
    # A manifest value the data model does not allow is not seeded: the runtime would refuse
    # it, and its own default would then differ from the server's at every commit.
    model = MODELS[version]
    return {e: v if model[e][1](v) is None else "" for e, v in values.items()}


def _plain(value: Any) -> str:
    return "" if value is None else format(Decimal(str(value)).normalize(), "f")


def flatten(tree: Any, prefix: str = "cmi", depth: int = 0) -> dict[str, str]:
    """``tree`` (a commit's ``cmi`` object) as dotted elements and their text; ``Refused``
    when it is not an object of objects, lists and scalar values. Keywords are dropped."""
    if depth > MAX_DEPTH:
        raise Refused(Problem.UNDEFINED, prefix)
    if isinstance(tree, list):
        items: list[tuple[str, Any]] = [(str(i), v) for i, v in enumerate(tree)]
    elif isinstance(tree, dict):
        items = list(tree.items())
    else:
        raise Refused(Problem.GENERAL, prefix)
    flat: dict[str, str] = {}
    for key, value in items:
        if not isinstance(key, str) or key in KEYWORDS:
            continue
        element = f"{prefix}.{key}"
        if isinstance(value, dict | list):
            flat.update(flatten(value, element, depth + 1))
        else:
            flat[element] = _text_of(value, element)
    return flat


def unflatten(flat: Mapping[str, str]) -> dict[str, Any]:
    """The nested ``cmi`` object of ``flat`` (without the leading "cmi"), arrays as lists:
    what scorm-again's ``loadFromJSON`` takes and what a record stores."""
    root: dict[str, Any] = {}
    for element in flat:
        node = root
        parts = element.split(".")[1:]
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = flat[element]
    return _lists(root)


def _sort_key(element: str) -> list[tuple[int, int | str]]:
    return [(0, int(p)) if p.isdigit() else (1, p) for p in element.split(".")]


def _lists(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if DECIMAL.fullmatch(a) and DECIMAL.fullmatch(b):
        return Decimal(a) == Decimal(b)
    return False


def _check_element(
    model: dict[str, tuple[str, Check]], element: str, value: str, current: str
) -> None:
    found = model.get(_pattern_of(element))
    if found is None:
        raise Refused(Problem.UNDEFINED, element)
    access, check = found
    if access == R:
        if element not in COMPUTED and not _same(value, current):
            raise Refused(Problem.READ_ONLY, element)
        return
    problem = check(value)
    if problem is not None:
        raise Refused(problem, element)


def _check_arrays(flat: Mapping[str, str]) -> None:
    """Every array's indexes are 0, 1, ... with no gap (SetValue fills them in order)."""
    seen: dict[str, set[int]] = {}
    for element in flat:
        parts = element.split(".")
        for i, part in enumerate(parts):
            if part.isdigit():
                seen.setdefault(".".join(parts[:i]), set()).add(int(part))
    for array, indexes in seen.items():
        if indexes != set(range(len(indexes))):
            raise Refused(Problem.ORDER, array)


def _check_dependencies(flat: Mapping[str, str]) -> None:
    """SCORM 2004: an interaction's or objective's other elements need its id, and an
    interaction's responses need its type."""
    set_by_entry: dict[str, list[str]] = {}
    for element, value in flat.items():
        parts = element.split(".", 3)
        if value != "" and len(parts) == 4 and parts[1] in ("interactions", "objectives"):
            set_by_entry.setdefault(".".join(parts[:3]), []).append(parts[3])
    for entry in sorted(set_by_entry, key=_sort_key):
        names = set_by_entry[entry]
        if flat.get(entry + ".id", "") == "":
            raise Refused(Problem.DEPENDENCY, entry + ".id")
        responds = any(n.startswith("correct_responses.") or n == "learner_response" for n in names)
        if entry.startswith("cmi.interactions.") and responds and not flat.get(entry + ".type"):
            raise Refused(Problem.DEPENDENCY, entry + ".type")


def check(version: str, commit: Any, current: Mapping[str, str]) -> Verdict:
    """Whether ``commit`` (a ``cmi`` object) is a valid commit of SCORM ``version`` ("1.2" or
    "2004") for an attempt whose state is ``current`` (flat, with the seeded read-only
    values): 0 and the flattened commit, or the standard's error code and the element."""
    try:
        flat = flatten(unwrap(commit))
        model = MODELS[version]
        for element, value in flat.items():
            _check_element(model, element, value, current.get(element, ""))
        _check_arrays({**current, **flat})
        if version == V2004:
            _check_dependencies({**current, **flat})
    except Refused as refused:
        return Verdict(CODES[version][refused.problem], str(refused))
    return Verdict(0, "", flat)


def merge(version: str, current: Mapping[str, str], commit: Mapping[str, str]) -> dict[str, str]:
    """The state after an accepted (checked) ``commit``: its writable elements over
    ``current``; read-only elements keep the server's values."""
    model = MODELS[version]
    state = dict(current)
    for element, value in commit.items():
        if model[_pattern_of(element)][0] != R:
            state[element] = value
    return state


def repeats(version: str, commit: Any, state: Mapping[str, str]) -> bool:
    """Whether ``commit`` is the commit that made ``state`` (sent again): every element it
    may write has the value ``state`` keeps."""
    try:
        flat = flatten(unwrap(commit))
    except Refused:
        return False
    model = MODELS[version]
    for element, value in flat.items():
        found = model.get(_pattern_of(element))
        if found is None or (found[0] != R and state.get(element, "") != value):
            return False
    return True


def for_next_session(version: str, state: Mapping[str, str]) -> dict[str, str]:
    """What a state carries into the next session of its attempt: not the previous session's
    exit and session time."""
    return {e: v for e, v in state.items() if e not in SESSION[version]}


# --- time --------------------------------------------------------------------------------------

_CENT = Decimal("0.01")


def seconds_of(value: str) -> Decimal:
    """The seconds of a CMITimespan ("HHHH:MM:SS.SS", SCORM 1.2) or an ISO 8601 duration
    (SCORM 2004; a year 365 days, a month 30); 0 for "". ``ValueError`` for anything else."""
    if value == "":
        return Decimal(0)
    span = TIMESPAN.fullmatch(value)
    if span:
        hours, minutes, secs, cents = span.groups()
        return Decimal(hours) * 3600 + Decimal(minutes) * 60 + Decimal(secs + (cents or ""))
    found = DURATION.fullmatch(value)
    if found is None or duration(value) is not None:
        raise ValueError(f"not a time interval: {value!r}")
    years, months, days, hours, minutes, secs = (Decimal(g or 0) for g in found.groups())
    total = ((years * 365 + months * 30 + days) * 24 + hours) * 3600 + minutes * 60 + secs
    return total.quantize(_CENT)


def timespan(version: str, seconds: Decimal) -> str:
    """``seconds`` as SCORM ``version`` writes a total time: "HHHH:MM:SS.SS" (1.2, at most
    9999 hours) or "PT#H#M#S" (2004)."""
    cents = int((seconds.quantize(_CENT) * 100).to_integral_value())
    hours, rest = divmod(cents, 360000)
    minutes, rest = divmod(rest, 6000)
    secs, cents = divmod(rest, 100)
    if version == V12:
        return f"{min(hours, 9999):04d}:{minutes:02d}:{secs:02d}.{cents:02d}"
    return f"PT{hours}H{minutes}M{secs}.{cents:02d}S"


def session_seconds(version: str, state: Mapping[str, str]) -> Decimal:
    return seconds_of(state.get(SESSION[version][1], ""))


def exit_of(version: str, state: Mapping[str, str]) -> str:
    return state.get(SESSION[version][0], "")


# --- outcome -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    completion_status: str  # "completed" | "incomplete" | "not attempted" | "unknown"
    success_status: str  # "passed" | "failed" | "unknown"
    score_scaled: Decimal | None


_SEVEN = Decimal("0.0000001")


def _decimal(value: str | None) -> Decimal | None:
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _scaled(raw: Decimal, low: Decimal | None, high: Decimal | None) -> Decimal:
    low = Decimal(0) if low is None else low
    high = Decimal(100) if high is None or high <= low else high
    scaled = min(max((raw - low) / (high - low), MINUS_ONE), ONE)
    return scaled.quantize(_SEVEN, rounding=ROUND_HALF_EVEN)


def _outcome_12(state: Mapping[str, str]) -> Outcome:
    status = state.get("cmi.core.lesson_status", "") or "not attempted"
    raw = _decimal(state.get("cmi.core.score.raw"))
    mastery = _decimal(state.get("cmi.student_data.mastery_score"))
    credit = state.get("cmi.core.credit") == "credit"
    success = status if status in ("passed", "failed") else "unknown"
    if credit and mastery is not None and raw is not None and success == "unknown":
        # SCORM 1.2 RTE 3.4.4: with credit, the LMS judges the score against the mastery score.
        success = "passed" if raw >= mastery else "failed"
    if status in ("completed", "passed"):
        completion = "completed"
    elif status == "not attempted":
        completion = "not attempted"
    else:
        completion = "incomplete"
    low = _decimal(state.get("cmi.core.score.min"))
    high = _decimal(state.get("cmi.core.score.max"))
    score = _scaled(raw, low, high) if raw is not None else None
    return Outcome(completion, success, score)


def _outcome_2004(state: Mapping[str, str]) -> Outcome:
    completion = state.get("cmi.completion_status", "") or "unknown"
    threshold = _decimal(state.get("cmi.completion_threshold"))
    progress = _decimal(state.get("cmi.progress_measure"))
    if threshold is not None and progress is not None:
        # RTE 4.2.4.1: the LMS compares progress with the threshold.
        completion = "completed" if progress >= threshold else "incomplete"
    success = state.get("cmi.success_status", "") or "unknown"
    passing = _decimal(state.get("cmi.scaled_passing_score"))
    score = _decimal(state.get("cmi.score.scaled"))
    if passing is not None:
        # RTE 4.2.22: with a scaled passing score the LMS decides; no score, no decision.
        success = "unknown" if score is None else ("passed" if score >= passing else "failed")
    return Outcome(completion, success, score.quantize(_SEVEN) if score is not None else None)


def outcome(version: str, state: Mapping[str, str]) -> Outcome:
    """Completion, success and scaled score of an attempt's state, as the LMS evaluates them."""
    return _outcome_12(state) if version == V12 else _outcome_2004(state)


def lesson_done(rule: str, result: Outcome) -> bool:
    """Whether ``result`` completes a SCORM lesson under the trainer's ``rule``: "completed"
    (the content reported completion: 1.2 completed or passed, 2004 completed) or "passed"."""
    if rule == "passed":
        return result.success_status == "passed"
    return result.completion_status == "completed"
