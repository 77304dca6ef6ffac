"""cohesion: the vectorised bag arithmetic equals the plain dictionary definitions bit for bit."""
from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest

from digest import cohesion
from digest.cohesion import NAME_WEIGHT, BagTable, grid_sums, run_sums
from digest.textnorm import content_stems, names

WORDS = ("harbour ferry diesel boats council budget vote rail tunnel grant school teachers strike "
         "orchard apples frost harvest museum paintings loan gallery").split()
NAMES = ("Kellby", "Nordvik", "Marta", "Osei", "Lund")


def _texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(0, 14))]
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randint(1, len(words)) if words else 0, rng.choice(NAMES))
        out.append("The " + " ".join(words) + ".")
    return out


def _bags(texts: list[str]) -> list[dict[str, float]]:
    """The definition: stems then names, counted, weighted by log((n + 1) / df)."""
    raw = []
    for t in texts:
        c: Counter[str] = Counter(content_stems(t))
        for n in names(t):
            c["@" + n] += NAME_WEIGHT
        raw.append(c)
    df = Counter(k for b in raw for k in b)
    return [{k: v * math.log((len(raw) + 1) / df[k]) for k, v in b.items()} for b in raw]


def _merged(bags: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for b in bags:
        for k, v in b.items():
            out[k] = out[k] + v if k in out else v
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    return sum([v * b[k] for k, v in a.items() if k in b])


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    return _dot(a, b) / (math.sqrt(_dot(a, a)) * math.sqrt(_dot(b, b)))


@pytest.mark.parametrize("seed", range(6))
def test_weights_and_dots_match_the_definitions(seed: int) -> None:
    texts = _texts(seed, 40)
    bags = _bags(texts)
    table = BagTable(texts, 6)
    assert table.weight.tolist() == [v for b in bags for v in b.values()]
    assert table.self_dots().tolist() == [_dot(b, b) for b in bags]
    band = table.band_dots(7)
    for j in range(len(bags)):
        for d in range(1, 7):
            if j - d >= 0:
                x, y = bags[j - d], bags[j]
                if len(x) > len(y):
                    x, y = y, x
                assert band[j, d] == sum([x[k] * y[k] for k in x if k in y], 0.0)


@pytest.mark.parametrize("seed", range(6))
def test_window_cosines_match_the_definitions(seed: int) -> None:
    texts = _texts(seed, 30)
    bags = _bags(texts)
    n = len(bags)
    table = BagTable(texts, 6)
    for width in (1, 2, 3):
        expected = [_cosine(_merged(bags[max(0, i - width):i]), _merged(bags[i:min(n, i + width)]))
                    for i in range(1, n)]
        assert BagTable(texts, 6).sliding_cosines(width) == expected
    spans = [(lo, mid, hi) for mid in range(n + 1) for lo in range(max(0, mid - 3), mid + 1)
             for hi in range(mid, min(n, mid + 3) + 1)]
    assert table.cosines(spans) == [_cosine(_merged(bags[lo:mid]), _merged(bags[mid:hi])) for lo, mid, hi in spans]
    with pytest.raises(ValueError):
        table.cosine(0, 4, 7)


def test_sums_run_left_to_right_in_blocks_too(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    lengths = np.array([rng.randint(0, 40) for _ in range(50)] + [1])
    values = np.array([rng.random() * 10 ** rng.randint(-8, 8) for _ in range(int(lengths.sum()))])
    starts = np.cumsum(lengths) - lengths
    expected = [sum(values[s:s + k].tolist()) if k else 0.0 for s, k in zip(starts, lengths)]
    assert run_sums(values, lengths).tolist() == expected
    monkeypatch.setattr(cohesion, "SUM_CELLS", 100)
    assert run_sums(values, lengths).tolist() == expected
    one_run = grid_sums(values[:20], np.zeros(20, dtype=np.int64), np.arange(20), 1)
    assert one_run.tolist() == [sum(values[:20].tolist())]


def test_a_file_without_terms() -> None:
    table = BagTable(["", "42", ""], 2)
    assert table.sliding_cosines(1) == [0.0, 0.0]
    assert table.band_dots(3).tolist() == [[0.0] * 3] * 3
