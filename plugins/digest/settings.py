"""The digest plugin's settings and their defaults, documented in one place.

Every setting can be overridden in ``pelicanconf.py`` under the same name.
``get(settings, NAME)`` returns the configured value or the default below.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .topics import DEFAULT_TAXONOMY

DEFAULTS: dict[str, Any] = {
    # File extensions read as raw dumps (text) or scraped pages (html).
    "DIGEST_SOURCE_EXTENSIONS": ("txt", "text", "html", "htm"),
    # Sources larger than this are skipped with a warning.
    "DIGEST_MAX_SOURCE_BYTES": 20_000_000,
    # Topic taxonomy: topic name -> weighted terms ("term" or "term:2.0").
    "DIGEST_TOPICS": DEFAULT_TAXONOMY,
    # Roundup period: "week" (ISO weeks, slug 2021-w47) or "month" (slug 2021-11).
    "ROUNDUP_PERIOD": "week",
    # Near-duplicate threshold: Jaccard similarity of word 5-shingles between two posts. Stories
    # written apart, even on one announcement, share well under a third of theirs; an edited
    # copy (a sentence cut, a figure changed, a paragraph dropped) keeps more than 0.6.
    "DIGEST_DUPLICATE_SIMILARITY": 0.6,
    # Worker processes for per-source preprocessing (0 = one per core).
    "DIGEST_WORKERS": 0,
    # Sources at or below this many bytes in total are processed in-process (no pool start-up).
    "DIGEST_PARALLEL_MIN_BYTES": 2_000_000,
    # Where the build report is written; relative paths are taken from the output folder's parent.
    # The default puts "<output>.report.json" beside the output folder, so it is never published.
    "DIGEST_REPORT_PATH": None,
    # Per-source cache of split/clean results (None = "<CACHE_PATH>/digest").
    "DIGEST_CACHE_DIR": None,
    # Words per minute used for reading time.
    "DIGEST_READING_WPM": 230,
    # Entities (companies and organisations) per post, and the posts an entity needs for its own page.
    "DIGEST_MAX_ENTITIES": 6,
    "DIGEST_ENTITY_MIN_POSTS": 1,
    # Feed ids are tag: URIs under this authority (a domain the publisher controls) and date.
    "DIGEST_TAG_AUTHORITY": "digest.example.org,2024",
    # Build the Pagefind search index of the post pages into <output>/pagefind at the end of
    # the build, re-indexing only the shards whose posts changed.
    "DIGEST_SEARCH_INDEX": True,
    # The most post pages one Pagefind run indexes (its memory grows by about 0.23 MB a
    # page): bigger sites are indexed in dated shards that the search box merges.
    "DIGEST_SEARCH_SHARD_PAGES": 1500,
    # How many Pagefind runs index shards at the same time (each uses about 1.3 cores).
    "DIGEST_SEARCH_JOBS": 2,
    # With more than one job, a site of at least this many post pages is indexed in two
    # shards at least (by period), so that it is indexed on two cores (0: never).
    "DIGEST_SEARCH_SPREAD_PAGES": 500,
    # How many posts and issues the feeds carry (newest first).
    "DIGEST_FEED_MAX_ITEMS": 50,
}


def get(settings: Mapping[str, Any], name: str) -> Any:
    """The configured value of a digest setting, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"unknown digest setting {name}")
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value
