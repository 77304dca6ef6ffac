"""Atom 1.0 feeds written with feedgen: all posts, all issues, one per topic.

Entry ids are ``tag:`` URIs built from slugs, and every ``updated`` comes from
content dates, never from the build clock, so rebuilding unchanged content
gives byte-identical feeds and a reader never sees an entry twice.
"""
from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from feedgen.feed import FeedGenerator

from .sanitize import clean_text
from .writing import inside, write_if_changed

UNTITLED = "Untitled"


@dataclass
class FeedItem:
    """What a feed needs to know of one post or issue."""

    tag_path: str                 # e.g. "posts/some-slug" -> tag:AUTHORITY:posts/some-slug
    title: str
    link: str                     # absolute (or site-relative) URL
    published: dt.datetime
    content_html: str
    summary: str = ""
    categories: list[str] = field(default_factory=list)


@dataclass
class Feed:
    """One feed file."""

    save_as: str                  # path inside the output folder
    title: str
    tag_path: str
    items: Sequence[FeedItem]


def tag_uri(authority: str, path: str) -> str:
    """A tag: URI (RFC 4151) for a path under the publisher's authority."""
    return f"tag:{authority}:{path}"


def atom_bytes(feed: Feed, site_url: str, site_name: str, authority: str) -> bytes:
    """The Atom document for a feed; its bytes depend only on its items."""
    fg = FeedGenerator()
    fg.id(tag_uri(authority, feed.tag_path))
    fg.title(clean_text(f"{site_name}: {feed.title}"))
    fg.link(href=f"{site_url}/{feed.save_as}", rel="self")
    fg.link(href=f"{site_url}/", rel="alternate")
    fg.language("en")
    stamp = max((i.published for i in feed.items),
                default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    fg.updated(stamp)
    for item in feed.items:
        entry = fg.add_entry(order="append")
        entry.id(tag_uri(authority, item.tag_path))
        entry.title(clean_text(item.title).strip() or UNTITLED)   # Atom requires a title
        entry.link(href=item.link, rel="alternate")
        entry.published(item.published)
        entry.updated(item.published)
        if item.summary:
            entry.summary(clean_text(item.summary))
        entry.content(clean_text(item.content_html), type="html")
        for name in item.categories:
            entry.category(term=clean_text(name))
    return fg.atom_str(pretty=True)


def write_feeds(output: pathlib.Path, feeds: Sequence[Feed], site_url: str, site_name: str,
                authority: str, write: Callable[[str, bytes], None] | None = None) -> list[str]:
    """Write every feed with ``write(path under output, bytes)`` (default: into ``output``,
    rewriting only changed files); return the paths written."""
    written = []
    for feed in feeds:
        data = atom_bytes(feed, site_url, site_name, authority)
        if write is None:
            write_if_changed(inside(output, feed.save_as), data)
        else:
            write(feed.save_as, data)
        written.append(feed.save_as)
    return written
