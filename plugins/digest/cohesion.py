"""Lexical cohesion between neighbouring paragraphs, in the TextTiling style.

Each paragraph becomes a bag of prefix-stemmed content words plus its
capitalised names (weighted higher), reweighted by inverse document frequency
within the file; cosine similarity of bags (or of merged windows of bags)
and the overlap of names tell where the subject changes.

A file's weighted bags are held as flat arrays (`BagTable`): one entry per
paragraph and term, in paragraph order and, within a paragraph, in the order
its bag met the terms (its stems as they first occur, then its names). The
arithmetic is that of plain dictionaries of weights: a window of paragraphs
merges their bags by adding each term's weights in paragraph order (its terms
in the order first met); a dot product adds, over the terms of its first bag
in that bag's order, the products of the two weights (a term missing from the
other bag adds nothing); a norm is the square root of a bag's dot product
with itself. Every such sum is vectorised so that it still adds its numbers
one by one in that very order (`grid_sums`), so each result equals the plain
Python sum bit for bit.
"""
from __future__ import annotations

import math
from itertools import chain

import numpy as np

from .textnorm import content_stems, names

NAME_WEIGHT = 2
SUM_CELLS = 1 << 22      # cells of the grid `grid_sums` lays out at once (bounds its memory)


def grid_sums(values: np.ndarray, run: np.ndarray, rank: np.ndarray, runs: int) -> np.ndarray:
    """For each of `runs` runs, the sum of the values placed in it (value k in run ``run[k]``,
    at place ``rank[k]``, one value a place), added in the order of their places, as Python's
    ``sum`` adds a list of floats (0.0 for an empty run).

    The runs are laid out as the columns of a grid, padded with zeros (which change no sum),
    and the grid's rows are added one after the other: numpy adds along a slow axis of an
    array that way, without the pairwise summation it uses along the fast one (there are
    always two columns at least, so the rows stay the slow axis).
    """
    out = np.zeros(runs)
    if not len(values):
        return out
    width = int(rank.max()) + 1
    block = max(2, SUM_CELLS // width)
    for r0 in range(0, runs, block):
        cols = max(2, min(block, runs - r0))
        part = slice(None) if r0 == 0 and cols >= runs else (run >= r0) & (run < r0 + cols)
        grid = np.zeros(width * cols)
        grid[rank[part] * cols + (run[part] - r0)] = values[part]
        out[r0:r0 + cols] = np.add.reduce(grid.reshape(width, cols), axis=0)[:runs - r0]
    return out


def run_sums(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The sums of consecutive runs of `values` (run i holds the next ``lengths[i]`` of them),
    each added left to right (see `grid_sums`)."""
    run = np.repeat(np.arange(len(lengths)), lengths)
    rank = np.arange(len(values)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return grid_sums(values, run, rank, len(lengths))


def _bag_entries(stems: list[list[str]], named: list[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The entries of the bags of some paragraphs (their stems and names): paragraph, term
    number (as small a type as holds it, so that a stable sort by it is a radix sort) and
    count (a name's counts NAME_WEIGHT each)."""
    flat_stems, flat_names = list(chain.from_iterable(stems)), list(chain.from_iterable(named))
    stem_ids = dict(zip(dict.fromkeys(flat_stems), range(len(flat_stems))))
    name_ids = dict(zip(dict.fromkeys(flat_names), range(len(stem_ids), len(stem_ids) + len(flat_names))))
    kind = np.uint16 if len(stem_ids) + len(name_ids) <= 1 << 16 else np.int64
    term = np.concatenate((np.fromiter(map(stem_ids.__getitem__, flat_stems), kind, len(flat_stems)),
                           np.fromiter(map(name_ids.__getitem__, flat_names), kind, len(flat_names))))
    para = np.concatenate((np.repeat(np.arange(len(stems)), np.fromiter(map(len, stems), np.int64, len(stems))),
                           np.repeat(np.arange(len(named)), np.fromiter(map(len, named), np.int64, len(named)))))
    weight = np.concatenate((np.ones(len(flat_stems)), np.full(len(flat_names), float(NAME_WEIGHT))))
    words = np.argsort(para, kind="stable")           # a paragraph's words: its stems, then its names
    term, para, weight = term[words], para[words], weight[words]
    by_term = np.argsort(term, kind="stable")         # a term's words, paragraph by paragraph
    st, sp = term[by_term], para[by_term]
    change = np.ones(len(term), dtype=bool)
    change[1:] = (st[1:] != st[:-1]) | (sp[1:] != sp[:-1])
    runs = np.flatnonzero(change)
    firsts = by_term[runs]                            # the first word of each term in each paragraph
    counts = np.zeros(len(term))
    if len(runs):
        counts[firsts] = np.add.reduceat(weight[by_term], runs)    # (whole numbers: exact in any order)
    met = np.zeros(len(term), dtype=bool)
    met[firsts] = True
    entries = np.flatnonzero(met)                     # each paragraph's terms in the order first met
    return para[entries], term[entries], counts[entries]


class BagTable:
    """The bags of one file's paragraphs, reweighted by inverse document frequency.

    Words that occur in most paragraphs of a file (the beat everything in the
    dump is about) say little about where one story ends: a term met in d of
    the n paragraphs weighs ``log((n + 1) / d)`` per count.
    """

    def __init__(self, texts: list[str], reach: int = 1) -> None:
        """The bags of paragraphs `texts`; `reach`: the most paragraphs a span given to
        `cosines` covers."""
        n = self.size = len(texts)
        self.reach = reach
        self.para, self.term, counts = _bag_entries(list(map(content_stems, texts)), list(map(names, texts)))
        self.lengths = np.bincount(self.para, minlength=n)
        self.starts = np.concatenate(([0], np.cumsum(self.lengths)))
        entries = len(self.term)
        df = np.bincount(self.term)
        seen = np.unique(df)
        idf = np.array([math.log((n + 1) / d) for d in seen.tolist()])
        self.weight = counts * idf[np.searchsorted(seen, df)][self.term]
        # the entries of each term by paragraph; `earlier_para`: the last paragraph before an
        # entry's own that has its term (-1: none)
        self._by_term = np.argsort(self.term, kind="stable")
        same = self.term[self._by_term[1:]] == self.term[self._by_term[:-1]]
        earlier, later = self._by_term[:-1][same], self._by_term[1:][same]
        self._earlier_para = np.full(entries, -1)
        self._earlier_para[later] = self.para[earlier]
        # near[d, e]: the weight of entry e's term in paragraph para[e] + d (0.0 where it has
        # none), d < reach; `upto[d, e]`: its sum over paragraphs para[e] .. para[e] + d, in order
        self._near = np.zeros((reach, entries))
        self._near[0] = self.weight
        after = np.full(entries + 1, entries)                 # the next entry of the same term
        after[earlier] = later                                # (or a sentinel, far beyond reach)
        para = np.append(self.para, n + reach)
        rows, nxt = earlier, later
        for _ in range(1, reach):
            gap = para[nxt] - para[rows]
            ok = gap < reach
            rows, nxt, gap = rows[ok], nxt[ok], gap[ok]
            self._near.ravel()[gap * entries + rows] = self.weight[nxt]
            nxt = after[nxt]
        self._upto = self._near.copy()
        for d in range(1, reach):
            self._upto[d] += self._upto[d - 1]
        self._cache: dict[tuple[int, int, int], float] = {}

    def self_dots(self) -> np.ndarray:
        """Each bag's dot product with itself."""
        return run_sums(self.weight * self.weight, self.lengths)

    def band_dots(self, width: int) -> np.ndarray:
        """Dot products of the bags less than `width` apart: ``band[j, d]`` of bags j-d and j
        (0 for d == 0 or j-d < 0), each taken in the order of the smaller bag (the earlier
        one when as large)."""
        by_term, para = self._by_term, self.para
        st, sp = self.term[by_term], para[by_term]
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
        place = np.arange(len(para)) - self.starts[para]                   # of an entry in its bag
        lead = np.where(self.lengths[i] <= self.lengths[j], place[early], place[late])
        cell = j * width + (j - i)
        shared = np.zeros(self.size * width, dtype=bool)
        shared[cell] = True
        run = np.cumsum(shared) - 1
        band = np.zeros(self.size * width)
        runs = int(run[-1]) + 1 if len(run) else 0
        band[shared] = grid_sums(self.weight[early] * self.weight[late], run[cell], lead, runs)
        return band.reshape(self.size, width)

    def _window_entries(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The entries of the terms of each window ``lo[w]:hi[w]`` of paragraphs, in the order
        first met (one entry a term), their window numbers, and how many each window has."""
        lengths = self.starts[hi] - self.starts[lo]
        window = np.repeat(np.arange(len(lo)), lengths)
        offsets = self.starts[lo] - (np.cumsum(lengths) - lengths)
        entries = np.arange(int(lengths.sum())) + np.repeat(offsets, lengths)
        first = self._earlier_para[entries] < lo[window]
        entries, window = entries[first], window[first]
        return entries, window, np.bincount(window, minlength=len(lo))

    def _norms(self, windows: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """The norms of the merged bags of some windows (lo, hi) of paragraphs, and whether each
        has any term."""
        lo, hi = np.array(windows, dtype=np.int64).reshape(-1, 2).T
        entries, window, counts = self._window_entries(lo, hi)
        merged = self._upto[hi[window] - 1 - self.para[entries], entries]
        return np.sqrt(run_sums(merged * merged, counts)), counts > 0

    def cosines(self, spans: list[tuple[int, int, int]]) -> list[float]:
        """Cosine similarity of the merged bags of paragraphs ``lo:mid`` and ``mid:hi`` for each
        span (lo, mid, hi), hi - lo at most `reach`; 0.0 when one side has no terms."""
        missing = [s for s in dict.fromkeys(spans) if s not in self._cache]
        if missing:
            lo, mid, hi = np.array(missing, dtype=np.int64).reshape(-1, 3).T
            if (hi - lo > self.reach).any():
                raise ValueError(f"a span covers more than {self.reach} paragraphs")
            entries, span, counts = self._window_entries(lo, mid)
            ahead = mid[span] - self.para[entries]            # the right side starts this far on
            width = hi[span] - mid[span]
            left = self._upto[ahead - 1, entries]
            right = np.zeros(len(entries))
            for d in range(int(width.max(initial=0))):
                right += np.where(d < width, self._near[np.minimum(ahead + d, self.reach - 1), entries], 0.0)
            dots = run_sums(left * right, counts)
            windows = list(dict.fromkeys([*zip(lo.tolist(), mid.tolist()), *zip(mid.tolist(), hi.tolist())]))
            norms, filled = self._norms(windows)
            at = {w: k for k, w in enumerate(windows)}
            a = np.array([at[w] for w in zip(lo.tolist(), mid.tolist())])
            b = np.array([at[w] for w in zip(mid.tolist(), hi.tolist())])
            sims = np.zeros(len(missing))
            both = filled[a] & filled[b]
            sims[both] = dots[both] / (norms[a][both] * norms[b][both])
            self._cache.update(zip(missing, sims.tolist()))
        return [self._cache[s] for s in spans]

    def sliding_cosines(self, width: int) -> list[float]:
        """`cosines` across each gap between paragraphs i-1 and i (i = 1 .. n-1) of the `width`
        paragraphs on either side (fewer at the ends of the file); 2 * width at most `reach`.

        Every window of `width` paragraphs is merged at once, by where each entry sits in it:
        an entry of paragraph j is the r-th paragraph of the window starting at j - r.
        """
        n = self.size
        if 2 * width > self.reach:
            raise ValueError(f"a span covers more than {self.reach} paragraphs")
        # window starts s = 1 - width .. n - 1 (runs s + width - 1), their first entries
        first_entry = self.starts[np.clip(np.arange(1 - width, n), 0, n)]
        dot_parts, square_parts, runs, ranks = [], [], [], []
        for r in range(width):
            own = self._earlier_para < np.maximum(self.para - r, 0)    # the term's first entry in the window
            at = np.flatnonzero(own)
            merged = self._upto[width - 1 - r, at]
            ahead = np.zeros(len(at))                                 # over the next window
            for d in range(width - r, 2 * width - r):
                ahead += self._near[d, at]
            dot_parts.append(merged * ahead)
            square_parts.append(merged * merged)
            runs.append(self.para[at] - r + width - 1)
            ranks.append(at - first_entry[runs[-1]])
        run, rank = np.concatenate(runs), np.concatenate(ranks)
        count = n + width - 1
        dots = grid_sums(np.concatenate(dot_parts), run, rank, count)
        norms = np.sqrt(grid_sums(np.concatenate(square_parts), run, rank, count))
        left, right = norms[:n - 1], norms[width:]                   # windows before and after gap i
        sims = np.zeros(max(0, n - 1))
        both = (left > 0) & (right > 0)                               # (every weight is positive)
        sims[both] = dots[:n - 1][both] / (left[both] * right[both])
        out = sims.tolist()
        self._cache.update(zip([(max(0, i - width), i, min(n, i + width)) for i in range(1, n)], out))
        return out

    def cosine(self, lo: int, mid: int, hi: int) -> float:
        """`cosines` of one span."""
        return self.cosines([(lo, mid, hi)])[0]


def name_overlap(left: list[str], right: list[str]) -> float:
    """Share of the right side's distinct names already seen on the left side."""
    r = set(right)
    if not r:
        return 0.0
    return len(r & set(left)) / len(r)
