"""Per-source cache of read and processed results, so unchanged dumps are not re-read or re-processed.

One pickle per source path under the cache folder holds the decoded SourceText, its
line profile (``commonlines.LineProfile``), the SplitResult and the two fingerprints
it is valid for:

* ``key``: the raw bytes' SHA-256, the source path, PIPELINE_VERSION, a hash of this
  package's code and data files (so editing any stage invalidates everything), and
  the settings that change reading or splitting. Decides whether the SourceText holds.
* ``inputs``: a hash of everything else the processed articles depend on: the
  corpus-common lines (``commonlines.common_lines``) that occur in this source
  (the splitter drops single-line units whose text is corpus-common), the fallback
  date, and the classification and rendering options. The processed articles only
  hold while that hash is the same.

Entries are written atomically (temporary file + rename). An unreadable or corrupt
entry is a miss, logged at debug level; a failed write is logged and ignored. The
cache never changes results, only how fast they come.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pathlib
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import settings as conf
from .commonlines import LineProfile
from .model import SourceText, SplitResult

log = logging.getLogger(__name__)

# Bump when the meaning of cached objects changes in a way the code hash cannot see.
PIPELINE_VERSION = "4"
# Settings whose values change what reading or splitting a source produces.
RELEVANT_SETTINGS = ("DIGEST_MAX_SOURCE_BYTES", "DIGEST_SOURCE_EXTENSIONS")
_PACKAGE = pathlib.Path(__file__).resolve().parent


@dataclass
class CacheEntry:
    """What is stored for one source path: the source as read, and its articles fully
    processed (split, dated, classified, rendered) for one set of other inputs."""

    key: str
    source: SourceText
    profile: LineProfile
    inputs: str                 # fingerprint of the other inputs: common lines, fallback date, options
    split: SplitResult
    undated: list[str]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over this package's Python modules and data files, in path order."""
    h = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class SourceCache:
    """A cache folder plus the salt (version, code, settings) every key includes."""

    directory: pathlib.Path
    salt: str

    def key(self, rel: str, data: bytes) -> str:
        """The validity key of ``rel`` holding ``data``."""
        h = hashlib.sha256(self.salt.encode("utf-8") + b"\0" + rel.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(data).digest())
        return h.hexdigest()

    def _path(self, rel: str) -> pathlib.Path:
        name = hashlib.sha256(rel.encode("utf-8")).hexdigest()
        return self.directory / name[:2] / f"{name}.pickle"

    def load(self, rel: str, key: str) -> CacheEntry | None:
        """The stored entry for ``rel`` when it is valid for ``key``, else None."""
        path = self._path(rel)
        try:
            with path.open("rb") as f:
                entry = pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a broken entry is only a miss
            log.debug("digest cache: ignoring unreadable entry %s for %s: %s", path, rel, exc)
            return None
        if not isinstance(entry, CacheEntry) or entry.source.path != rel:
            log.debug("digest cache: ignoring malformed entry %s for %s", path, rel)
            return None
        return entry if entry.key == key else None

    def lookup(self, path: pathlib.Path, rel: str, max_bytes: int) -> tuple[str, CacheEntry | None]:
        """Key and valid entry for the file at ``path``; key "" when it is not cacheable.

        Only regular, non-symlinked files within the size limit are cached, so every
        refusal and warning of ``sources.read_source`` still happens on each build.
        A hit re-logs the warnings met when the file was first read.
        """
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
                return "", None
            key = self.key(rel, path.read_bytes())
        except OSError:
            return "", None
        entry = self.load(rel, key)
        if entry is not None:
            for note in entry.source.notes:
                log.info(note)
            for warning in entry.source.warnings:
                log.warning("%s", warning)
        return key, entry

    def store(self, rel: str, entry: CacheEntry) -> None:
        """Write ``entry`` for ``rel`` atomically; problems are logged, never raised."""
        path = self._path(rel)
        tmp = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:
            log.debug("digest cache: could not write %s for %s: %s", path, rel, exc)
            if tmp:
                pathlib.Path(tmp).unlink(missing_ok=True)


def cache_for(settings: Mapping[str, Any]) -> SourceCache | None:
    """The cache a build uses: DIGEST_CACHE_DIR, else ``<CACHE_PATH>/digest``.

    None (no caching) when DIGEST_CACHE_DIR is False or empty, or when neither it nor
    Pelican's CACHE_PATH is set (plain settings dicts, as in unit tests).
    """
    configured = settings.get("DIGEST_CACHE_DIR")
    if configured is None:
        base = settings.get("CACHE_PATH")
        if not base:
            return None
        directory = pathlib.Path(base) / "digest"
    elif not configured:
        return None
    else:
        directory = pathlib.Path(configured)
    relevant = repr([(name, conf.get(settings, name)) for name in RELEVANT_SETTINGS])
    salt = f"{PIPELINE_VERSION}\0{code_fingerprint()}\0{relevant}"
    return SourceCache(directory, salt)
