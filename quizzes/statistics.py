"""Quiz statistics for trainers: how a quiz went, which questions officers fail, and how much a
course taught (knowledge gain from its pre-test to its post-test).

Pure functions: plain data in, frozen results out; no Django, no ORM, no clock (an import-linter
contract says so). ``quizzes.reports`` reads the records and feeds these functions. The same
records give the same figures whatever order they arrived in: every ranking and every "first"
or "latest" is decided by an attempt's start time, then its id.

Numbers: every share, mean and difference is an exact ``fractions.Fraction``. Shares
(``pass_rate``, ``facility``, ``mean_share``, an option's ``share``) are in 0..1; grades
(``percent``, ``mean_percent``, knowledge gain) are in percent, 0..100 (a gain in -100..100);
the discrimination index is in -1..1. Nothing is rounded until it is shown: the ``*_text``
properties and ``fixed()`` round half up, for templates and CSV files only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from html.parser import HTMLParser

from .qtypes import qtype

DISCRIMINATION_MIN_ATTEMPTS = 4
DISCRIMINATION_GROUP_SHARE = Fraction(27, 100)
EMPTY_RESPONSES: tuple[object, ...] = (None, "", [], {})


# --- Display (the only rounding) ------------------------------------------------------------


def fixed(value: Fraction | Decimal | int | None, places: int = 1) -> str:
    """``value`` with ``places`` decimals, rounded half up ("" for None). Display only."""
    if value is None:
        return ""
    value = Fraction(value)
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent_of(share: Fraction | None, places: int = 1) -> str:
    """A share (0..1) as a percent figure without the sign, e.g. ``Fraction(2, 3)`` → "66.7"."""
    return fixed(None if share is None else share * 100, places)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"br", "p", "div", "li", "h2", "h3", "h4", "h5", "h6"}:
            self.parts.append(" ")


def plain_text(markup: str) -> str:
    """The text of an HTML fragment (a question's stem), tags stripped, spaces collapsed."""
    parser = _TextOnly()
    parser.feed(markup or "")
    parser.close()
    return re.sub(r"\s+", " ", html.unescape("".join(parser.parts))).strip()


def spreadsheet_safe(text: str) -> str:
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def _share(count: int, total: int) -> Fraction | None:
    return Fraction(count, total) if total else None


# --- Input: graded attempts -----------------------------------------------------------------


@dataclass(frozen=True)
class OptionText:
    """A choice as the officer saw it (true/false questions have "true" and "false")."""

    id: str
    text: str
    correct: bool = False


@dataclass(frozen=True)
class QuestionOutcome:
    """One question as drawn and graded in one attempt."""

    question_id: str
    type: str
    points: int
    score: Fraction  # points earned, 0..points
    response: object = None  # as stored in the submission; None when not answered
    stem: str = ""  # HTML, as shown in this attempt
    options: tuple[OptionText, ...] = ()  # choice questions only, in the key's order
    answered: bool | None = None  # as graded; None: judged from ``response``

    @property
    def full_marks(self) -> bool:
        return self.score >= self.points

    @property
    def was_answered(self) -> bool:
        if self.answered is not None:
            return self.answered
        return self.response not in EMPTY_RESPONSES

    def chosen(self) -> frozenset[str]:
        """The option ids chosen ("true"/"false" for a true or false question)."""
        rules = qtype(self.type)
        if not self.was_answered or not rules.counts_choices or self.response is None:
            return frozenset()
        return rules.counted(self.response)


@dataclass(frozen=True)
class GradedAttempt:
    """A graded attempt (one submission): its grade and, for question statistics, its
    questions. ``percent`` is the attempt's grade, 0..100."""

    attempt_id: str
    learner_id: object
    started_at: datetime
    percent: Fraction
    passed: bool
    questions: tuple[QuestionOutcome, ...] = ()

    @property
    def order(self) -> tuple[datetime, str]:
        """Chronological order, the same on every node: start time, then attempt id."""
        return (self.started_at, self.attempt_id)


# --- Per quiz ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizSummary:
    attempts: int  # graded attempts
    officers: int  # distinct officers with a graded attempt
    mean_percent: Fraction | None  # mean of the attempts' grades, 0..100
    pass_rate: Fraction | None  # share of attempts that passed, 0..1

    @property
    def mean_percent_text(self) -> str:
        return fixed(self.mean_percent)

    @property
    def pass_rate_text(self) -> str:
        return percent_of(self.pass_rate)


def quiz_summary(attempts: Iterable[GradedAttempt]) -> QuizSummary:
    """Attempts, officers, mean grade and pass rate over every graded attempt (not per officer:
    an officer who took the quiz three times counts three times)."""
    attempts = list(attempts)
    return QuizSummary(
        attempts=len(attempts),
        officers=len({a.learner_id for a in attempts}),
        mean_percent=_mean([a.percent for a in attempts]),
        pass_rate=_share(sum(1 for a in attempts if a.passed), len(attempts)),
    )


def quiz_summary_of_totals(
    *, attempts: int, officers: int, percent_total: Fraction | Decimal | int, passed: int
) -> QuizSummary:
    """``quiz_summary`` from totals the database counted: graded attempts, distinct officers,
    the sum of the attempts' grades (percent) and how many passed. The same figures."""
    return QuizSummary(
        attempts=attempts,
        officers=officers,
        mean_percent=Fraction(percent_total) / attempts if attempts else None,
        pass_rate=_share(passed, attempts),
    )


# --- Per question ------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionCount:
    id: str
    text: str
    correct: bool
    count: int  # attempts that chose it
    share: Fraction  # count / times the question was drawn

    @property
    def share_text(self) -> str:
        return percent_of(self.share)


@dataclass(frozen=True)
class QuestionStats:
    question_id: str
    type: str
    points: int
    stem: str  # HTML, from the latest attempt that drew it
    drawn: int  # graded attempts that drew it
    answered: int
    mean_share: Fraction  # mean score as a share of its points, 0..1
    facility: Fraction  # share of attempts with full marks on it, 0..1
    discrimination: Fraction | None  # upper minus lower 27% facility, -1..1; None if < 4 draws
    options: tuple[OptionCount, ...] = ()  # choice questions: how often each was chosen

    @property
    def is_choice(self) -> bool:
        return qtype(self.type).counts_choices

    @property
    def unanswered(self) -> int:
        return self.drawn - self.answered

    @property
    def stem_text(self) -> str:
        return plain_text(self.stem)

    @property
    def facility_text(self) -> str:
        return percent_of(self.facility)

    @property
    def mean_text(self) -> str:
        return percent_of(self.mean_share)

    @property
    def discrimination_text(self) -> str:
        return fixed(self.discrimination, 2)


def group_size(attempts: int) -> int:
    """How many attempts make the upper (and the lower) group: 27% of them, rounded half up
    (4 attempts: 1; 10: 3; 100: 27)."""
    exact = DISCRIMINATION_GROUP_SHARE * attempts + Fraction(1, 2)
    return exact.numerator // exact.denominator


def discrimination_index(ranked: Sequence[tuple[Fraction, bool]]) -> Fraction | None:
    """The upper-lower 27% discrimination index of one question.

    ``ranked``: for each graded attempt that drew the question, (the attempt's grade in percent,
    whether it scored full marks on the question), in chronological order. Attempts are ranked
    by grade, highest first; equal grades keep their order (earlier ranks higher), so a tie at a
    group's edge is broken the same way every time. With n attempts the groups are the top and
    bottom ``group_size(n)``; D = facility in the upper group - facility in the lower group.
    Fewer than 4 attempts: None (too few to say anything).
    """
    n = len(ranked)
    if n < DISCRIMINATION_MIN_ATTEMPTS:
        return None
    ordered = sorted(ranked, key=lambda pair: pair[0], reverse=True)  # stable
    k = group_size(n)
    upper = sum(1 for _grade, full in ordered[:k] if full)
    lower = sum(1 for _grade, full in ordered[-k:] if full)
    return Fraction(upper - lower, k)


def question_statistics(attempts: Iterable[GradedAttempt]) -> tuple[QuestionStats, ...]:
    """Per question (by its stable id), over the graded attempts that drew it: times drawn,
    mean score as a share of its points, facility (share of those attempts with full marks),
    discrimination (``discrimination_index``) and, for choice questions, how often each option
    was chosen (an attempt counts once per option; unanswered attempts choose none).

    A question's stem, points and option texts are those of the latest attempt that drew it;
    options seen only in older attempts follow, with their latest text. Questions come in the
    latest attempt's order, then those only older attempts drew (latest first).
    """
    chronological = sorted(attempts, key=lambda a: a.order)
    outcomes: dict[str, list[tuple[GradedAttempt, QuestionOutcome]]] = {}
    for attempt in chronological:
        for outcome in attempt.questions:
            outcomes.setdefault(outcome.question_id, []).append((attempt, outcome))
    listing: list[str] = []
    for attempt in reversed(chronological):
        for outcome in attempt.questions:
            if outcome.question_id not in listing:
                listing.append(outcome.question_id)
    return tuple(_question(outcomes[qid]) for qid in listing)


def _question(drawn: list[tuple[GradedAttempt, QuestionOutcome]]) -> QuestionStats:
    latest = drawn[-1][1]
    n = len(drawn)
    options: tuple[OptionCount, ...] = ()
    if qtype(latest.type).counts_choices:
        texts: dict[str, OptionText] = {}
        for _attempt, outcome in reversed(drawn):
            for option in outcome.options:
                texts.setdefault(option.id, option)
        counts = dict.fromkeys(texts, 0)
        for _attempt, outcome in drawn:
            for option_id in outcome.chosen():
                if option_id in counts:
                    counts[option_id] += 1
        options = tuple(
            OptionCount(
                id=o.id,
                text=o.text,
                correct=o.correct,
                count=counts[o.id],
                share=Fraction(counts[o.id], n),
            )
            for o in texts.values()
        )
    return QuestionStats(
        question_id=latest.question_id,
        type=latest.type,
        points=latest.points,
        stem=latest.stem,
        drawn=n,
        answered=sum(1 for _a, o in drawn if o.was_answered),
        mean_share=sum((o.score / o.points for _a, o in drawn), Fraction(0)) / n,
        facility=Fraction(sum(1 for _a, o in drawn if o.full_marks), n),
        discrimination=discrimination_index([(a.percent, o.full_marks) for a, o in drawn]),
        options=options,
    )


def most_failed(
    questions: Iterable[QuestionStats], limit: int | None = None
) -> tuple[QuestionStats, ...]:
    """Questions by facility, lowest first (then lowest mean score, most drawn, id)."""
    ordered = sorted(questions, key=lambda q: (q.facility, q.mean_share, -q.drawn, q.question_id))
    return tuple(ordered if limit is None else ordered[:limit])


def question_csv_row(number: int, q: QuestionStats) -> tuple[str, ...]:
    """One row of the per-question CSV, plain text: number, question id, question, type, points,
    times drawn, answered, facility (%), discrimination, mean score (%), options chosen."""
    options = "; ".join(f"{o.text}: {o.count}" for o in q.options)
    return (
        str(number),
        q.question_id,
        spreadsheet_safe(q.stem_text),
        q.type,
        str(q.points),
        str(q.drawn),
        str(q.answered),
        q.facility_text,
        q.discrimination_text,
        q.mean_text,
        spreadsheet_safe(options),
    )


# --- Knowledge gain ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A post, an agency or a country: a key to group by and a label to show."""

    key: str
    label: str


@dataclass(frozen=True)
class Officer:
    id: object
    name: str
    username: str = ""
    post: Unit | None = None
    agency: Unit | None = None
    country: Unit | None = None


@dataclass(frozen=True)
class OfficerGain:
    officer: Officer
    pre: Fraction | None  # first graded pre-test attempt, percent
    post: Fraction | None  # best graded post-test attempt, percent
    gain: Fraction | None  # post - pre, percentage points; None unless both

    @property
    def pre_text(self) -> str:
        return fixed(self.pre)

    @property
    def post_text(self) -> str:
        return fixed(self.post)

    @property
    def gain_text(self) -> str:
        return fixed(self.gain)


@dataclass(frozen=True)
class GainGroup:
    unit: Unit | None  # None: officers without a post (agency, country); or the overall row
    officers: int  # officers with both a pre-test and a post-test grade
    mean_pre: Fraction | None
    mean_post: Fraction | None
    mean_gain: Fraction | None

    @property
    def mean_pre_text(self) -> str:
        return fixed(self.mean_pre)

    @property
    def mean_post_text(self) -> str:
        return fixed(self.mean_post)

    @property
    def mean_gain_text(self) -> str:
        return fixed(self.mean_gain)


@dataclass(frozen=True)
class KnowledgeGain:
    officers: tuple[OfficerGain, ...]  # everyone with a pre- or post-test grade, by name
    overall: GainGroup
    by_post: tuple[GainGroup, ...]
    by_agency: tuple[GainGroup, ...]
    by_country: tuple[GainGroup, ...]


def _group(rows: list[OfficerGain], unit: Unit | None) -> GainGroup:
    both = [r for r in rows if r.gain is not None]  # a gain needs both grades
    return GainGroup(
        unit=unit,
        officers=len(both),
        mean_pre=_mean([r.pre for r in both if r.pre is not None]),
        mean_post=_mean([r.post for r in both if r.post is not None]),
        mean_gain=_mean([r.gain for r in both if r.gain is not None]),
    )


def gain_of_sums(*, officers: int, pre_total: Fraction, post_total: Fraction) -> GainGroup:
    """``knowledge_gain``'s overall row from sums over the officers with both grades (their
    first pre-test grades, their best post-test grades): the means, and mean gain = mean post -
    mean pre, as a mean of each officer's gain is. No officer: no mean."""
    if not officers:
        return GainGroup(unit=None, officers=0, mean_pre=None, mean_post=None, mean_gain=None)
    mean_pre, mean_post = pre_total / officers, post_total / officers
    return GainGroup(
        unit=None,
        officers=officers,
        mean_pre=mean_pre,
        mean_post=mean_post,
        mean_gain=mean_post - mean_pre,
    )


def _label(unit: Unit | None) -> str:
    return unit.label if unit else ""


def _groups(
    rows: list[OfficerGain], unit_of: Callable[[Officer], Unit | None]
) -> tuple[GainGroup, ...]:
    grouped: dict[str | None, list[OfficerGain]] = {}
    units: dict[str | None, Unit | None] = {}
    for row in rows:
        if row.gain is None:
            continue
        unit = unit_of(row.officer)
        key = unit.key if unit else None
        grouped.setdefault(key, []).append(row)
        units.setdefault(key, unit)
    ordered = sorted(grouped, key=lambda k: (k is None, _label(units[k]), k or ""))
    return tuple(_group(grouped[k], units[k]) for k in ordered)


def knowledge_gain(
    *,
    officers: Iterable[Officer],
    pre: Iterable[GradedAttempt],
    post: Iterable[GradedAttempt],
) -> KnowledgeGain:
    """Knowledge gain from a course's pre-test to its post-test, per officer and on average.

    Rule: an officer's pre-test grade is their **first** graded pre-test attempt (by start
    time, then attempt id: what they knew before the course; retaking the pre-test does not
    count), and their post-test grade is their **best** graded post-test attempt (what they
    showed they learned, like the default "highest attempt" grading). Gain = post - pre, in
    percentage points. Officers with only one of the two are listed with no gain and left out
    of every average. Averages (overall, by post, by agency, by country) are means over the
    officers with both, so mean gain = mean post - mean pre; officers with no post/agency/
    country form a group of their own (``unit`` None), listed last. ``officers`` describes the
    officers (by ``learner_id``); an attempt by an officer not described is ignored.
    """
    people = {o.id: o for o in officers}
    first_pre: dict[object, GradedAttempt] = {}
    for attempt in sorted(pre, key=lambda a: a.order):
        first_pre.setdefault(attempt.learner_id, attempt)
    best_post: dict[object, Fraction] = {}
    for attempt in post:
        current = best_post.get(attempt.learner_id)
        if current is None or attempt.percent > current:
            best_post[attempt.learner_id] = attempt.percent
    rows = []
    for officer_id in set(first_pre) | set(best_post):
        if officer_id not in people:
            continue
        pre_grade = first_pre[officer_id].percent if officer_id in first_pre else None
        post_grade = best_post.get(officer_id)
        gain = post_grade - pre_grade if pre_grade is not None and post_grade is not None else None
        rows.append(OfficerGain(people[officer_id], pre_grade, post_grade, gain))
    rows.sort(key=lambda r: (r.officer.name.casefold(), r.officer.username, str(r.officer.id)))
    return KnowledgeGain(
        officers=tuple(rows),
        overall=_group(rows, None),
        by_post=_groups(rows, lambda o: o.post),
        by_agency=_groups(rows, lambda o: o.agency),
        by_country=_groups(rows, lambda o: o.country),
    )


def gain_csv_row(row: OfficerGain) -> tuple[str, ...]:
    """One row of the per-officer knowledge-gain CSV: officer, username, post, agency, country,
    pre-test (%), post-test (%), gain (percentage points)."""
    officer = row.officer
    return (
        spreadsheet_safe(officer.name),
        spreadsheet_safe(officer.username),
        spreadsheet_safe(officer.post.label if officer.post else ""),
        spreadsheet_safe(officer.agency.label if officer.agency else ""),
        spreadsheet_safe(officer.country.label if officer.country else ""),
        row.pre_text,
        row.post_text,
        row.gain_text,
    )
