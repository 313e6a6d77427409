"""scorm-again is vendored unchanged, with its licence, and its note says which files of which
version these are."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "scormplayer/static/scormplayer/vendor/scorm-again"


def note() -> str:
    return (VENDOR / "README.md").read_text()


def test_the_note_names_version_3_4_3_from_the_npm_registry_with_its_integrity():
    text = note()
    assert "| Version | 3.4.3 |" in text
    assert "npm pack scorm-again@3.4.3" in text
    assert re.search(r"Tarball integrity \| `sha512-[A-Za-z0-9+/]{86}==`", text)


def test_every_vendored_file_matches_the_checksum_in_the_note():
    listed = dict(re.findall(r"^\| `([^`]+)` \|[^\n]*\| `([0-9a-f]{64})` \|$", note(), re.M))
    assert set(listed) == {"scorm12.min.js", "scorm2004.min.js", "LICENSE.txt"}
    for name, digest in listed.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_the_runtimes_define_the_scorm_apis_and_load_nothing_from_elsewhere():
    scorm12 = (VENDOR / "scorm12.min.js").read_text()
    scorm2004 = (VENDOR / "scorm2004.min.js").read_text()
    assert scorm12.startswith("this.Scorm12API=")
    assert scorm2004.startswith("this.Scorm2004API=")
    for source in (scorm12, scorm2004):
        assert "sourceMappingURL" in source  # and the map it names is here:
    assert (VENDOR / "scorm12.min.js.map").exists()
    assert (VENDOR / "scorm2004.min.js.map").exists()
    assert not re.search(r"<script[^>]+src=[\"']https?:", scorm12 + scorm2004)


def test_the_licence_is_mit_and_names_the_author():
    licence = (VENDOR / "LICENSE.txt").read_text()
    assert licence.startswith("MIT License")
    assert "Jonathan Putney" in licence
    assert "Permission is hereby granted, free of charge" in licence
