"""Sealing: what travels between nodes is readable only by the node it is for.

A chunk of records or an enrolment claim is sealed to its recipient's key with a libsodium
sealed box (X25519 with a fresh ephemeral key, XSalsa20-Poly1305), through PyNaCl. A node's
X25519 key is its Ed25519 node key converted (``crypto_sign_ed25519_pk_to_curve25519``), so the
key every node already knows for a peer (from enrolment or the hub's roster, bound to the node
id) is the key to seal to: no second key to publish, store or trust. ADR 0007 says why.

An enrolment file is written before the hub knows the post's key, so it is sealed with a key
derived from the one-time code (Argon2id): only the operator who holds the code can read it.

Signatures are not made here: a sealed chunk is signed by its origin over the sealed bytes'
hash (``recordsync``), so a post that relays it verifies it without being able to read it.
"""

from __future__ import annotations

import nacl.bindings
import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from nacl.public import PrivateKey, PublicKey, SealedBox

from .identity import NodeIdentity

_CODE_SALT = nacl.pwhash.argon2id.SALTBYTES
# Argon2id "moderate" (256 MiB, 3 passes) would cost a post's PC seconds; "interactive" costs
# about 0.1 s and 64 MiB, on top of the code's 80 random bits.
_CODE_OPS = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
_CODE_MEM = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE


class SealError(Exception):
    """Sealed bytes that this node cannot open (sealed for another node, or changed)."""


def _box_public(key: Ed25519PublicKey) -> PublicKey:
    raw = key.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )
    return PublicKey(nacl.bindings.crypto_sign_ed25519_pk_to_curve25519(raw))


def _box_private(identity: NodeIdentity) -> PrivateKey:
    seed = identity.private_key.private_bytes(
        encoding=serialization.Encoding.Raw,
        format=serialization.PrivateFormat.Raw,
        encryption_algorithm=serialization.NoEncryption(),
    )
    _public, secret = nacl.bindings.crypto_sign_seed_keypair(seed)
    return PrivateKey(nacl.bindings.crypto_sign_ed25519_sk_to_curve25519(secret))


def seal(data: bytes, *, to: Ed25519PublicKey) -> bytes:
    """``data`` sealed so that only the holder of the private half of ``to`` can read it.
    48 bytes longer than ``data``; sealing the same data twice gives different bytes."""
    return SealedBox(_box_public(to)).encrypt(bytes(data))


def unseal(data: bytes, *, identity: NodeIdentity) -> bytes:
    """Open bytes sealed to ``identity``; raises SealError otherwise."""
    try:
        return SealedBox(_box_private(identity)).decrypt(bytes(data))
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise SealError from None


def normalised_code(code: str) -> str:
    """A one-time code as typed (any case, with or without dashes) in one spelling."""
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def _code_key(code: str, salt: bytes) -> bytes:
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        normalised_code(code).encode(),
        salt,
        opslimit=_CODE_OPS,
        memlimit=_CODE_MEM,
    )


def seal_with_code(data: bytes, *, code: str) -> bytes:
    """``data`` sealed with a key derived from a one-time code: salt, then a secret box."""
    salt = nacl.utils.random(_CODE_SALT)
    return salt + nacl.secret.SecretBox(_code_key(code, salt)).encrypt(bytes(data))


def unseal_with_code(data: bytes, *, code: str) -> bytes:
    """Open bytes sealed with ``code``; raises SealError for a wrong code or changed bytes."""
    data = bytes(data)
    if len(data) <= _CODE_SALT:
        raise SealError
    try:
        return nacl.secret.SecretBox(_code_key(code, data[:_CODE_SALT])).decrypt(data[_CODE_SALT:])
    except (nacl.exceptions.CryptoError, ValueError, TypeError):
        raise SealError from None
