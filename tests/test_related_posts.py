"""Tests for digest.generator.link_related: the "Related stories" each post lists."""
from __future__ import annotations

import datetime as dt
import heapq
import random
from types import SimpleNamespace

from digest.generator import MAX_RELATED_TAG_POSTS, RELATED_POSTS, link_related


def _post(slug: str, day: int, topic: str, companies: list[str]) -> SimpleNamespace:
    return SimpleNamespace(slug=slug, date=dt.datetime(2025, 1, 1) + dt.timedelta(days=day),
                           category=SimpleNamespace(slug=topic), tags=[SimpleNamespace(name=c) for c in companies])


def _by_definition(posts: list[SimpleNamespace]) -> dict[str, list[str]]:
    """Related posts as specified, by scoring every other post."""
    members: dict[str, int] = {}
    for p in posts:
        for t in p.tags:
            members[t.name] = members.get(t.name, 0) + 1
    out = {}
    for p in posts:
        mine = {t.name for t in p.tags if members[t.name] <= MAX_RELATED_TAG_POSTS}
        scored = []
        for q in posts:
            shared = len(mine & {t.name for t in q.tags})
            if q is not p and shared:
                scored.append((-(shared + (q.category.slug == p.category.slug)), -q.date.timestamp(), q.slug))
        out[p.slug] = [s[2] for s in heapq.nsmallest(RELATED_POSTS, scored)]
    return out


def test_most_shared_companies_then_topic_then_newest() -> None:
    posts = [_post("a", 0, "ai", ["Orvane", "Pebblecart"]),
             _post("both-old", 1, "ai", ["Orvane", "Pebblecart"]),
             _post("one-same-topic", 2, "ai", ["Orvane"]),
             _post("one-newest", 9, "chips", ["Pebblecart"]),
             _post("one-older", 3, "chips", ["Orvane"]),
             _post("none", 10, "ai", ["Tarvo"])]
    link_related(posts)
    assert [q.slug for q in posts[0].related_posts] == ["both-old", "one-same-topic", "one-newest"]
    assert posts[-1].related_posts == []


def test_related_posts_match_their_definition_on_random_archives() -> None:
    rng = random.Random(7)
    for _ in range(30):
        companies = [f"C{k}" for k in range(rng.randint(1, 40))]
        posts = [_post(f"p{k:03d}", rng.randint(0, 60), rng.choice("abc"),
                       rng.sample(companies, rng.randint(0, min(4, len(companies)))))
                 for k in range(rng.randint(1, 300))]
        link_related(posts)
        assert {p.slug: [q.slug for q in p.related_posts] for p in posts} == _by_definition(posts)
