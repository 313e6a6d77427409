"""The SCORM run-time data models, 1.2 and 2004, as tables: every element a commit may carry,
who may write it (read-only, read-write, write-only) and the type or vocabulary of its value,
with the error codes the standards give each problem (SCORM 1.2 RTE 3.3.3, SCORM 2004 RTE
3.1.7 and 4.2). Pure, no Django; ``cmi`` checks commits against them (ADR 0027).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from enum import Enum

V12 = "1.2"
V2004 = "2004"
MAX_DEPTH = 10  # nesting of a commit; the deepest element has 6 levels


def family(scorm_version: str) -> str:
    """The data model family of a SCORM version ("1.2", "2004 3rd", ...): "1.2" or "2004"."""
    return V12 if scorm_version.startswith("1.2") else V2004


class Problem(Enum):
    UNDEFINED = "not an element of the data model"
    READ_ONLY = "read-only element changed"
    TYPE = "value of the wrong type"
    RANGE = "value out of range"
    ORDER = "array filled out of order"
    DEPENDENCY = "set before the element it depends on"
    GENERAL = "not a SCORM commit"
    STALE = "stale commit"


# The code the standard gives each problem: SCORM 1.2 RTE 3.3.3 and SCORM 2004 RTE 3.1.7.
CODES: dict[str, dict[Problem, int]] = {
    V12: {
        Problem.UNDEFINED: 201,
        Problem.READ_ONLY: 403,
        Problem.TYPE: 405,
        Problem.RANGE: 405,  # 1.2 has no "out of range": a value outside it is the wrong type
        Problem.ORDER: 201,
        Problem.DEPENDENCY: 201,
        Problem.GENERAL: 101,
        Problem.STALE: 101,
    },
    V2004: {
        Problem.UNDEFINED: 401,
        Problem.READ_ONLY: 404,
        Problem.TYPE: 406,
        Problem.RANGE: 407,
        Problem.ORDER: 351,
        Problem.DEPENDENCY: 408,
        Problem.GENERAL: 101,
        Problem.STALE: 391,
    },
}


class Refused(Exception):
    def __init__(self, problem: Problem, element: str = "") -> None:
        super().__init__(f"{element}: {problem.value}" if element else problem.value)
        self.problem = problem
        self.element = element


# --- value types -------------------------------------------------------------------------------

Check = Callable[[str], Problem | None]
DECIMAL = re.compile(r"-?(\d{1,10}(\.\d{0,18})?|\.\d{1,18})")
TIMESPAN = re.compile(r"(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?")
_TIME_12 = re.compile(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?")
DURATION = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?"
)
_TIMESTAMP = re.compile(
    r"\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,7})?)?)?)?)?)?(Z|[+-]\d{2}(:\d{2})?)?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NAV = re.compile(
    r"(\{target=[^{}]{1,4000}\})?(continue|previous|choice|jump|exit|exitAll|abandon|"
    r"abandonAll|suspendAll|_none_)"
)


def text(limit: int) -> Check:
    def check(value: str) -> Problem | None:
        return Problem.TYPE if len(value) > limit else None

    return check


def identifier(limit: int) -> Check:
    def check(value: str) -> Problem | None:
        return Problem.TYPE if len(value) > limit or _CONTROL.search(value) else None

    return check


def vocabulary(*words: str) -> Check:
    allowed = frozenset(words)

    def check(value: str) -> Problem | None:
        return None if value in allowed else Problem.TYPE

    return check


def number(low: Decimal | None = None, high: Decimal | None = None, blank: bool = False) -> Check:
    def check(value: str) -> Problem | None:
        if value == "" and blank:
            return None
        if not DECIMAL.fullmatch(value):
            return Problem.TYPE
        amount = Decimal(value)
        if (low is not None and amount < low) or (high is not None and amount > high):
            return Problem.RANGE
        return None

    return check


def integer(low: int, high: int) -> Check:
    def check(value: str) -> Problem | None:
        if not re.fullmatch(r"-?\d{1,6}", value):
            return Problem.TYPE
        return None if low <= int(value) <= high else Problem.RANGE

    return check


def pattern(regex: re.Pattern[str], blank: bool = False) -> Check:
    def check(value: str) -> Problem | None:
        if value == "" and blank:
            return None
        return None if regex.fullmatch(value) else Problem.TYPE

    return check


def duration(value: str) -> Problem | None:
    """An ISO 8601 duration (SCORM 2004 timeinterval): "P" and at least one part."""
    if not DURATION.fullmatch(value) or value in ("P", "PT") or value.endswith("T"):
        return Problem.TYPE
    return None


def either(*checks: Check) -> Check:
    def check(value: str) -> Problem | None:
        problems = [c(value) for c in checks]
        return None if None in problems else problems[0]

    return check


# --- the data models ---------------------------------------------------------------------------

R, RW, W = "r", "rw", "w"
_STATUS_12 = vocabulary("passed", "completed", "failed", "incomplete", "browsed", "not attempted")
_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
_SCORE_12 = number(Decimal(0), Decimal(100), blank=True)
ZERO, ONE, MINUS_ONE = Decimal(0), Decimal(1), Decimal(-1)

MODEL_12: dict[str, tuple[str, Check]] = {
    "cmi.core.student_id": (R, identifier(255)),
    "cmi.core.student_name": (R, text(255)),
    "cmi.core.lesson_location": (RW, text(255)),
    "cmi.core.credit": (R, vocabulary("credit", "no-credit")),
    "cmi.core.lesson_status": (RW, _STATUS_12),
    "cmi.core.entry": (R, vocabulary("ab-initio", "resume", "")),
    "cmi.core.score.raw": (RW, _SCORE_12),
    "cmi.core.score.min": (RW, _SCORE_12),
    "cmi.core.score.max": (RW, _SCORE_12),
    "cmi.core.total_time": (R, pattern(TIMESPAN)),
    "cmi.core.lesson_mode": (R, vocabulary("browse", "normal", "review")),
    "cmi.core.exit": (W, vocabulary("time-out", "suspend", "logout", "")),
    "cmi.core.session_time": (W, pattern(TIMESPAN, blank=True)),
    "cmi.suspend_data": (RW, text(4096)),
    "cmi.launch_data": (R, text(4096)),
    "cmi.comments": (RW, text(4096)),
    "cmi.comments_from_lms": (R, text(4096)),
    "cmi.objectives.n.id": (RW, identifier(255)),
    "cmi.objectives.n.score.raw": (RW, _SCORE_12),
    "cmi.objectives.n.score.min": (RW, _SCORE_12),
    "cmi.objectives.n.score.max": (RW, _SCORE_12),
    "cmi.objectives.n.status": (RW, _STATUS_12),
    "cmi.student_data.mastery_score": (R, _SCORE_12),
    "cmi.student_data.max_time_allowed": (R, pattern(TIMESPAN, blank=True)),
    "cmi.student_data.time_limit_action": (R, vocabulary("", *_LIMIT_ACTIONS)),
    "cmi.student_preference.audio": (RW, either(vocabulary(""), integer(-1, 100))),
    "cmi.student_preference.language": (RW, text(255)),
    "cmi.student_preference.speed": (RW, either(vocabulary(""), integer(-100, 100))),
    "cmi.student_preference.text": (RW, either(vocabulary(""), integer(-1, 1))),
    "cmi.interactions.n.id": (W, identifier(255)),
    "cmi.interactions.n.objectives.n.id": (W, identifier(255)),
    "cmi.interactions.n.time": (W, pattern(_TIME_12, blank=True)),
    "cmi.interactions.n.type": (
        W,
        vocabulary(
            "", "true-false", "choice", "fill-in", "matching", "performance", "sequencing",
            "likert", "numeric",
        ),
    ),
    "cmi.interactions.n.correct_responses.n.pattern": (W, text(255)),
    "cmi.interactions.n.weighting": (W, number(blank=True)),
    "cmi.interactions.n.student_response": (W, text(255)),
    "cmi.interactions.n.result": (
        W,
        either(vocabulary("", "correct", "wrong", "unanticipated", "neutral"), number()),
    ),
    "cmi.interactions.n.latency": (W, pattern(TIMESPAN, blank=True)),
}  # fmt: skip

_COMPLETION = vocabulary("completed", "incomplete", "not attempted", "unknown")
_SUCCESS = vocabulary("passed", "failed", "unknown")
_REAL = number(blank=True)
_SCALED = number(MINUS_ONE, ONE, blank=True)
_UNIT = number(ZERO, ONE, blank=True)
_TIMESTAMP_CHECK = pattern(_TIMESTAMP, blank=True)
DURATION_CHECK = either(vocabulary(""), duration)

MODEL_2004: dict[str, tuple[str, Check]] = {
    "cmi.comments_from_learner.n.comment": (RW, text(4000)),
    "cmi.comments_from_learner.n.location": (RW, text(250)),
    "cmi.comments_from_learner.n.timestamp": (RW, _TIMESTAMP_CHECK),
    "cmi.comments_from_lms.n.comment": (R, text(4000)),
    "cmi.comments_from_lms.n.location": (R, text(250)),
    "cmi.comments_from_lms.n.timestamp": (R, _TIMESTAMP_CHECK),
    "cmi.completion_status": (RW, _COMPLETION),
    "cmi.completion_threshold": (R, _UNIT),
    "cmi.credit": (R, vocabulary("credit", "no-credit")),
    "cmi.entry": (R, vocabulary("ab-initio", "resume", "")),
    "cmi.exit": (W, vocabulary("time-out", "suspend", "logout", "normal", "")),
    "cmi.interactions.n.id": (RW, identifier(4000)),
    "cmi.interactions.n.type": (
        RW,
        vocabulary(
            "", "true-false", "choice", "fill-in", "long-fill-in", "likert", "matching",
            "performance", "sequencing", "numeric", "other",
        ),
    ),
    "cmi.interactions.n.objectives.n.id": (RW, identifier(4000)),
    "cmi.interactions.n.timestamp": (RW, _TIMESTAMP_CHECK),
    "cmi.interactions.n.correct_responses.n.pattern": (RW, text(8000)),
    "cmi.interactions.n.weighting": (RW, _REAL),
    "cmi.interactions.n.learner_response": (RW, text(8000)),
    "cmi.interactions.n.result": (
        RW,
        either(vocabulary("", "correct", "incorrect", "unanticipated", "neutral"), number()),
    ),
    "cmi.interactions.n.latency": (RW, DURATION_CHECK),
    "cmi.interactions.n.description": (RW, text(250)),
    "cmi.launch_data": (R, text(4000)),
    "cmi.learner_id": (R, identifier(4000)),
    "cmi.learner_name": (R, text(250)),
    "cmi.learner_preference.audio_level": (RW, number(ZERO, blank=True)),
    "cmi.learner_preference.language": (RW, text(250)),
    "cmi.learner_preference.delivery_speed": (RW, number(ZERO, blank=True)),
    "cmi.learner_preference.audio_captioning": (RW, vocabulary("", "-1", "0", "1")),
    "cmi.location": (RW, text(1000)),
    "cmi.max_time_allowed": (R, DURATION_CHECK),
    "cmi.mode": (R, vocabulary("browse", "normal", "review")),
    "cmi.objectives.n.id": (RW, identifier(4000)),
    "cmi.objectives.n.score.scaled": (RW, _SCALED),
    "cmi.objectives.n.score.raw": (RW, _REAL),
    "cmi.objectives.n.score.min": (RW, _REAL),
    "cmi.objectives.n.score.max": (RW, _REAL),
    "cmi.objectives.n.success_status": (RW, _SUCCESS),
    "cmi.objectives.n.completion_status": (RW, _COMPLETION),
    "cmi.objectives.n.progress_measure": (RW, _UNIT),
    "cmi.objectives.n.description": (RW, text(250)),
    "cmi.progress_measure": (RW, _UNIT),
    "cmi.scaled_passing_score": (R, _SCALED),
    "cmi.score.scaled": (RW, _SCALED),
    "cmi.score.raw": (RW, _REAL),
    "cmi.score.min": (RW, _REAL),
    "cmi.score.max": (RW, _REAL),
    "cmi.session_time": (W, DURATION_CHECK),
    "cmi.success_status": (RW, _SUCCESS),
    "cmi.suspend_data": (RW, text(64000)),
    "cmi.time_limit_action": (R, vocabulary("", *_LIMIT_ACTIONS)),
    "cmi.total_time": (R, DURATION_CHECK),
}  # fmt: skip

MODELS = {V12: MODEL_12, V2004: MODEL_2004}
# Read-only elements a commit may carry with a value of its own, which the server ignores:
# scorm-again sends its own sum as total_time on the last commit; the server adds it up itself.
COMPUTED = frozenset({"cmi.core.total_time", "cmi.total_time"})
# Keywords scorm-again may render; never stored (the server derives them).
KEYWORDS = frozenset({"_children", "_count", "_version"})
# Session elements: written by a session, never seeded into the next one.
SESSION = {V12: ("cmi.core.exit", "cmi.core.session_time"), V2004: ("cmi.exit", "cmi.session_time")}
_ARRAYS = ("objectives", "interactions", "correct_responses", "comments_from_learner")
