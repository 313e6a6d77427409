"""Workbox and idb are vendored unchanged, with their licences, and their note says which files
of which versions these are."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "offlinemode/static/offlinemode/vendor"
MODULES = (
    "core",
    "routing",
    "strategies",
    "precaching",
    "range-requests",
    "cacheable-response",
    "expiration",
)


def note() -> str:
    return (VENDOR / "README.md").read_text()


def test_the_note_names_the_versions_from_the_npm_registry_with_their_integrity():
    text = note()
    assert "| Version | 7.4.1 | 8.0.4 |" in text
    assert "`npm pack idb@8.0.4`" in text
    integrities = re.findall(r"\| `([A-Za-z0-9+/]{86}==)` \|", text)
    assert len(integrities) == len(MODULES) + 1


def test_every_vendored_file_matches_the_checksum_in_the_note():
    listed = dict(re.findall(r"^\| `([^`]+)` \|[^\n]*\| `([0-9a-f]{64})` \|$", note(), re.M))
    names = {f"workbox-{m}.prod.js" for m in MODULES}
    assert set(listed) == names | {"LICENSE.txt", "idb-8.0.4/idb.umd.js", "idb-8.0.4/LICENSE.txt"}
    for name, digest in listed.items():
        path = VENDOR / name if "/" in name else VENDOR / "workbox-7.4.1" / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, name


def test_the_builds_define_their_globals_and_load_nothing_from_elsewhere():
    core = (VENDOR / "workbox-7.4.1/workbox-core.prod.js").read_text()
    assert '"workbox:core:7.4.0"' in core  # as published in 7.4.1 (see the note)
    for module in MODULES:
        source = (VENDOR / f"workbox-7.4.1/workbox-{module}.prod.js").read_text()
        assert source.startswith("this.workbox=this.workbox||{},this.workbox.")
        assert (VENDOR / f"workbox-7.4.1/workbox-{module}.prod.js.map").exists()
        # Workbox's CDN is what workbox-sw loads from; these builds load nothing themselves (a
        # link in a console warning is all the web addresses they hold).
        assert "storage.googleapis.com" not in source
        assert not re.search(r"(importScripts|fetch)\(\s*[\"'`]https?:", source)
    idb = (VENDOR / "idb-8.0.4/idb.umd.js").read_text()
    assert ").idb={})" in idb
    assert "http" not in idb
