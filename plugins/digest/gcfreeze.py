"""Keep Python's full garbage collections from rescanning a build's long-lived objects.

A build makes hundreds of thousands of objects that live until it ends (cached sources,
posts, taxonomies, page keys). A full collection scans every tracked object and comes
whenever the heap has grown by a quarter, so a growing build pays for its heap several
times over, and once more at interpreter exit (at ten thousand posts, about a second each).
So during a build the objects that survive a full collection are frozen (``gc.freeze``:
later collections skip them), and when the build is done everything is. Only the
building process does this; forked workers collect as usual. The next build in the same
process (``pelican --autoreload``, tests) unfreezes first, so an old build's cyclic
garbage is still collected.
"""
from __future__ import annotations

import gc
import os
from typing import Any


class _FreezeSurvivors:
    """A ``gc.callbacks`` entry freezing what survived a full collection in process ``pid``."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2 and os.getpid() == self.pid:
            gc.freeze()


def _stop_freezing() -> None:
    gc.callbacks[:] = [c for c in gc.callbacks if not isinstance(c, _FreezeSurvivors)]


def build_started(_sender: Any = None) -> None:
    """Let an earlier build's objects be collected; from now on, freeze full-collection survivors."""
    _stop_freezing()
    gc.unfreeze()
    gc.callbacks.append(_FreezeSurvivors(os.getpid()))


def build_finished(_sender: Any = None) -> None:
    """Freeze everything the build left, so nothing of it is scanned again (not even at exit)."""
    _stop_freezing()
    gc.freeze()
