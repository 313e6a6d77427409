"""Completion certificates as PDF: one certificate per page, in the officer's own script.

Plain data in (``CertificateSheet``, ``CertificateDesign``), PDF out, no ORM. HTML from Django
templates (``certificates/pdf/``), laid out by WeasyPrint.

Fonts. The text is set only in the project's vendored Noto Sans woff2 files
(``elearning/static/elearning/fonts/``), embedded (subset) in the PDF, so a certificate looks
the same on every node whatever fonts the machine has. The ``@font-face`` rules are built from
``elearning/css/fonts.css`` (same files, same ``unicode-range``s), with one change: **each file
gets a family of its own** ("Certificate latin", "Certificate vietnamese", ...), listed in one
``font-family`` stack. WeasyPrint 70 names a PDF font after its family, weight and style; two
files of one family (Noto Sans latin and Noto Sans vietnamese, split by ``unicode-range``) end
up as one PDF font whose glyphs are drawn from only one of the two files: "Nguyễn" prints as
"Nguyi n". Own names also keep fontconfig from picking the machine's own "Noto Sans".

Scripts. Every text is NFC-normalised (the Vietnamese file has precomposed letters, not every
combining mark), the holder's native name carries the ``lang`` of its script (Thai, Lao,
Myanmar, Khmer by Unicode block), and ``:lang()`` rules put that script's font first in the
stack.

Batches. The sheets are laid out in chunks of ``CHUNK_SIZE`` certificates, each chunk one HTML
document, and the pages of all chunks are written as one PDF (``Document.copy``). See
``bench/README.md`` for the figures behind the chunk size. The PDF goes to a temporary file
beside ``out`` and is renamed over it only when complete.
"""

from __future__ import annotations

import datetime
import functools
import io
import logging
import os
import re
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from elearning.localdates import format_local_date
from nodes.files import atomic_file

logger = logging.getLogger(__name__)

DOCUMENT_TEMPLATE = "certificates/pdf/document.html"
STYLESHEET_TEMPLATE = "certificates/pdf/certificate.css"
FONTS_CSS = "elearning/css/fonts.css"
CHUNK_SIZE = 100  # certificates per WeasyPrint document; see bench/README.md
QR_SIZE_MM = 35

# Page sizes (width, height in mm, portrait) and the page margin.
PAPERS = {"a4": ("A4", 210.0, 297.0), "letter": ("letter", 215.9, 279.4)}
ORIENTATIONS = ("landscape", "portrait")
MARGIN_MM = 8.0

# Scripts told apart in the holder's native name, by Unicode block.
SCRIPT_LANGS = (
    (0x0E00, 0x0E7F, "th"),
    (0x0E80, 0x0EFF, "lo"),
    (0x1000, 0x109F, "my"),
    (0x1780, 0x17FF, "km"),
)
# Which font file ("subset") a language's text is set in first; Latin subsets come first
# otherwise. Keys are subset names from the vendored file names (noto-sans-SUBSET-WEIGHT.woff2).
LANG_SUBSET = {"th": "thai", "lo": "lao", "my": "myanmar", "km": "khmer"}
SUBSET_ORDER = ("latin", "vietnamese", "latin-ext", "thai", "khmer", "lao", "myanmar")


@dataclass(frozen=True)
class CertificateDesign:
    """The look of a course's certificates, chosen by the trainer."""

    title: str = "Certificate of completion"
    body: str = "has successfully completed the course"  # plain text, may contain newlines
    signatories: tuple[tuple[str, str], ...] = ()  # (name, title) pairs, 0..3
    logos: tuple[str, ...] = ()  # file paths of PNG/JPEG/SVG logos, 0..3
    orientation: str = "landscape"  # or "portrait"
    paper: str = "A4"  # or "letter"
    language: str = "en"  # the certificate's text language (lang attribute)


@dataclass(frozen=True)
class CertificateSheet:
    """One certificate."""

    holder_native: str  # name in the officer's own script ("" if none)
    holder_latin: str  # name in Latin letters
    course_title: str  # in the certificate's language
    course_code: str
    issued_on: datetime.date
    expires_on: datetime.date | None
    code: str  # e.g. "KH-2026-0001-7Q"
    payload: str  # the QR code's text
    score: str | None = None  # e.g. "92%"
    issuer_name: str = ""  # e.g. "Headquarters"
    verify_hint: str = "Verify at /verify/ on any node, or scan the QR code"
    # Set when the course's completion rests on a score the officer's browser reported
    # (the payload's flag): printed under the facts, in the certificate's language.
    browser_score_note: str = ""


class RenderError(Exception):
    """The certificates could not be rendered; no PDF was written."""


Progress = Callable[[int, int], None]


# --- public API ---------------------------------------------------------------------------


def render_pdf(
    sheets: Sequence[CertificateSheet],
    design: CertificateDesign | Sequence[CertificateDesign],
    *,
    out: BinaryIO | str | os.PathLike,
    progress: Progress | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> int:
    """Render ``sheets`` as one PDF, one certificate per page, into ``out`` (a path or a binary
    file object). ``design`` is one design for every sheet, or one per sheet (each certificate
    in its holder's language: ``printing.printed``). Returns the number of pages. Calls
    ``progress(done, total)`` as chunks of ``chunk_size`` sheets are laid out; the last call
    is ``(total, total)``. Raises ``RenderError``; then nothing is left at ``out`` (a path is
    not created or replaced, a file object is not written to)."""
    sheets = list(sheets)
    if not sheets:
        raise RenderError("There is no certificate to render.")
    designs = [design] * len(sheets) if isinstance(design, CertificateDesign) else list(design)
    if len(designs) != len(sheets):
        raise RenderError(f"{len(sheets)} certificate(s) but {len(designs)} design(s).")
    if isinstance(out, str | os.PathLike):
        with atomic_file(Path(out)) as stream:
            return _render_into(sheets, designs, stream, progress, chunk_size)
    with tempfile.TemporaryFile() as stream:
        pages = _render_into(sheets, designs, stream, progress, chunk_size)
        stream.seek(0)
        shutil.copyfileobj(stream, out)
    return pages


def render_one(sheet: CertificateSheet, design: CertificateDesign) -> bytes:
    """One certificate as PDF bytes."""
    buffer = io.BytesIO()
    render_pdf([sheet], design, out=buffer)
    return buffer.getvalue()


def script_lang(text: str, default: str) -> str:
    """The language tag for ``text``'s script: th, lo, my or km from the first letter in one of
    those Unicode blocks, else ``default``."""
    for char in text:
        point = ord(char)
        for first, last, lang in SCRIPT_LANGS:
            if first <= point <= last:
                return lang
    return default


# --- rendering ----------------------------------------------------------------------------


def _render_into(
    sheets: list[CertificateSheet],
    designs: list[CertificateDesign],
    stream: BinaryIO,
    progress: Progress | None,
    chunk_size: int,
) -> int:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    faces = _font_faces()
    total = len(sheets)
    with _weasyprint_problems() as problems:
        font_config = FontConfiguration()
        fetcher = _url_fetcher()
        stylesheets: dict[CertificateDesign, object] = {}
        cache: dict = {}  # images (logos) are read once for all chunks
        # Each chunk is laid out, written and freed before the next: what stays in memory is
        # the chunks' finished PDF bytes (about 6 kB a certificate), not their layout (about
        # 600 kB a certificate), so memory does not grow with the batch. pypdf joins them.
        # A chunk holds consecutive sheets of one design (one language, one page size).
        parts: list[bytes] = []
        pages = 0
        done = 0
        for design, chunk in _chunks(sheets, designs, max(1, chunk_size)):
            page = _page(design)
            with translation.override(design.language):
                if design not in stylesheets:
                    stylesheets[design] = _stylesheet(design, page, faces, font_config, fetcher)
                    problems.check()
                html = _document_html(chunk, design, page)
                try:
                    document = weasyprint.HTML(
                        string=html, base_url=_base_url(), url_fetcher=fetcher
                    ).render(
                        font_config=font_config, stylesheets=[stylesheets[design]], cache=cache
                    )
                except Exception as error:
                    raise RenderError(
                        f"WeasyPrint could not lay out the certificates: {error}"
                    ) from error
            problems.check()
            if len(document.pages) != len(chunk):
                raise RenderError(
                    f"{len(chunk)} certificate(s) took {len(document.pages)} page(s): the text "
                    "does not fit on one page (shorten the design's body or title)."
                )
            try:
                parts.append(document.write_pdf())
            except Exception as error:
                raise RenderError(f"WeasyPrint could not write the PDF: {error}") from error
            pages += len(document.pages)
            del document
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        _join(parts, stream)
        problems.check()
        if problems.missing:
            logger.warning(
                "Certificates printed with characters no font has (shown as boxes): %s",
                ", ".join(f"U+{ord(c):04X} {c!r}" for c in sorted(problems.missing)),
            )
    return pages


def _chunks(
    sheets: list[CertificateSheet], designs: list[CertificateDesign], size: int
) -> Iterator[tuple[CertificateDesign, list[CertificateSheet]]]:
    """Consecutive sheets of one design, at most ``size`` at a time, in the given order."""
    start = 0
    while start < len(sheets):
        design = designs[start]
        end = start + 1
        while end < len(sheets) and end - start < size and designs[end] == design:
            end += 1
        yield design, sheets[start:end]
        start = end


def _stylesheet(design: CertificateDesign, page: dict, faces, font_config, fetcher):
    import weasyprint

    try:
        css_text = render_to_string(STYLESHEET_TEMPLATE, _css_context(design, page, faces))
    except Exception as error:
        raise RenderError(f"The certificate stylesheet could not be rendered: {error}") from error
    try:
        return weasyprint.CSS(string=css_text, font_config=font_config, url_fetcher=fetcher)
    except Exception as error:
        raise RenderError(f"WeasyPrint could not read the stylesheet: {error}") from error


def pdf_join(parts: list[bytes]) -> bytes:
    """Several PDFs (chunks of one printed document) as one."""
    out = io.BytesIO()
    _join(parts, out)
    return out.getvalue()


def _join(parts: list[bytes], stream: BinaryIO) -> None:
    """Write the chunks' PDFs as one PDF."""
    if len(parts) == 1:
        stream.write(parts[0])
        return
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    writer.write(stream)


def _document_html(chunk: Sequence[CertificateSheet], design: CertificateDesign, page: dict) -> str:
    context = {
        "language": design.language,
        "title": _nfc(design.title),
        "body": _nfc(design.body),
        "signatories": [(_nfc(n), _nfc(t)) for n, t in design.signatories],
        "logos": [Path(logo).resolve().as_uri() for logo in design.logos],
        "page": page,
        "sheets": [_sheet_context(sheet, design) for sheet in chunk],
    }
    try:
        return render_to_string(DOCUMENT_TEMPLATE, context)
    except Exception as error:
        raise RenderError(f"The certificate template could not be rendered: {error}") from error


def _sheet_context(sheet: CertificateSheet, design: CertificateDesign) -> dict:
    native = _nfc(sheet.holder_native).strip()
    latin = _nfc(sheet.holder_latin).strip()
    return {
        "native": native,
        "native_lang": script_lang(native, design.language),
        "latin": latin,
        "course_title": _nfc(sheet.course_title),
        "course_code": _nfc(sheet.course_code),
        "issued_on": format_local_date(sheet.issued_on, design.language, style="long"),
        "expires_on": format_local_date(sheet.expires_on, design.language, style="long")
        if sheet.expires_on
        else "",
        "code": sheet.code,
        "qr": _qr_svg(sheet.payload),
        "score": _nfc(sheet.score) if sheet.score else "",
        "issuer_name": _nfc(sheet.issuer_name),
        "verify_hint": _nfc(sheet.verify_hint),
        "browser_score_note": _nfc(sheet.browser_score_note),
    }


def _qr_svg(payload: str):
    import segno

    try:
        qr = segno.make(payload, error="m", micro=False)
    except Exception as error:  # segno.DataOverflowError and friends
        raise RenderError(f"The QR code could not be made: {error}") from error
    # One pixel a module, quiet zone included; CSS scales it up with crisp edges (pixelated),
    # which prints as sharp as an SVG and lays out three times faster in WeasyPrint.
    return mark_safe(f'<img src="{qr.png_data_uri(scale=1, border=4)}" alt="">')  # noqa: S308


def _css_context(design: CertificateDesign, page: dict, faces: tuple[dict, ...]) -> dict:
    return {**_font_context(faces), "page": page, "qr_mm": QR_SIZE_MM}


def _font_context(faces: tuple[dict, ...]) -> dict:
    """What ``certificates/pdf/fonts.css`` needs: the faces, the font stack, and one stack per
    script language with that script's font first."""
    subsets = [s for s in SUBSET_ORDER if any(f["subset"] == s for f in faces)]
    subsets += sorted({f["subset"] for f in faces} - set(subsets))

    def stack(first: str | None = None) -> str:
        order = ([first] if first in subsets else []) + [s for s in subsets if s != first]
        return ", ".join(f'"{_family(s)}"' for s in order)

    return {
        "faces": faces,
        "stack": stack(),  # the CSS template does not autoescape: all values are ours
        "lang_stacks": [
            {"lang": lang, "stack": stack(subset)} for lang, subset in LANG_SUBSET.items()
        ],
    }


def render_document(
    *, template: str, stylesheet: str, contexts: Sequence[dict], language: str
) -> bytes:
    """Any printed document other than a certificate (a sheet of initial passwords) as PDF
    bytes, set in the vendored fonts as certificates are: ``template`` is the HTML, rendered
    once for each of ``contexts`` (chunks of a long document: each is laid out, written and
    freed before the next, and the parts joined); ``stylesheet`` a CSS template that includes
    ``certificates/pdf/fonts.css`` and gets its context, read once. Texts in Thai, Lao, Myanmar
    or Khmer script should carry that ``lang`` (``script_lang``). Raises RenderError."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    faces = _font_faces()
    parts = []
    with _weasyprint_problems() as problems, translation.override(language):
        font_config = FontConfiguration()
        fetcher = _url_fetcher()
        try:
            css = weasyprint.CSS(
                string=render_to_string(stylesheet, _font_context(faces)),
                font_config=font_config,
                url_fetcher=fetcher,
            )
            for context in contexts:
                html = render_to_string(template, {**context, "language": language})
                document = weasyprint.HTML(string=html, base_url=_base_url(), url_fetcher=fetcher)
                parts.append(document.write_pdf(stylesheets=[css], font_config=font_config))
        except Exception as error:
            raise RenderError(f"WeasyPrint could not lay out the document: {error}") from error
        problems.check()
    return pdf_join(parts)


def _page(design: CertificateDesign) -> dict:
    paper = PAPERS.get(str(design.paper).lower())
    if paper is None:
        raise RenderError(f"Unknown paper {design.paper!r}: use A4 or letter.")
    if design.orientation not in ORIENTATIONS:
        raise RenderError(f"Unknown orientation {design.orientation!r}: use landscape or portrait.")
    if len(design.signatories) > 3:
        raise RenderError("A certificate has at most three signatories.")
    if len(design.logos) > 3:
        raise RenderError("A certificate has at most three logos.")
    for logo in design.logos:
        if not Path(logo).is_file():
            raise RenderError(f"Logo file not found: {logo}")
    name, width, height = paper
    if design.orientation == "landscape":
        width, height = height, width
    return {
        "size": f"{name} {design.orientation}",
        "orientation": design.orientation,
        # Numbers as strings: under translation.override a template would write "8,0".
        "margin": f"{MARGIN_MM:.2f}",
        # The sheet fills the page inside the margin; a hair less so rounding never spills it
        # onto a second page.
        "width": f"{width - 2 * MARGIN_MM - 0.2:.2f}",
        "height": f"{height - 2 * MARGIN_MM - 0.2:.2f}",
    }


# --- fonts --------------------------------------------------------------------------------

_FACE_RE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.S)
_DESCRIPTOR_RE = re.compile(r"(?P<name>[a-z-]+)\s*:\s*(?P<value>[^;]+);")
_URL_RE = re.compile(r"""url\(\s*["']?(?P<url>[^"')]+)["']?\s*\)""")
_FILE_RE = re.compile(r"noto-sans-(?P<subset>[a-z-]+?)-(?P<weight>\d{3})\.woff2$")


def _family(subset: str) -> str:
    return f"Certificate {subset}"


@functools.cache
def _font_faces() -> tuple[dict, ...]:
    """The vendored fonts as ``@font-face`` descriptors: family (one per file's subset), weight,
    ``file://`` URL, unicode-range; read from the site's fonts.css."""
    css_path = finders.find(FONTS_CSS)
    if not css_path:
        raise RenderError(f"{FONTS_CSS} is not found among the static files.")
    css_path = Path(css_path)
    faces = []
    for match in _FACE_RE.finditer(css_path.read_text(encoding="utf-8")):
        descriptors = {
            d["name"]: d["value"].strip() for d in _DESCRIPTOR_RE.finditer(match["body"])
        }
        url = _URL_RE.search(descriptors.get("src", ""))
        file = _FILE_RE.search(url["url"]) if url else None
        if file is None:
            continue
        path = (css_path.parent / url["url"]).resolve()
        if not path.is_file():
            raise RenderError(f"Font file not found: {path}")
        faces.append(
            {
                "family": _family(file["subset"]),
                "subset": file["subset"],
                "weight": descriptors.get("font-weight", file["weight"]),
                "url": path.as_uri(),
                "unicode_range": descriptors.get("unicode-range", ""),
            }
        )
    if not any(f["subset"] == "latin" for f in faces):
        raise RenderError(f"No Latin font found in {css_path}.")
    return tuple(faces)


# --- WeasyPrint's complaints --------------------------------------------------------------


class _Problems(logging.Handler):
    """Collects what WeasyPrint logs while this thread renders: errors (an image or a font that
    cannot be loaded) fail the render; a .notdef glyph (a character no font has) is reported."""

    _NOTDEF = re.compile(r"\.notdef glyph rendered .*\(U\+(?P<code>[0-9A-F]+)\)")

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.thread = threading.get_ident()
        self.errors: list[str] = []
        self.missing: set[str] = set()

    def emit(self, record):
        if record.thread != self.thread:
            return
        message = record.getMessage()
        notdef = self._NOTDEF.search(message)
        if notdef:
            self.missing.add(chr(int(notdef["code"], 16)))
        elif REFUSED in message:
            return  # a URL the fetcher refused: left out on purpose, already logged
        elif record.levelno >= logging.ERROR or "cannot be loaded" in message:
            self.errors.append(message)

    def check(self):
        if self.errors:
            raise RenderError("; ".join(dict.fromkeys(self.errors)))


@contextmanager
def _weasyprint_problems() -> Iterator[_Problems]:
    handler = _Problems()
    wp_logger = logging.getLogger("weasyprint")
    wp_logger.addHandler(handler)
    try:
        yield handler
    finally:
        wp_logger.removeHandler(handler)


REFUSED = "refused: a certificate reads only the vendored fonts and this node's media"


def _url_fetcher():
    """What WeasyPrint may read: the vendored fonts, files under MEDIA_ROOT (logos) and
    ``data:`` URLs (no I/O). Everything else (http, https, ftp, a file anywhere else on the
    machine, such as the node's keys) is refused without an attempt, and the render goes on
    without it (``_Problems`` does not count a refusal as a failure). Paths are resolved
    first, so ``..`` and symlinks cannot lead out of MEDIA_ROOT.

    The vendored woff2 fonts are served decompressed from a per-process cache: WeasyPrint would
    otherwise decompress all 14 files (about 1 s of pure Python) on every render."""
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    media = Path(settings.MEDIA_ROOT).resolve()

    class NodeFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url in _font_urls():
                return URLFetcherResponse(url, body=_font_data(url))
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in {"", "localhost"}:
                path = Path(url2pathname(parts.path)).resolve()
                if path.is_relative_to(media) and path.is_file():
                    return URLFetcherResponse(url, body=path.read_bytes())
            logger.warning("Certificate rendering: %s not fetched (%s).", url[:200], REFUSED)
            raise PermissionError(REFUSED)

    return NodeFilesFetcher(allowed_protocols={"file", "data"})


def _font_urls() -> frozenset[str]:
    return frozenset(face["url"] for face in _font_faces())


@functools.cache
def _font_data(url: str) -> bytes:
    """The font file at ``url`` (a vendored woff2) as TrueType/OpenType bytes."""
    from urllib.request import url2pathname

    from fontTools.ttLib import woff2

    data = Path(url2pathname(url.removeprefix("file://"))).read_bytes()
    if data[:4] != b"wOF2":
        return data
    out = io.BytesIO()
    woff2.decompress(io.BytesIO(data), out)
    return out.getvalue()


def _base_url() -> str:
    return Path(__file__).resolve().parent.as_uri() + "/"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")
