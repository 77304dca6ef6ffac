"""Stable, unique URL slugs for posts.

A slug comes from the headline alone, so it never depends on build order or on
other content. Collisions are settled deterministically: the post whose source
arrived first (then by source path and line) keeps the plain slug, the others
get a suffix hashed from their own source and text, which no unrelated addition
can change. Arrival, not the story's date, decides, so a backdated dump added
later cannot take an existing post's URL.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

from unidecode import unidecode

from .model import ArticleDraft

MAX_SLUG = 80


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens, cut at a word boundary; path parts cannot survive."""
    ascii_text = unidecode(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    return slug


def _fingerprint(article: ArticleDraft) -> str:
    first = article.blocks[0].text if article.blocks else article.title
    return hashlib.sha1(f"{article.source}\n{first}".encode()).hexdigest()[:6]


def assign_slugs(articles: list[ArticleDraft], arrival: Mapping[str, str]) -> None:
    """Give every article a unique ``slug``; ``arrival`` orders sources by when they came."""
    groups: dict[str, list[ArticleDraft]] = defaultdict(list)
    for a in articles:
        groups[slugify(a.title) or "post-" + _fingerprint(a)].append(a)
    used: set[str] = set(groups)
    for base, group in groups.items():
        group.sort(key=lambda a: (arrival.get(a.source, ""), a.source, a.start_line))
        group[0].slug = base
        for a in group[1:]:
            slug = f"{base}-{_fingerprint(a)}"
            if slug in used:        # same source, same opening: the line tells them apart
                slug = f"{slug}-l{a.start_line}"
            used.add(slug)
            a.slug = slug
