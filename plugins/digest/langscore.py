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
  Counter keeps them) and scored with the very expression py3langid uses, on
  the table rows of the text's features cast to float32, as numpy casts the
  float16 rows before that matrix product anyway: the scores are the same floats.
* Many texts are identified in one call, so numpy's per-call overhead is shared.

py3langid unpacks its model (an xz-compressed file) in about 0.6 s of CPU, in every
build. ``python -m digest.langscore --prepare`` (run by ``make`` after installing)
stores the arrays this module needs, uncompressed, in the Python environment
(`prepared_dir`); they are then memory-mapped, in a few milliseconds, and only the
pages a build reads are read. Without them the model is built from py3langid's.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pathlib
import shutil
import sys
import tempfile
from collections.abc import Callable, Mapping
from itertools import pairwise

import numpy as np
import py3langid
from py3langid import langid
from py3langid.langid import RAW_FLOOR, LanguageIdentifier

# The arrays of a model, as the prepared copy stores them (one .npy file each).
ARRAYS = ("rows", "row_of", "output", "table", "prior", "depth")
PREPARED_FORMAT = "1"       # bump when ARRAYS or their meaning change
_META = "meta.json"         # the prepared copy's language names and alias pairs

_model: _FastModel | None = None


class _FastModel:
    """The tables of py3langid's identifier, rearranged for vectorised scoring."""

    def __init__(self, arrays: Mapping[str, np.ndarray], classes: list[str],
                 aliases: list[tuple[int, int]]) -> None:
        """A model from its arrays (see ``ARRAYS``; the big ones may be memory-mapped files),
        language names and alias pairs."""
        self.rows = arrays["rows"]                  # DFA: one row of 256 target states per row number
        self.row_of = arrays["row_of"]              # state -> row of moves
        self.output = arrays["output"]              # state -> feature or -1
        self.table = arrays["table"]                # feature -> score per language (float16)
        self.prior = arrays["prior"]
        self.depth = int(arrays["depth"])           # the longest of the states' strings
        self.flat_moves = self.rows.reshape(-1)
        self.move_base = self.row_of.astype(np.int64) * 256       # state -> its row's start in flat_moves
        self.classes = classes
        self.aliases = aliases

    @classmethod
    def from_identifier(cls, ident: LanguageIdentifier) -> _FastModel:
        """The model of a loaded py3langid identifier."""
        rows = np.frombuffer(ident.tk_nextmove, dtype=ident.tk_nextmove.typecode).reshape(-1, 256)
        row_of = np.frombuffer(ident.tk_row, dtype=ident.tk_row.typecode)
        _, depths = _state_strings(lambda states: rows[row_of[states]], len(row_of))
        arrays = {"rows": rows, "row_of": row_of, "output": np.asarray(ident.tk_output, dtype=np.int64),
                  "table": np.asarray(ident.nb_ptc), "prior": np.asarray(ident.nb_pc),
                  "depth": np.array(depths.max())}
        return cls(arrays, list(ident.nb_classes), [(int(i), int(j)) for i, j in ident._alias_pairs])

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
            scores = np.log1p(counts) @ self.table[idx].astype(np.float32) + self.prior
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
    codes, depths = _state_strings(model.moves, len(model.row_of))
    by_length = []        # per string length k: the sorted codes of the states' k-byte strings, and those states
    for k in range(1, model.depth + 1):
        states = np.flatnonzero(depths == k)
        order = np.argsort(codes[states])
        by_length.append((codes[states][order], states[order]))
    bad = 0
    letters = np.arange(256, dtype=np.uint64)
    for start in range(0, len(model.row_of), 4096):
        src = np.arange(start, min(start + 4096, len(model.row_of)))
        shifted = ((codes[src][:, None] << np.uint64(8)) | letters).ravel()
        lengths = np.repeat(depths[src] + 1, 256)
        expect = np.zeros(len(shifted), dtype=np.int64)
        for k, (known, states) in enumerate(by_length, 1):
            tail = shifted & np.uint64((1 << (8 * k)) - 1)
            at = np.minimum(np.searchsorted(known, tail), len(known) - 1)
            hit = (known[at] == tail) & (lengths >= k)
            expect[hit] = states[at[hit]]
        bad += int(np.count_nonzero(expect != model.moves(src).ravel()))
    return bad


def prepared_dir() -> pathlib.Path:
    """Where the prepared model of the installed py3langid lives: in this Python environment
    (``make`` prepares it after installing), under a name that changes with py3langid's
    version and model file."""
    model_file = pathlib.Path(langid.MODEL_DIR) / langid.MODEL_FILE
    digest = hashlib.sha256(model_file.read_bytes()).hexdigest()[:16]
    version = importlib.metadata.version("py3langid")
    return pathlib.Path(sys.prefix) / "share" / "digest" / f"langid-{PREPARED_FORMAT}-{version}-{digest}"


def prepare() -> pathlib.Path:
    """Write the prepared model (see the module docstring); returns its folder."""
    target = prepared_dir()
    if (target / _META).is_file():
        return target
    model = _FastModel.from_identifier(_identifier())
    target.parent.mkdir(parents=True, exist_ok=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix=".langid-", dir=target.parent))
    try:
        for name in ARRAYS:
            np.save(work / f"{name}.npy", np.asarray(getattr(model, name)))
        (work / _META).write_text(json.dumps({"classes": model.classes, "aliases": model.aliases}), "utf-8")
        os.replace(work, target)
    except OSError:
        shutil.rmtree(work, ignore_errors=True)
        if not (target / _META).is_file():
            raise
    return target


def _identifier() -> LanguageIdentifier:
    py3langid.classify("")                 # py3langid loads its identifier
    return langid._get_identifier()


def _load_prepared() -> _FastModel | None:
    """The prepared model, memory-mapped, or None when it is missing or unreadable."""
    try:
        folder = prepared_dir()
        meta = json.loads((folder / _META).read_text("utf-8"))
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in ARRAYS}
        return _FastModel(arrays, list(meta["classes"]), [(int(i), int(j)) for i, j in meta["aliases"]])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load() -> _FastModel:
    """The model: the prepared copy when there is one, else built from py3langid's identifier."""
    global _model
    if _model is None:
        _model = _load_prepared() or _FastModel.from_identifier(_identifier())
    return _model


def classify_many(texts: list[str]) -> list[str]:
    """The language (an ISO 639 code) py3langid's ``classify`` names for each text; one call
    for many texts shares the vectorised work."""
    return load().classify_many(texts) if texts else []


if __name__ == "__main__":
    if sys.argv[1:] != ["--prepare"]:
        raise SystemExit("usage: python -m digest.langscore --prepare")
    print(f"language model prepared in {prepare()}")
