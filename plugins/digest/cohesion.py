"""Lexical cohesion between neighbouring paragraphs, in the TextTiling style.

Each paragraph becomes a bag of prefix-stemmed content words plus its
capitalised names (weighted higher), reweighted by inverse document frequency
within the file; cosine similarity of bags (or of merged windows of bags)
and the overlap of names tell where the subject changes.

A file's weighted bags are held as flat arrays (`BagTable`): one entry per
paragraph and term, in paragraph order and, within a paragraph, in the order
its bag met the terms. The arithmetic is that of plain dictionaries of
weights: a window of paragraphs merges their bags by adding each term's
weights in paragraph order (its terms in the order first met); a dot product
adds, over the terms of its first bag in that bag's order, the products of
the two weights (a term missing from the other bag adds nothing); a norm is
the square root of a bag's dot product with itself. Every such sum is
vectorised as a cumulative sum along the terms in that very order, so each
result equals the one-by-one Python sum bit for bit.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .textnorm import content_stems, names

NAME_WEIGHT = 2
SUM_CELLS = 1 << 22      # values laid out at once by `run_sums` (bounds its memory)


def bag(text: str) -> Counter[str]:
    """Content stems and (weighted) names of a text; the names ("@" + name) follow the stems."""
    c: Counter[str] = Counter(content_stems(text))
    named = Counter(names(text))
    dict.update(c, {"@" + n: NAME_WEIGHT * k for n, k in named.items()})   # (no stem starts with "@")
    return c


def run_sums(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The sums of consecutive runs of `values` (run i holds ``lengths[i]`` of them; an empty
    run sums to 0.0), each added left to right as Python's ``sum`` adds a list of floats."""
    out = np.zeros(len(lengths))
    if not len(values):
        return out
    width = int(lengths.max())
    ends = np.cumsum(lengths)
    block = max(1, SUM_CELLS // width)
    for r0 in range(0, len(lengths), block):
        ln = lengths[r0:r0 + block]
        first = int(ends[r0] - lengths[r0])
        count = int(ln.sum())
        row = np.repeat(np.arange(len(ln)), ln)
        col = np.arange(count) - np.repeat(np.cumsum(ln) - ln, ln)
        grid = np.zeros((len(ln), width))
        grid[row, col] = values[first:first + count]
        out[r0:r0 + block] = np.cumsum(grid, axis=1)[:, -1]   # trailing zeros change no sum
    return out


class _Ids(dict):
    """Term -> column number, numbering new terms as they come."""

    def __missing__(self, key: str) -> int:
        self[key] = n = len(self)
        return n


class BagTable:
    """The bags of one file's paragraphs, reweighted by inverse document frequency.

    Words that occur in most paragraphs of a file (the beat everything in the
    dump is about) say little about where one story ends: a term met in d of
    the n paragraphs weighs ``log((n + 1) / d)`` per count.
    """

    def __init__(self, bags: list[Counter[str]]) -> None:
        ids = _Ids()
        terms: list[int] = []
        counts: list[int] = []
        for b in bags:
            terms.extend(map(ids.__getitem__, b))
            counts.extend(b.values())
        n = self.size = len(bags)
        self.lengths = np.fromiter(map(len, bags), dtype=np.int64, count=n)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)))
        self.term = np.array(terms, dtype=np.int64)
        self.para = np.repeat(np.arange(n), self.lengths)
        self.pos = np.arange(len(terms)) - np.repeat(self.starts[:-1], self.lengths)
        df = np.bincount(self.term, minlength=len(ids))
        seen = np.unique(df)
        idf = np.array([math.log((n + 1) / d) for d in seen.tolist()])
        self.weight = np.array(counts, dtype=float) * idf[np.searchsorted(seen, df)][self.term]
        # the entries of each term by paragraph; `later`: the same term's entry in the next
        # paragraph that has it (a sentinel entry, in paragraph n, when none does)
        self._by_term = np.argsort(self.term, kind="stable")
        same = self.term[self._by_term[1:]] == self.term[self._by_term[:-1]]
        sentinel = len(terms)
        self._later = np.full(sentinel + 1, sentinel)
        self._later[self._by_term[:-1][same]] = self._by_term[1:][same]
        self._earlier_para = np.full(sentinel, -1)
        self._earlier_para[self._by_term[1:][same]] = self.para[self._by_term[:-1][same]]
        self._para_ext = np.append(self.para, n)
        self._weight_ext = np.append(self.weight, 0.0)
        self._cache: dict[tuple[int, int, int], float] = {}

    def self_dots(self) -> np.ndarray:
        """Each bag's dot product with itself."""
        return run_sums(self.weight * self.weight, self.lengths)

    def band_dots(self, width: int) -> np.ndarray:
        """Dot products of the bags less than `width` apart: ``band[j, d]`` of bags j-d and j
        (0 for d == 0 or j-d < 0), each taken in the order of the smaller bag (the earlier
        one when as large)."""
        by_term, term, para = self._by_term, self.term, self.para
        st, sp = term[by_term], para[by_term]
        firsts, seconds = [by_term[:0]], [by_term[:0]]
        k = np.arange(len(by_term))
        gap = 1
        while len(k):
            k = k[k + gap < len(by_term)]
            k = k[(st[k + gap] == st[k]) & (sp[k + gap] - sp[k] < width)]   # shrinks as `gap` grows
            firsts.append(by_term[k])
            seconds.append(by_term[k + gap])
            gap += 1
        early, late = np.concatenate(firsts), np.concatenate(seconds)
        i, j = para[early], para[late]
        lead = np.where(self.lengths[i] <= self.lengths[j], self.pos[early], self.pos[late])
        cell = j * width + (j - i)
        order = np.lexsort((lead, cell))
        cell, products = cell[order], (self.weight[early] * self.weight[late])[order]
        cells, lengths = np.unique(cell, return_counts=True)
        band = np.zeros(self.size * width)
        band[cells] = run_sums(products, lengths)
        return band.reshape(self.size, width)

    def _merged(self, entries: np.ndarray, query: np.ndarray, ends: tuple[np.ndarray, ...]
                ) -> list[np.ndarray]:
        """For each entry (of a term first met in its query's window) the term's merged weight
        over consecutive spans of paragraphs: span s runs up to paragraph ``ends[s][query]``
        (exclusive) from the end of span s-1 (the first from the entry's paragraph)."""
        out = []
        cur = entries.copy()
        for end in ends:
            limit = end[query]
            total = np.zeros(len(entries))
            live = np.flatnonzero(self._para_ext[cur] < limit)
            while len(live):
                total[live] += self._weight_ext[cur[live]]
                cur[live] = self._later[cur[live]]
                live = live[self._para_ext[cur[live]] < limit[live]]
            out.append(total)
        return out

    def _window_entries(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries of the terms of each window ``lo[q]:hi[q]`` in the order first met, their
        query numbers, and how many each window has."""
        lengths = self.starts[hi] - self.starts[lo]
        query = np.repeat(np.arange(len(lo)), lengths)
        entries = np.arange(int(lengths.sum())) + np.repeat(self.starts[lo] - (np.cumsum(lengths) - lengths), lengths)
        first = self._earlier_para[entries] < lo[query]
        entries, query = entries[first], query[first]
        return entries, query, np.bincount(query, minlength=len(lo))

    def cosines(self, spans: list[tuple[int, int, int]]) -> list[float]:
        """Cosine similarity of the merged bags of paragraphs ``lo:mid`` and ``mid:hi`` for each
        span (lo, mid, hi); 0.0 when one side has no terms."""
        missing = [s for s in dict.fromkeys(spans) if s not in self._cache]
        if missing:
            lo, mid, hi = np.array(missing, dtype=np.int64).reshape(-1, 3).T
            entries, query, left_n = self._window_entries(lo, mid)
            left, right = self._merged(entries, query, (mid, hi))
            dots = run_sums(left * right, left_n)
            left_norm = np.sqrt(run_sums(left * left, left_n))
            entries, query, right_n = self._window_entries(mid, hi)
            (right,) = self._merged(entries, query, (hi,))
            right_norm = np.sqrt(run_sums(right * right, right_n))
            sims = np.zeros(len(missing))
            both = (left_n > 0) & (right_n > 0)
            sims[both] = dots[both] / (left_norm[both] * right_norm[both])
            self._cache.update(zip(missing, sims.tolist()))
        return [self._cache[s] for s in spans]

    def cosine(self, lo: int, mid: int, hi: int) -> float:
        """`cosines` of one span."""
        return self.cosines([(lo, mid, hi)])[0]


def name_overlap(left: list[str], right: list[str]) -> float:
    """Share of the right side's distinct names already seen on the left side."""
    r = set(right)
    if not r:
        return 0.0
    return len(r & set(left)) / len(r)
