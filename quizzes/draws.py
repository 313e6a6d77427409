"""Pure choice of which bank questions a random draw takes: no Django, no clock, and only the
randomness handed in (an import-linter contract says so)."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence


def prefer_unseen(
    pool: Sequence[str], *, count: int, seen: Collection[str], rng: random.Random
) -> list[str]:
    """``count`` ids from ``pool``, those not in ``seen`` first.

    When the pool holds at least ``count`` unseen ids, all are unseen; otherwise every unseen id
    is taken and the rest are drawn from the seen ones. Which ones, and their order, come from
    ``rng`` alone: the same pool, seen ids and generator state give the same draw. Raises
    ValueError when ``count`` exceeds the pool.
    """
    if count > len(pool):
        raise ValueError(f"cannot draw {count} from {len(pool)}")
    unseen = [i for i in pool if i not in seen]
    again = [i for i in pool if i in seen]
    if len(unseen) >= count:
        return rng.sample(unseen, count)
    chosen = unseen + rng.sample(again, count - len(unseen))
    rng.shuffle(chosen)
    return chosen
