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
from collections import defaultdict
from dataclasses import dataclass

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


def mark_duplicates(articles: list[ArticleDraft], threshold: float) -> list[DuplicatePair]:
    """Set ``duplicate_of`` on every later copy of an article; return the pairs found.

    ``articles`` must already be in a stable order (source path, then line).
    """
    for a in articles:
        if not a.exact_hash:
            sketch(a)
    anchors = [a.anchors for a in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, found in enumerate(anchors):
        for h in found:
            postings[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in postings.values():
        if len(ids) > MAX_POSTING:
            continue
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                shared[(ids[x], ids[y])] += 1
    by_key = {a.key: a for a in articles}
    pairs: list[DuplicatePair] = []
    for (i, j) in sorted(shared):
        needed = max(MIN_SHARED_ANCHORS, ANCHOR_SLACK * threshold * min(len(anchors[i]), len(anchors[j])))
        if shared[(i, j)] < needed or articles[j].duplicate_of is not None:
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
