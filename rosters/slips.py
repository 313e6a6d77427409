"""The sheet of initial passwords: one slip per new officer, cut apart and handed out by the
coordinator. Laid out by ``certificates.rendering.render_document`` in the vendored fonts, so a
Thai, Khmer, Lao or Myanmar name prints as it is written."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from certificates.rendering import render_document, script_lang

# Slips laid out per WeasyPrint document: memory stays flat for a file of thousands of new
# officers (a layout is freed once its chunk is written), as for certificates.
CHUNK_SIZE = 300


@dataclass(frozen=True)
class Slip:
    native: str  # name in the officer's own script ("" if none)
    latin: str
    username: str
    password: str
    post: str
    address: str  # where the officer logs in


def slips_pdf(*, slips: list[Slip], language: str) -> bytes:
    """The slips as one PDF, labels in ``language`` (the coordinator's)."""
    rows = [
        {
            "native": unicodedata.normalize("NFC", s.native),
            "native_lang": script_lang(s.native, language),
            "latin": unicodedata.normalize("NFC", s.latin),
            "username": s.username,
            "password": s.password,
            "post": s.post,
            "address": s.address,
        }
        for s in slips
    ]
    return render_document(
        template="rosters/pdf/slips.html",
        stylesheet="rosters/pdf/slips.css",
        contexts=[
            {"slips": rows[start : start + CHUNK_SIZE]} for start in range(0, len(rows), CHUNK_SIZE)
        ],
        language=language,
    )
