"""What the server answers for one queued activity item (pure: no Django).

An item is made on the officer's device while offline and sent later (``activity``): each is
accepted once, answered as a duplicate when sent again, or refused with a reason the officer
can read. A check answer's outcome carries the marking the officer could not get offline."""

from __future__ import annotations

from dataclasses import dataclass, field

ACCEPTED = "accepted"
DUPLICATE = "duplicate"
REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    status: str  # ACCEPTED, DUPLICATE or REFUSED
    reason: str = ""  # for the officer, in their language; "" when accepted with nothing to say
    feedback: dict | None = None  # a check answer's: {"correct", "answered", "message", "details"}
    extra: dict = field(default_factory=dict)


class Refused(Exception):
    """An item the server will not apply; ``reason`` says why, for the officer."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
