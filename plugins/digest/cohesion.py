"""Lexical cohesion between neighbouring paragraphs, in the TextTiling style.

Each paragraph becomes a bag of prefix-stemmed content words plus its
capitalised names (weighted higher), reweighted by inverse document frequency
within the file; cosine similarity of bags (or of merged windows of bags)
and the overlap of names tell where the subject changes.
"""
from __future__ import annotations

import math
from collections import Counter
from operator import mul

from .textnorm import content_stems, names

NAME_WEIGHT = 2


def bag(text: str) -> Counter[str]:
    """Content stems and (weighted) names of a text."""
    c: Counter[str] = Counter(content_stems(text))
    for n in names(text):
        c["@" + n] += NAME_WEIGHT
    return c


def idf_weighted(bags: list[Counter[str]]) -> list[Counter[str]]:
    """Reweight each bag by inverse document frequency over the file's paragraphs.

    Words that occur in most paragraphs of a file (the beat everything in the
    dump is about) say little about where one story ends.
    """
    n = len(bags)
    df: Counter[str] = Counter()
    for b in bags:
        df.update(b.keys())
    idf = {d: math.log((n + 1) / d) for d in set(df.values())}
    out = []
    for b in bags:
        out.append(Counter({k: v * idf[df[k]] for k, v in b.items()}))
    return out


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two bags."""
    if not a or not b:
        return 0.0
    return _dot(a, b) / (norm(a) * norm(b))


def norm(a: Counter[str]) -> float:
    """Euclidean length of a bag."""
    values = list(a.values())
    return math.sqrt(sum(map(mul, values, values)))


def _dot(a: Counter[str], b: Counter[str]) -> float:
    """Dot product of two bags, summed in `a`'s order over its keys (those missing from `b`
    would add nothing)."""
    return sum([v * b[k] for k, v in a.items() if k in b])


def merged(bags: list[Counter[str]]) -> Counter[str]:
    """The sum of some bags (as ``Counter.update`` adds them, in order); only the shared keys
    are added one by one."""
    out: Counter[str] = Counter()
    for b in bags:
        summed = {k: b[k] + out[k] for k in out.keys() & b.keys()}
        dict.update(out, b)
        dict.update(out, summed)
    return out


class Windows:
    """Merged bags of runs of consecutive paragraphs (``bags[lo:hi]``), each merged and
    measured once however often it is compared."""

    def __init__(self, bags: list[Counter[str]]) -> None:
        self.bags = bags
        self._merged: dict[tuple[int, int], tuple[Counter[str], float]] = {}

    def _get(self, lo: int, hi: int) -> tuple[Counter[str], float]:
        got = self._merged.get((lo, hi))
        if got is None:
            bag_ = merged(self.bags[lo:hi])
            got = self._merged[lo, hi] = (bag_, norm(bag_))
        return got

    def cosine(self, left: tuple[int, int], right: tuple[int, int]) -> float:
        """`cosine` of the merged bags of paragraphs ``left[0]:left[1]`` and ``right[0]:right[1]``."""
        a, na = self._get(*left)
        b, nb = self._get(*right)
        if not a or not b:
            return 0.0
        return _dot(a, b) / (na * nb)


def name_overlap(left: list[str], right: list[str]) -> float:
    """Share of the right side's distinct names already seen on the left side."""
    r = set(right)
    if not r:
        return 0.0
    return len(r & set(left)) / len(r)
