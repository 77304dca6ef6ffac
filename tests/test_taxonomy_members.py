"""Taxonomy post lists: a list whose ``in`` test stays right however the list is changed."""
from __future__ import annotations

import pytest


@pytest.fixture
def members() -> type:
    # Imported when the tests run (see tests/test_fingerprint.py: Pelican's logger class).
    from digest.articles import Members
    return Members


def test_membership_follows_every_kind_of_change(members: type) -> None:
    m = members([1, 2])
    assert 1 in m and 3 not in m
    m.append(3)
    assert 3 in m
    m[0] = 7
    assert 1 not in m and 7 in m
    m += [8]
    assert 8 in m and isinstance(m, members)
    m.extend([4])
    m.insert(0, 5)
    assert 4 in m and 5 in m
    m.remove(5)
    m.pop()
    assert 5 not in m and 4 not in m
    del m[0]
    assert 7 not in m
    m.clear()
    assert 2 not in m and m == []


def test_it_is_still_a_list(members: type) -> None:
    m = members(["a", "b", "c"])
    assert m[1:] == ["b", "c"] and len(m) == 3 and list(m) == ["a", "b", "c"]
