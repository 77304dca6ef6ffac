"""The Pelican objects the digest's posts become, made so that ten thousand of them stay fast.

* ``DigestArticle``: an Article that works its source path out once (Pelican redoes it
  at every URL formatting), and while URLs are fixed (a build's output phase) its URL
  and save_as once;
* ``MetadataReader``: Pelican's metadata processing, once per distinct date, topic and
  company;
* ``DigestDatetime``: a post's date, formatting itself once per format;
* ``Members``: the post list of a topic, company or author, with a set-backed ``in`` test
  (Pelican's taxonomy pages test every post against every list);
* ``write_tag_pages``: Pelican's company (tag) pages, gathered in one pass over the posts.
"""
from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.readers import BaseReader, ensure_metadata_list
from pelican.utils import SafeDatetime
from pelican.writers import FileOverwriteFailedError


log = logging.getLogger(__name__)


class DigestArticle(Article):
    """A post made from a dump. Pelican works a source path out relative to the content
    folder (four path operations) each time it formats a post's URL or save_as, which every
    list of posts does for every post it shows; here each path is worked out once."""

    _relative_paths: ClassVar[dict[tuple[str, str, str], str | None]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if hasattr(self, "date"):
            self.date = DigestDatetime.of(self.date)

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        path = source_path or self.source_path
        if path is None:
            return None
        key = (path, self.settings["PATH"], os.getcwd())
        if key not in self._relative_paths:
            self._relative_paths[key] = super().get_relative_source_path(path)
        return self._relative_paths[key]

    # (id(post), "url" or "save_as") -> (post, value) while URLs are fixed, else None
    _fixed: ClassVar[dict[tuple[int, str], tuple[Article, str]] | None] = None

    @classmethod
    def fix_urls(cls) -> None:
        """From now until ``release_urls``, each post's URL and save_as are worked out once
        (Pelican formats them again each time a page, feed or sitemap reads them); posts must
        not change meanwhile. The plugin fixes them for a build's output phase."""
        cls._fixed = {}

    @classmethod
    def release_urls(cls) -> None:
        """Work URLs out afresh again (posts may change)."""
        cls._fixed = None

    def get_url_setting(self, key: str) -> str:
        fixed = DigestArticle._fixed
        if fixed is None:
            return super().get_url_setting(key)
        found = fixed.get((id(self), key))
        if found is None:
            found = fixed[id(self), key] = (self, super().get_url_setting(key))
        return found[1]


class DigestDatetime(SafeDatetime):
    """Pelican's date, formatting each format once: a date is shown by every page listing its posts."""

    def strftime(self, fmt: str, safe: bool = True) -> str:
        formatted = self.__dict__.setdefault("_formatted", {})
        if (fmt, safe) not in formatted:
            formatted[fmt, safe] = super().strftime(fmt, safe)
        return formatted[fmt, safe]

    @classmethod
    def of(cls, date: Any) -> Any:
        """``date`` as a DigestDatetime when it is a SafeDatetime, else unchanged."""
        if type(date) is not SafeDatetime:
            return date
        return cls(date.year, date.month, date.day, date.hour, date.minute, date.second,
                   date.microsecond, date.tzinfo, fold=date.fold)


class MetadataReader:
    """Pelican's metadata processing for the digest's posts, done once per distinct value: the
    posts of one day share the parsed date, and the posts of a topic or company share one
    Category or Tag object (as Pelican's taxonomies keep one per slug anyway)."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self._reader = BaseReader(settings)
        self._memo: dict[tuple[str, str], Any] = {}

    def process(self, name: str, value: Any) -> Any:
        """What ``BaseReader.process_metadata(name, value)`` returns, memoised for dates,
        categories and each tag of a list."""
        if name == "tags" and isinstance(value, list):
            tags = [tag for n in ensure_metadata_list(value) for tag in self._one(name, [n])]
            return tags or self._reader.process_metadata(name, value)
        if name in ("date", "category"):
            return self._one(name, value)
        return self._reader.process_metadata(name, value)

    def _one(self, name: str, value: Any) -> Any:
        key = (name, value[0] if isinstance(value, list) else value)
        if key not in self._memo:
            self._memo[key] = self._reader.process_metadata(name, value)
        return self._memo[key]


class Members(list):
    """A topic's, company's or author's list of posts whose ``in`` test is a set lookup.

    Pelican writes each taxonomy page with ``[a for a in dates if a in articles]``, which is
    quadratic with plain lists (about 300 million comparisons, seconds, for 450 companies over
    ten thousand posts). The set is made at the first test after the list was changed.
    """

    _set: frozenset[Any] | None = None

    def __contains__(self, item: object) -> bool:
        if self._set is None:
            self._set = frozenset(self)
        return item in self._set


def _forgetting_set(name: str) -> Any:
    change = getattr(list, name)

    def changed(self: Members, *args: Any) -> Any:
        self._set = None
        return change(self, *args)
    return changed


for _name in ("__setitem__", "__delitem__", "__iadd__", "__imul__",
              "append", "extend", "insert", "remove", "pop", "clear"):
    setattr(Members, _name, _forgetting_set(_name))


def index_taxonomies(generator: ArticlesGenerator) -> None:
    """Give the generator's (and its context's) topic, company and author lists fast ``in``
    tests, and the generator a linear way to write its company pages."""
    for tag, posts in generator.tags.items():
        generator.tags[tag] = Members(posts)
    generator.context["tags"] = list(generator.tags.items())
    for groups in (generator.categories, generator.authors):
        groups[:] = [(key, Members(posts)) for key, posts in groups]
    generator.generate_tags = partial(write_tag_pages, generator)   # type: ignore[method-assign]


def write_tag_pages(generator: ArticlesGenerator, write: Callable[..., Any]) -> None:
    """Pelican's ``generate_tags``, the same pages from the same arguments, with each tag's
    posts in date order gathered in one pass over the posts. Pelican's own goes over every
    post once per tag (four million steps for 450 companies and ten thousand posts)."""
    template = generator.get_template("tag")
    by_date: dict[Any, list[Any]] = defaultdict(list)
    for article in generator.dates:
        for tag in dict.fromkeys(getattr(article, "tags", ())):
            by_date[tag].append(article)
    for tag, articles in generator.tags.items():
        dates = [a for a in by_date.get(tag, ()) if a in articles]
        try:
            write(tag.save_as, template, generator.context, tag=tag, url=tag.url, articles=articles,
                  dates=dates, template_name="tag", blog=True, page_name=tag.page_name,
                  all_articles=generator.articles)
        except FileOverwriteFailedError:
            if tag.slug:
                log.error('Failed to write Tag page for "%s".', tag)
                raise
            log.info('Tag "%s" has an invalid slug; skipping writing tag page...', tag,
                     extra={"limit_msg": "Further tags with invalid slugs."})
