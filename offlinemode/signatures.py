"""What a device signs and how the server checks it (pure: no Django).

An activity item made offline is signed on the officer's device with an ECDSA P-256 key made
there by WebCrypto (the private key never leaves the browser's IndexedDB: it is not
extractable). The signed bytes are the UTF-8 of the item's *canonical JSON*: keys sorted at
every level, no spaces, non-ASCII characters as themselves. ``JSON.stringify`` of a key-sorted
copy in the browser gives the same text for what items hold (strings, integers, lists and
objects; keys in ASCII), so both ends sign and verify the same bytes.

WebCrypto's ECDSA signature is the raw ``r || s`` (32 bytes each for P-256), sent in base64url;
``cryptography`` wants DER, so it is converted here. A public key travels as a JWK.
"""

from __future__ import annotations

import base64
import binascii
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

_COORDINATE = 32  # bytes of a P-256 coordinate, and of r and s


class BadKey(ValueError):
    """A public key that is not an EC P-256 point in JWK form."""


def canonical(value: object) -> bytes:
    """The bytes a device signs for ``value``. Raises ValueError when ``value`` holds text
    that has no UTF-8 form (a lone surrogate from a ``\\ud800`` escape)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text without a UTF-8 form") from None


def b64url_decode(text: str) -> bytes:
    """Base64url without padding (as WebCrypto's JWK and the devices write it) to bytes;
    ValueError for anything else."""
    if not isinstance(text, str) or not text.isascii() or "=" in text:
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


def public_key_jwk(jwk: object) -> dict[str, str]:
    """The JWK of an EC P-256 public key, reduced to its four defining members; raises BadKey
    when ``jwk`` is anything else (another curve, a private key, a point not on the curve)."""
    if not isinstance(jwk, dict) or jwk.get("kty") != "EC" or jwk.get("crv") != "P-256":
        raise BadKey("not an EC P-256 key")
    if "d" in jwk:
        raise BadKey("a private key")
    try:
        x, y = b64url_decode(jwk.get("x")), b64url_decode(jwk.get("y"))  # type: ignore[arg-type]
    except ValueError:
        raise BadKey("coordinates not in base64url") from None
    if len(x) != _COORDINATE or len(y) != _COORDINATE:
        raise BadKey("coordinates of the wrong size")
    normal = {"kty": "EC", "crv": "P-256", "x": jwk["x"], "y": jwk["y"]}
    _public_key(normal)
    return normal


def _public_key(jwk: dict[str, str]) -> ec.EllipticCurvePublicKey:
    numbers = ec.EllipticCurvePublicNumbers(
        int.from_bytes(b64url_decode(jwk["x"]), "big"),
        int.from_bytes(b64url_decode(jwk["y"]), "big"),
        ec.SECP256R1(),
    )
    try:
        return numbers.public_key()
    except ValueError:
        raise BadKey("not a point on P-256") from None


def signature_valid(*, jwk: dict[str, str], message: bytes, signature: str) -> bool:
    """Whether ``signature`` (raw ``r || s`` in base64url, as WebCrypto makes it) is the
    signature of ``message`` by the key ``jwk`` (a key ``public_key_jwk`` accepted)."""
    try:
        raw = b64url_decode(signature)
    except ValueError:
        return False
    if len(raw) != 2 * _COORDINATE:
        return False
    r = int.from_bytes(raw[:_COORDINATE], "big")
    s = int.from_bytes(raw[_COORDINATE:], "big")
    try:
        _public_key(jwk).verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, BadKey, ValueError):
        return False
    return True
