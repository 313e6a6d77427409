"""What a node holds, as ranges of sequence numbers (pure)."""

import pytest

from recordsync import ranges as rng


def test_ranges_cover_exactly_the_numbers_given():
    assert rng.to_ranges([5, 1, 2, 3, 3, 9, 10]) == [[1, 3], [5, 5], [9, 10]]
    assert rng.union([[1, 3]], [[4, 6], [10, 12]], [[11, 20]]) == [[1, 6], [10, 20]]
    held = rng.to_ranges([1, 2, 3, 7])
    assert [n for n in range(10) if rng.contains(held, n)] == [1, 2, 3, 7]
    assert rng.covers(held, [[2, 3], [7, 7]]) and not rng.covers(held, [[3, 4]])
    assert rng.first_missing(held) == 4 and rng.first_missing([]) == 1
    assert rng.count(held) == 4


def test_ranges_from_a_packet_are_checked():
    assert rng.parse([[3, 4], [1, 2]]) == [[1, 4]]
    for bad in ({"a": 1}, [[2, 1]], [[1]], [["1", 2]], [[True, 2]]):
        with pytest.raises(ValueError):
            rng.parse(bad)


def test_difference_is_what_one_holds_and_the_other_does_not():
    assert rng.difference([[1, 10]], [[3, 4], [6, 6]]) == [[1, 2], [5, 5], [7, 10]]
    assert rng.difference([[1, 3], [5, 9]], [[2, 6]]) == [[1, 1], [7, 9]]
    assert rng.difference([[1, 10]], [[0, 20]]) == []
    assert rng.count(rng.difference([[1, 100]], [[1, 60]])) == 40


def test_adding_ranges_to_many_gives_what_a_union_gives():
    import random

    chance = random.Random(13)
    for _ in range(200):
        held = rng.to_ranges(chance.sample(range(1, 400), chance.randint(0, 200)))
        added = rng.to_ranges(chance.sample(range(1, 400), chance.randint(0, 50)))
        assert rng.merged(held, added) == rng.union(held, added)
