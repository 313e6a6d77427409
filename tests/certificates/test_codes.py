"""Certificate codes ``CC-YYYY-NNNN-XK``: making, reading what people type, and a check character
that catches every single substitution and every transposition of adjacent characters
(checked exhaustively over codes chosen to hit the edge cases). No database."""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

import pytest

from certificates.codes import (
    ALPHABET,
    NODE_CHARS,
    SECRET_BYTES,
    CodeCheck,
    check_code,
    make_code,
    node_char_for,
    normalise_code,
)

CODE_RE = re.compile(r"^[A-Z]{2}-\d{4}-\d{4,}-[0-9A-HJKMNP-TV-Z]{2}$")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def reference_check(payload: str) -> str:
    """Luhn mod N as published (GenerateCheckCharacter), written independently of the module:
    country letters I, L, O, U valued 1, 2, 3, 4, everything else by its Crockford index."""
    extra = {"I": 1, "L": 2, "O": 3, "U": 4}
    points = [
        extra.get(c, ALPHABET.find(c)) if i < 2 else ALPHABET.index(c)
        for i, c in enumerate(payload)
    ]
    factor, total, n = 2, 0, len(ALPHABET)
    for point in reversed(points):
        addend = factor * point
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def code_with_check(check: str, *, country: str = "KH", node: str = "7") -> str:
    """A code whose check character is ``check`` (searching serials)."""
    for serial in range(1, 10_000):
        code = make_code(country=country, year=2026, serial=serial, node_char=node)
        if code[-1] == check:
            return code
    raise AssertionError(check)  # pragma: no cover


# Codes that between them hit: a digit and a letter as node character, every node character
# next to the check characters 0 and Z (the one pair Luhn mod 32 cannot see swapped), countries
# with letters outside the alphabet (LA, UA, IS, IO: I, L, O, U), Z beside a letter worth little
# (ZA, ZO), a five- and a six-digit serial, a year and serial full of zeros.
EDGE_CODES = [
    make_code(country="KH", year=2026, serial=1, node_char="7"),
    make_code(country="TH", year=2026, serial=42, node_char="Q"),
    make_code(country="LA", year=2027, serial=9999, node_char="1"),
    make_code(country="UA", year=2030, serial=10000, node_char="Y"),
    make_code(country="IS", year=2000, serial=0, node_char="A"),
    make_code(country="IO", year=2099, serial=123456, node_char="9"),
    make_code(country="ZA", year=2026, serial=10, node_char="X"),
    make_code(country="ZO", year=2026, serial=90, node_char="B"),
    make_code(country="MM", year=2026, serial=7070, node_char="V"),
    make_code(country="VN", year=2026, serial=1001, node_char="M"),
    code_with_check("0"),
    code_with_check("Z"),
    code_with_check("0", node="1"),
    code_with_check("Z", node="Y"),
    code_with_check("0", country="LU", node="H"),
]


def secret(n: int) -> bytes:
    """Fixed "random" bytes, so that the codes below are the same at every run."""
    return hashlib.sha256(f"secret-{n}".encode()).digest()[:SECRET_BYTES]


# Codes of today's shape, with the secret: the same edge cases, plus a secret whose characters
# are all digits but the first (it must still be told from an old code's long serial).
NEW_EDGE_CODES = [
    make_code(country="KH", year=2026, serial=1, node_char="7", secret=secret(1)),
    make_code(country="LA", year=2027, serial=9999, node_char="1", secret=secret(2)),
    make_code(country="UA", year=2030, serial=10000, node_char="Y", secret=secret(3)),
    make_code(country="IO", year=2099, serial=123456, node_char="9", secret=secret(4)),
    make_code(country="ZO", year=2026, serial=90, node_char="B", secret=secret(5)),
    make_code(country="IS", year=2000, serial=0, node_char="A", secret=bytes(SECRET_BYTES)),
]


# --- making ----------------------------------------------------------------------------------


def test_shape_of_a_code():
    code = make_code(country="KH", year=2026, serial=1, node_char="7")
    assert CODE_RE.match(code)
    assert code.startswith("KH-2026-0001-7")


def test_serial_is_padded_to_four_digits_and_grows():
    assert make_code(country="KH", year=2026, serial=7, node_char="7")[8:13] == "0007-"
    assert make_code(country="KH", year=2026, serial=12345, node_char="7")[8:14] == "12345-"


def test_case_of_inputs_does_not_matter():
    assert make_code(country="kh", year=2026, serial=1, node_char="q") == make_code(
        country="KH", year=2026, serial=1, node_char="Q"
    )


def test_check_character_is_luhn_mod_32():
    for code in EDGE_CODES:
        payload = code.replace("-", "")[:-1]
        assert code[-1] == reference_check(payload), code


@pytest.mark.parametrize(
    "kwargs",
    [
        {"country": "K"},
        {"country": "KHM"},
        {"country": "K1"},
        {"country": "ÄB"},
        {"year": 999},
        {"year": 10_000},
        {"year": True},
        {"serial": -1},
        {"serial": 1.0},
        {"node_char": "0"},  # 0 and Z are never node characters
        {"node_char": "Z"},
        {"node_char": "U"},
        {"node_char": "AB"},
        {"node_char": ""},
    ],
)
def test_make_code_rejects_bad_parts(kwargs):
    args = {"country": "KH", "year": 2026, "serial": 1, "node_char": "7"} | kwargs
    with pytest.raises(ValueError):
        make_code(**args)


def test_node_char_is_deterministic_and_spread():
    ids = [uuid.uuid5(uuid.NAMESPACE_URL, f"node-{i}").bytes for i in range(600)]
    chars = [node_char_for(b) for b in ids]
    assert chars == [node_char_for(b) for b in ids]
    assert set(chars) == set(NODE_CHARS)
    assert "0" not in NODE_CHARS and "Z" not in NODE_CHARS and len(NODE_CHARS) == 30


def test_node_char_needs_bytes():
    with pytest.raises(ValueError):
        node_char_for(b"")
    with pytest.raises(ValueError):
        node_char_for("abc")  # type: ignore[arg-type]


# --- reading what people type ----------------------------------------------------------------


def test_normalise_examples():
    code = make_code(country="KH", year=2026, serial=1, node_char="7")
    xk = code[-2:]
    for typed in [
        f"kh 2026 0001 {xk.lower()}",
        f"  KH-2026-0001-{xk}\n",
        f"KH20260001{xk}",
        f"kh-2026 0001{xk}",
        f"-KH-2026-0001-{xk}-",  # stray separators
        f"KH\u20132026\u20140001\u2212{xk}",  # en dash, em dash, minus sign
        f"KH\u00a02026\u00a00001\u00a0{xk}",  # no-break spaces
        "".join(chr(ord(c) + 0xFEE0) for c in "KH-2026-0001-") + xk,  # full width
        f"KH-๒๐๒๖-០០០១-{xk}",  # Thai and Khmer digits
        f"KH-2O26-OOOI-{xk}",  # O for 0, I for 1
        f"KH-2026-000l-{xk}",  # l for 1
    ]:
        assert normalise_code(typed) == code, typed


def test_lookalikes_in_node_and_check_positions():
    base = make_code(country="KH", year=2026, serial=1, node_char="1")
    typed = base[:-2] + "I" + base[-1]
    assert normalise_code(typed) == base
    assert check_code(typed.lower()).ok


def test_country_keeps_its_letters_and_reads_zero_as_o():
    code = make_code(country="LI", year=2026, serial=1, node_char="7")
    assert normalise_code(code.lower()) == code  # L and I stay letters in the country
    bo = make_code(country="BO", year=2026, serial=1, node_char="7")
    assert normalise_code("B0" + bo[2:]) == bo


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "EL1:ABC",
        "KH-2026-0001",  # no node and check
        "KH-2026-001-7Q",  # serial too short
        "KH-26-0001-7Q",
        "K1-2026-0001-7Q",  # digit in the country
        "KH-2026-0A01-7Q",  # letter in the serial
        "KH-2026-0001-UQ",  # U is not Crockford
        "https://example.org/KH-2026-0001-7Q",
        "ខ្មែរ-2026-0001-7Q",
    ],
)
def test_format_problems(text):
    assert check_code(text) == CodeCheck(ok=False, code="", problem="format")
    with pytest.raises(ValueError):
        normalise_code(text)


def test_wrong_check_character_is_a_check_problem():
    code = make_code(country="KH", year=2026, serial=1, node_char="7")
    wrong = code[:-1] + ALPHABET[(ALPHABET.index(code[-1]) + 1) % 32]
    result = check_code(wrong.lower().replace("-", " "))
    assert result == CodeCheck(ok=False, code=wrong, problem="check")


def test_serial_not_in_canonical_form_is_a_check_problem():
    code = make_code(country="KH", year=2026, serial=10001, node_char="7")
    typed = code.replace("10001", "00001")
    assert normalise_code(typed) == typed
    assert check_code(typed) == CodeCheck(ok=False, code=typed, problem="check")


def test_node_char_no_node_uses_is_a_check_problem():
    """0 and Z are never node characters: such a code is a mistyped one (a swap of X and K)."""
    code = code_with_check("Z", node="7")
    body = code[:-2]
    for node in "0Z":
        for check in ALPHABET:
            assert check_code(body + node + check).problem == "check"


def test_every_code_made_checks():
    for country in ("KH", "TH", "LA", "MM", "VN", "UA", "IO"):
        for serial in range(0, 3000, 7):
            code = make_code(country=country, year=2026, serial=serial, node_char="K")
            assert check_code(code) == CodeCheck(ok=True, code=code, problem="")


# --- what the check character catches ---------------------------------------------------------


def substitutions(code: str):
    for i, ch in enumerate(code):
        if ch == "-":
            continue
        for other in LETTERS if i < 2 else ALPHABET:
            if other != ch:
                yield i, other, code[:i] + other + code[i + 1 :]


def test_every_single_substitution_is_caught():
    tried = 0
    for code in EDGE_CODES:
        for i, other, typed in substitutions(code):
            result = check_code(typed)
            assert not result.ok, (code, i, other)
            assert result.problem in ("format", "check")
            tried += 1
    assert tried > 4000


def test_every_substitution_in_a_digit_or_node_position_reads_as_mistyped():
    """A substitution that keeps the shape (a digit for a digit, a character for the node or the
    check character) is reported as "check", never silently accepted."""
    for code in EDGE_CODES:
        for i, other, typed in substitutions(code):
            if i < 2 or (code[i].isdigit() and other.isdigit()) or i >= len(code) - 2:
                assert check_code(typed).problem == "check", (code, i, other)


def test_crockford_decoding_would_have_missed_these():
    """Why the country letters I, L, O, U have values of their own."""
    for a, b, rest in [("I", "L", "S"), ("U", "V", "A")]:
        code = make_code(country=a + rest, year=2026, serial=1, node_char="7")
        assert not check_code(b + code[1:]).ok


def adjacent_swaps(text: str):
    for i in range(len(text) - 1):
        a, b = text[i], text[i + 1]
        if a != b and "-" not in (a, b):
            yield i, text[:i] + b + a + text[i + 2 :]


def test_every_adjacent_transposition_is_caught():
    tried = 0
    for code in EDGE_CODES:
        for i, typed in adjacent_swaps(code):  # as printed, within each group
            assert not check_code(typed).ok, (code, i)
            tried += 1
        bare = code.replace("-", "")  # as typed without hyphens: across the groups too
        for i, typed in adjacent_swaps(bare):
            assert not check_code(typed).ok, (bare, i)
            tried += 1
    assert tried > 200


def test_swapping_node_and_check_characters_is_caught_even_for_0_and_z():
    for check in "0Z":
        for node in NODE_CHARS:
            code = code_with_check(check, node=node)
            swapped = code[:-2] + code[-1] + code[-2]
            assert not check_code(swapped).ok, code


def test_the_first_29_posts_of_a_hub_never_share_a_character():
    from certificates.codes import NODE_CHARS, post_char

    for hub_char in NODE_CHARS:
        chars = [post_char(number=n, hub_char=hub_char) for n in range(1, 30)]
        assert hub_char not in chars
        assert len(set(chars)) == 29
        assert post_char(number=30, hub_char=hub_char) == chars[0]
    with pytest.raises(ValueError):
        post_char(number=0, hub_char="A")


# --- codes with a secret (today's shape) and old codes side by side ----------------------------

NEW_CODE_RE = re.compile(
    r"^[A-Z]{2}-\d{4}-\d{4,}-[A-HJKMNP-TV-Y][1-9A-HJKMNP-TV-Y]{3}"
    r"-[1-9A-HJKMNP-TV-Y]{4}-[1-9A-HJKMNP-TV-Y][0-9A-HJKMNP-TV-Z]$"
)


def test_a_new_code_carries_eight_secret_characters_and_checks():
    for n in range(300):
        code = make_code(country="KH", year=2026, serial=n, node_char="7", secret=secret(n))
        assert NEW_CODE_RE.match(code), code
        assert check_code(code) == CodeCheck(ok=True, code=code, problem="")
        assert normalise_code(code.lower().replace("-", " ")) == code


def test_old_codes_stay_valid_and_the_two_shapes_never_meet():
    for old in EDGE_CODES:
        assert check_code(old).ok and check_code(old).code == old
    for new in NEW_EDGE_CODES:
        result = check_code(new)
        assert result.ok and result.code == new
        # Dropping the secret gives an old-shaped code with the wrong check, not a holder's.
        assert not check_code(new[:13] + new[-2:]).ok


def test_the_secret_comes_only_from_the_bytes_handed_in():
    made = {
        make_code(country="KH", year=2026, serial=1, node_char="7", secret=secrets.token_bytes(16))
        for _ in range(50)
    }
    assert len(made) == 50
    same = make_code(country="KH", year=2026, serial=1, node_char="7", secret=secret(9))
    assert same == make_code(country="KH", year=2026, serial=1, node_char="7", secret=secret(9))
    with pytest.raises(ValueError):
        make_code(country="KH", year=2026, serial=1, node_char="7", secret=b"short")


def test_in_new_codes_every_substitution_and_adjacent_transposition_is_caught():
    tried = 0
    for code in NEW_EDGE_CODES:
        for i, other, typed in substitutions(code):
            assert not check_code(typed).ok, (code, i, other)
            tried += 1
        for i, typed in adjacent_swaps(code):
            assert not check_code(typed).ok, (code, i)
            tried += 1
        plain = code.replace("-", "")
        for i, typed in adjacent_swaps(plain):  # typed without hyphens, across groups
            assert not check_code(typed).ok, (code, i)
            tried += 1
    assert tried > 3800
