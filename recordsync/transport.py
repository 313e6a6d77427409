"""Transport over HTTP: this node's sync lock, and the signed request a post sends the hub."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from nodes.container import container_bytes
from nodes.models import Peer
from nodes.selectors import enrolment_claim

from .wire import EXCHANGE_KIND, EXCHANGE_PART, SyncBusy


@contextlib.contextmanager
def sync_lock() -> Iterator[None]:
    """Hold this node's sync lock (a file in ELEARNING_DATA_DIR); raise SyncBusy if another
    sync holds it. Safe from cron: two runs never overlap, and the lock goes with the process."""
    path = Path(settings.DATA_DIR) / "sync.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held for the duration
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncBusy(_("Another sync is running on this node.")) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def exchange_request(packet: bytes, *, hub: Peer, more: bool = False) -> bytes:
    """The body of a request to the hub: a small header signed by this post (with its
    enrolment claim until the hub has it), then the packet. ``more``: the packet is one round
    of a longer upload (this post has more to send), so the hub answers with its holdings and
    no records until the upload's last round (ADR 0049)."""
    meta: dict = {"recipient": str(hub.node_id)}
    if more:
        meta["more"] = True
    claim = enrolment_claim()
    if claim:
        meta["enrolment"] = claim
    return container_bytes(kind=EXCHANGE_KIND, meta=meta, parts=[(EXCHANGE_PART, packet)])
