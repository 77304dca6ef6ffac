"""CPU seconds per step of the per-source pipeline: clean, split, date, classify, render, sketch.

The steps run interleaved, source by source, in parallel worker processes, so their
wall times cannot be told apart. Each process adds the CPU time of every step to its
own totals; a split job hands back what its source cost (``take``) and the build sums
them into the report's ``stage_cpu_seconds``, which the benchmark prints.
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

_totals: defaultdict[str, float] = defaultdict(float)


@contextmanager
def timed(step: str) -> Iterator[None]:
    """Add the CPU time of the block to this process's total for ``step``."""
    started = time.process_time()
    try:
        yield
    finally:
        _totals[step] += time.process_time() - started


def take() -> dict[str, float]:
    """This process's totals since the last call, then start again from zero."""
    taken = dict(_totals)
    _totals.clear()
    return taken
