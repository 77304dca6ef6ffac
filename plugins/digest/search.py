"""The site's search index: Pagefind, run over the post pages in dated shards of bounded size.

Pagefind (installed from PyPI with its binary) reads the built post pages (their
bodies are marked ``data-pagefind-body`` by the theme) and writes a static index
that the theme's search box loads; nothing is fetched from the network.

Pagefind's memory grows with the pages it indexes at once (about 0.23 MB a page)
and it cannot update an index, so the posts are indexed in shards of at most
``DIGEST_SEARCH_SHARD_PAGES`` pages, one Pagefind run each:

- a site that fits in one shard has one, ``all``;
- a larger one is split by the posts' year, a year that is still too big by half
  year, then quarter, then month; a month that is still too big is split by a
  hash of the page path into a power of two of buckets;
- when shards are indexed two or more at a time, a site of at least
  ``DIGEST_SEARCH_SPREAD_PAGES`` pages that fits in one shard is split by year all
  the same (by the first finer period that divides it, if it spans one year), so
  that Pagefind indexes it on two cores: one Pagefind run keeps about 1.3 busy.

Pagefind reads a shard's pages where they are: a configuration file hands it the
output folder and a glob naming exactly those pages (a file, because the glob of a
big shard is longer than one command-line argument may be). Nothing is copied, so
nothing is deleted either; on this disk, every file deleted makes creating new ones
slower for minutes. A shard with a page path a glob cannot name (a character outside
``_GLOB_SAFE``) is hard-linked into a folder of its own instead.

New posts usually land in the newest period, so a rebuild re-indexes only the
shards whose posts changed: each shard has a key over the tools, the site's
templates and settings, and the path, title and body of each of its posts.
``<output>/pagefind/shards.json`` lists the shards, which the search box merges in
the browser; the keys are kept in the build's cache, and a shard whose key is
unchanged and whose files are in place is kept as it is.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from .writing import write_if_changed

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
LISTING = "shards.json"
ENTRY_FILE = "pagefind-entry.json"
WHOLE_SITE = "all"
TIMEOUT_S = 3600

# Page paths a Pagefind glob can name literally (it has no escape for its special characters).
_GLOB_SAFE = re.compile(r"[A-Za-z0-9._/-]+")

# The periods a shard that is too big is split by, coarsest first.
PERIODS: tuple[Callable[[dt.date], str], ...] = (
    lambda d: f"{d.year}",
    lambda d: f"{d.year}-h{(d.month - 1) // 6 + 1}",
    lambda d: f"{d.year}-q{(d.month - 1) // 3 + 1}",
    lambda d: f"{d.year}-{d.month:02d}",
)


@dataclass(frozen=True, order=True)
class SearchDoc:
    """One page to index: its path under the output folder, its day, and a key of what Pagefind reads."""

    path: str
    day: dt.date
    key: str


def doc_key(url: str, title: str, body: str) -> str:
    """The key of what Pagefind reads from a post page: its address, headline and body."""
    return hashlib.sha256("\x1f".join((url, title, body)).encode("utf-8", "surrogatepass")).hexdigest()


def plan_shards(docs: Iterable[SearchDoc], max_pages: int, spread_pages: int = 0) -> dict[str, list[SearchDoc]]:
    """Group ``docs`` into named shards of at most ``max_pages`` pages (see the module docstring);
    a site of at least ``spread_pages`` pages (0: never) is split by period even within the cap
    until it falls in two shards at least, so that two Pagefind runs index it side by side."""
    docs = sorted(docs)
    return _split(docs, 0, max(1, max_pages), WHOLE_SITE, 0 < spread_pages <= len(docs))


def _split(docs: list[SearchDoc], level: int, max_pages: int, name: str,
           spread: bool = False) -> dict[str, list[SearchDoc]]:
    if len(docs) <= max_pages and (not spread or level == len(PERIODS)):
        return {name: docs} if docs else {}
    if level < len(PERIODS):
        groups: dict[str, list[SearchDoc]] = defaultdict(list)
        for doc in docs:
            groups[PERIODS[level](doc.day)].append(doc)
        if spread and len(groups) == 1 and len(docs) <= max_pages:     # one period: try a finer one
            return _split(docs, level + 1, max_pages, name, spread)
        shards: dict[str, list[SearchDoc]] = {}
        for period in sorted(groups):
            shards.update(_split(groups[period], level + 1, max_pages, period))
        return shards
    buckets = 1 << (math.ceil(len(docs) / max_pages) - 1).bit_length()
    by_hash: dict[int, list[SearchDoc]] = defaultdict(list)
    for doc in docs:
        by_hash[int(hashlib.sha256(doc.path.encode()).hexdigest()[:8], 16) % buckets].append(doc)
    return {f"{name}-{i + 1}of{buckets}": by_hash[i] for i in range(buckets) if by_hash[i]}


def shard_key(site_key: str, name: str, docs: Sequence[SearchDoc]) -> str:
    """What a shard's index depends on: Pagefind's version, the site, its name and its pages."""
    parts = [_pagefind_version(), site_key, name, *(f"{d.path}\x1e{d.key}" for d in docs)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@lru_cache(maxsize=1)
def _pagefind_command() -> tuple[str, ...]:
    """How to run Pagefind: its binary from the ``pagefind_bin`` package, without starting
    Python for each shard (about 60 ms of CPU each), else through ``python -m pagefind``."""
    try:
        from pagefind_bin import get_executable
        return (str(get_executable().absolute()),)
    except (ImportError, OSError):
        return (sys.executable, "-m", "pagefind")


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class IndexOutcome:
    """What a search-index run did."""

    built: int
    kept: int
    failed: int


def update_search_index(output: pathlib.Path, docs: Iterable[SearchDoc], max_pages: int,
                        site_key: str, state: pathlib.Path | None, jobs: int = 1,
                        spread_pages: int = 0) -> IndexOutcome:
    """Bring ``<output>/pagefind`` up to date with ``docs``: index the shards whose key changed
    (up to ``jobs`` Pagefind runs at a time; with more than one, a site of ``spread_pages``
    pages or more is spread over two shards at least), keep the others, delete shards no
    longer planned and write the listing.

    The shards' keys are kept in the folder ``state`` (the build's cache; None = no keys,
    every shard is indexed), which also holds Pagefind's temporary configuration folders.
    A shard Pagefind fails on is warned about (naming the reason) and left out of the
    listing, so the search box still searches the others."""
    root = output / INDEX_DIR
    keys_file = _keys_file(output, state)
    previous = _read_keys(keys_file)
    plan = plan_shards(docs, max_pages, spread_pages if jobs > 1 else 0)
    wanted_keys = {name: shard_key(site_key, name, members) for name, members in plan.items()}
    todo = [name for name, key in wanted_keys.items()
            if previous.get(name) != key or not (root / name / ENTRY_FILE).is_file()]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:       # threads wait on Pagefind processes
        done = dict(zip(todo, pool.map(
            lambda name: _index_shard(output, root / name, plan[name], state or output.parent), todo)))
    keys = {name: key for name, key in wanted_keys.items() if done.get(name, True)}
    listing = [{"name": name, "pages": len(plan[name])} for name in keys]
    wanted = {*keys, LISTING}
    for stale in sorted(root.iterdir()) if root.is_dir() else []:
        if stale.name not in wanted:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    root.mkdir(parents=True, exist_ok=True)
    write_if_changed(root / LISTING, (json.dumps({"shards": listing}, indent=1) + "\n").encode())
    if keys_file is not None:
        write_if_changed(keys_file, json.dumps(keys, indent=1, sort_keys=True).encode())
    built = sum(done.values())
    return IndexOutcome(built, len(plan) - len(todo), len(todo) - built)


def _keys_file(output: pathlib.Path, state: pathlib.Path | None) -> pathlib.Path | None:
    if state is None:
        return None
    tag = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return state / f"search-{tag}.json"


def _read_keys(keys_file: pathlib.Path | None) -> dict[str, str]:
    try:
        keys = json.loads(keys_file.read_text(encoding="utf-8")) if keys_file else {}
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}


def _index_shard(output: pathlib.Path, target: pathlib.Path, docs: Sequence[SearchDoc],
                 work_parent: pathlib.Path) -> bool:
    """Run Pagefind over the pages of one shard (each record's URL is the page's path under
    the output folder), configured from a file in a temporary folder under ``work_parent``."""
    shutil.rmtree(target, ignore_errors=True)
    missing = next((doc.path for doc in docs if not (output / doc.path).is_file()), None)
    if missing is not None:
        log.warning("search index shard %s not built: page %s is missing", target.name, missing)
        return False
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="search-", dir=work_parent) as tmp:
        work = pathlib.Path(tmp)
        paths = [doc.path for doc in docs]
        try:
            site, glob = (output, shard_glob(paths)) if all(map(_GLOB_SAFE.fullmatch, paths)) \
                else (_linked(output, paths, work / "site"), "**/*.html")
        except OSError as exc:
            log.warning("search index shard %s not built: %s", target.name, exc)
            return False
        config = {"site": str(site), "glob": glob, "output_path": str(target)}
        (work / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        cmd = [*_pagefind_command(), "--silent"]
        try:
            done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("search index shard %s not built: %s", target.name, exc)
            return False
    if done.returncode != 0 or not (target / ENTRY_FILE).is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        log.warning("search index shard %s not built: pagefind failed: %s", target.name, detail[0])
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def shard_glob(paths: Sequence[str]) -> str:
    """A Pagefind glob matching exactly ``paths`` (each matching ``_GLOB_SAFE``): their common
    folder and common ending around one brace list of what differs, so that Pagefind walks
    only the common folder."""
    if len(paths) == 1:
        return paths[0]
    prefix = os.path.commonprefix(list(paths))
    prefix = prefix[:prefix.rfind("/") + 1]
    rests = [path[len(prefix):] for path in paths]
    suffix = os.path.commonprefix([rest[::-1] for rest in rests])[::-1]
    suffix = suffix[suffix.find("/"):] if "/" in suffix else ""
    if any(len(rest) == len(suffix) for rest in rests):
        suffix = ""
    middles = [rest[:len(rest) - len(suffix)] for rest in rests]
    return f"{prefix}{{{','.join(middles)}}}{suffix}"


def _linked(output: pathlib.Path, paths: Iterable[str], folder: pathlib.Path) -> pathlib.Path:
    """A folder holding the pages at ``paths`` (hard-linked, or copied across disks)."""
    for path in paths:
        linked = folder / path
        linked.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(output / path, linked)
        except OSError:
            shutil.copyfile(output / path, linked)
    return folder
