"""Pelican wiring: raw dumps become Pelican articles, and the digest generator is added.

Pelican's readers return one object per file, so dumps are read here instead:
at ``article_generator_pretaxonomy`` every post made from the dumps is appended
to the articles generator, before categories (topics), tags (companies) and
archives are built, so posts appear everywhere a hand-written article would.
From the articles generator's start to the end of the build, ``gcfreeze`` keeps the
garbage collector from rescanning the build's long-lived objects; from the output phase
on, each post's URL is worked out once (``DigestArticle.fix_urls``).
"""
from __future__ import annotations

import logging
import os
import pathlib
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.utils import order_content

from . import gcfreeze
from . import settings as conf
from .articles import DigestArticle, MetadataReader, index_taxonomies
from .generator import DigestGenerator
from .model import ArticleDraft, date_is_estimated
from .pagewriter import DigestWriter
from .partials import render_partial
from .pipeline import build_corpus
from .render import reading_minutes
from .report import source_lines

log = logging.getLogger(__name__)


def _metadata(post: ArticleDraft, settings: dict[str, Any], reader: MetadataReader) -> dict[str, Any]:
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
    reader = MetadataReader(settings)
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


def prepare_templates(generator: Any) -> None:
    """Give the generator's templates ``render_partial``, and check template files for changes only
    when first loaded (each build makes new generators, so a build never sees a template change)."""
    generator.env.globals["render_partial"] = render_partial
    generator.env.auto_reload = False


def get_generators(_pelican: Any) -> type[DigestGenerator]:
    """Pelican asks plugins for extra generators: ours writes issues, feeds and the report."""
    return DigestGenerator


def get_writer(_pelican: Any) -> type[DigestWriter]:
    """Pelican asks plugins for a writer: ours skips unchanged pages and renders in parallel."""
    return DigestWriter


def build_started(_generator: Any) -> None:
    """A build begins: posts are made and changed until the output phase."""
    DigestArticle.release_urls()
    gcfreeze.build_started(_generator)


def output_started(_generators: Any) -> None:
    """Every post is final: each one's URL is worked out once from here to the build's end."""
    DigestArticle.fix_urls()


def build_finished(_pelican: Any) -> None:
    """The build is over: URLs may change again, and what it left is frozen (``gcfreeze``)."""
    DigestArticle.release_urls()
    gcfreeze.build_finished(_pelican)


def register() -> None:
    """Connect the digest to Pelican's signals."""
    signals.generator_init.connect(prepare_templates)
    signals.article_generator_init.connect(build_started)
    signals.article_generator_pretaxonomy.connect(add_digest_posts)
    signals.article_generator_finalized.connect(index_taxonomies)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(output_started)
    signals.finalized.connect(build_finished)
