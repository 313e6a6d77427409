"""Whether this browser's device key has spoken from the current log-in session: the device's
session (``OfflineDevice.session``) is the one withdrawing it ends, so a browser that logs in
again registers its key again once (``queue.js``, ``offline-config.device_seen``), which links
the device to the new session. The session holds a digest of its own key, never the key, so a
session whose key changed (``cycle_key`` at a log-in) reads as not seen."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest

_MARK = "offline_device_seen"


def _digest(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()[:32]


def device_seen(request: HttpRequest) -> bool:
    key = request.session.session_key
    return bool(key) and request.session.get(_MARK) == _digest(key)


def device_seen_note(request: HttpRequest) -> None:
    key = request.session.session_key
    if key and not device_seen(request):
        request.session[_MARK] = _digest(key)
