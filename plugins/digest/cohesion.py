"""Lexical cohesion between neighbouring paragraphs, in the TextTiling style.

Each paragraph becomes a bag of prefix-stemmed content words plus its
capitalised names (weighted higher); the similarity of the windows on either
side of every gap, and the TextTiling depth of each gap, tell where the
subject changes. Windows are bounded, so the cost is linear in file size.
"""
from __future__ import annotations

import math
from collections import Counter

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
    out = []
    for b in bags:
        out.append(Counter({k: v * math.log((n + 1) / df[k]) for k, v in b.items()}))
    return out


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two bags."""
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def merged(bags: list[Counter[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for b in bags:
        out.update(b)
    return out


def gap_similarity(bags: list[Counter[str]], window: int = 3) -> list[float]:
    """sims[g] compares paragraphs [g-window, g) with [g, g+window), for g in 1..n-1 (sims[0] = 1)."""
    n = len(bags)
    sims = [1.0] * max(n, 1)
    for g in range(1, n):
        left = merged(bags[max(0, g - window):g])
        right = merged(bags[g:g + window])
        sims[g] = cosine(left, right)
    return sims


def depth(sims: list[float]) -> list[float]:
    """TextTiling depth of every gap: how far the similarity dips below the peaks on both sides."""
    n = len(sims)
    out = [0.0] * n
    for g in range(1, n):
        lo = sims[g]
        lp = lo
        i = g - 1
        while i >= 1 and sims[i] >= lp:
            lp = sims[i]
            i -= 1
        rp = lo
        j = g + 1
        while j < n and sims[j] >= rp:
            rp = sims[j]
            j += 1
        out[g] = (lp - lo) + (rp - lo)
    return out


def name_overlap(left: list[str], right: list[str]) -> float:
    """Share of the right side's distinct names already seen on the left side."""
    r = set(right)
    if not r:
        return 0.0
    return len(r & set(left)) / len(r)
