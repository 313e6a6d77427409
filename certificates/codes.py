"""Human certificate codes with a check character: ``CC-YYYY-NNNN-SSSS-SSSS-XK``.

Pure: no Django, no clock, no I/O, and no randomness but the bytes the caller hands in. A code
reads, for example, ``KH-2026-0001-H4QK-X9TM-7N``:

* ``CC``: the ISO 3166 country of the issuing programme, two letters A-Z;
* ``YYYY``: the year of issue, four digits;
* ``NNNN``: the serial, zero-padded to four digits and longer when it grows (``10000``); a serial
  is always written in that canonical form, so a code with serial ``00001`` is never valid (it
  is reported as mistyped, like a wrong check character);
* ``SSSS-SSSS``: the secret, eight characters drawn from random bytes the issuer hands to
  ``make_code``: the first one of the 21 letters of ``NODE_CHARS``, the other seven any of the
  30 ``NODE_CHARS``: 21 x 30^7 = 4.6 x 10^11 values, 38.7 bits (ADR 0006). Country, year,
  serial and node character can be guessed (serials count up), so without it 20 guesses at
  /verify/ found 6 holders; with it a guess finds a holder with odds of 1 in 4.6 x 10^11;
* ``X``: one character of Crockford base32 naming the issuing node (``node_char_for``);
* ``K``: the check character.

Codes issued before the secret existed, ``CC-YYYY-NNNN-XK`` (``make_code`` without ``secret``),
stay valid: both shapes are read and checked. They cannot be confused: after the year, an old
code has only digits up to its last two characters, while a new one has a letter ten characters
from its end (the secret's first character is always a letter, the serial only digits).

Alphabet: Crockford base32, ``0123456789ABCDEFGHJKMNPQRSTVWXYZ`` (no I, L, O, U); each character
has its index as value (``0`` = 0 ... ``Z`` = 31).

Check character: Luhn mod 32 (the "Luhn mod N" algorithm) over the code's characters without
hyphens and without the check itself, i.e. over ``CC YYYY NNNN SSSSSSSS X`` (``CC YYYY NNNN X``
for an old code). Digits, the node character
and country letters of the alphabet take their Crockford value. The four letters that are not in
the alphabet can only occur in the country (nowhere else is a letter I, L, O or U accepted), and
they take four digit values that no other letter uses: **I = 1, L = 2, O = 3, U = 4**. Crockford's
decoding rules (I, L -> 1, O -> 0, U -> V) were not used: they give I and L, and U and V, the same
value, so ``IS`` (Iceland) mistyped as ``LS`` would pass; and O -> 0 would put 0 beside Z (31) in
``OZ``, the one pair Luhn mod 32 cannot see transposed.

What the check catches: Luhn mod N catches every single-character substitution (each position's
mapping is one-to-one) and every transposition of two adjacent characters except the pair of
values 0 and 31 (``0`` and ``Z``). That pair can never be adjacent here: country letters are
worth 1..31, year and serial are digits, and the secret's and node characters are never ``0``
or ``Z`` (``NODE_CHARS``), so no two neighbours can form it. The tests check both properties
exhaustively over several codes.

Reading a typed code (``normalise_code``): surrounding space is trimmed, letters uppercased,
full-width forms folded (NFKC) and digits of any script (Thai, Khmer, Lao, Myanmar...) read as
ASCII digits; hyphens may be missing or replaced by spaces or any dash. After the country,
Crockford's look-alikes are read as digits: O -> 0, I and L -> 1. In the country, a ``0`` is read
as ``O`` (the only letter it can stand for).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

__all__ = [
    "ALPHABET",
    "NODE_CHARS",
    "SECRET_BYTES",
    "CodeCheck",
    "check_code",
    "make_code",
    "node_char_for",
    "normalise_code",
    "post_char",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
# Country letters outside the alphabet: distinct digit values, never 0 (see the module docstring).
_COUNTRY_EXTRA = {"I": 1, "L": 2, "O": 3, "U": 4}
_COUNTRY_VALUE = {c: v for c, v in _VALUE.items() if c.isalpha()} | _COUNTRY_EXTRA
# Node characters: the alphabet without 0 and Z, which Luhn mod 32 cannot tell apart when they
# are swapped (the node character stands next to the check character, which may be 0 or Z).
NODE_CHARS = ALPHABET[1:-1]
# The secret: its first character a letter (this tells the two shapes apart), then any.
SECRET_FIRST = "".join(c for c in NODE_CHARS if c.isalpha())
SECRET_LENGTH = 8
SECRET_BYTES = 16  # what make_code needs: 128 random bits, far more than the 38.7 it keeps
# After the country: Crockford's look-alikes.
_LOOKALIKE = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = {"-", "\u2212"}  # plus any whitespace and any dash punctuation (category Pd)


def _luhn_check(values: list[int]) -> str:
    """The Luhn mod 32 check character for ``values`` (the code without its check)."""
    total = 0
    factor = 2  # the rightmost value is doubled
    for value in reversed(values):
        addend = factor * value
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[-total % 32]


def _values(country: str, rest: str) -> list[int]:
    return [_COUNTRY_VALUE[c] for c in country] + [_VALUE[c] for c in rest]


def node_char_for(node_id_bytes: bytes) -> str:
    """A deterministic node character (one of ``NODE_CHARS``, 30 of them) from a node's id
    bytes (``node_id.bytes``): SHA-256 of the bytes, reduced modulo 30. Two nodes may share a
    character; the character is a hint for people, not an identity."""
    if not isinstance(node_id_bytes, bytes | bytearray) or not node_id_bytes:
        raise ValueError("node_char_for needs the node id as non-empty bytes")
    digest = hashlib.sha256(bytes(node_id_bytes)).digest()
    return NODE_CHARS[int.from_bytes(digest[:8], "big") % len(NODE_CHARS)]


def post_char(*, number: int, hub_char: str) -> str:
    """The node character of the ``number``-th post enrolled with a hub whose own character is
    ``hub_char``: posts take the other 29 characters in enrolment order, so the first 29 posts
    of a hub never share a character with it or with each other (their codes cannot collide).
    From the 30th post characters are reused in turn."""
    if number < 1:
        raise ValueError("post numbers start at 1")
    others = [char for char in NODE_CHARS if char != hub_char]
    return others[(number - 1) % len(others)]


def _secret(random_bytes: bytes) -> str:
    """The eight secret characters from ``random_bytes`` (the bias of the reduction is below
    2^-90 with 16 bytes)."""
    number = int.from_bytes(random_bytes, "big")
    number, first = divmod(number, len(SECRET_FIRST))
    chars = [SECRET_FIRST[first]]
    for _ in range(SECRET_LENGTH - 1):
        number, index = divmod(number, len(NODE_CHARS))
        chars.append(NODE_CHARS[index])
    return "".join(chars)


def make_code(
    *, country: str, year: int, serial: int, node_char: str, secret: bytes | None = None
) -> str:
    """The code ``CC-YYYY-NNNN-SSSS-SSSS-XK`` with its check character.

    ``country``: two letters A-Z (any case); ``year``: 1000..9999; ``serial``: >= 0, written
    zero-padded to four digits; ``node_char``: one of ``NODE_CHARS`` (any case); ``secret``:
    ``SECRET_BYTES`` random bytes from the caller (``secrets.token_bytes``). Without ``secret``
    the code has the old shape ``CC-YYYY-NNNN-XK`` (for tests of codes issued before the
    secret; never issue one). Raises ``ValueError`` otherwise.
    """
    cc = country.upper() if isinstance(country, str) else ""
    if len(cc) != 2 or any(c not in _COUNTRY_VALUE for c in cc):
        raise ValueError(f"country must be two letters A-Z, not {country!r}")
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ValueError(f"year must be a four-digit integer, not {year!r}")
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 0:
        raise ValueError(f"serial must be a non-negative integer, not {serial!r}")
    node = node_char.upper() if isinstance(node_char, str) else ""
    if len(node) != 1 or node not in NODE_CHARS:
        raise ValueError(f"node_char must be one of {NODE_CHARS}, not {node_char!r}")
    hidden = ""
    if secret is not None:
        if not isinstance(secret, bytes | bytearray) or len(secret) < SECRET_BYTES:
            raise ValueError(f"secret must be at least {SECRET_BYTES} random bytes")
        hidden = _secret(bytes(secret))
    check = _luhn_check(_values(cc, f"{year:04d}{serial:04d}{hidden}{node}"))
    groups = f"-{hidden[:4]}-{hidden[4:]}" if hidden else ""
    return f"{cc}-{year:04d}-{serial:04d}{groups}-{node}{check}"


def _clean(text: str) -> str:
    """Uppercase ASCII-ish characters with separators removed; "" if the text cannot be one."""
    if not isinstance(text, str):
        return ""
    out = []
    for ch in unicodedata.normalize("NFKC", text).strip():
        if ch.isspace() or ch in _SEPARATORS or unicodedata.category(ch) == "Pd":
            continue
        if not ch.isascii() and unicodedata.decimal(ch, None) is not None:
            ch = str(unicodedata.decimal(ch))
        out.append(ch.upper())
    return "".join(out)


def _split(text: str) -> tuple[str, str, str, str, str, str] | None:
    """(country, year, serial, secret, node, check) in canonical form (secret "" in an old
    code), or None if the text is not shaped as a code."""
    raw = _clean(text)
    if len(raw) < 12 or not raw.isascii():
        return None
    country = raw[:2].replace("0", "O")
    rest = "".join(_LOOKALIKE.get(c, c) for c in raw[2:])
    secret = ""
    if len(rest) >= 4 + 4 + SECRET_LENGTH + 2 and rest[-SECRET_LENGTH - 2].isalpha():
        secret = rest[-SECRET_LENGTH - 2 : -2]
        rest = rest[: -SECRET_LENGTH - 2] + rest[-2:]
    year, serial, node, check = rest[:4], rest[4:-2], rest[-2], rest[-1]
    if not (country.isalpha() and all(c in _COUNTRY_VALUE for c in country)):
        return None
    if not (year.isdigit() and serial.isdigit() and len(serial) >= 4):
        return None
    if node not in _VALUE or check not in _VALUE or any(c not in _VALUE for c in secret):
        return None
    return country, year, serial, secret, node, check


def _canonical(country: str, year: str, serial: str, secret: str, node: str, check: str) -> str:
    groups = f"-{secret[:4]}-{secret[4:]}" if secret else ""
    return f"{country}-{year}-{serial}{groups}-{node}{check}"


def normalise_code(text: str) -> str:
    """The canonical form of a typed code, e.g. ``"kh 2026 0001 h4qk x9tm 7n"`` ->
    ``"KH-2026-0001-H4QK-X9TM-7N"`` (or ``"KH-2026-0001-7Q"`` for an old code). The check
    character is not verified (see ``check_code``). Raises ``ValueError`` if the text does not
    have the shape of a code."""
    parts = _split(text)
    if parts is None:
        raise ValueError("not a certificate code")
    return _canonical(*parts)


@dataclass(frozen=True)
class CodeCheck:
    """The result of ``check_code``.

    ``ok``: a well-formed code whose check character matches. ``code``: the normalised code, or
    "" when the text does not look like a code. ``problem``: "" when ok; "format" when the text
    does not look like a code at all; "check" when it does but the check character does not
    match, or the code cannot have been issued (a node character no node uses, a serial of more
    than four digits starting with 0): probably mistyped.
    """

    ok: bool
    code: str = ""
    problem: str = ""


def check_code(text: str) -> CodeCheck:
    """Normalise ``text`` and verify its check character (codes of either shape)."""
    parts = _split(text)
    if parts is None:
        return CodeCheck(ok=False, code="", problem="format")
    country, year, serial, secret, node, check = parts
    code = _canonical(*parts)
    if len(serial) > 4 and serial[0] == "0":  # not canonical (a digit mistyped as 0)
        return CodeCheck(ok=False, code=code, problem="check")
    if any(c not in NODE_CHARS for c in secret) or node not in NODE_CHARS:
        return CodeCheck(ok=False, code=code, problem="check")
    if _luhn_check(_values(country, year + serial + secret + node)) != check:
        return CodeCheck(ok=False, code=code, problem="check")
    return CodeCheck(ok=True, code=code, problem="")
