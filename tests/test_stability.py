"""Stable URLs: adding a source never moves, re-dates or re-files an existing post.

Content A (two sample dumps) is built; then a new dump is added beside it
(two unrelated stories, one with the same headline as an existing post) and
the site is built again. Every post of A must keep its URL, its date, its feed
entry id, published and updated stamps, and its roundup issue; the new
colliding story gets a slug of its own.
"""
from __future__ import annotations

import json
import pathlib
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import feedparser
import mf2py
import pytest
from conftest import ROOT, build

SAMPLES = ("mobility-brief.txt", "robotics-ai-notes.txt")
POST_URL = re.compile(r"posts/([^/]+)/")
NEW_STORY_BODY = """\
{title}

This is a different, fictional story that only shares its headline with an older post. The imaginary
Pebble Bay Cooperative said on Tuesday that its members had voted to buy a fleet of small electric
ferries for the lake crossing, replacing two diesel boats that have run the route since the 1990s.

The cooperative expects the first ferry to enter service before the summer tourist season, and said
the charging point at the north pier would be paid for by a regional climate grant.

Imaginary Orchard Drones starts a pollination service for apple growers

Orchard Drones, a fictional agricultural startup, said it would rent out pollination drones to apple
growers in three valleys this spring, charging by the hectare rather than selling the machines.

Its founder said growers had struggled to hire enough beehives in recent years and wanted a backup
that could fly on cold mornings when bees stay in the hive.
"""


@dataclass(frozen=True)
class PostState:
    """What a reader or a feed reader knows about a post."""

    date: str
    feed_id: str
    published: str
    updated: str
    issues: tuple[str, ...]


def report(out: pathlib.Path) -> dict:
    return json.loads(out.with_name(out.name + ".report.json").read_text(encoding="utf-8"))


def issue_members(out: pathlib.Path) -> dict[str, set[str]]:
    """Post slug -> the issues whose page lists it among the h-feed's h-entries."""
    found: dict[str, set[str]] = {}

    def walk(items: list[dict], issue: str, in_feed: bool) -> None:
        for item in items:
            if in_feed and "h-entry" in item["type"]:
                for url in item["properties"].get("url", []):
                    m = POST_URL.search(url)
                    if m:
                        found.setdefault(m[1], set()).add(issue)
            walk(item.get("children", []), issue, in_feed or "h-feed" in item["type"])

    for page in sorted((out / "issues").glob("*/index.html")):
        issue = page.parent.name
        walk(mf2py.parse(doc=page.read_text(encoding="utf-8"), url=f"http://site.test/issues/{issue}/")["items"],
             issue, False)
    return found


def states(out: pathlib.Path) -> dict[str, PostState]:
    """Every post of a built site, by slug (the slug is the URL: posts/<slug>/)."""
    entries = {}
    for entry in feedparser.parse((out / "feeds" / "all.atom.xml").read_bytes()).entries:
        m = POST_URL.search(entry.link)
        assert m, entry.link
        entries[m[1]] = entry
    members = issue_members(out)
    result = {}
    for slug, post in report(out)["posts"].items():
        assert (out / "posts" / slug / "index.html").is_file(), slug
        e = entries[slug]
        result[slug] = PostState(post["date"], e.id, e.published, e.updated, tuple(sorted(members.get(slug, ()))))
    return result


def collided_title(out: pathlib.Path) -> str:
    """The source headline of one existing post, to reuse in the new dump."""
    titled = sorted((slug, p["title"]) for slug, p in report(out)["posts"].items()
                    if not p["title_generated"] and p["source"] == SAMPLES[0])
    assert titled
    return titled[0][1]


@dataclass
class Scenario:
    before: pathlib.Path
    after: pathlib.Path
    title: str            # the existing headline the new dump's first story collides with


# name -> (headline of the new dump's first story made from the existing one, dump header).
# "newer": same slug, another spelling, no date (dated by its file: now).
# "same-headline": the very same headline line. "backfill": same slug, dated before every post.
SCENARIOS = {
    "newer": (lambda t: f"“{t}”", ""),
    "same-headline": (lambda t: t, ""),
    "backfill": (lambda t: f"“{t}”", "Date: 2024-01-08\n\n"),
}


@pytest.fixture(scope="module")
def scenarios(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Scenario]:
    """Content A built once, then A plus a new dump built for each scenario."""
    base = tmp_path_factory.mktemp("stable")
    src = base / "in"
    src.mkdir()
    for name in SAMPLES:
        shutil.copy2(ROOT / "content" / name, src / name)
    before = base / "before"
    build(src, before, "-e", f"DIGEST_CACHE_DIR={json.dumps(str(base / 'cache'))}")
    title = collided_title(before)
    jobs = {}
    with ThreadPoolExecutor(max_workers=3) as pool:
        for name, (headline, header) in SCENARIOS.items():
            folder = base / f"in-{name}"
            shutil.copytree(src, folder)                  # copy2: the same file dates
            (folder / "new-dump.txt").write_text(header + NEW_STORY_BODY.format(title=headline(title)),
                                                 encoding="utf-8")
            cache = f"DIGEST_CACHE_DIR={json.dumps(str(base / f'cache-{name}'))}"
            jobs[name] = pool.submit(build, folder, base / f"after-{name}", "-e", cache)
        for job in jobs.values():
            job.result()
    return {name: Scenario(before, base / f"after-{name}", title) for name in SCENARIOS}


def _check_unchanged(s: Scenario) -> None:
    old, new = states(s.before), states(s.after)
    assert len(old) >= 8 and all(p.issues for p in old.values())
    for slug, state in old.items():
        assert new.get(slug) == state, slug
    added = {slug: p for slug, p in report(s.after)["posts"].items() if slug not in old}
    assert {p["source"] for p in added.values()} == {"new-dump.txt"}
    assert len(added) == 2
    (twin,) = [slug for slug, p in added.items() if s.title in p["title"]]
    assert twin.startswith(next(slug for slug, p in report(s.before)["posts"].items() if p["title"] == s.title))


def test_adding_a_newer_dump_keeps_every_existing_post(scenarios):
    _check_unchanged(scenarios["newer"])


def test_a_new_dump_repeating_a_headline_keeps_every_existing_post(scenarios):
    _check_unchanged(scenarios["same-headline"])


def test_adding_an_older_dump_keeps_every_existing_post(scenarios):
    _check_unchanged(scenarios["backfill"])


def test_new_feed_ids_are_new(scenarios):
    s = scenarios["newer"]
    old_ids = {p.feed_id for p in states(s.before).values()}
    new = states(s.after)
    assert len({p.feed_id for p in new.values()}) == len(new)
    assert len({p.feed_id for p in new.values()} - old_ids) == 2


def test_issue_feed_keeps_its_ids_and_stamps(scenarios):
    s = scenarios["newer"]

    def issue_entries(out: pathlib.Path) -> dict[str, tuple[str, str]]:
        feed = feedparser.parse((out / "feeds" / "issues.atom.xml").read_bytes())
        assert feed.bozo == 0 and feed.entries
        return {e.id: (e.published, e.updated) for e in feed.entries}

    old, new = issue_entries(s.before), issue_entries(s.after)
    for entry_id, stamps in old.items():
        assert new.get(entry_id) == stamps, entry_id
