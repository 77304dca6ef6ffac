"""Pelican wiring: raw dumps become Pelican articles, and the digest generator is added.

Pelican's readers return one object per file, so dumps are read here instead:
at ``article_generator_pretaxonomy`` every post made from the dumps is appended
to the articles generator, before categories (topics), tags (companies) and
archives are built, so posts appear everywhere a hand-written article would.
From the articles generator's start to the end of the build, ``gcfreeze`` keeps the
garbage collector from rescanning the build's long-lived objects.
"""
from __future__ import annotations

import logging
import os
import pathlib
from typing import Any, ClassVar

from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator
from pelican.readers import BaseReader, ensure_metadata_list
from pelican.utils import order_content

from . import gcfreeze
from . import settings as conf
from .generator import DigestGenerator
from .model import ArticleDraft, date_is_estimated
from .pagewriter import DigestWriter
from .pipeline import build_corpus
from .render import reading_minutes
from .report import source_lines

log = logging.getLogger(__name__)


class DigestArticle(Article):
    """A post made from a dump. Pelican works a source path out relative to the content
    folder (four path operations) each time it formats a post's URL or save_as, which every
    list of posts does for every post it shows; here each path is worked out once."""

    _relative_paths: ClassVar[dict[tuple[str, str, str], str | None]] = {}

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        path = source_path or self.source_path
        if path is None:
            return None
        key = (path, self.settings["PATH"], os.getcwd())
        if key not in self._relative_paths:
            self._relative_paths[key] = super().get_relative_source_path(path)
        return self._relative_paths[key]


class _MetadataReader:
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


def _metadata(post: ArticleDraft, settings: dict[str, Any], reader: _MetadataReader) -> dict[str, Any]:
    words = post.words
    assert post.date is not None
    raw: dict[str, Any] = {
        "title": post.title,
        "slug": post.slug,
        "date": post.date.isoformat(),
        "category": post.topic,
        "tags": list(post.entities),
    }
    meta = {name: reader.process(name, value) for name, value in raw.items() if value}
    meta.update({
        "summary": post.summary,
        "secondary_topics": list(post.secondary_topics),
        "date_source": post.date_source,
        "date_evidence": post.date_evidence,
        "date_estimated": date_is_estimated(post.date_source),
        "title_generated": post.title_generated,
        "source_file": post.source,
        "source_lines": f"{post.start_line}–{post.end_line}",
        "words": words,
        "reading_time": reading_minutes(words, conf.get(settings, "DIGEST_READING_WPM")),
        "digest_key": post.key,
    })
    return meta


def add_digest_posts(generator: ArticlesGenerator) -> None:
    """Split every dump under the article paths and append its posts to the generator."""
    settings = generator.settings
    extensions = tuple(conf.get(settings, "DIGEST_SOURCE_EXTENSIONS"))
    files = generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"],
                                extensions=extensions)
    root = pathlib.Path(generator.path)
    corpus = build_corpus(root, {os.path.normpath(f) for f in files}, settings)
    for line in source_lines(corpus):
        print(line, flush=True)
    reader = _MetadataReader(settings)
    for post in corpus.posts:
        if post.date is None:
            log.warning("%s: post %r has no date and was skipped", post.source, post.title)
            continue
        article = DigestArticle(post.html, metadata=_metadata(post, settings, reader), settings=settings,
                          source_path=str(root / post.source), context=generator.context)
        if article.is_valid():
            generator.articles.append(article)
    generator.articles = order_content(generator.articles, settings["ARTICLE_ORDER_BY"])
    generator.context["digest_corpus"] = corpus


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
    """Give the generator's (and its context's) topic, company and author lists fast ``in`` tests."""
    for tag, posts in generator.tags.items():
        generator.tags[tag] = Members(posts)
    generator.context["tags"] = list(generator.tags.items())
    for groups in (generator.categories, generator.authors):
        groups[:] = [(key, Members(posts)) for key, posts in groups]


def get_generators(_pelican: Any) -> type[DigestGenerator]:
    """Pelican asks plugins for extra generators: ours writes issues, feeds and the report."""
    return DigestGenerator


def get_writer(_pelican: Any) -> type[DigestWriter]:
    """Pelican asks plugins for a writer: ours skips unchanged pages and renders in parallel."""
    return DigestWriter


def register() -> None:
    """Connect the digest to Pelican's signals."""
    signals.article_generator_init.connect(gcfreeze.build_started)
    signals.article_generator_pretaxonomy.connect(add_digest_posts)
    signals.article_generator_finalized.connect(index_taxonomies)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(gcfreeze.build_finished)
