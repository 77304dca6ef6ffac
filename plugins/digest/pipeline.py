"""Run the whole preprocessing pipeline over a content folder, independent of Pelican.

read -> split and clean -> de-duplicate -> date -> classify -> slug -> overrides.
Reading and splitting run per source, in parallel worker processes for large
corpora; a failure in one source is reported with the file and the reason and
the rest goes on. The result carries every post, every dropped line with its
reason, and the audit report.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import multiprocessing
import os
import pathlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from . import settings as conf
from .boilerplate import load_language_model
from .cache import CacheEntry, SourceCache, cache_for
from .commonlines import LineProfile, common_fingerprint, common_lines, line_profile
from .dating import date_articles
from .dedup import DuplicatePair, mark_duplicates, sketch
from .entities import extract_entities
from .gitdates import first_commit_dates
from .model import ArticleDraft, SourceText, SplitResult
from .namecorpus import settle_entities
from .overrides import OVERRIDES_FILE, load_overrides
from .progress import stage
from .render import body_html, summary, word_count
from .segment import split_source
from .slugs import assign_slugs
from .sources import read_source
from .stagetime import take as take_cpu_seconds
from .stagetime import timed
from .topics import OTHER, classify, suggest_topics

log = logging.getLogger(__name__)

# A post the splitter left without a headline is titled with the start of its text.
FALLBACK_TITLE_CHARS = 80


@dataclass
class SourceOutcome:
    """What became of one source file."""

    path: str
    source: SourceText | None = None
    profile: LineProfile | None = None  # set with ``source``
    split: SplitResult | None = None
    error: str = ""
    cache_key: str = ""                 # "" when the source is not cached
    cached: CacheEntry | None = None    # a valid cache entry found while reading
    undated: list[str] = field(default_factory=list)    # report lines: articles dated by fallback only
    problems: list[str] = field(default_factory=list)   # warnings raised while processing


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
    stage_cpu_seconds: dict[str, float] = field(default_factory=dict)   # per-source steps, all processes
    not_companies: dict[str, str] = field(default_factory=dict)   # names untagged by namecorpus, and why


def fallback_title(article: ArticleDraft) -> str:
    """The opening of a post's first block, for a post the splitter left untitled
    (Pelican drops an article with an empty title, text and all)."""
    text = " ".join(next((b.text for b in article.blocks if b.text.strip()), "").split())
    if len(text) <= FALLBACK_TITLE_CHARS:
        return text or "Untitled"
    cut = text[:FALLBACK_TITLE_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _lookup(root: pathlib.Path, rel: str, max_bytes: int, cache: SourceCache | None) -> SourceOutcome | None:
    """The source from the cache when its entry is valid, else None (read it afresh)."""
    if cache is None:
        return None
    key, entry = cache.lookup(root / rel, rel, max_bytes)       # replays the source's warnings on a hit
    if entry is None:
        return SourceOutcome(rel, cache_key=key) if key else None
    return SourceOutcome(rel, source=entry.source, profile=entry.profile, cache_key=key, cached=entry)


def _read_one(args: tuple[str, str, int, str]) -> SourceOutcome:
    root, rel, max_bytes, key = args
    try:
        source = read_source(pathlib.Path(root) / rel, rel, max_bytes)
        return SourceOutcome(rel, source=source, profile=line_profile(source), cache_key=key)
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the build
        return SourceOutcome(rel, error=f"{type(exc).__name__}: {exc}")


@dataclass(frozen=True)
class ProcessOptions:
    """The settings per-source processing depends on (part of its cache fingerprint)."""

    taxonomy: tuple[tuple[str, tuple[str, ...]], ...]


def _process_articles(source: SourceText, split: SplitResult, fallback: dt.date, kind: str,
                      options: ProcessOptions) -> tuple[list[str], list[str]]:
    """Title, date, classify and render one source's articles in place; return undated lines and problems."""
    problems: list[str] = []
    for a in split.articles:
        if not a.title.strip():
            a.title, a.title_generated = fallback_title(a), True
    try:
        with timed("date"):
            undated = date_articles(split.articles, source, fallback, kind)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - date what we can, report the rest
        problems.append(f"{source.path}: dating failed, file date used: {type(exc).__name__}: {exc}")
        undated = []
        for a in split.articles:
            a.date, a.date_source, a.date_evidence = fallback, kind, "dating failed"  # type: ignore[assignment]
    taxonomy = {name: list(terms) for name, terms in options.taxonomy}
    with timed("classify"):
        for a in split.articles:
            text = a.text
            result = classify(a.title, text, taxonomy)
            a.topic, a.secondary_topics = result.primary, list(result.secondary)
            a.topic_terms = [f"{topic}: {', '.join(terms)}" for topic, terms in result.terms.items() if terms]
            names = extract_entities(a.title, text, None, a.title_generated)
            a.entities, a.name_uses = names.entities, names.uses
    with timed("render"):
        for a in split.articles:
            a.html, a.summary, a.words = body_html(a), summary(a), word_count(a)
    with timed("dedup-sketch"):
        for a in split.articles:
            sketch(a)
    return undated, problems


def _inputs(outcome: SourceOutcome, common: frozenset[str], fallback: tuple[dt.date, str],
            options: ProcessOptions) -> str:
    """Fingerprint of what a source's processed articles depend on besides its own bytes."""
    if not outcome.cache_key or outcome.profile is None:
        return ""
    day, kind = fallback
    basis = f"{common_fingerprint(outcome.profile, common)}|{day.isoformat()}|{kind}|{options!r}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class _SplitInputs:
    """The read-only inputs of the split stage that every job shares. Worker processes get
    them once, when they start (inherited through fork; pickled once per worker under another
    start method), so a job only names its source."""

    outcomes: list[SourceOutcome]
    common: frozenset[str]
    cache: SourceCache | None
    options: ProcessOptions


@dataclass(frozen=True)
class _SplitJob:
    """One source to split: its index in ``_SplitInputs.outcomes`` and its own inputs."""

    index: int
    fallback: tuple[dt.date, str]
    inputs: str                         # cache fingerprint of the inputs besides the source


@dataclass
class _Processed:
    """What a split job sends back: only what the source's outcome lacks."""

    split: SplitResult | None
    undated: list[str]
    problems: list[str]
    error: str = ""
    cpu_seconds: dict[str, float] = field(default_factory=dict)     # per step (stagetime)


_SHARED: _SplitInputs | None = None     # set in the parent for the split stage, inherited by workers


def _share(inputs: _SplitInputs | None) -> None:
    """Make ``inputs`` the split stage's shared inputs in this process."""
    global _SHARED
    _SHARED = inputs


def _start_worker(inputs: _SplitInputs) -> None:
    """Set up a split worker process: share ``inputs``, and freeze what it inherited through
    fork (its full collections then leave the parent's objects alone instead of scanning,
    and writing to, every one of them)."""
    gc.freeze()
    _share(inputs)


def _process_one(job: _SplitJob) -> _Processed:
    """Split, clean, date, classify and render one source, and cache the result."""
    assert _SHARED is not None, "the split stage's inputs are not shared"
    outcome = _SHARED.outcomes[job.index]
    source, profile = outcome.source, outcome.profile
    assert source is not None and profile is not None
    fallback, kind = job.fallback
    result = _Processed(None, [], [])
    try:
        split = split_source(source, _SHARED.common)
        result.undated, result.problems = _process_articles(source, split, fallback, kind, _SHARED.options)
        result.split = split
        cache = _SHARED.cache
        if cache is not None and outcome.cache_key and not result.problems:
            cache.store(outcome.path, CacheEntry(outcome.cache_key, source, profile, job.inputs, split,
                                                 result.undated))
    except Exception as exc:  # noqa: BLE001 - one bad source must not stop the build
        result.split, result.error = None, f"{type(exc).__name__}: {exc}"
    result.cpu_seconds = take_cpu_seconds()
    return result


def _map(func: Any, items: list[Any], workers: int, name: str,
         initializer: Any = None, initargs: tuple[Any, ...] = (),
         alongside: Callable[[], None] | None = None) -> list[Any]:
    """``func`` over ``items`` in order, in ``workers`` processes, with a progress bar called
    ``name``; each worker process runs ``initializer(*initargs)`` first. When the items go to
    worker processes, this process runs ``alongside()`` while they work (after they started,
    so they do not inherit what it makes)."""
    with stage(name, len(items)) as advance:
        if workers <= 1 or len(items) < 2:
            results = []
            for item in items:
                results.append(func(item))
                advance(1)
            return results
        with ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs) as pool:
            results = []
            mapped = pool.map(func, items, chunksize=max(1, min(16, len(items) // (workers * 4))))
            if alongside is not None:
                alongside()
            for result in mapped:
                results.append(result)
                advance(1)
            return results


def _size(outcome: SourceOutcome) -> int:
    """Characters of a source's text, the measure of how long splitting it takes."""
    return sum(map(len, outcome.source.lines)) if outcome.source else 0


def _workers(settings: Mapping[str, Any], root: pathlib.Path, files: Iterable[str]) -> int:
    """Worker processes for handling ``files``: one per core, or none for a small amount of work."""
    wanted = conf.get(settings, "DIGEST_WORKERS") or os.cpu_count() or 1
    total = sum((root / f).stat().st_size for f in files if (root / f).is_file())
    return 1 if total <= conf.get(settings, "DIGEST_PARALLEL_MIN_BYTES") else int(wanted)


def _arrival(root: pathlib.Path, paths: list[str], git: Mapping[str, dt.date]) -> dict[str, str]:
    """When each source arrived: its first commit, or (not yet committed) its modification
    time, which sorts after every commit. Slug collisions go to the first arrival, so a
    dump added later never takes an existing post's URL, whatever dates it holds."""
    return {rel: git[rel].isoformat() if rel in git else f"~{(root / rel).stat().st_mtime_ns:020d}"
            for rel in paths}


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
    max_bytes = conf.get(settings, "DIGEST_MAX_SOURCE_BYTES")
    cache = cache_for(settings)

    t = time.perf_counter()
    found = {f: _lookup(root, f, max_bytes, cache) for f in files}
    misses = [f for f, o in found.items() if o is None or o.source is None]
    # Sources read afresh are split next, by forked workers that share the parent's language
    # model: the parent loads it while the readers work.
    load_early = load_language_model if multiprocessing.get_start_method() == "fork" else None
    read = _map(_read_one, [(str(root), f, max_bytes, found[f].cache_key if found[f] else "")
                            for f in misses], _workers(settings, root, misses), "reading sources",
                alongside=load_early)
    found.update({o.path: o for o in read})
    outcomes = [found[f] for f in files]
    timings["read"] = time.perf_counter() - t

    git = first_commit_dates(root)
    options = ProcessOptions(
        taxonomy=tuple((name, tuple(terms)) for name, terms in conf.get(settings, "DIGEST_TOPICS").items()))
    t = time.perf_counter()
    common = common_lines(o.profile for o in outcomes if o.profile is not None)
    jobs: list[_SplitJob] = []
    for index, o in enumerate(outcomes):
        fallback = _fallback_date(root, o.path, git) if o.source else (dt.date(1970, 1, 1), "mtime")
        inputs = _inputs(o, common, fallback, options)
        cached, o.cached = o.cached, None
        if cached is not None and cached.inputs == inputs:      # processed articles still hold
            o.split, o.undated = cached.split, cached.undated
        elif o.source is not None and o.profile is not None:
            jobs.append(_SplitJob(index, fallback, inputs))
    jobs.sort(key=lambda j: _size(outcomes[j.index]), reverse=True)    # the longest first: a short tail
    workers = _workers(settings, root, [outcomes[j.index].path for j in jobs])
    if workers > 1 and len(jobs) > 1 and multiprocessing.get_start_method() == "fork":    # as _map forks
        load_language_model()           # forked workers share the parent's copy
    shared = _SplitInputs(outcomes, common, cache, options)
    _share(shared)
    try:
        processed = _map(_process_one, jobs, workers, "splitting sources", _start_worker, (shared,))
    finally:
        _share(None)
    cpu: dict[str, float] = defaultdict(float)
    for job, result in zip(jobs, processed):
        o = outcomes[job.index]
        o.split, o.undated, o.problems, o.error = result.split, result.undated, result.problems, result.error
        for step, seconds in result.cpu_seconds.items():
            cpu[step] += seconds
    timings["split+date+classify+render"] = time.perf_counter() - t

    undated: list[str] = []
    for o in outcomes:
        for msg in o.problems:
            log.warning(msg)
        problems += o.problems
        undated += o.undated
        if o.error:
            msg = f"{o.path}: skipped after an error: {o.error}"
            log.warning(msg)
            problems.append(msg)

    drafts = [a for o in outcomes if o.split for a in o.split.articles]
    t = time.perf_counter()
    duplicates = mark_duplicates(drafts, conf.get(settings, "DIGEST_DUPLICATE_SIMILARITY"))
    timings["dedup"] = time.perf_counter() - t

    posts = [a for a in drafts if a.duplicate_of is None]
    not_companies = settle_entities(posts, conf.get(settings, "DIGEST_MAX_ENTITIES"))
    suggestions = suggest_topics([p.title + "\n" + p.text for p in posts if p.topic == OTHER])
    assign_slugs(posts, _arrival(root, [o.path for o in outcomes if o.split], git))
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
    return Corpus(posts, duplicates, outcomes, timings, problems, undated, suggestions,
                  {step: cpu[step] for step in sorted(cpu)}, not_companies)
