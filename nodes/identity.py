"""This node's identity: an Ed25519 key pair in the data directory, and the node id derived from it.

The private key never enters the database (a database dump or a sync packet must not carry it);
it is written once, with mode 0600, in ``settings.NODE_KEY_DIR``. The node id is a UUID derived
from the public key, so it cannot be claimed without the key.
"""

from __future__ import annotations

import hashlib
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

PRIVATE_KEY_FILE = "node_ed25519.pem"
_lock = threading.Lock()
_cache: dict[Path, NodeIdentity] = {}


@dataclass(frozen=True)
class NodeIdentity:
    node_id: uuid.UUID
    role: str
    public_key: Ed25519PublicKey
    private_key: Ed25519PrivateKey

    @property
    def public_key_bytes(self) -> bytes:
        return self.public_key.public_bytes(
            encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
        )

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)


def node_id_for_public_key(public_key_bytes: bytes) -> uuid.UUID:
    return uuid.UUID(bytes=hashlib.sha256(b"elearning-node:" + public_key_bytes).digest()[:16])


def _load_or_create(key_dir: Path) -> Ed25519PrivateKey:
    path = key_dir / PRIVATE_KEY_FILE
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return key
    key_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(key_dir, 0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    # O_EXCL: if two processes start at once, one writes and the other reads what it wrote.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _load_or_create(key_dir)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def node_identity() -> NodeIdentity:
    """This node's identity, creating the key pair on first use."""
    key_dir = Path(settings.NODE_KEY_DIR)
    with _lock:
        identity = _cache.get(key_dir)
        if identity is None:
            private_key = _load_or_create(key_dir)
            public_key = private_key.public_key()
            public_bytes = public_key.public_bytes(
                encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
            )
            identity = NodeIdentity(
                node_id=node_id_for_public_key(public_bytes),
                role=settings.NODE_ROLE,
                public_key=public_key,
                private_key=private_key,
            )
            _cache[key_dir] = identity
    return identity
