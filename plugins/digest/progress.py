"""Progress bars for long builds: one per stage (reading, processing, rendering), with its elapsed time.

Shown only on a terminal (Pelican's rich console), never when the ``CI`` variable is
set, and only for stages with at least MIN_ITEMS items, so small builds, logs and CI
output stay as they were. Each bar stays on screen when its stage ends, which leaves
the per-stage timings of the build on the terminal.
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

MIN_ITEMS = 200


def _console() -> Console:
    # Pelican's console, imported late: importing pelican.log changes the class of every
    # logger made afterwards, which must not depend on when this module is imported.
    from pelican.log import console
    return console


def _shown(total: int) -> bool:
    return total >= MIN_ITEMS and not os.environ.get("CI") and _console().is_terminal


@contextlib.contextmanager
def stage(name: str, total: int) -> Iterator[Callable[[int], None]]:
    """A bar for ``name`` over ``total`` items; yields ``advance(n)`` (a no-op when not shown)."""
    if not _shown(total):
        yield lambda _n: None
        return
    columns = (TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_console(), transient=False) as bar:
        task = bar.add_task(name, total=total)
        yield lambda n: bar.advance(task, n)
