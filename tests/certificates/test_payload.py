"""The signed QR payload: Base45 (RFC 9285), the compact encoding, signing and offline
verification (valid, revoked, expired, forged, unknown issuer, not ours), its size, and the
name a public page may show. Keys are made from fixed seeds; no database, no clock."""

from __future__ import annotations

import dataclasses
import datetime
import random
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from certificates.codes import make_code
from certificates.payload import (
    BASE45_ALPHABET,
    PREFIX,
    CertificateClaims,
    PayloadError,
    Verification,
    VerificationStatus,
    base45_decode,
    base45_encode,
    display_name,
    read_payload,
    sign_payload,
    verify_payload,
)

S = VerificationStatus
PROPERTY = settings(max_examples=100, deadline=None, database=None)

ISSUER = uuid.UUID("5b0c3d1e-8f4a-4b2c-9d7e-1a2b3c4d5e6f")
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(100, 132)))
KEYS = {ISSUER: KEY.public_key()}
ISSUED = datetime.date(2026, 3, 1)
EXPIRES = datetime.date(2029, 2, 28)

THAI_NAME_30 = "ประเสริฐ รักชาติ ศรีสุวรรณวงศ์"  # 30 code points
THAI_TITLE_60 = "การตรวจคนเข้าเมืองและการป้องกันการค้ามนุษย์ตามแนวชายแดนทางบก"
LATIN_TITLE_60 = "Border Management and Counter-Trafficking in Persons, Part 2"

NAMES = {
    "latin": "Somchai Jaidee",
    "thai": "สมชาย ใจดี",
    "khmer": "ចាន់ សុខា",
    "khmer-coeng": "ស្រីពៅ ចាន់",
    "lao": "ສົມພອນ ແກ້ວມະນີ",
    "burmese": "အောင် ကျော်ဇော",
    "vietnamese": "Nguyễn Văn An",
    "latin-and-thai": "Somchai Jaidee สมชาย ใจดี",
    "accents": "José Müller-Łukasz",
}


def claims(**changes) -> CertificateClaims:
    base = CertificateClaims(
        certificate_id=uuid.UUID("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"),
        code=make_code(country="TH", year=2026, serial=12, node_char="7"),
        holder="Somchai Jaidee",
        course_code="BMT-101",
        course_title="Border management basics",
        issued_on=ISSUED,
        expires_on=EXPIRES,
        issuer=ISSUER,
    )
    return dataclasses.replace(base, **changes)


def verify(text: str, **kwargs) -> Verification:
    return verify_payload(text, **({"keys": KEYS, "today": ISSUED} | kwargs))


# --- Base45 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
        (b"", ""),
        (b"\x00", "00"),
        (b"\xff\xff", "FGW"),
    ],
)
def test_base45_rfc_examples(raw, encoded):
    assert base45_encode(raw) == encoded
    assert base45_decode(encoded) == raw


@pytest.mark.parametrize("bad", ["GGW", "ZZ", "A", "BB8A", "bb8", "BB8\n", "É00"])
def test_base45_rejects(bad):
    with pytest.raises(ValueError):
        base45_decode(bad)


@PROPERTY
@given(st.binary(max_size=300))
def test_base45_round_trip(data):
    text = base45_encode(data)
    assert base45_decode(text) == data
    assert set(text) <= set(BASE45_ALPHABET)
    assert not text.endswith(" ")  # so surrounding whitespace may be stripped


# --- round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("script", sorted(NAMES))
def test_round_trip_in_every_script(script):
    signed = claims(holder=NAMES[script], course_title=f"Course for {NAMES[script]}")
    text = sign_payload(signed, KEY)
    assert text.startswith(PREFIX)
    assert read_payload(text) == signed
    result = verify(text)
    assert result.status is S.VALID
    assert result.claims == signed


def test_round_trip_without_expiry_never_expires():
    signed = claims(expires_on=None)
    text = sign_payload(signed, KEY)
    assert read_payload(text) == signed
    assert verify(text, today=datetime.date(9999, 12, 31)).status is S.VALID


def test_signing_is_deterministic():
    assert sign_payload(claims(), KEY) == sign_payload(claims(), KEY)


def test_text_is_qr_alphanumeric():
    text = sign_payload(claims(holder=THAI_NAME_30, course_title=THAI_TITLE_60), KEY)
    assert set(text) <= set(BASE45_ALPHABET)


@pytest.mark.parametrize("script", ["thai", "khmer", "lao", "burmese"])
def test_regional_scripts_cost_one_byte_per_character(script):
    name = NAMES[script]
    native = sign_payload(claims(holder=name), KEY)
    ascii_same_length = sign_payload(claims(holder="x" * len(name)), KEY)
    assert len(native) == len(ascii_same_length)


def test_accepts_whitespace_and_a_lowercase_prefix_but_not_lowercase_data():
    text = sign_payload(claims(), KEY)
    assert verify(f"  \n{text}\r\n\t").status is S.VALID
    assert verify("el1:" + text[4:]).status is S.VALID
    assert verify("El1:" + text[4:]).status is S.VALID
    assert verify(text.lower()).status is S.NOT_OURS


# --- what verification says ------------------------------------------------------------------


def test_wrong_key_is_forged():
    text = sign_payload(claims(), OTHER_KEY)  # same issuer id, another key
    assert read_payload(text) == claims()
    result = verify(text)
    assert result.status is S.FORGED
    assert result.claims is None
    assert result.message


def test_altered_claims_re_encoded_with_the_old_signature_are_forged():
    text = sign_payload(claims(holder="Somchai Jaidee"), KEY)
    forged = sign_payload(claims(holder="Somchai Jaideo"), OTHER_KEY)
    # the forger's body with the genuine signature
    genuine_sig = base45_decode(text[4:])[-64:]
    body = base45_decode(forged[4:])[:-64]
    assert verify(PREFIX + base45_encode(body + genuine_sig)).status is S.FORGED


def test_revoked():
    signed = claims()
    text = sign_payload(signed, KEY)
    result = verify(text, revoked={signed.certificate_id})
    assert result.status is S.REVOKED
    assert result.claims == signed
    assert verify(text, revoked=[uuid.uuid4()]).status is S.VALID


def test_revoked_wins_over_expired_and_forged_wins_over_revoked():
    signed = claims()
    text = sign_payload(signed, KEY)
    late = EXPIRES + datetime.timedelta(days=1)
    assert verify(text, revoked={signed.certificate_id}, today=late).status is S.REVOKED
    forged = sign_payload(signed, OTHER_KEY)
    assert verify(forged, revoked={signed.certificate_id}).status is S.FORGED


def test_expiry_bounds():
    text = sign_payload(claims(), KEY)
    assert verify(text, today=EXPIRES).status is S.VALID  # the expiry day is still valid
    after = verify(text, today=EXPIRES + datetime.timedelta(days=1))
    assert after.status is S.EXPIRED
    assert after.claims == claims()
    assert "2029-02-28" in after.message
    assert verify(text, today=ISSUED - datetime.timedelta(days=1)).status is S.VALID


def test_expiry_on_the_issue_day():
    text = sign_payload(claims(expires_on=ISSUED), KEY)
    assert verify(text, today=ISSUED).status is S.VALID
    assert verify(text, today=ISSUED + datetime.timedelta(days=1)).status is S.EXPIRED


def test_unknown_issuer():
    text = sign_payload(claims(issuer=uuid.UUID(int=7)), KEY)
    result = verify(text)
    assert result.status is S.UNKNOWN_ISSUER
    assert result.claims is None
    assert verify(sign_payload(claims(), KEY), keys={}).status is S.UNKNOWN_ISSUER


def test_verification_with_several_issuers():
    second = uuid.UUID(int=99)
    keys = {ISSUER: KEY.public_key(), second: OTHER_KEY.public_key()}
    assert verify(sign_payload(claims(issuer=second), OTHER_KEY), keys=keys).status is S.VALID
    assert verify(sign_payload(claims(issuer=second), KEY), keys=keys).status is S.FORGED


def random_base45_of_random_bytes() -> list[str]:
    rng = random.Random(45)
    texts = [PREFIX + base45_encode(rng.randbytes(n)) for n in (1, 2, 33, 160, 230, 400)]
    # random bytes that start like ours: version 1, no flags
    texts += [PREFIX + base45_encode(b"\x01\x00" + rng.randbytes(n)) for n in (40, 150, 226)]
    return texts


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "EL1:",
        "EL1: ",
        "hello world",
        "https://elearning.example.org/certificates/verify/?c=KH-2026-0001-7Q",
        "KH-2026-0001-7Q",
        "HC1:6BFOXN%TS3DH0YOJ58S",  # an EU vaccination certificate prefix
        "EL2:BB8",
        "EL1:bb8",
        "EL1:BB8A",
        *random_base45_of_random_bytes(),
    ],
)
def test_not_ours(text):
    result = verify(text)
    assert result.status is S.NOT_OURS
    assert result.claims is None
    assert result.message
    with pytest.raises(PayloadError):
        read_payload(text)


def reencode(text: str, change) -> str:
    return PREFIX + base45_encode(change(base45_decode(text[len(PREFIX) :])))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[:-1], "truncated"),
        (lambda d: d[:40], "truncated"),
        (lambda d: d[:1], "truncated"),
        (lambda d: d + b"\x00", "trailing"),
        (lambda d: d + b"extra bytes", "trailing"),
        (lambda d: b"\x02" + d[1:], "version"),
        (lambda d: b"\x00" + d[1:], "version"),
        (lambda d: d[:1] + b"\x07" + d[2:], "flags"),  # bit 2: bits 0 and 1 have a meaning
    ],
)
def test_read_payload_says_what_is_wrong(change, message):
    text = reencode(sign_payload(claims(), KEY), change)
    with pytest.raises(PayloadError, match=message):
        read_payload(text)
    assert verify(text).status is S.NOT_OURS


@pytest.mark.parametrize(
    ("text", "message"),
    [("XX1:BB8", "EL1"), ("EL1:bb8", "Base45"), ("EL1:A", "Base45"), ("EL1:GGW", "Base45")],
)
def test_read_payload_messages_for_the_text(text, message):
    with pytest.raises(PayloadError, match=message):
        read_payload(text)


def test_any_one_character_changed_is_never_valid():
    """Every position, every other Base45 character: FORGED or NOT_OURS, never VALID. The one
    other outcome, by the order of the rules, is UNKNOWN_ISSUER, and only when the change falls
    in the characters that encode the issuer's 16 bytes (body bytes 18..33)."""
    signed = claims(holder=THAI_NAME_30, course_title=LATIN_TITLE_60)
    text = sign_payload(signed, KEY)
    issuer_chars = range(len(PREFIX) + 3 * 9, len(PREFIX) + 3 * 17)  # byte pairs 9..16
    seen = {}
    for i, ch in enumerate(text):
        for other in BASE45_ALPHABET:
            if other == ch:
                continue
            status = verify(text[:i] + other + text[i + 1 :]).status
            seen[status] = seen.get(status, 0) + 1
            if status is S.UNKNOWN_ISSUER:
                assert i in issuer_chars, (i, other)
            else:
                assert status in (S.FORGED, S.NOT_OURS), (i, other, status)
    assert S.VALID not in seen
    assert seen[S.FORGED] > 0 and seen[S.NOT_OURS] > 0
    assert sum(seen.values()) == len(text) * (len(BASE45_ALPHABET) - 1)


# --- size ------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", [THAI_TITLE_60, LATIN_TITLE_60], ids=["thai", "latin"])
def test_size_with_a_thai_name_and_a_long_title(title):
    assert len(THAI_NAME_30) == 30 and len(title) == 60
    signed = claims(
        holder=THAI_NAME_30,
        course_title=title,
        course_code="BMT-CTIP-201",
        code=make_code(country="TH", year=2026, serial=12345, node_char="Q"),
    )
    text = sign_payload(signed, KEY)
    assert len(text) < 420, len(text)
    assert len(text) == 343  # 226 bytes: measured, and exact for one byte per Thai character


def test_size_in_vietnamese_utf8():
    text = sign_payload(
        claims(
            holder="Nguyễn Thị Ngọc Ánh Trương Đức",
            course_title="Nghiệp vụ kiểm soát xuất nhập cảnh và phòng chống mua bán người"[:60],
        ),
        KEY,
    )
    assert len(text) < 420, len(text)


# --- signing rejects what cannot be encoded --------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"code": "KH-2026-0001-7Q\n"},
        {"code": "ខ-2026"},
        {"course_code": "\u041a\u0423\u0420\u0421-1"},  # Cyrillic look-alikes
        {"expires_on": ISSUED - datetime.timedelta(days=1)},
        {"issued_on": datetime.datetime(2026, 3, 1, 12, 0)},
        {"certificate_id": "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"},
        {"holder": "broken \ud800 surrogate"},
    ],
)
def test_sign_rejects_claims_it_cannot_encode(changes):
    with pytest.raises(ValueError):
        sign_payload(claims(**changes), KEY)


# --- properties ------------------------------------------------------------------------------

printable_ascii = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E))
regional = st.text(alphabet=st.sampled_from("สมชายใจดีเกษม่้ុខាចន់សែក្រີ້ວມະອងကျော်ဇ "), max_size=40)


@st.composite
def random_claims(draw):
    issued = draw(st.dates())
    expires = draw(st.none() | st.dates(min_value=issued))
    return CertificateClaims(
        certificate_id=draw(st.uuids()),
        code=draw(printable_ascii),
        holder=draw(st.text() | regional),
        course_code=draw(printable_ascii),
        course_title=draw(st.text() | regional),
        issued_on=issued,
        expires_on=expires,
        issuer=draw(st.uuids()),
    )


@PROPERTY
@given(random_claims(), st.binary(min_size=32, max_size=32))
def test_sign_verify_round_trip(signed, seed):
    key = Ed25519PrivateKey.from_private_bytes(seed)
    text = sign_payload(signed, key)
    assert read_payload(text) == signed
    result = verify_payload(text, keys={signed.issuer: key.public_key()}, today=signed.issued_on)
    assert result.status is S.VALID
    assert result.claims == signed


@PROPERTY
@given(st.text(max_size=200) | st.text(alphabet=BASE45_ALPHABET).map(lambda t: PREFIX + t))
def test_junk_is_not_ours_and_raises_only_payload_error(text):
    try:
        read_payload(text)
    except PayloadError:
        assert verify(text).status is S.NOT_OURS


# --- the name a public page may show ----------------------------------------------------------


@pytest.mark.parametrize(
    ("holder", "family_first", "shown"),
    [
        ("Somchai Jaidee", False, "S. Jaidee"),
        ("Anna  Maria\tSchmidt ", False, "A. M. Schmidt"),
        ("Madonna", False, "Madonna"),
        ("  Sokha  ", True, "Sokha"),
        ("", False, ""),
        ("Jean-Pierre Dupont", False, "J.-P. Dupont"),
        ("E\u0301mile Zola", False, "E\u0301. Zola"),  # a decomposed accent stays on its letter
        ("Émile Zola", False, "É. Zola"),
        ("สมชาย ใจดี", False, "ส. ใจดี"),
        ("สุดา ใจดี", False, "สุ. ใจดี"),  # consonant with its vowel sign
        ("เกษม ใจดี", False, "ก. ใจดี"),  # a preposed vowel is skipped, as in ชม.
        ("ไพโรจน์ สมบัติ", False, "พ. สมบัติ"),
        ("Somchai Jaidee สมชาย ใจดี", False, "S. J. ส. ใจดี"),
        ("សុខា ចាន់", False, "សុ. ចាន់"),
        ("ចាន់ សុខា", True, "ចាន់ សុ."),
        ("ស្រីពៅ ចាន់", False, "ស្រី. ចាន់"),  # coeng: the subscript consonant stays
        ("Chan Sokha", True, "Chan S."),
        ("ສົມພອນ ແກ້ວມະນີ", False, "ສົ. ແກ້ວມະນີ"),
        ("ແກ້ວ ສົມພອນ", False, "ກ້. ສົມພອນ"),  # Lao preposed vowel skipped
        ("အောင် ကျော်ဇော", False, "အော. ကျော်ဇော"),
        ("ကျော် ဇော", False, "ကျော်. ဇော"),  # medial, vowel signs and asat: all marks
        ("Nguyễn Văn An", True, "Nguyễn V. A."),
        ("Nguyễn Văn An", False, "N. V. An"),
        ("Trần Thị Ánh", True, "Trần T. Á."),
    ],
)
def test_display_name(holder, family_first, shown):
    assert display_name(holder, family_first=family_first) == shown


@pytest.mark.parametrize("title", [THAI_TITLE_60, LATIN_TITLE_60], ids=["thai", "latin"])
def test_a_code_with_its_secret_still_fits_the_qr_budget(title):
    """The secret adds ten characters to the code: 15 to the QR text, still version <= 15."""
    code = make_code(country="TH", year=2026, serial=12345, node_char="Q", secret=bytes(16))
    text = sign_payload(
        claims(holder=THAI_NAME_30, course_title=title, course_code="BMT-CTIP-201", code=code),
        KEY,
    )
    assert len(text) == 358  # 343 with an old code, + 1.5 x 10 bytes
    assert read_payload(text).code == code


def test_the_browser_score_flag_is_signed_and_a_payload_without_it_reads_as_before():
    flagged = sign_payload(claims(browser_score=True), KEY)
    plain = sign_payload(claims(), KEY)
    assert read_payload(flagged).browser_score is True
    assert verify(flagged).status is S.VALID and verify(flagged).claims.browser_score
    assert read_payload(plain).browser_score is False
    assert len(flagged) == len(plain)  # one bit of the flags byte, no more bytes
    flags = base45_decode(flagged[len(PREFIX) :])[1]
    assert flags & 0x02 and not base45_decode(plain[len(PREFIX) :])[1] & 0x02
    # Removing the statement from a certificate breaks its signature.
    cleared = reencode(flagged, lambda d: d[:1] + bytes([d[1] & ~0x02]) + d[2:])
    assert verify(cleared).status is S.FORGED
