"""Navigation between the SCOs of a package (ADR 0028): the table of contents, flow and choice,
and the SCORM 2004 sequencing subset the player honours. Pure: no Django.

Input is a package version's ``structure`` (``scormpackages.services.structure_of``: the item
tree, each item with its ``imsss:sequencing`` XML, and the launchable items in order) and what
the officer's records say of each SCO (completion and success). Supported: flow (previous and
next launchable item in tree order), choice (any visible launchable item, unless an ancestor's
``controlMode choice="false"``), and pre-condition rules whose action is ``disabled``,
``hiddenFromChoice`` or ``skip`` over the conditions ``satisfied``, ``objectiveStatusKnown``,
``completed``, ``activityProgressKnown`` and ``attempted`` (with ``operator="not"`` and
``conditionCombination``), reading objectives through ``mapInfo`` to global objectives written
by other items' primary objectives: what forced-sequential packages use.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # types only: parsing is defusedxml's
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import ParseError, fromstring  # type: ignore[import-untyped]

DONE = {"completed", "passed"}


@dataclass(frozen=True)
class Status:
    """What the records say of one SCO ("unknown" when nothing was recorded)."""

    completion: str = "unknown"
    success: str = "unknown"
    attempted: bool = False


@dataclass(frozen=True)
class Rules:
    """An item's sequencing that navigation reads."""

    choice: bool = True  # controlMode choice, for this item's children
    flow: bool = True  # controlMode flow, for this item's children
    # pre-condition rules: (action, combination, [(condition, objective or "", negated)])
    preconditions: tuple[tuple[str, str, tuple[tuple[str, str, bool], ...]], ...] = ()
    primary: str = ""  # the primary objective's id
    reads: Mapping[str, str] = field(default_factory=dict)  # objective id -> global id
    writes: tuple[str, ...] = ()  # global ids the primary objective writes


@dataclass(frozen=True)
class Entry:
    """One row of the table of contents."""

    identifier: str
    title: str
    depth: int
    visible: bool
    index: int | None  # position among the launchable items, None for a folder
    scorm_type: str | None
    status: Status
    disabled: bool = False  # a pre-condition rule forbids launching it now
    choosable: bool = True  # the learner may pick it in the table of contents


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _walk(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (found for found in element.iter() if _local(found.tag) == name)


def _truth(value: str | None, default: bool) -> bool:
    return default if value is None else value.strip().lower() == "true"


def rules_of(xml: str | None) -> Rules:
    """The parts of an item's ``imsss:sequencing`` navigation reads (no XML: the defaults)."""
    if not xml:
        return Rules()
    try:
        root = fromstring(xml, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError):
        return Rules()  # stored from a checked manifest: not expected
    mode = next(_walk(root, "controlMode"), None)
    preconditions = []
    for rule in _walk(root, "preConditionRule"):
        action = next(_walk(rule, "ruleAction"), None)
        group = next(_walk(rule, "ruleConditions"), None)
        conditions = tuple(
            (
                condition.get("condition", ""),
                condition.get("referencedObjective", ""),
                condition.get("operator", "noOp") == "not",
            )
            for condition in _walk(rule, "ruleCondition")
        )
        combination = group.get("conditionCombination", "all") if group is not None else "all"
        if action is not None and conditions:
            preconditions.append((action.get("action", ""), combination, conditions))
    primary, reads, writes = "", {}, []
    for objective in _walk(root, "primaryObjective"):
        primary = objective.get("objectiveID", "")
    for objective in [*_walk(root, "primaryObjective"), *_walk(root, "objective")]:
        for mapping in _walk(objective, "mapInfo"):
            target = mapping.get("targetObjectiveID", "")
            if _truth(mapping.get("readSatisfiedStatus"), True):
                reads[objective.get("objectiveID", "")] = target
            if _local(objective.tag) == "primaryObjective" and _truth(
                mapping.get("writeSatisfiedStatus"), False
            ):
                writes.append(target)
    return Rules(
        choice=_truth(mode.get("choice") if mode is not None else None, True),
        flow=_truth(mode.get("flow") if mode is not None else None, True),
        preconditions=tuple(preconditions),
        primary=primary,
        reads=reads,
        writes=tuple(writes),
    )


def _condition_holds(
    condition: str, objective: str, rules: Rules, own: Status, globals_: Mapping[str, str]
) -> bool:
    if condition in ("satisfied", "objectiveStatusKnown"):
        target = rules.reads.get(objective) if objective and objective != rules.primary else None
        success = globals_.get(target, "unknown") if target else own.success
        if condition == "satisfied":
            return success == "passed"
        return success in ("passed", "failed")
    if condition == "completed":
        return own.completion in DONE
    if condition == "activityProgressKnown":
        return own.completion in DONE | {"incomplete"}
    if condition == "attempted":
        return own.attempted
    # "always" fires; a condition the player does not evaluate never fires its rule
    return condition == "always"


def _actions(rules: Rules, own: Status, globals_: Mapping[str, str]) -> set[str]:
    fired = set()
    for action, combination, conditions in rules.preconditions:
        results = [
            _condition_holds(condition, objective, rules, own, globals_) != negated
            for condition, objective, negated in conditions
        ]
        if any(results) if combination == "any" else all(results):
            fired.add(action)
    return fired


def _flatten(
    items: list[dict[str, Any]], depth: int = 0, choice: bool = True
) -> Iterator[tuple[dict[str, Any], int, bool]]:
    for item in items:
        yield item, depth, choice
        own = rules_of(item.get("sequencing"))
        yield from _flatten(item.get("children") or [], depth + 1, choice and own.choice)


def table_of_contents(structure: Mapping[str, Any], statuses: Mapping[str, Status]) -> list[Entry]:
    """Every item of the default organization in tree order, with its launchable index, the
    officer's status, and whether sequencing lets it be launched and chosen now."""
    launchable = {identifier: number for number, identifier in enumerate(structure["scos"])}
    rows = list(_flatten(structure["items"]))
    all_rules = {item["identifier"]: rules_of(item.get("sequencing")) for item, _d, _c in rows}
    globals_: dict[str, str] = {}
    for identifier, rules in all_rules.items():
        for target in rules.writes:
            success = statuses.get(identifier, Status()).success
            if success != "unknown" or target not in globals_:
                globals_[target] = success
    entries = []
    for item, depth, choice in rows:
        identifier = item["identifier"]
        status = statuses.get(identifier, Status())
        fired = _actions(all_rules[identifier], status, globals_)
        disabled = bool(fired & {"disabled", "skip"})
        entries.append(
            Entry(
                identifier=identifier,
                title=item["title"],
                depth=depth,
                visible=bool(item.get("visible", True)) and "hiddenFromChoice" not in fired,
                index=launchable.get(identifier),
                scorm_type=item.get("scorm_type"),
                status=status,
                disabled=disabled,
                choosable=choice and not disabled and identifier in launchable,
            )
        )
    return entries


def launchable(entries: list[Entry]) -> list[Entry]:
    """The entries that launch something, in order (their ``index`` is their position)."""
    return [entry for entry in entries if entry.index is not None]


def start_index(entries: list[Entry]) -> int:
    """Where a launch begins: the first launchable item not yet done and not disabled, else the
    first one that is not disabled, else the first."""
    items = launchable(entries)
    for entry in items:
        done = entry.status.completion in DONE or entry.status.success == "passed"
        if not done and not entry.disabled:
            return entry.index or 0
    return next((entry.index or 0 for entry in items if not entry.disabled), 0)


def flow_target(entries: list[Entry], index: int, step: int) -> int | None:
    """The launchable item ``step`` (+1 continue, -1 previous) from ``index``, skipping disabled
    ones, or None at either end."""
    items = launchable(entries)
    position = index + step
    while 0 <= position < len(items):
        if not items[position].disabled:
            return position
        position += step
    return None
