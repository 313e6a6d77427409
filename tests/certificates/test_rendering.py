"""Certificate PDFs: every script shapes in the embedded Noto fonts, one page per certificate,
page sizes, the QR code reads back, failures leave no file (poppler-utils inspects the PDFs)."""

from __future__ import annotations

import datetime
import io
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
import segno
from PIL import Image

from certificates import rendering
from certificates.rendering import (
    CertificateDesign,
    CertificateSheet,
    RenderError,
    render_one,
    render_pdf,
    script_lang,
)

ROOT = Path(__file__).resolve().parents[2]
PAYLOAD = "EL1:" + "6BFOXN*TS0BI$ZD-PH 8SWIJ1ST:V.3A0IWM4C%E+K/Q5R9" * 7  # 333 chars

# (native name, Latin name, the font the native name must be set in)
NAMES = [
    pytest.param("", "Somchai Jaidee", "Certificate-latin", id="latin"),
    pytest.param("สมชาย ใจดี", "Somchai Jaidee", "Certificate-thai", id="thai"),
    pytest.param("សុខា ចាន់", "Sokha Chan", "Certificate-khmer", id="khmer"),
    pytest.param("ສົມພອນ ພົມມະຈັນ", "Somphone Phommachanh", "Certificate-lao", id="lao"),
    pytest.param("အောင်ကိုကို", "Aung Ko Ko", "Certificate-myanmar", id="burmese"),
    pytest.param("Nguyễn Văn An", "Nguyen Van An", "Certificate-vietnamese", id="vietnamese"),
]


def sheet(native="สมชาย ใจดี", latin="Somchai Jaidee", **overrides) -> CertificateSheet:
    values = {
        "holder_native": native,
        "holder_latin": latin,
        "course_title": "Identifying victims of trafficking at border crossings",
        "course_code": "TIP-101",
        "issued_on": datetime.date(2026, 3, 1),
        "expires_on": datetime.date(2028, 3, 1),
        "code": "KH-2026-0001-7Q",
        "payload": PAYLOAD,
        "score": "92%",
        "issuer_name": "Headquarters",
    }
    return CertificateSheet(**{**values, **overrides})


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def fonts(pdf: Path) -> list[dict]:
    """pdffonts' table: name, type, encoding, emb, sub, uni."""
    rows = []
    for line in run("pdffonts", str(pdf)).splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object-id gen: read the fixed columns from the right.
        rows.append({"name": parts[0], "encoding": parts[-6], "emb": parts[-5], "uni": parts[-3]})
    return rows


def page_sizes(pdf: Path) -> tuple[int, list[tuple[int, int]]]:
    info = run("pdfinfo", "-f", "1", "-l", "999", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    sizes = [
        (round(float(w)), round(float(h)))
        for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    ]
    return pages, sizes


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture
def weasy_warnings(caplog):
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield caplog
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


# --- scripts and fonts --------------------------------------------------------------------


@pytest.mark.parametrize(("native", "latin", "font"), NAMES)
def test_each_script_is_set_in_the_embedded_noto_font(
    tmp_path, weasy_warnings, native, latin, font
):
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(render_one(sheet(native, latin), CertificateDesign()))

    # The text is there, in logical order (pdftotext reads the ToUnicode maps WeasyPrint
    # writes per shaped cluster; all six names come back exactly, nothing needed loosening).
    text = nfc(run("pdftotext", "-enc", "UTF-8", str(pdf), "-"))
    assert nfc(native or latin) in text
    assert nfc(latin) in text

    # Every font is one of ours, embedded, with a Unicode map; the name's script font is used.
    # A character none of our fonts has would show up either as another (system) font here or,
    # on a machine without it, as a .notdef box: WeasyPrint then gives the font a custom CMap
    # instead of Identity-H (see test_a_character_no_font_has_is_reported).
    rows = fonts(pdf)
    assert rows
    for row in rows:
        assert "+Certificate-" in row["name"], row
        assert row["emb"] == "yes", row
        assert row["uni"] == "yes", row
        assert row["encoding"] == "Identity-H", row
    names = {row["name"].split("+", 1)[1] for row in rows}
    assert f"{font}-Bold" in names  # the holder's name is bold
    if font == "Certificate-vietnamese":
        # One font per vendored file: WeasyPrint 70 merges same-family files into one PDF
        # font and then draws Vietnamese letters with glyphs of the Latin file.
        assert "Certificate-latin-Bold" in names

    # Page 1 rasterises.
    run("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        assert image.size == (585, 414)  # A4 landscape at 50 dpi


def test_native_name_gets_the_lang_of_its_script():
    assert script_lang("สมชาย ใจดี", "en") == "th"
    assert script_lang("ສົມພອນ", "en") == "lo"
    assert script_lang("အောင်ကိုကို", "en") == "my"
    assert script_lang("សុខា", "en") == "km"
    assert script_lang("Nguyễn Văn An", "vi") == "vi"
    assert script_lang("", "id") == "id"
    html = rendering._document_html(
        [sheet("ສົມພອນ ພົມມະຈັນ", "Somphone")],
        CertificateDesign(language="en"),
        rendering._page(CertificateDesign()),
    )
    assert '<html lang="en">' in html
    assert '<p class="name" lang="lo">ສົມພອນ ພົມມະຈັນ</p>' in html


def test_decomposed_input_is_composed_before_shaping(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn An")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(
        render_one(sheet(decomposed, "Nguyen Van An"), CertificateDesign(language="vi"))
    )
    assert "Nguyễn Văn An" in nfc(run("pdftotext", str(pdf), "-"))
    assert all(r["encoding"] == "Identity-H" for r in fonts(pdf))


ISOLATED = textwrap.dedent(
    """
    import json, os, sys, datetime
    sys.path.insert(0, {root!r})
    os.environ["DJANGO_SETTINGS_MODULE"] = "elearning.settings.test"
    import django
    django.setup()
    from certificates.rendering import CertificateDesign, CertificateSheet, render_pdf
    names = json.loads(sys.argv[1])
    sheets = [
        CertificateSheet(n, "Latin", "Course", "C-1", datetime.date(2026, 1, 1), None, "X", "EL1:A")
        for n in names
    ]
    render_pdf(sheets, CertificateDesign(), out=sys.argv[2])
    """
)


def isolated_render(tmp_path, names: list[str]) -> tuple[Path, str]:
    """Render in a process whose fontconfig knows no font at all: only the vendored files."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    script = tmp_path / "render.py"
    script.write_text(ISOLATED.format(root=str(ROOT)))
    pdf = tmp_path / "isolated.pdf"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    done = subprocess.run(
        [sys.executable, str(script), json.dumps(names), str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return pdf, done.stderr


def test_fonts_do_not_depend_on_the_machine(tmp_path):
    names = ["สมชาย ใจดี", "សុខា ចាន់", "ສົມພອນ ພົມມະຈັນ", "အောင်ကိုကို", "Nguyễn Văn An"]
    pdf, stderr = isolated_render(tmp_path, names)
    text = nfc(run("pdftotext", str(pdf), "-"))
    for name in names:
        assert nfc(name) in text
    assert "no font has" not in stderr
    assert all(r["encoding"] == "Identity-H" for r in fonts(pdf))


def test_a_character_no_font_has_is_reported(tmp_path):
    # With no fallback font on the machine, a CJK character becomes .notdef (a box): the PDF
    # font then has a custom CMap, and rendering logs the character.
    pdf, stderr = isolated_render(tmp_path, ["王 Somchai"])
    assert "U+738B" in stderr
    assert any(r["encoding"] != "Identity-H" for r in fonts(pdf))


# --- pages --------------------------------------------------------------------------------


def test_a_batch_has_one_page_per_certificate_a4_landscape(tmp_path, weasy_warnings):
    out = tmp_path / "batch.pdf"
    sheets = [sheet(n, latin) for n, latin, _font in (p.values for p in NAMES[:5])]
    assert render_pdf(sheets, CertificateDesign(), out=out) == 5
    pages, sizes = page_sizes(out)
    assert pages == 5
    assert set(sizes) == {(842, 595)}


def test_letter_portrait(tmp_path):
    out = tmp_path / "letter.pdf"
    design = CertificateDesign(orientation="portrait", paper="letter", language="th")
    assert render_pdf([sheet(), sheet()], design, out=out) == 2
    assert page_sizes(out) == (2, [(612, 792), (612, 792)])


@pytest.mark.parametrize(
    ("orientation", "paper"),
    [("landscape", "A4"), ("portrait", "A4"), ("landscape", "letter"), ("portrait", "letter")],
)
def test_a_crowded_certificate_stays_on_one_page(tmp_path, logos, orientation, paper):
    design = CertificateDesign(
        title="Certificate of completion of the regional programme against trafficking",
        body="has successfully completed, with distinction,\nthe course of the Regional Border "
        "Training Programme, including its practical exercises at the border post\nand the "
        "final assessment",
        signatories=(
            (
                "Police Colonel Somsak Rattanaporn",
                "Director of the Training Division, Royal Thai Police",
            ),
            ("Dr. Lina Hartono", "Programme Coordinator"),
            ("Major Chanthy Keo", "Head of the Border Police School"),
        ),
        logos=tuple(str(p) for p in logos),
        orientation=orientation,
        paper=paper,
        language="my",
    )
    long = sheet(
        "ဦးအောင်ကိုကိုမင်းထက်နိုင်ဝင်း",
        "U Aung Ko Ko Min Htet Naing Win",
        course_title="Identifying and protecting victims of trafficking in persons at land "
        "border crossings and checkpoints",
    )
    out = tmp_path / "crowded.pdf"
    assert render_pdf([long, sheet(), long], design, out=out) == 3
    assert page_sizes(out)[0] == 3


# --- QR code ------------------------------------------------------------------------------


def test_qr_code_is_alphanumeric_and_reads_back(tmp_path):
    import zxingcpp

    assert segno.make(PAYLOAD, error="m", micro=False).mode == "alphanumeric"
    pdf = tmp_path / "qr.pdf"
    pdf.write_bytes(render_one(sheet(), CertificateDesign()))
    run("pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "qr"))
    (png,) = tmp_path.glob("qr*.png")
    with Image.open(png) as image:
        results = zxingcpp.read_barcodes(image.convert("L"))
    assert [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode] == [PAYLOAD]
    text = run("pdftotext", str(pdf), "-")
    assert "KH-2026-0001-7Q" in text
    assert "Verify at /verify/ on any node, or scan the QR code" in text.replace("\n", " ")


# --- content ------------------------------------------------------------------------------


def test_dates_are_in_the_certificates_language(tmp_path):
    pdf = tmp_path / "th.pdf"
    pdf.write_bytes(render_one(sheet(), CertificateDesign(language="th")))
    text = run("pdftotext", str(pdf), "-")
    assert "1 มีนาคม 2026" in text
    assert "1 มีนาคม 2028" in text
    pdf.write_bytes(render_one(sheet(expires_on=None, score=None), CertificateDesign()))
    text = run("pdftotext", str(pdf), "-")
    assert "March 1, 2026" in text
    assert "Valid until" not in text
    assert "Score" not in text


def test_only_the_latin_name_when_there_is_no_native_one(tmp_path):
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(render_one(sheet("", "Somchai Jaidee"), CertificateDesign()))
    assert run("pdftotext", str(pdf), "-").count("Somchai Jaidee") == 1


def test_names_are_escaped():
    html = rendering._document_html(
        [sheet("<b>x</b>", "A & B")], CertificateDesign(), rendering._page(CertificateDesign())
    )
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "A &amp; B" in html


# --- failures and progress ----------------------------------------------------------------


@pytest.fixture
def logos(tmp_path):
    # Logos are the node's media (Wagtail images): the renderer reads nothing else.
    from django.conf import settings

    tmp_path = Path(settings.MEDIA_ROOT) / "test-logos" / tmp_path.name
    tmp_path.mkdir(parents=True)
    png = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), "#1d3557").save(png)
    jpg = tmp_path / "logo.jpg"
    Image.new("RGB", (300, 100), "#a6852d").save(jpg)
    svg = tmp_path / "logo.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        '<circle cx="5" cy="5" r="4" fill="#a6852d"/></svg>'
    )
    return [png, jpg, svg]


def test_logos(tmp_path, logos, weasy_warnings):
    out = tmp_path / "out" / "logos.pdf"
    out.parent.mkdir()
    design = CertificateDesign(logos=tuple(str(p) for p in logos))
    assert render_pdf([sheet()], design, out=out) == 1
    images = run("pdfimages", "-list", str(out)).splitlines()[2:]
    # The PNG and JPEG logos (the SVG one is vector), and the QR code.
    assert len(images) == 3


def test_missing_logo_raises_and_leaves_no_file(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    design = CertificateDesign(logos=(str(tmp_path / "nope.png"),))
    with pytest.raises(RenderError, match="Logo file not found"):
        render_pdf([sheet()], design, out=folder / "c.pdf")
    assert list(folder.iterdir()) == []


def test_unreadable_logo_raises_and_leaves_no_file(tmp_path):
    from django.conf import settings

    folder = tmp_path / "out"
    folder.mkdir()
    bad = Path(settings.MEDIA_ROOT) / "test-logos" / f"{tmp_path.name}-bad.png"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("not an image")
    with pytest.raises(RenderError, match="Failed to load image"):
        render_pdf([sheet()], CertificateDesign(logos=(str(bad),)), out=folder / "c.pdf")
    assert list(folder.iterdir()) == []


def test_template_errors_raise_and_leave_no_file(tmp_path, settings, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(rendering, "DOCUMENT_TEMPLATE", "certificates/pdf/missing.html")
    with pytest.raises(RenderError, match="template could not be rendered"):
        render_pdf([sheet()], CertificateDesign(), out=folder / "c.pdf")
    assert list(folder.iterdir()) == []

    templates = tmp_path / "templates"
    (templates / "broken").mkdir(parents=True)
    (templates / "broken" / "doc.html").write_text("<html>{% if %}</html>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]
    monkeypatch.setattr(rendering, "DOCUMENT_TEMPLATE", "broken/doc.html")
    out = io.BytesIO()
    with pytest.raises(RenderError, match="template could not be rendered"):
        render_pdf([sheet()], CertificateDesign(), out=out)
    assert out.getvalue() == b""
    assert list(folder.iterdir()) == []


def test_a_failure_keeps_the_previous_file(tmp_path, monkeypatch):
    out = tmp_path / "c.pdf"
    out.write_bytes(b"previous")
    monkeypatch.setattr(rendering, "DOCUMENT_TEMPLATE", "certificates/pdf/missing.html")
    with pytest.raises(RenderError):
        render_pdf([sheet()], CertificateDesign(), out=out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["c.pdf"]


def test_weasyprint_failure_raises_render_error(tmp_path, monkeypatch):
    import weasyprint

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(weasyprint.document.Document, "write_pdf", explode)
    with pytest.raises(RenderError, match="boom"):
        render_pdf([sheet()] * 3, CertificateDesign(), out=tmp_path / "c.pdf", chunk_size=2)
    assert list(tmp_path.iterdir()) == []


def test_bad_design_values_raise():
    with pytest.raises(RenderError, match="paper"):
        render_one(sheet(), CertificateDesign(paper="A3"))
    with pytest.raises(RenderError, match="orientation"):
        render_one(sheet(), CertificateDesign(orientation="sideways"))
    with pytest.raises(RenderError, match="no certificate"):
        render_pdf([], CertificateDesign(), out=io.BytesIO())


def test_progress_ends_at_total(tmp_path):
    calls = []
    out = io.BytesIO()
    pages = render_pdf(
        [sheet()] * 5,
        CertificateDesign(),
        out=out,
        progress=lambda *a: calls.append(a),
        chunk_size=2,
    )
    assert pages == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]
    assert out.getvalue().startswith(b"%PDF")

    calls.clear()
    render_pdf(
        [sheet()] * 3,
        CertificateDesign(),
        out=tmp_path / "c.pdf",
        progress=lambda *a: calls.append(a),
    )
    assert calls[-1] == (3, 3)


def test_an_external_image_is_never_fetched_and_the_certificate_prints_without_it(
    tmp_path, settings, monkeypatch
):
    """Only the vendored fonts and the node's media: no request to another host (nor to this
    one), no file from elsewhere on the machine (the node's keys live there too)."""
    import http.server
    import threading

    asked: list[str] = []

    class Spy(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Spy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = tmp_path / "outside.png"
    Image.new("RGB", (50, 50), "red").save(outside)
    media = Path(settings.MEDIA_ROOT) / "test-logos" / tmp_path.name
    media.mkdir(parents=True)
    Image.new("RGB", (50, 50), "blue").save(media / "logo.png")
    sneaky = f"{media.as_uri()}/../../../{outside.relative_to(outside.anchor)}"
    templates = tmp_path / "templates" / "certificates" / "pdf"
    templates.mkdir(parents=True)
    page = (ROOT / "certificates/templates/certificates/pdf/sheet.html").read_text()
    extra = (
        f'<img src="http://127.0.0.1:{server.server_port}/spy.png" alt="">'
        f'<img src="{outside.as_uri()}" alt=""><img src="{sneaky}" alt="">'
        '<img src="https://example.org/logo.png" alt="">'
    )
    (templates / "sheet.html").write_text(
        page.replace('<div class="content', extra + '<div class="content', 1)
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates"]}]
    out = tmp_path / "c.pdf"
    try:
        pages = render_pdf([sheet()], CertificateDesign(logos=(str(media / "logo.png"),)), out=out)
    finally:
        server.shutdown()
    assert pages == 1
    assert asked == []
    images = run("pdfimages", "-list", str(out)).splitlines()[2:]
    assert len(images) == 2  # the media logo and the QR code; nothing from outside


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_a_code_with_its_secret_prints_on_one_line(tmp_path, orientation):
    """Read back as printed (a line broken at a hyphen loses it in pdftotext, and a person
    copying it may too)."""
    code = "KH-2026-1234567-AJKM-9P4X-19"  # a long serial and the secret
    out = tmp_path / "c.pdf"
    render_pdf([sheet(code=code)], CertificateDesign(orientation=orientation), out=out)
    assert code in run("pdftotext", str(out), "-").splitlines()
