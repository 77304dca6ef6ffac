"""The site's search index: Pagefind, run over the written pages at the end of the build.

Pagefind (installed from PyPI with its binary) reads the built HTML (the post
bodies marked ``data-pagefind-body`` by the theme) and writes a static index
to ``<output>/pagefind``, which the theme's search box loads; nothing is
fetched from the network. The index is rebuilt from scratch (the old folder is
removed first, so no stale fragments stay) only when a page changed since the
last build or the index is missing.
"""
from __future__ import annotations

import logging
import pathlib
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
TIMEOUT_S = 3600


def index_is_current(output: pathlib.Path, pages_changed: bool) -> bool:
    """True when no page changed and the last build's index is in place."""
    return not pages_changed and (output / INDEX_DIR / ENTRY_FILE).is_file()


def build_search_index(output: pathlib.Path, glob: str) -> bool:
    """(Re)build the Pagefind index of the pages of ``output`` matching ``glob``; warn (naming the
    reason) and return False on failure."""
    shutil.rmtree(output / INDEX_DIR, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", glob, "--silent"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("search index not built: %s", exc)
        return False
    if done.returncode != 0 or not (output / INDEX_DIR / ENTRY_FILE).is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        log.warning("search index not built: pagefind failed: %s", detail[0])
        return False
    return True
