"""Who may speak for an officer's profile: a pure rule, the same at the hub and at every post.

A profile version (``ProfileRecord``) made by the hub is always authorised: headquarters speaks
for everyone. A version made by a border post is authorised only when the officer is that post's
own at the version's Lamport clock, and it does not move the officer to another post:

- *home*: the post named by the hub's newest version with a lower clock (a transfer is the
  hub's version naming the new post). Without any such version, the officer is the creator's:
  the node that made their earliest version (the hub, on a tie).
- *no move*: the version names the maker's own post (or, for an officer the post created and
  the hub never placed, no post: the post's own staff). Only the hub moves officers.

A post's change made before a transfer it had not seen yet (a lower or equal clock) is judged by
the decision in force when it was made; its changes with a higher clock are the new post's to
make. The rule takes plain data (no database, no clock), so a packet relayed anywhere gets the
same answer wherever the same hub decisions are held.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Version:
    """One profile version reduced to what authority depends on."""

    origin: uuid.UUID
    clock: int
    post_code: str  # the border post it names, "" for none


class Refusal(StrEnum):
    NOT_HOME = "not_home"  # the officer is another post's (or only headquarters')
    MOVES = "moves"  # it names a post other than the maker's own
    CREATED_ELSEWHERE = "created_elsewhere"  # claims to create an officer another node created
    BAD_CLOCK = "bad_clock"  # a clock below 1 would outrank nothing and claim creation


@dataclass(frozen=True)
class Authority:
    """What the rule found: ``refusal`` None when authorised; ``home`` the post (code) the
    officer belonged to for this version, and ``creator`` the node that created them."""

    refusal: Refusal | None
    home: str = ""
    creator: uuid.UUID | None = None


def _creator(versions: list[Version], hub: uuid.UUID | None) -> uuid.UUID:
    """The node that made the earliest of ``versions`` (not empty): the hub on a tie, else
    the lowest node id, so every node names the same one."""
    lowest = min(v.clock for v in versions)
    first = {v.origin for v in versions if v.clock == lowest}
    if hub in first:
        return hub
    return min(first, key=str)


def profile_authority(
    *,
    version: Version,
    held: Iterable[Version],
    hub: uuid.UUID | None,
    maker_post: str,
) -> Authority:
    """Whether ``version`` may change the officer, given the versions of them ``held`` (without
    ``version``), the hub's node id and the post code of the node that made ``version``."""
    if hub is not None and version.origin == hub:
        return Authority(refusal=None, home=version.post_code, creator=None)
    if version.clock < 1:
        return Authority(refusal=Refusal.BAD_CLOCK)
    others = [v for v in held if (v.origin, v.clock) != (version.origin, version.clock)]
    decisions = [v for v in others if v.origin == hub and v.clock < version.clock]
    if decisions:
        home = max(decisions, key=lambda v: v.clock).post_code
        if not home or home != maker_post:
            return Authority(refusal=Refusal.NOT_HOME, home=home)
        if version.post_code != home:
            return Authority(refusal=Refusal.MOVES, home=home)
        return Authority(refusal=None, home=home)
    earliest = min((v.clock for v in others), default=None)
    if earliest is None or version.clock < earliest:
        creator = version.origin
    else:
        creator = _creator(others, hub)
    if creator != version.origin:
        home = min((v for v in others if v.origin == creator), key=lambda v: v.clock).post_code
        refusal = (
            Refusal.CREATED_ELSEWHERE
            if earliest is not None and version.clock <= earliest
            else Refusal.NOT_HOME
        )
        return Authority(refusal=refusal, home=home, creator=creator)
    if version.post_code not in ("", maker_post):
        return Authority(refusal=Refusal.MOVES, home=maker_post, creator=creator)
    return Authority(refusal=None, home=maker_post, creator=creator)


def version_of(*, origin: uuid.UUID | str, clock: int, data: object) -> Version:
    """A ``Version`` from a record's fields (``data`` as the record stores it)."""
    post = data.get("post") if isinstance(data, dict) else None
    code = str(post.get("code", "")) if isinstance(post, dict) else ""
    return Version(origin=uuid.UUID(str(origin)), clock=int(clock), post_code=code)
