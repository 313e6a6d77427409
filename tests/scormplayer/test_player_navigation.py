"""The table of contents and the SCORM 2004 sequencing the player honours (ADR 0028), from the
structure a real package's manifest gives: what parts an officer may open, and where a lesson
starts, for what the records say."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from scormpackages import manifest
from scormpackages.services import structure_of
from scormplayer.navigation import Status, flow_target, start_index, table_of_contents

CORPUS = Path("/work/shared/conformance/scorm")
if not CORPUS.is_dir():  # a checkout beside ../shared
    CORPUS = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "scorm"

PASSED = Status(completion="completed", success="passed", attempted=True)


def structure(name: str) -> dict:
    with zipfile.ZipFile(CORPUS / name) as archive:
        names = frozenset(archive.namelist())
        return structure_of(manifest.read(archive.read("imsmanifest.xml"), names=names))


@pytest.fixture(scope="module")
def forced() -> dict:
    return structure("golf/SequencingForcedSequential_SCORM20043rdEdition.zip")


def test_forced_sequential_opens_each_part_once_the_one_before_is_passed(forced):
    rows = table_of_contents(forced, {})
    assert [(row.identifier, row.disabled) for row in rows] == [
        ("playing_item", False),
        ("etuqiette_item", True),
        ("handicapping_item", True),
        ("havingfun_item", True),
        ("assessment_item", True),
    ]
    assert start_index(rows) == 0
    assert flow_target(rows, 0, 1) is None  # nothing after it may be delivered yet

    rows = table_of_contents(forced, {"playing_item": PASSED})
    assert [row.identifier for row in rows if row.choosable] == ["playing_item", "etuqiette_item"]
    assert start_index(rows) == 1  # the first part not done
    assert flow_target(rows, 1, -1) == 0


def test_a_failed_part_keeps_the_next_one_closed(forced):
    failed = Status(completion="completed", success="failed", attempted=True)
    rows = table_of_contents(forced, {"playing_item": failed})
    assert rows[1].disabled is True


def test_hidden_items_and_choice_forbidden_by_a_parent():
    sequencing = (
        '<imsss:sequencing xmlns:imsss="http://www.imsglobal.org/xsd/imsss">'
        '<imsss:controlMode choice="false" flow="true"/></imsss:sequencing>'
    )

    def item(identifier: str, **extra) -> dict:
        return {
            "identifier": identifier,
            "title": identifier.title(),
            "visible": True,
            "scorm_type": "sco",
            "children": [],
            "sequencing": None,
            **extra,
        }

    tree = {
        "items": [
            item(
                "folder",
                scorm_type=None,
                sequencing=sequencing,
                children=[item("one"), item("two")],
            ),
            item("hidden", visible=False),
        ],
        "scos": ["one", "two", "hidden"],
    }
    rows = {row.identifier: row for row in table_of_contents(tree, {})}
    assert rows["one"].choosable is False and rows["two"].choosable is False
    assert rows["hidden"].visible is False and rows["hidden"].choosable is True
    assert flow_target(list(rows.values()), 0, 1) == 1  # flow still goes on
