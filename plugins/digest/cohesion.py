"""Lexical cohesion between neighbouring paragraphs, in the TextTiling style.

Each paragraph becomes a bag of prefix-stemmed content words plus its
capitalised names (weighted higher), reweighted by inverse document frequency
within the file; cosine similarity of bags (or of merged windows of bags)
and the overlap of names tell where the subject changes.
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


def name_overlap(left: list[str], right: list[str]) -> float:
    """Share of the right side's distinct names already seen on the left side."""
    r = set(right)
    if not r:
        return 0.0
    return len(r & set(left)) / len(r)
