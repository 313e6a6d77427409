"""The signed payload of a certificate's QR code, verifiable offline.

Pure: no Django, no clock (``today`` is passed in), no I/O, no randomness. The text is
``EL1:`` followed by Base45 (RFC 9285) of ``body || signature``, so that a QR code holds it in
alphanumeric mode (``0-9 A-Z space $ % * + - . / :``). The signature is Ed25519 by the issuing
node's key over ``DOMAIN || body``; the domain string keeps a node's key from vouching for
anything else that happens to parse as a body.

Body, version 1 (all integers big-endian or unsigned LEB128 "varint"; no padding)::

    version          1 byte    1
    flags            1 byte    bit 0: an expiry date follows; bit 1: the course's completion
                               rests on a score reported by content in the officer's browser
                               (a SCORM lesson whose trainer accepted that: ADR 0026); other
                               bits must be 0 (a payload without bit 1 reads as it always did)
    certificate_id  16 bytes   UUID bytes
    issuer          16 bytes   UUID bytes of the issuing node (in full, so that the unsigned
                               read gives the real issuer; a prefix would save 12 characters)
    issued_on        varint    zigzag(days since 2020-01-01)
    expires_on       varint    days after issued_on (present only with flag bit 0)
    code             ascii     varint length, then printable ASCII bytes
    course_code      ascii     varint length, then printable ASCII bytes
    holder           text      see below
    course_title     text      see below

followed by the 64-byte Ed25519 signature, which must end the payload exactly.

Text fields are compact for the scripts of the region: a tag byte, a varint length, the bytes.
Tag 0: UTF-8. Tag w (1..255): a "window" of 128 code points from ``w * 128``; each byte below
0x80 is that ASCII character, each byte b from 0x80 is ``chr(w * 128 + b - 0x80)``. The encoder
picks a window when every non-ASCII character of the text falls into the same one, so Thai
(U+0E00, w = 28), Lao (U+0E80, 29), Myanmar (U+1000, 32), Khmer (U+1780, 47), Cyrillic,
Latin-1 names etc. take one byte per character, where UTF-8 takes three (or two); other text
(Vietnamese, mixed scripts) is UTF-8. Text is stored exactly as given, never normalised.

Size: 38 bytes of fixed fields (with an expiry; dates of 1998..2042), 6 bytes of lengths and
tags, the text, and 64 bytes of signature; the QR text is 4 + 1.5 x that. A 16-character code,
a 14-character course code, a 30-character Thai name and a 60-character Thai (or Latin) course
title make 228 bytes, 346 characters (80-character title: 376); the same in Vietnamese (UTF-8)
385. A code with its secret (``CC-YYYY-NNNN-SSSS-SSSS-XK``, 26 characters with a five-digit
serial) adds 10 bytes, 15 characters: 358 (Vietnamese about 400). The tests assert < 420
characters: QR version <= 15 at error correction M.

Base45 never ends in a space (the last character of a 3-character group is at most ``W``, of a
2-character group at most ``5``), and the prefix protects the start, so surrounding whitespace
can be stripped safely. The prefix is read case-insensitively; the data must be uppercase.
"""

from __future__ import annotations

import datetime
import unicodedata
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

__all__ = [
    "BASE45_ALPHABET",
    "DOMAIN",
    "PREFIX",
    "VERSION",
    "CertificateClaims",
    "PayloadError",
    "Verification",
    "VerificationStatus",
    "base45_decode",
    "base45_encode",
    "display_name",
    "read_payload",
    "sign_payload",
    "verify_payload",
]

PREFIX = "EL1:"
VERSION = 1
DOMAIN = b"elearning certificate v1\x00"
SIGNATURE_SIZE = 64
_EPOCH = datetime.date(2020, 1, 1).toordinal()
_FLAG_EXPIRES = 0x01
_FLAG_BROWSER_SCORE = 0x02
_FLAGS = _FLAG_EXPIRES | _FLAG_BROWSER_SCORE
_MAX_VARINT_BYTES = 5  # 2**35: far more than any length or date here


class PayloadError(ValueError):
    """The text is not a certificate payload of this platform; the message says why."""


# --- Base45 (RFC 9285) -----------------------------------------------------------------------

BASE45_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_B45 = {c: i for i, c in enumerate(BASE45_ALPHABET)}


def base45_encode(data: bytes) -> str:
    """RFC 9285: each pair of bytes as three characters (least significant first), a last odd
    byte as two."""
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += (BASE45_ALPHABET[c], BASE45_ALPHABET[d], BASE45_ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (BASE45_ALPHABET[c], BASE45_ALPHABET[d])
    return "".join(out)


def base45_decode(text: str) -> bytes:
    """Inverse of ``base45_encode``; ``ValueError`` for a character outside the alphabet
    (lowercase included), a dangling single character or a group out of range."""
    try:
        values = [_B45[c] for c in text]
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a Base45 character") from None
    if len(values) % 3 == 1:
        raise ValueError("Base45 text has a dangling character")
    out = bytearray()
    for i in range(0, len(values), 3):
        group = values[i : i + 3]
        n = sum(v * 45**k for k, v in enumerate(group))
        if len(group) == 3:
            if n > 0xFFFF:
                raise ValueError("Base45 group out of range")
            out += n.to_bytes(2, "big")
        else:
            if n > 0xFF:
                raise ValueError("Base45 group out of range")
            out.append(n)
    return bytes(out)


# --- Claims and the byte layout --------------------------------------------------------------


@dataclass(frozen=True)
class CertificateClaims:
    certificate_id: uuid.UUID
    code: str
    holder: str
    course_code: str
    course_title: str
    issued_on: datetime.date
    expires_on: datetime.date | None
    issuer: uuid.UUID
    # The course's completion rests on a score interactive content reported from the officer's
    # browser (anyone with the browser's tools could have forged it); the certificate says so.
    browser_score: bool = False


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _zigzag(n: int) -> int:
    return n * 2 if n >= 0 else -n * 2 - 1


def _unzigzag(n: int) -> int:
    return n // 2 if n % 2 == 0 else -(n + 1) // 2


def _ascii_field(value: str, name: str) -> bytes:
    if not isinstance(value, str) or not all(" " <= c <= "~" for c in value):
        raise ValueError(f"{name} must be printable ASCII, not {value!r}")
    data = value.encode("ascii")
    return _varint(len(data)) + data


def _text_field(value: str, name: str) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a str, not {value!r}")
    windows = {ord(c) >> 7 for c in value if ord(c) >= 0x80}
    if len(windows) == 1 and 1 <= (window := windows.pop()) <= 0xFF:
        base = window << 7
        data = bytes(ord(c) if ord(c) < 0x80 else ord(c) - base + 0x80 for c in value)
        tag = window
    else:
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{name} is not encodable text (a lone surrogate?)") from None
        tag = 0
    return bytes([tag]) + _varint(len(data)) + data


def _body(claims: CertificateClaims) -> bytes:
    if not isinstance(claims.certificate_id, uuid.UUID) or not isinstance(claims.issuer, uuid.UUID):
        raise ValueError("certificate_id and issuer must be UUIDs")
    issued, expires = claims.issued_on, claims.expires_on
    if not isinstance(issued, datetime.date) or isinstance(issued, datetime.datetime):
        raise ValueError("issued_on must be a date")
    if expires is not None and (
        not isinstance(expires, datetime.date) or isinstance(expires, datetime.datetime)
    ):
        raise ValueError("expires_on must be a date or None")
    if expires is not None and expires < issued:
        raise ValueError("expires_on is before issued_on")
    if not isinstance(claims.browser_score, bool):
        raise ValueError("browser_score must be a bool")
    flags = (_FLAG_EXPIRES if expires is not None else 0) | (
        _FLAG_BROWSER_SCORE if claims.browser_score else 0
    )
    out = bytearray([VERSION, flags])
    out += claims.certificate_id.bytes + claims.issuer.bytes
    out += _varint(_zigzag(issued.toordinal() - _EPOCH))
    if expires is not None:
        out += _varint((expires - issued).days)
    out += _ascii_field(claims.code, "code") + _ascii_field(claims.course_code, "course_code")
    out += _text_field(claims.holder, "holder") + _text_field(claims.course_title, "course_title")
    return bytes(out)


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise PayloadError("The payload is truncated.")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def varint(self) -> int:
        n = 0
        for i in range(_MAX_VARINT_BYTES):
            byte = self.byte()
            n |= (byte & 0x7F) << (7 * i)
            if not byte & 0x80:
                if byte == 0 and i:
                    raise PayloadError("The payload has a malformed number.")
                return n
        raise PayloadError("The payload has a malformed number.")

    def date(self, ordinal: int) -> datetime.date:
        try:
            return datetime.date.fromordinal(ordinal)
        except (ValueError, OverflowError):
            raise PayloadError("The payload has an impossible date.") from None

    def ascii(self) -> str:
        data = self.take(self.varint())
        if not all(0x20 <= b <= 0x7E for b in data):
            raise PayloadError("The payload has a malformed code.")
        return data.decode("ascii")

    def text(self) -> str:
        tag = self.byte()
        data = self.take(self.varint())
        if tag == 0:
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                raise PayloadError("The payload has malformed text.") from None
        base = tag << 7
        return "".join(chr(b) if b < 0x80 else chr(base + b - 0x80) for b in data)


def _parse(text: str) -> tuple[CertificateClaims, bytes, bytes]:
    """(claims, body, signature) of a payload text; ``PayloadError`` if it is not one."""
    if not isinstance(text, str):
        raise PayloadError("Not a certificate payload: not text.")
    text = text.strip()
    if text[: len(PREFIX)].upper() != PREFIX:
        raise PayloadError("Not a certificate payload: it does not start with EL1:.")
    try:
        data = base45_decode(text[len(PREFIX) :])
    except ValueError as exc:
        raise PayloadError(f"The payload is damaged: {exc}.") from None
    if not data:
        raise PayloadError("The payload is empty.")
    reader = _Reader(data)
    version = reader.byte()
    if version != VERSION:
        raise PayloadError(f"Unsupported payload version {version}.")
    flags = reader.byte()
    if flags & ~_FLAGS:
        raise PayloadError("The payload has unknown flags.")
    certificate_id = uuid.UUID(bytes=reader.take(16))
    issuer = uuid.UUID(bytes=reader.take(16))
    issued_on = reader.date(_EPOCH + _unzigzag(reader.varint()))
    expires_on = (
        reader.date(issued_on.toordinal() + reader.varint()) if flags & _FLAG_EXPIRES else None
    )
    code, course_code = reader.ascii(), reader.ascii()
    holder, course_title = reader.text(), reader.text()
    body_end = reader.pos
    signature = reader.take(SIGNATURE_SIZE)
    if reader.pos != len(data):
        raise PayloadError(f"The payload has {len(data) - reader.pos} unexpected trailing bytes.")
    claims = CertificateClaims(
        certificate_id=certificate_id,
        code=code,
        holder=holder,
        course_code=course_code,
        course_title=course_title,
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer,
        browser_score=bool(flags & _FLAG_BROWSER_SCORE),
    )
    return claims, data[:body_end], signature


def sign_payload(claims: CertificateClaims, private_key: Ed25519PrivateKey) -> str:
    """The QR text ``EL1:<base45>`` of ``claims`` signed with ``private_key``. Raises
    ``ValueError`` for claims that cannot be encoded (non-ASCII code or course code, expiry
    before issue, a date or UUID of the wrong type)."""
    body = _body(claims)
    return PREFIX + base45_encode(body + private_key.sign(DOMAIN + body))


def read_payload(text: str) -> CertificateClaims:
    """The claims of a payload text, WITHOUT checking the signature (``verify_payload`` does).
    Raises ``PayloadError`` with a human message for anything that is not a payload of ours."""
    return _parse(text)[0]


# --- Verification ----------------------------------------------------------------------------


class VerificationStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    FORGED = "forged"
    UNKNOWN_ISSUER = "unknown_issuer"
    NOT_OURS = "not_ours"


@dataclass(frozen=True)
class Verification:
    """``claims`` is set only when the signature verified (VALID, REVOKED, EXPIRED)."""

    status: VerificationStatus
    claims: CertificateClaims | None
    message: str


def verify_payload(
    text: str,
    *,
    keys: Mapping[uuid.UUID, Ed25519PublicKey],
    revoked: Collection[uuid.UUID] = (),
    today: datetime.date,
    expiry_corrected: Mapping[uuid.UUID, datetime.date | None] | None = None,
) -> Verification:
    """Verify a QR text offline against the issuers' public ``keys`` and the ``revoked``
    certificate ids known to this verifier. In order: not parseable -> NOT_OURS; issuer not in
    ``keys`` -> UNKNOWN_ISSUER; bad signature -> FORGED; revoked -> REVOKED; ``today`` after
    the expiry date -> EXPIRED (the expiry day itself is still valid); else VALID. The expiry
    date is the one in ``expiry_corrected`` (headquarters' correction of an issuing clock that
    was wrong) for a certificate id listed there."""
    S = VerificationStatus
    try:
        claims, body, signature = _parse(text)
    except PayloadError as exc:
        return Verification(S.NOT_OURS, None, f"Not a certificate of this platform. {exc}")
    key = keys.get(claims.issuer)
    if key is None:
        return Verification(S.UNKNOWN_ISSUER, None, "Issued by a node this verifier does not know.")
    try:
        key.verify(signature, DOMAIN + body)
    except InvalidSignature:
        return Verification(S.FORGED, None, "The signature does not match: altered or forged.")
    if claims.certificate_id in revoked:
        return Verification(S.REVOKED, claims, "This certificate has been revoked.")
    expires_on = claims.expires_on
    if expiry_corrected and claims.certificate_id in expiry_corrected:
        expires_on = expiry_corrected[claims.certificate_id]
    if expires_on is not None and today > expires_on:
        return Verification(
            S.EXPIRED, claims, f"This certificate expired on {expires_on.isoformat()}."
        )
    return Verification(S.VALID, claims, "Valid certificate.")


# --- What a public page may show -------------------------------------------------------------

# Thai and Lao vowels written before the consonant they follow in speech (Unicode's
# Logical_Order_Exception): an initial is the consonant, as in Thai abbreviations (ชม.).
_PREPOSED_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
# Signs that stack the next consonant under the previous one (Khmer coeng, Myanmar virama):
# the subscript consonant belongs to the same cluster.
_STACKERS = frozenset("\u17d2\u1039")
_JOINERS = frozenset("\u200c\u200d")


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M") or ch in _JOINERS


def _first_cluster(word: str) -> str:
    """The first grapheme cluster of ``word``: a base character with the combining marks that
    follow it (a Thai, Khmer, Lao or Burmese consonant with its vowel signs and tone marks, a
    Latin letter with its accents), skipping a Thai or Lao preposed vowel."""
    start = 0
    while start < len(word) - 1 and word[start] in _PREPOSED_VOWELS:
        start += 1
    end = start + 1
    while end < len(word):
        if _is_mark(word[end]):
            end += 1
            if word[end - 1] in _STACKERS and end < len(word):
                end += 1  # the stacked consonant
        else:
            break
    return word[start:end]


def _initial(word: str) -> str:
    parts = word.split("-")
    if len(parts) > 1 and all(parts):  # Jean-Pierre -> J.-P.
        return "-".join(_first_cluster(p) + "." for p in parts)
    return _first_cluster(word) + "."


def display_name(holder: str, *, family_first: bool = False) -> str:
    """The name as a public verification page may show it: given names as initials, the
    family name in full ("Somchai Jaidee" -> "S. Jaidee", "สมชาย ใจดี" -> "ส. ใจดี").
    With ``family_first`` (Khmer, Vietnamese order) the first word is the family name:
    "Nguyễn Văn An" -> "Nguyễn V. A.". A single word is shown as it is."""
    words = holder.split()
    if len(words) <= 1:
        return " ".join(words)
    if family_first:
        return " ".join([words[0], *(_initial(w) for w in words[1:])])
    return " ".join([*(_initial(w) for w in words[:-1]), words[-1]])
