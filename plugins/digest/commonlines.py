"""Lines common to many sources (site furniture), found from small per-source profiles.

Site furniture (a masthead, "Share this", a newsletter line) repeats across many
pages of a site; a headline may turn up in two dumps (the same story, or a new
story reusing a headline), and dropping it there would merge a story into its
neighbour. So a short line is corpus-common when it occurs in at least
COMMON_MIN_SOURCES sources and is never followed by the same prose paragraph in
two of them (that is a story published twice, which de-duplication handles).

Each source is reduced once to a ``LineProfile`` (its short lines with the prose
line after each, and the keys of all its lines), which is cached with the source,
so finding the corpus-common lines on a rebuild does not read any source again.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .boilerplate import is_short
from .model import SourceText
from .textnorm import normalize_line

COMMON_MIN_SOURCES = 3


@dataclass(frozen=True)
class LineProfile:
    """What one source contributes to finding corpus-common lines."""

    path: str
    short_lines: tuple[tuple[str, str], ...]    # (key of a short line, key of the prose line after it or "")
    keys: frozenset[str]                        # keys of every non-blank line


def line_profile(src: SourceText) -> LineProfile:
    """The profile of one source (header metadata lines left out of the short lines)."""
    meta = set(src.meta_lines)
    keyed = {no: normalize_line(line) for no, line in enumerate(src.lines, 1) if line.strip()}
    lines = [(no, is_short(src.lines[no - 1])) for no in keyed if no not in meta]
    short = [(keyed[no], keyed[nxt] if nxt and not nxt_short else "")
             for (no, is_line_short), (nxt, nxt_short) in zip(lines, [*lines[1:], (0, True)]) if is_line_short]
    return LineProfile(src.path, tuple(short), frozenset(keyed.values()))


def common_lines(profiles: Iterable[LineProfile]) -> frozenset[str]:
    """Normalised short lines seen in at least COMMON_MIN_SOURCES sources, in different contexts."""
    seen: dict[str, set[str]] = defaultdict(set)
    followed_by: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for profile in profiles:
        for key, prose in profile.short_lines:
            seen[key].add(profile.path)
            if prose:
                followed_by[key][prose].add(profile.path)
    return frozenset(k for k, paths in seen.items() if len(paths) >= COMMON_MIN_SOURCES
                     and not any(len(p) >= 2 for p in followed_by[k].values()))


def corpus_common_lines(sources: Iterable[SourceText]) -> frozenset[str]:
    """The corpus-common lines of ``sources`` (profiles made on the spot)."""
    return common_lines(line_profile(s) for s in sources)


def common_fingerprint(profile: LineProfile, common: frozenset[str]) -> str:
    """Hash of the corpus-common keys that occur among one source's lines (what its split depends on)."""
    present = sorted(profile.keys & common)
    return hashlib.sha256("\n".join(present).encode("utf-8")).hexdigest()
