"""Sets of sequence numbers as sorted, disjoint, inclusive ranges ``[[from, to], ...]``.

Pure (no Django): what a node holds of one origin is nearly always one range, so "have" lists
stay a few numbers long however many records there are.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

Ranges = list[list[int]]


def to_ranges(seqs: Iterable[int]) -> Ranges:
    """The ranges covering exactly ``seqs`` (any order, duplicates allowed)."""
    result: Ranges = []
    for seq in sorted(set(seqs)):
        if result and seq == result[-1][1] + 1:
            result[-1][1] = seq
        else:
            result.append([seq, seq])
    return result


def union(*sets: Ranges) -> Ranges:
    """The union of several range lists."""
    items = sorted((a, b) for ranges in sets for a, b in ranges)
    result: Ranges = []
    for a, b in items:
        if result and a <= result[-1][1] + 1:
            result[-1][1] = max(result[-1][1], b)
        else:
            result.append([a, b])
    return result


def merged(ranges: Ranges, added: Ranges) -> Ranges:
    """``union(ranges, added)`` of two merged lists in one pass, without sorting: what a node
    holds midway through a packet can be thousands of ranges (a chunk is one table's rows,
    numbered between another table's), and a batch adds a few to it."""
    result: Ranges = []
    i = j = 0
    while i < len(ranges) or j < len(added):
        if j == len(added) or (i < len(ranges) and ranges[i][0] <= added[j][0]):
            low, high = ranges[i]
            i += 1
        else:
            low, high = added[j]
            j += 1
        if result and low <= result[-1][1] + 1:
            result[-1][1] = max(result[-1][1], high)
        else:
            result.append([low, high])
    return result


def contains(ranges: Ranges, seq: int) -> bool:
    """Whether ``seq`` is in ``ranges`` (sorted and disjoint, as every function here returns)."""
    index = bisect_right(ranges, [seq, float("inf")]) - 1
    return index >= 0 and ranges[index][0] <= seq <= ranges[index][1]


def covers(ranges: Ranges, subset: Ranges) -> bool:
    """Whether every number in ``subset`` is in ``ranges`` (merged, as returned here)."""
    for low, high in subset:
        index = bisect_right(ranges, [low, float("inf")]) - 1
        if index < 0 or not (ranges[index][0] <= low and high <= ranges[index][1]):
            return False
    return True


def first_missing(ranges: Ranges) -> int:
    """The smallest positive number not in ``ranges``."""
    expected = 1
    for a, b in ranges:
        if a > expected:
            return expected
        expected = max(expected, b + 1)
    return expected


def count(ranges: Ranges) -> int:
    return sum(b - a + 1 for a, b in ranges)


def parse(value) -> Ranges:
    """Ranges from untrusted JSON; raises ValueError unless it is a list of [int, int] pairs
    with from <= to."""
    if not isinstance(value, list):
        raise ValueError("ranges must be a list")
    pairs = []
    merged_already = True  # as a node writes them: sorted, apart (a packet lists thousands)
    for item in value:
        if (
            type(item) is not list
            or len(item) != 2
            or type(item[0]) is not int
            or type(item[1]) is not int
            or item[0] > item[1]
        ):
            raise ValueError("a range must be [from, to]")
        if pairs and item[0] <= pairs[-1][1] + 1:
            merged_already = False
        pairs.append([item[0], item[1]])
    return pairs if merged_already else union(pairs)


def difference(ranges: Ranges, minus: Ranges) -> Ranges:
    """The numbers in ``ranges`` that are not in ``minus`` (both merged, as returned here)."""
    result: Ranges = []
    for low, high in ranges:
        for cut_low, cut_high in minus:
            if cut_high < low or cut_low > high:
                continue
            if cut_low > low:
                result.append([low, cut_low - 1])
            low = max(low, cut_high + 1)
            if low > high:
                break
        if low <= high:
            result.append([low, high])
    return result
