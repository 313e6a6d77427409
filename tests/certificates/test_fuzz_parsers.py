"""Property-based fuzzing (Hypothesis) of the certificate parsers anyone can reach from
outside: the typed code, the QR payload and the QR photo. Each returns a result or raises its
one documented error, whatever it is given; none writes anything."""

from __future__ import annotations

import datetime
import io
import struct
import uuid
import zlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from certificates.codes import (
    ALPHABET,
    NODE_CHARS,
    SECRET_BYTES,
    CodeCheck,
    check_code,
    make_code,
    normalise_code,
)
from certificates.payload import (
    BASE45_ALPHABET,
    PREFIX,
    PayloadError,
    Verification,
    base45_encode,
    read_payload,
    verify_payload,
)
from certificates.qr import PhotoTooLarge, read_qr

FUZZ = settings(max_examples=300, deadline=None, database=None)
# Text shaped like a code: its characters, look-alikes, separators, digits of other scripts.
CODE_LIKE = st.text(alphabet=ALPHABET + "ILOUilou -\u2013\u2212 \u0e51\u17e2\uff10", max_size=40)
ANY_TEXT = st.text(max_size=200)


@FUZZ
@given(st.one_of(ANY_TEXT, CODE_LIKE))
def test_check_code_always_answers(text):
    result = check_code(text)
    assert isinstance(result, CodeCheck)
    assert result.problem in ("", "format", "check")
    assert result.ok == (result.problem == "")
    try:
        normalised = normalise_code(text)
    except ValueError:
        assert result.problem == "format"
    else:
        assert normalised == result.code


@FUZZ
@given(
    country=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    year=st.integers(1000, 9999),
    serial=st.integers(0, 10**9),
    node=st.sampled_from(NODE_CHARS),
    secret=st.one_of(st.none(), st.binary(min_size=SECRET_BYTES, max_size=SECRET_BYTES)),
)
def test_every_code_made_reads_back(country, year, serial, node, secret):
    code = make_code(country=country, year=year, serial=serial, node_char=node, secret=secret)
    assert check_code(code) == CodeCheck(ok=True, code=code, problem="")
    assert check_code(code.lower().replace("-", " ")).code == code


KEY = Ed25519PrivateKey.generate()
KEYS = {uuid.uuid4(): KEY.public_key()}


@FUZZ
@given(
    st.one_of(
        ANY_TEXT,
        st.text(alphabet=BASE45_ALPHABET, max_size=300).map(lambda t: PREFIX + t),
        st.binary(max_size=300).map(lambda b: PREFIX + base45_encode(b)),
    )
)
def test_a_payload_is_read_or_refused_with_payload_error(text):
    try:
        claims = read_payload(text)
    except PayloadError:
        claims = None
    result = verify_payload(text, keys=KEYS, revoked=set(), today=datetime.date(2026, 12, 3))
    assert isinstance(result, Verification)
    assert (result.status == "not_ours") == (claims is None)


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (the pixels are not there)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + b"\0\0\0\0IEND\xaeB`\x82"
    )


PHOTO_FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@PHOTO_FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_photo_give_text_or_none(db, data):
    try:
        result = read_qr(io.BytesIO(data))
    except PhotoTooLarge as refused:
        assert "megapixels" in str(refused)
    else:
        assert result is None or isinstance(result, str)


@PHOTO_FUZZ
@given(st.integers(1, 60_000), st.integers(1, 60_000))
def test_a_photo_is_refused_by_its_header_past_the_pixel_limit(db, width, height):
    from django.conf import settings as django_settings

    photo = io.BytesIO(_png_header(width, height))
    if width * height > django_settings.ELEARNING_QR_PHOTO_MAX_PIXELS:
        try:
            read_qr(photo)
        except PhotoTooLarge:
            return
        raise AssertionError("not refused")
    assert read_qr(photo) is None  # a header without pixels: not an image we can read
