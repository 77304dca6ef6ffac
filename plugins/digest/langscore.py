"""py3langid's language decision, computed with vectorised feature counting.

py3langid counts its byte n-gram features by walking a DFA over the text's
bytes in a Python loop, then scores the counts against a float16 table. This
module gives the same answer faster, from the same model:

* The DFA is an Aho-Corasick automaton over a prefix-closed set of byte strings
  (its states' strings, at most ``depth`` bytes long): after reading any text it
  is in the state of the longest suffix of the text that is one of those
  strings. So the state at every byte position is where a walk from the root
  over the position's last ``depth`` bytes ends: the walks for all positions
  take ``depth`` vectorised steps, instead of one Python step per byte.
  ``automaton_mismatches`` checks that property against every transition of the
  model (the tests run it), so the counts are py3langid's for any text.
* The counts are kept in the order of their first occurrence (as py3langid's
  Counter keeps them) and scored with the very expression py3langid uses, on a
  float32 copy of the table (57 MB, made once; a parent that loads it before
  forking shares it): numpy casts the float16 rows to float32 before that matrix
  product anyway, so the scores are the same floats.
* Many texts are identified in one call, so numpy's per-call overhead is shared.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import numpy as np
import py3langid
from py3langid.langid import RAW_FLOOR, LanguageIdentifier

_model: _FastModel | None = None


class _FastModel:
    """The tables of one py3langid identifier, rearranged for vectorised scoring."""

    def __init__(self, ident: LanguageIdentifier) -> None:
        self.rows = np.frombuffer(ident.tk_nextmove, dtype=ident.tk_nextmove.typecode).reshape(-1, 256)
        self.row_of = np.frombuffer(ident.tk_row, dtype=ident.tk_row.typecode)   # state -> row of moves
        self.output = np.asarray(ident.tk_output, dtype=np.int64)                # state -> feature or -1
        self.codes, self.depths = _state_strings(self.moves, len(self.row_of))
        self.flat_moves = self.rows.ravel()
        self.move_base = self.row_of.astype(np.int64) * 256       # state -> its row's start in flat_moves
        self.depth = int(self.depths.max())
        self.table = np.asarray(ident.nb_ptc).astype(np.float32)
        self.prior = ident.nb_pc
        self.classes = list(ident.nb_classes)
        self.aliases = list(ident._alias_pairs)

    def moves(self, states: np.ndarray) -> np.ndarray:
        """The DFA's transitions (one row of 256 target states per given state)."""
        return self.rows[self.row_of[states]]

    def states(self, data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
        """The automaton's state after each byte of ``data`` (byte values of texts one after
        another; ``offsets``: each byte's position within its text), started at the root for each text.

        That state is the longest of the states' strings that ends at the byte, so it is where
        a walk from the root over the last ``depth`` bytes of the text up to the byte ends: the
        walks for all bytes are taken together, one step at a time.
        """
        state = np.zeros(len(data), dtype=np.int64)
        for back in range(min(self.depth, len(data)) - 1, -1, -1):
            # each walk reads the byte `back` places before its end, if that is in its text
            step = self.flat_moves[self.move_base[state[back:]] + data[:len(data) - back]]
            state[back:] = np.where(offsets[back:] >= back, step, state[back:])
        return state

    def classify_many(self, texts: list[str]) -> list[str]:
        """The language py3langid's ``classify`` names for each text."""
        encoded = [LanguageIdentifier._encode(text) for text in texts]
        lengths = np.array([len(e) for e in encoded], dtype=np.int64)
        data = np.frombuffer(b"".join(encoded), dtype=np.uint8)
        text_of = np.repeat(np.arange(len(texts)), lengths)
        offsets = np.arange(len(data)) - (np.cumsum(lengths) - lengths)[text_of]
        feats = self.output[self.states(data, offsets)]
        keep = feats >= 0
        # (text, feature) pairs, counted, in order of first occurrence: by text, then as py3langid's Counter
        pairs, first, counts = np.unique(text_of[keep] * len(self.table) + feats[keep],
                                         return_index=True, return_counts=True)
        order = np.argsort(first)
        pairs, counts = pairs[order], counts[order].astype(np.float32)
        bounds = np.searchsorted(pairs // len(self.table), np.arange(len(texts) + 1))
        idx = (pairs % len(self.table)).astype(np.intp)
        return [self._decide(idx[a:b], counts[a:b]) for a, b in pairwise(bounds)]

    def _decide(self, idx: np.ndarray, counts: np.ndarray) -> str:
        """The best language for one text's features ``idx`` and their ``counts``, as py3langid decides."""
        if len(idx):
            scores = np.log1p(counts) @ self.table[idx] + self.prior
        else:
            scores = np.full(len(self.classes), RAW_FLOOR, dtype=np.float32)
        for i, j in self.aliases:
            scores[i] = max(scores[i], scores[j])
            scores[j] = RAW_FLOOR
        return self.classes[int(scores.argmax())]


def _state_strings(moves: Callable[[np.ndarray], np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The string of every state (as a big-endian integer code) and its length, found
    breadth-first from the root: the shortest byte string that leads to the state."""
    codes = np.zeros(n, dtype=np.uint64)
    depths = np.full(n, -1, dtype=np.int64)
    depths[0] = 0
    frontier = np.array([0])
    level = 0
    while len(frontier):
        level += 1
        targets = moves(frontier).ravel()
        unseen = np.flatnonzero(depths[targets] < 0)
        new, first = np.unique(targets[unseen], return_index=True)
        first = unseen[first]                   # position in targets: parent * 256 + letter
        depths[new] = level
        codes[new] = (codes[frontier[first // 256]] << np.uint64(8)) | (first % 256).astype(np.uint64)
        frontier = new
    return codes, depths


def automaton_mismatches(model: _FastModel) -> int:
    """How many transitions of the model's DFA do not go to the state of the longest suffix
    (among the states' strings) of the source state's string plus the byte: 0 for an
    Aho-Corasick automaton, which `_FastModel.states` assumes."""
    by_length = []        # per string length k: the sorted codes of the states' k-byte strings, and those states
    for k in range(1, model.depth + 1):
        states = np.flatnonzero(model.depths == k)
        order = np.argsort(model.codes[states])
        by_length.append((model.codes[states][order], states[order]))
    bad = 0
    letters = np.arange(256, dtype=np.uint64)
    for start in range(0, len(model.row_of), 4096):
        src = np.arange(start, min(start + 4096, len(model.row_of)))
        codes = ((model.codes[src][:, None] << np.uint64(8)) | letters).ravel()
        lengths = np.repeat(model.depths[src] + 1, 256)
        expect = np.zeros(len(codes), dtype=np.int64)
        for k, (known, states) in enumerate(by_length, 1):
            tail = codes & np.uint64((1 << (8 * k)) - 1)
            at = np.minimum(np.searchsorted(known, tail), len(known) - 1)
            hit = (known[at] == tail) & (lengths >= k)
            expect[hit] = states[at[hit]]
        bad += int(np.count_nonzero(expect != model.moves(src).ravel()))
    return bad


def load() -> _FastModel:
    """The model, built from py3langid's identifier on first use."""
    global _model
    if _model is None:
        py3langid.classify("")                 # py3langid loads its identifier
        _model = _FastModel(py3langid.langid._get_identifier())
    return _model


def classify_many(texts: list[str]) -> list[str]:
    """The language (an ISO 639 code) py3langid's ``classify`` names for each text; one call
    for many texts shares the vectorised work."""
    return load().classify_many(texts) if texts else []
