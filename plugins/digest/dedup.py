"""Find exact and near-duplicate articles, within a source and across sources.

Linear in corpus size: each article is reduced to hashed word 5-shingles; a
deterministic sample of them (the "anchors") goes into an inverted index, so
only articles that share anchors are ever compared. Candidates are confirmed
with the real Jaccard similarity, or containment for a copy cut short. The
anchors and a hash of the normalised words are made per source (``sketch``),
in the worker processes, and cached with the source's articles, so a rebuild
only indexes them. The copy
that comes first in (source path, line) order is kept; the others are marked
with ``duplicate_of`` pointing at its key.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from itertools import chain
from dataclasses import dataclass

import numpy as np

from .model import ArticleDraft

SHINGLE_WORDS = 5
ANCHOR_MODULUS = 8          # one shingle in eight becomes an anchor
MAX_POSTING = 16            # an anchor shared by more articles than this is stock phrasing, not a copy
MIN_SHARED_ANCHORS = 2
ANCHOR_SLACK = 0.5          # a copy at similarity t shares about t of the smaller anchor set; demand half that
CONTAINMENT = 0.9           # a shorter copy whose shingles are this much inside the longer one

_WORD = re.compile(r"\w+", re.UNICODE)
_ASCII = bytes(range(128))
# ASCII word characters kept, every other byte (also those of characters beyond ASCII) a space
_WORD_BYTES = bytes(c if chr(c).isalnum() and c < 128 or chr(c) == "_" else 32 for c in range(256))


@dataclass(frozen=True)
class DuplicatePair:
    """A dropped copy and the article kept in its place."""

    dropped: str
    kept: str
    similarity: float


def _words(text: str) -> list[bytes]:
    """The words (runs of word characters) of the NFKC-normalised, lowercased text, UTF-8 encoded.

    When no character beyond ASCII is a word character, the words are the runs of ASCII
    word bytes, split out without a regex.
    """
    norm = unicodedata.normalize("NFKC", text).lower()
    data = norm.encode("utf-8", "surrogatepass")
    if len(data) != len(norm):
        beyond_ascii = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        if any(map(str.isalnum, beyond_ascii)):
            return [word.encode() for word in _WORD.findall(norm)]
    return data.translate(_WORD_BYTES).split()


def _hashes(words: list[bytes]) -> list[int]:
    """Hashed 5-shingles of tokenised text (whole text for shorter ones)."""
    if len(words) < SHINGLE_WORDS:
        return [zlib.crc32(b" ".join(words))] if words else []
    windows = zip(*(words[k:] for k in range(SHINGLE_WORDS)))     # each run of SHINGLE_WORDS words
    return list(map(zlib.crc32, map(b" ".join, windows)))


def shingles(text: str) -> set[int]:
    """Hashed word 5-shingles of a text (whole text for shorter ones)."""
    return set(_hashes(_words(text)))


def _similarity(a: set[int], b: set[int]) -> float:
    inter = len(a & b)
    if not inter:
        return 0.0
    jaccard = inter / len(a | b)
    containment = inter / min(len(a), len(b))
    return max(jaccard, containment if containment >= CONTAINMENT else 0.0)


def sketch(article: ArticleDraft) -> None:
    """Set an article's anchors (the sampled shingles of its body) and the hash of its normalised words."""
    words = _words(article.text)
    article.anchors = frozenset(h for h in _hashes(words) if h % ANCHOR_MODULUS == 0)
    article.exact_hash = hashlib.blake2b(b" ".join(words), digest_size=16).hexdigest()


def candidate_pairs(anchors: list[frozenset[int]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, in order, of articles sharing enough anchors to be copies at
    ``threshold``: at least MIN_SHARED_ANCHORS, and ANCHOR_SLACK * threshold of the smaller
    anchor set. An anchor held by more than MAX_POSTING articles is not counted.

    Done with arrays: every (anchor, article) sorted by anchor, each anchor's run of
    articles turned into its pairs, and the pairs counted."""
    sizes = np.fromiter(map(len, anchors), dtype=np.int64, count=len(anchors))
    held = np.fromiter(chain.from_iterable(anchors), dtype=np.int64, count=int(sizes.sum()))
    owner = np.repeat(np.arange(len(anchors), dtype=np.int64), sizes)
    order = np.lexsort((owner, held))
    held, owner = held[order], owner[order]
    starts = np.flatnonzero(np.r_[True, held[1:] != held[:-1]])
    runs = np.diff(np.r_[starts, len(held)])
    codes = []
    for size in range(2, MAX_POSTING + 1):
        first = starts[runs == size]
        if not len(first):
            continue
        members = owner[first[:, None] + np.arange(size)]       # one row per anchor, its articles ascending
        x, y = np.triu_indices(size, 1)
        codes.append((members[:, x] * len(anchors) + members[:, y]).ravel())
    if not codes:
        return []
    pair, shared = np.unique(np.concatenate(codes), return_counts=True)
    i, j = np.divmod(pair, len(anchors))
    needed = np.maximum(MIN_SHARED_ANCHORS, ANCHOR_SLACK * threshold * np.minimum(sizes[i], sizes[j]))
    keep = shared >= needed
    return list(zip(i[keep].tolist(), j[keep].tolist()))


def mark_duplicates(articles: list[ArticleDraft], threshold: float) -> list[DuplicatePair]:
    """Set ``duplicate_of`` on every later copy of an article; return the pairs found.

    ``articles`` must already be in a stable order (source path, then line).
    """
    for a in articles:
        if not a.exact_hash:
            sketch(a)
    by_key = {a.key: a for a in articles}
    pairs: list[DuplicatePair] = []
    for i, j in candidate_pairs([a.anchors for a in articles], threshold):
        if articles[j].duplicate_of is not None:
            continue
        sim = _similarity(shingles(articles[i].text), shingles(articles[j].text))
        if sim < threshold:
            sim = _similarity(shingles(articles[i].title + "\n" + articles[i].text),
                              shingles(articles[j].title + "\n" + articles[j].text))
        if sim >= threshold:
            kept = articles[i]
            while kept.duplicate_of is not None:   # point at the copy that is really kept
                kept = by_key[kept.duplicate_of]
            articles[j].duplicate_of = kept.key
            pairs.append(DuplicatePair(articles[j].key, kept.key, round(sim, 3)))
    # exact copies too short to hold an anchor
    seen: dict[str, ArticleDraft] = {}
    for a in articles:
        if a.duplicate_of is not None:
            continue
        if a.exact_hash in seen:
            a.duplicate_of = seen[a.exact_hash].key
            pairs.append(DuplicatePair(a.key, seen[a.exact_hash].key, 1.0))
        else:
            seen[a.exact_hash] = a
    return pairs
