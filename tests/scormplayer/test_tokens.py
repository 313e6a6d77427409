"""Per-launch tokens (scormplayer.tokens, pure): what they bind, and every way one is refused."""

from __future__ import annotations

import re

import pytest

from scormplayer.tokens import LaunchClaims, Refusal, TokenRefused, issue, verify

KEY = b"k" * 32
OLD_KEY = b"o" * 32
NONCE = bytes(range(12))
CLAIMS = LaunchClaims("launch-7", "officer_42", "pkg-3", 2, 1_800_000_000)


def token() -> str:
    return issue(CLAIMS, KEY, NONCE)


def refusal(value: str, now: int = 1_700_000_000, package=("pkg-3", 2), keys=(KEY,)) -> Refusal:
    with pytest.raises(TokenRefused) as refused:
        verify(value, list(keys), now, *package)
    return refused.value.reason


def test_a_token_is_url_safe_and_gives_back_what_it_binds():
    value = token()
    assert re.fullmatch(r"[A-Za-z0-9._-]+", value)
    assert verify(value, [KEY], 1_700_000_000, "pkg-3", 2) == CLAIMS


def test_two_nonces_make_two_tokens_for_one_launch():
    assert issue(CLAIMS, KEY, bytes(12)) != token()


def test_the_expiry_second_itself_is_refused_the_second_before_is_not():
    assert verify(token(), [KEY], CLAIMS.expires_at - 1, "pkg-3", 2) == CLAIMS
    assert refusal(token(), now=CLAIMS.expires_at) is Refusal.EXPIRED
    assert refusal(token(), now=CLAIMS.expires_at + 86_400) is Refusal.EXPIRED


def test_another_package_or_another_version_of_it_is_refused():
    assert refusal(token(), package=("pkg-4", 2)) is Refusal.OTHER_PACKAGE
    assert refusal(token(), package=("pkg-3", 3)) is Refusal.OTHER_PACKAGE


@pytest.mark.parametrize(
    ("field", "replacement"),
    [
        (1, "launch-8"),  # another attempt
        (2, "officer_43"),  # another learner
        (3, "pkg-4"),  # another package
        (4, "3"),  # another version
        (5, "1900000000"),  # a later expiry
        (6, "AAAAAAAAAAAAAAAA"),  # another nonce
    ],
)
def test_changing_any_field_is_tampering(field, replacement):
    parts = token().split(".")
    parts[field] = replacement
    assert refusal(".".join(parts), package=("pkg-4" if field == 3 else "pkg-3", 2)) is (
        Refusal.TAMPERED
    )


def test_a_changed_signature_or_another_key_is_tampering():
    value = token()
    flipped = value[:-1] + ("A" if value[-1] != "A" else "B")
    assert refusal(flipped) is Refusal.TAMPERED
    assert refusal(value, keys=(b"x" * 32,)) is Refusal.TAMPERED


def test_a_token_signed_with_a_retired_key_is_still_accepted_while_that_key_is_listed():
    value = issue(CLAIMS, OLD_KEY, NONCE)
    assert verify(value, [KEY, OLD_KEY], 1_700_000_000, "pkg-3", 2) == CLAIMS
    assert refusal(value, keys=(KEY,)) is Refusal.TAMPERED


@pytest.mark.parametrize(
    "value",
    [
        "",
        "v2" + token()[2:],
        token() + ".x",
        token().replace(".", "/", 1),
        token() + "é",
        "v1." + "a" * 600,
        token().rsplit(".", 1)[0],  # no signature
    ],
)
def test_anything_not_shaped_like_a_token_is_malformed(value):
    assert refusal(value) is Refusal.MALFORMED


def test_ids_that_would_break_the_format_and_short_keys_are_not_issued():
    with pytest.raises(ValueError, match="id"):
        issue(LaunchClaims("a.b", "1", "p", 1, 2), KEY, NONCE)
    with pytest.raises(ValueError, match="key"):
        issue(CLAIMS, b"short", NONCE)
    with pytest.raises(ValueError, match="nonce"):
        issue(CLAIMS, KEY, b"1234")
