"""A device as the browser's ``queue.js`` is one, played by the tests: a real ECDSA P-256 key
pair (made with ``cryptography``), its public key registered through ``/offline/devices/``,
items numbered and signed over their canonical JSON as the browser signs them."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from offlinemode.signatures import canonical


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class Device:
    def __init__(self, officer, device: uuid.UUID | None = None):
        self.officer = officer.pk
        self.id = device or uuid.uuid4()
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.seq = 0

    def jwk(self) -> dict:
        numbers = self.key.public_key().public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url(numbers.x.to_bytes(32, "big")),
            "y": b64url(numbers.y.to_bytes(32, "big")),
            "ext": True,
            "key_ops": ["verify"],
        }

    def register(self, client):
        return client.post(
            "/offline/devices/",
            {"device": str(self.id), "public_key": self.jwk()},
            content_type="application/json",
        )

    def sign(self, item: dict) -> dict:
        unsigned = {name: value for name, value in item.items() if name != "sig"}
        r, s = decode_dss_signature(self.key.sign(canonical(unsigned), ec.ECDSA(hashes.SHA256())))
        return {**unsigned, "sig": b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))}

    def item(self, kind: str, payload: dict, *, made_at: datetime | None = None, **fields) -> dict:
        self.seq += 1
        item = {
            "id": str(uuid.uuid4()),
            "device": str(self.id),
            "officer": self.officer,
            "seq": self.seq,
            "kind": kind,
            "made_at": (made_at or datetime.now(UTC)).isoformat(),
            "payload": payload,
        }
        item.update(fields)
        return self.sign(item)


def batch(*items: dict, sent_at: datetime | None = None) -> dict:
    return {"sent_at": (sent_at or datetime.now(UTC)).isoformat(), "items": list(items)}


def send(client, body: dict):
    return client.post("/offline/activity/", body, content_type="application/json")
