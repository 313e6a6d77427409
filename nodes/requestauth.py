"""Signed requests between nodes: a post proves who it is to the hub without a password.

This is the one scheme for node-to-node HTTP requests that carry nothing signed themselves (a
post asking the hub for its course list or a bundle). A request that carries a sealed, signed
packet (a sync exchange: ``nodes.container`` and ``nodes.sealing``) is authenticated by that
packet's signature instead, which holds whatever the post's clock says; see
docs/decisions/0020-node-to-node-http.md.

The post sends ``X-Node-Id`` (its node id), ``Date`` (an HTTP date) and ``X-Node-Signature``
(Ed25519, hex, by its key over ``METHOD\\nPATH\\nDATE``, where PATH includes the query string).
The hub accepts the request when the signer is an enrolled post, the signature is good and the
date is within ten minutes of its own clock (so a captured request cannot be replayed later).
"""

from __future__ import annotations

import datetime
import email.utils
import uuid

from cryptography.exceptions import InvalidSignature
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .identity import node_identity
from .models import NodeRole, Peer
from .selectors import trusted_key
from .wording import describe_duration

MAX_SKEW = datetime.timedelta(minutes=10)


class NodeAuthError(Exception):
    """A request that is not from an enrolled post; ``str()`` is for the post's operator."""


def _message(method: str, path: str, date: str) -> bytes:
    return f"{method.upper()}\n{path}\n{date}".encode()


def signed_headers(
    *, method: str, path: str, now: datetime.datetime | None = None
) -> dict[str, str]:
    """Headers that sign a request for ``path`` (with its query string) by this node."""
    identity = node_identity()
    stamp = (now or timezone.now()).timestamp()
    date = email.utils.formatdate(stamp, usegmt=True)
    return {
        "X-Node-Id": str(identity.node_id),
        "Date": date,
        "X-Node-Signature": identity.sign(_message(method, path, date)).hex(),
    }


def request_signer(request: HttpRequest, *, now: datetime.datetime | None = None) -> Peer:
    """The enrolled post that signed ``request``; raises NodeAuthError otherwise."""
    try:
        node_id = uuid.UUID(request.headers.get("X-Node-Id", ""))
        signature = bytes.fromhex(request.headers.get("X-Node-Signature", ""))
    except ValueError:
        raise NodeAuthError(_("This request is not signed by a node.")) from None
    peer = Peer.objects.filter(node_id=node_id, role=NodeRole.POST).first()
    key = trusted_key(node_id) if peer is not None else None
    if peer is None or key is None:
        raise NodeAuthError(
            _(
                "Headquarters does not know this post (node %(node)s): it is not enrolled, or "
                "it was enrolled with a file and has not synced yet. Run 'python manage.py "
                "sync' once, then try again."
            )
            % {"node": node_id}
        )
    date = request.headers.get("Date", "")
    try:
        key.verify(signature, _message(request.method or "", request.get_full_path(), date))
    except InvalidSignature:
        raise NodeAuthError(_("The request's signature does not match.")) from None
    try:
        sent = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        raise NodeAuthError(_("The request has no valid date.")) from None
    skew = sent - (now or timezone.now())
    if abs(skew) > MAX_SKEW:
        raise NodeAuthError(
            _(
                "This post's clock is %(amount)s %(direction)s headquarters'. Set the correct "
                "date and time on this computer and try again."
            )
            % {
                "amount": describe_duration(skew),
                "direction": _("ahead of") if skew.total_seconds() > 0 else _("behind"),
            }
        )
    return peer
