"""What importing an officers' spreadsheet would do, row by row: pure rules, no ORM.

:func:`check_rows` takes the sheet's rows (``rosters.sheets``) and :class:`Known` (what exists
and what the importer may touch, read by ``rosters.selectors``) and returns, for every row,
the action (a new officer, an update, unchanged) and every problem at its column. A problem is
an error (the file cannot be imported until it is fixed) or a warning (shown, not blocking).
Messages are English templates marked for translation (``MESSAGES``); the page and the command
translate them into the reader's language.

Rules, decided here:
- The service number is the key, within the post's country (the database's unique constraint).
  A row whose officer exists is an update of that officer; its blank optional cells leave the
  officer's value as it is (a spreadsheet cannot clear a field by leaving it out).
- The same name (Latin letters, case aside) as an existing officer of the same country with
  another service number is a warning, not an error: namesakes are common, and blocking them
  would stop a genuine import; the coordinator sees who it might be.
- A name in the wrong field is an error: letters that are not Latin in the Latin column, or
  Latin letters in the own-script column where the country writes in another script.
- A cohort cell names a cohort in the importer's scope (case and spacing aside), or a new one
  the import creates; the officer joins it (an existing officer already in it: nothing to do).
- There is no date column; a "date that is not a date" has nothing to apply to yet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from .sheets import SheetRow, gettext_noop

# The script officers of a country write their own names in, where it is not Latin.
COUNTRY_SCRIPTS = {"TH": "THAI", "KH": "KHMER", "LA": "LAO", "MM": "MYANMAR"}
MAX_LENGTHS = {
    "full_name_native": 200,
    "full_name_latin": 200,
    "service_number": 40,
    "rank": 80,
    "email": 254,
    "cohort": 200,
}
PROFILE_FIELDS = (
    "full_name_native",
    "full_name_latin",
    "agency",
    "rank",
    "post",
    "language",
    "email",
)
_USERNAME_UNSAFE = re.compile(r"[^a-z0-9.@+_-]+")
# An address reminders can be sent to: one "@", a dot in the domain, no space (what a
# spreadsheet cell gets wrong: two addresses in one cell, a name, a missing domain).
_EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+")

MESSAGES: dict[str, str] = {
    "required": gettext_noop("This cell is empty; it is required."),
    "too_long": gettext_noop("Longer than %(limit)s characters."),
    "formula": gettext_noop("A formula: type the value itself (formulas are not calculated)."),
    "duplicate_in_file": gettext_noop(
        "Service number %(number)s is also on line %(line)s of this file."
    ),
    "post_unknown": gettext_noop("No border post has the code “%(value)s”."),
    "post_outside_scope": gettext_noop("Border post %(value)s is outside your scope."),
    "country_unknown": gettext_noop("Unknown country “%(value)s”: use a code such as TH or KH."),
    "country_mismatch": gettext_noop("Border post %(post)s is in %(country)s, not in %(value)s."),
    "officer_outside_scope": gettext_noop(
        "Service number %(number)s belongs to an officer outside your scope (%(name)s)."
    ),
    "not_a_learner": gettext_noop(
        "Service number %(number)s belongs to a staff account (%(name)s), not an officer "
        "learning here."
    ),
    "namesake": gettext_noop(
        "An officer with this name already exists with service number %(numbers)s: check it "
        "is not the same person."
    ),
    "latin_not_latin": gettext_noop(
        "This name has letters that are not Latin (%(letters)s): put it in the own-script "
        "column and its Latin spelling here."
    ),
    "native_is_latin": gettext_noop(
        "This name is in Latin letters, but officers in %(country)s write their names in "
        "%(script)s: put the own-script name here."
    ),
    "agency_unknown": gettext_noop("No agency of this country is called “%(value)s”."),
    "language_unknown": gettext_noop("Unknown language “%(value)s”: use one of %(choices)s."),
    "course_unknown": gettext_noop("No published course has the code %(value)s."),
    "email_invalid": gettext_noop(
        "“%(value)s” is not an e-mail address: write one address such as name@example.org."
    ),
    "username_taken": gettext_noop(
        "The user name %(username)s this officer would get is already someone else's."
    ),
}


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Existing:
    """An officer a service number finds: the profile fields as the importer compares them
    (agency by name, post by code), whether the importer may touch them, and the course codes
    they are enrolled in."""

    uuid: str
    username: str
    name: str
    values: Mapping[str, str]
    in_scope: bool
    is_learner: bool
    courses: frozenset[str] = frozenset()
    cohorts: frozenset[str] = frozenset()  # folded names of the cohorts they are in


@dataclass(frozen=True)
class Known:
    """What the rules need to know of the database, read by ``rosters.selectors``."""

    posts: Mapping[str, str]  # post code (lower case) -> country
    scope_posts: frozenset[str]  # codes (lower case) of the posts the importer may import into
    countries: Mapping[str, str]  # folded code or name -> code
    country_names: Mapping[str, str]  # code -> name, for messages
    agencies: Mapping[tuple[str, str], str]  # (country, folded name or short name) -> name
    languages: Mapping[str, str]  # folded code or name -> code
    courses: frozenset[str]  # upper-case codes of live courses
    officers: Mapping[tuple[str, str], Existing]  # (country, service number)
    names: Mapping[tuple[str, str], tuple[str, ...]]  # (country, folded Latin name) -> numbers
    usernames: frozenset[str] = frozenset()  # taken user names among the new rows'
    cohorts: frozenset[str] = frozenset()  # folded names of the cohorts in the importer's scope


@dataclass(frozen=True)
class Problem:
    column: str
    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    warning: bool = False

    @property
    def template(self) -> str:
        return MESSAGES[self.code]


@dataclass(frozen=True)
class RowCheck:
    line: int
    values: Mapping[str, str]  # as the file has them (cleaned), by column
    action: Action
    problems: tuple[Problem, ...]
    username: str = ""  # the officer's (existing) or the one a new officer gets
    officer_uuid: str = ""  # the existing officer's
    changes: tuple[str, ...] = ()  # columns whose value an update changes
    courses: tuple[str, ...] = ()  # course codes to enrol in that the officer is not in yet
    country: str = ""
    cohort: str = ""  # the cohort the officer joins ("" for none, or already a member)
    cohort_new: bool = False  # a cohort the import creates
    # The profile as the rules read it: agency by its name here, language by its code, post
    # code in lower case ("" where the cell is blank or unknown).
    resolved: Mapping[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.warning)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.warning)


@dataclass(frozen=True)
class Check:
    rows: tuple[RowCheck, ...]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(len(row.errors) for row in self.rows)

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())


def username_for(country: str, service_number: str) -> str:
    """A new officer's user name: their country and service number ("th-12345")."""
    return _USERNAME_UNSAFE.sub("-", f"{country}-{service_number}".lower()).strip("-")[:150]


def course_codes(cell: str) -> tuple[str, ...]:
    """The course codes of a "courses" cell, separated by ";" (or ","), upper-case, once."""
    codes = [c.strip().upper() for c in re.split(r"[;,]", cell) if c.strip()]
    return tuple(dict.fromkeys(codes))


def check_rows(rows: list[SheetRow], known: Known) -> Check:
    """Every row's action and problems (see the module's rules)."""
    seen: dict[tuple[str, str], int] = {}
    return Check(rows=tuple(_check_row(row, known, seen) for row in rows))


def _check_row(row: SheetRow, known: Known, seen: dict[tuple[str, str], int]) -> RowCheck:
    v = row.values
    problems: list[Problem] = [Problem(column, "formula") for column in sorted(row.formulas)]
    problems += _required_and_lengths(v)
    country = _post_and_country(v, known, problems)
    problems += _scripts(v, country, known)
    number = v.get("service_number", "")
    key = (country, number)
    if number and country:
        if key in seen:
            problems.append(
                Problem(
                    "service_number", "duplicate_in_file", {"number": number, "line": seen[key]}
                )
            )
        else:
            seen[key] = row.line
    values = _lookups(v, country, known, problems)
    existing = known.officers.get(key) if number and country else None
    wanted = course_codes(v.get("courses", ""))
    for code in wanted:
        if code not in known.courses:
            problems.append(Problem("courses", "course_unknown", {"value": code}))
    cohort = " ".join(v.get("cohort", "").split())
    new_cohort = bool(cohort) and fold(cohort) not in known.cohorts
    if existing is None:
        checked = _new_row(row, known, problems, country, values, wanted)
        return replace(checked, cohort=cohort, cohort_new=new_cohort)
    if cohort and fold(cohort) in existing.cohorts:
        cohort = ""
    checked = _existing_row(row, existing, values, problems, country, wanted)
    if cohort and checked.action == Action.UNCHANGED:
        checked = replace(checked, action=Action.UPDATE)
    return replace(checked, cohort=cohort, cohort_new=new_cohort)


def _new_row(
    row: SheetRow,
    known: Known,
    problems: list[Problem],
    country: str,
    values: dict[str, str],
    wanted: tuple[str, ...],
) -> RowCheck:
    number = row.values.get("service_number", "")
    username = username_for(country, number) if country and number else ""
    if username and username in known.usernames:
        problems.append(Problem("service_number", "username_taken", {"username": username}))
    latin = fold(row.values.get("full_name_latin", ""))
    namesakes = known.names.get((country, latin), ()) if latin else ()
    if namesakes:
        problems.append(
            Problem("full_name_latin", "namesake", {"numbers": ", ".join(namesakes)}, warning=True)
        )
    return RowCheck(
        line=row.line,
        values=row.values,
        action=Action.NEW,
        problems=tuple(problems),
        username=username,
        courses=wanted,
        country=country,
        resolved=values,
    )


def _existing_row(
    row: SheetRow,
    existing: Existing,
    values: dict[str, str],
    problems: list[Problem],
    country: str,
    wanted: tuple[str, ...],
) -> RowCheck:
    params = {"number": row.values.get("service_number", ""), "name": existing.name}
    if not existing.is_learner:
        problems.append(Problem("service_number", "not_a_learner", params))
    elif not existing.in_scope:
        problems.append(Problem("service_number", "officer_outside_scope", params))
    changes = tuple(
        name
        for name in PROFILE_FIELDS
        if values.get(name) and values[name] != existing.values.get(name, "")
    )
    courses = tuple(code for code in wanted if code not in existing.courses)
    action = Action.UPDATE if changes or courses else Action.UNCHANGED
    return RowCheck(
        line=row.line,
        values=row.values,
        action=action,
        problems=tuple(problems),
        username=existing.username,
        officer_uuid=existing.uuid,
        changes=changes,
        courses=courses,
        country=country,
        resolved=values,
    )


def _required_and_lengths(v: Mapping[str, str]) -> list[Problem]:
    found = [
        Problem(column, "required")
        for column in ("full_name_latin", "service_number", "post")
        if not v.get(column)
    ]
    found += [
        Problem(column, "too_long", {"limit": limit})
        for column, limit in MAX_LENGTHS.items()
        if len(v.get(column, "")) > limit
    ]
    return found


def _post_and_country(v: Mapping[str, str], known: Known, problems: list[Problem]) -> str:
    """The row's country (its post's), checking the post and the country cell."""
    code = v.get("post", "")
    post_country = known.posts.get(code.lower(), "")
    if code and not post_country:
        problems.append(Problem("post", "post_unknown", {"value": code}))
    elif code and code.lower() not in known.scope_posts:
        problems.append(Problem("post", "post_outside_scope", {"value": code}))
    cell = v.get("country", "")
    if not cell:
        return post_country
    country = known.countries.get(fold(cell), "")
    if not country:
        problems.append(Problem("country", "country_unknown", {"value": cell}))
    elif post_country and country != post_country:
        problems.append(
            Problem(
                "country",
                "country_mismatch",
                {
                    "post": code,
                    "country": known.country_names.get(post_country, post_country),
                    "value": cell,
                },
            )
        )
    return post_country or country


def _scripts(v: Mapping[str, str], country: str, known: Known) -> list[Problem]:
    found = []
    latin_name = v.get("full_name_latin", "")
    others = sorted({ch for ch in latin_name if _script(ch) not in ("LATIN", "")})
    if others:
        found.append(Problem("full_name_latin", "latin_not_latin", {"letters": "".join(others)}))
    script = COUNTRY_SCRIPTS.get(country)
    native = v.get("full_name_native", "")
    if script and any(_script(ch) == "LATIN" for ch in native):
        found.append(
            Problem(
                "full_name_native",
                "native_is_latin",
                {
                    "country": known.country_names.get(country, country),
                    "script": script.title(),
                },
            )
        )
    return found


def _script(char: str) -> str:
    """The script of a letter by its Unicode name's first word ("LATIN", "THAI", "KHMER"...);
    "" for anything that is not a letter (spaces, marks, digits, punctuation)."""
    if not unicodedata.category(char).startswith("L"):
        return ""
    return unicodedata.name(char, "").split(" ", 1)[0]


def _lookups(
    v: Mapping[str, str], country: str, known: Known, problems: list[Problem]
) -> dict[str, str]:
    """The row's profile values as an officer's are compared: agency by its name, language by
    its code; unknown ones are problems."""
    values = {name: v.get(name, "") for name in PROFILE_FIELDS}
    values["post"] = v.get("post", "").lower()
    if v.get("agency"):
        agency = known.agencies.get((country, fold(v["agency"])))
        if agency is None:
            problems.append(Problem("agency", "agency_unknown", {"value": v["agency"]}))
        values["agency"] = agency or ""
    if v.get("language"):
        language = known.languages.get(fold(v["language"]))
        if language is None:
            choices = ", ".join(sorted(set(known.languages.values())))
            problems.append(
                Problem(
                    "language", "language_unknown", {"value": v["language"], "choices": choices}
                )
            )
        values["language"] = language or ""
    if v.get("email") and not _EMAIL.fullmatch(v["email"]):
        problems.append(Problem("email", "email_invalid", {"value": v["email"]}))
    return values
