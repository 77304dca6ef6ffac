"""Feeds are valid Atom with tag: ids and identical bytes on rebuild."""
from __future__ import annotations

import datetime as dt
import pathlib

import feedparser
import pytest

from digest.feeds import Feed, FeedItem, atom_bytes, write_feeds

UTC = dt.timezone.utc


def items() -> list[FeedItem]:
    return [FeedItem(f"posts/story-{i}", f"Story {i}\x0b", f"https://x.test/posts/story-{i}/",
                     dt.datetime(2025, 3, i + 1, tzinfo=UTC), "<p>Body &amp; more</p>", "Sum", ["AI"])
            for i in range(3)]


def test_feed_parses_and_uses_tag_ids() -> None:
    data = atom_bytes(Feed("feeds/all.atom.xml", "all", "feeds/all", items()), "https://x.test", "D", "x.test,2024")
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert [e.id for e in parsed.entries] == [f"tag:x.test,2024:posts/story-{i}" for i in range(3)]
    assert parsed.feed.updated.startswith("2025-03-03")
    assert "\x0b" not in data.decode()


def test_rebuild_is_byte_identical_and_unchanged_files_are_not_rewritten(tmp_path: pathlib.Path) -> None:
    feed = Feed("feeds/all.atom.xml", "all", "feeds/all", items())
    write_feeds(tmp_path, [feed], "https://x.test", "D", "x.test,2024")
    path = tmp_path / "feeds/all.atom.xml"
    first, stamp = path.read_bytes(), path.stat().st_mtime_ns
    write_feeds(tmp_path, [feed], "https://x.test", "D", "x.test,2024")
    assert path.read_bytes() == first and path.stat().st_mtime_ns == stamp


def test_feeds_cannot_escape_the_output_folder(tmp_path: pathlib.Path) -> None:
    with pytest.raises(ValueError):
        write_feeds(tmp_path, [Feed("../evil.xml", "x", "x", items())], "", "D", "a,2024")
