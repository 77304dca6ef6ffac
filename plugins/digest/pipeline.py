"""Run the whole preprocessing pipeline over a content folder, independent of Pelican.

read -> split and clean -> de-duplicate -> date -> classify -> slug -> overrides.
Reading and splitting run per source, in parallel worker processes for large
corpora; a failure in one source is reported with the file and the reason and
the rest goes on. The result carries every post, every dropped line with its
reason, and the audit report.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import pathlib
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from . import settings as conf
from .boilerplate import corpus_common_lines
from .cache import CacheEntry, SourceCache, cache_for, common_fingerprint
from .dating import date_articles
from .dedup import DuplicatePair, mark_duplicates
from .entities import extract_entities
from .gitdates import first_commit_dates
from .model import ArticleDraft, SourceText, SplitResult
from .overrides import OVERRIDES_FILE, load_overrides
from .segment import split_source
from .slugs import assign_slugs
from .sources import read_source
from .topics import OTHER, classify, suggest_topics

log = logging.getLogger(__name__)

# A post the splitter left without a headline is titled with the start of its text.
FALLBACK_TITLE_CHARS = 80


@dataclass
class SourceOutcome:
    """What became of one source file."""

    path: str
    source: SourceText | None = None
    split: SplitResult | None = None
    error: str = ""
    cache_key: str = ""                 # "" when the source is not cached
    cached: CacheEntry | None = None    # a valid cache entry found while reading


@dataclass
class Corpus:
    """Everything the site is built from, plus the audit."""

    posts: list[ArticleDraft]                    # published posts, in source order
    duplicates: list[DuplicatePair]
    outcomes: list[SourceOutcome]
    stage_seconds: dict[str, float] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # warnings raised by the pipeline
    undated: list[str] = field(default_factory=list)
    topic_suggestions: list[tuple[str, int]] = field(default_factory=list)


def fallback_title(article: ArticleDraft) -> str:
    """The opening of a post's first block, for a post the splitter left untitled
    (Pelican drops an article with an empty title, text and all)."""
    text = " ".join(next((b.text for b in article.blocks if b.text.strip()), "").split())
    if len(text) <= FALLBACK_TITLE_CHARS:
        return text or "Untitled"
    cut = text[:FALLBACK_TITLE_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _read_one(args: tuple[str, str, int, SourceCache | None]) -> SourceOutcome:
    root, rel, max_bytes, cache = args
    path = pathlib.Path(root) / rel
    try:
        key, entry = cache.lookup(path, rel, max_bytes) if cache else ("", None)
        if entry is not None:
            return SourceOutcome(rel, source=entry.source, cache_key=key, cached=entry)
        return SourceOutcome(rel, source=read_source(path, rel, max_bytes), cache_key=key)
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the build
        return SourceOutcome(rel, error=f"{type(exc).__name__}: {exc}")


def _split_one(args: tuple[SourceOutcome, frozenset[str], SourceCache | None]) -> SourceOutcome:
    outcome, common, cache = args
    if outcome.source is None:
        return outcome
    try:
        fingerprint = common_fingerprint(outcome.source, common) if outcome.cache_key else ""
        cached, outcome.cached = outcome.cached, None
        if cached is not None and cached.common == fingerprint:
            outcome.split = cached.split
            return outcome
        outcome.split = split_source(outcome.source, common)
        if cache is not None and outcome.cache_key:
            cache.store(outcome.path, CacheEntry(outcome.cache_key, outcome.source, fingerprint, outcome.split))
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the build
        outcome.error = f"{type(exc).__name__}: {exc}"
    return outcome


def _map(func: Any, items: list[Any], workers: int) -> list[Any]:
    if workers <= 1 or len(items) < 2:
        return [func(i) for i in items]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, items, chunksize=max(1, len(items) // (workers * 4))))


def _workers(settings: Mapping[str, Any], root: pathlib.Path, files: list[str]) -> int:
    wanted = conf.get(settings, "DIGEST_WORKERS") or os.cpu_count() or 1
    total = sum((root / f).stat().st_size for f in files if (root / f).is_file())
    return 1 if total <= conf.get(settings, "DIGEST_PARALLEL_MIN_BYTES") else int(wanted)


def _fallback_date(root: pathlib.Path, rel: str, git: Mapping[str, dt.date]) -> tuple[dt.date, str]:
    if rel in git:
        return git[rel], "git"
    stamp = (root / rel).stat().st_mtime
    return dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc).date(), "mtime"


def build_corpus(root: pathlib.Path, files: Iterable[str], settings: Mapping[str, Any]) -> Corpus:
    """Process every source under ``root`` (``files`` relative to it) into posts."""
    files = sorted(files)
    timings: dict[str, float] = {}
    problems: list[str] = []
    workers = _workers(settings, root, files)
    max_bytes = conf.get(settings, "DIGEST_MAX_SOURCE_BYTES")
    cache = cache_for(settings)

    t = time.perf_counter()
    outcomes = _map(_read_one, [(str(root), f, max_bytes, cache) for f in files], workers)
    timings["read"] = time.perf_counter() - t

    t = time.perf_counter()
    common = corpus_common_lines(o.source for o in outcomes if o.source is not None)
    outcomes = _map(_split_one, [(o, common, cache) for o in outcomes], workers)
    timings["split+clean"] = time.perf_counter() - t

    for o in outcomes:
        if o.error:
            msg = f"{o.path}: skipped after an error: {o.error}"
            log.warning(msg)
            problems.append(msg)

    drafts = [a for o in outcomes if o.split for a in o.split.articles]
    for a in drafts:
        if not a.title.strip():
            a.title, a.title_generated = fallback_title(a), True
    t = time.perf_counter()
    duplicates = mark_duplicates(drafts, conf.get(settings, "DIGEST_DUPLICATE_SIMILARITY"))
    timings["dedup"] = time.perf_counter() - t

    t = time.perf_counter()
    git = first_commit_dates(root)
    undated: list[str] = []
    for o in outcomes:
        if o.split and o.source is not None and o.split.articles:
            fallback, kind = _fallback_date(root, o.path, git)
            try:
                undated += date_articles(o.split.articles, o.source, fallback, kind)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001 - date what we can, report the rest
                msg = f"{o.path}: dating failed, file date used: {type(exc).__name__}: {exc}"
                log.warning(msg)
                problems.append(msg)
                for a in o.split.articles:
                    a.date, a.date_source, a.date_evidence = fallback, kind, "dating failed"  # type: ignore[assignment]
    timings["date"] = time.perf_counter() - t

    posts = [a for a in drafts if a.duplicate_of is None]
    t = time.perf_counter()
    taxonomy = conf.get(settings, "DIGEST_TOPICS")
    max_entities = conf.get(settings, "DIGEST_MAX_ENTITIES")
    for a in posts:
        text = a.text
        result = classify(a.title, text, taxonomy)
        a.topic, a.secondary_topics = result.primary, list(result.secondary)
        a.topic_terms = [f"{topic}: {', '.join(terms)}" for topic, terms in result.terms.items() if terms]
        a.entities = extract_entities(a.title, text, max_entities)
    suggestions = suggest_topics([p.title + "\n" + p.text for p in posts if p.topic == OTHER])
    timings["classify"] = time.perf_counter() - t

    assign_slugs(posts)
    overrides, warnings = load_overrides(root)
    for msg in warnings:
        log.warning(msg)
    problems += warnings
    by_slug = {p.slug: p for p in posts}
    for slug, override in sorted(overrides.items()):
        post = by_slug.get(slug)
        if post is None:
            msg = f"{OVERRIDES_FILE}: no post with slug {slug!r}"
            log.warning(msg)
            problems.append(msg)
            continue
        if override.date is not None:
            post.date, post.date_source, post.date_evidence = override.date, "override", "overrides file"
        if override.title:
            post.title, post.title_generated = override.title, False
        if override.topic:
            post.topic = override.topic
    return Corpus(posts, duplicates, outcomes, timings, problems, undated, suggestions)
