"""Run Pelican like the ``pelican`` command, timing the build's phases (benchmark helper).

Wraps, for this process only, the methods where the build spends its time, and
writes their wall seconds as JSON to the file named by BENCH_TIMINGS:
``pipeline`` (digest.pipeline.build_corpus), ``articles_context`` (Pelican's
articles generator context, which includes the pipeline and making Article
objects), ``issues_context`` (DigestGenerator.generate_context), ``render_articles``
(Pelican queueing posts, topic/company pages, archives and index with the digest
writer), ``render_pages`` (the digest writer rendering the queued pages that
changed, in parallel, and skipping the rest), ``search_index`` (Pagefind, when a
page changed), ``feeds``, ``email``,
``digest_output`` (all DigestGenerator output, which includes ``render_pages``)
and ``total``. With
BENCH_PROFILE set, the whole run is profiled with cProfile into that file.
No project code is changed.
"""
from __future__ import annotations

import cProfile
import functools
import json
import os
import pathlib
import sys
import time
from collections import defaultdict
from typing import Any, Callable

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

import pelican  # noqa: E402
from pelican.generators import ArticlesGenerator  # noqa: E402

from digest import generator as digest_generator  # noqa: E402
from digest import pagewriter as digest_pagewriter  # noqa: E402
from digest import plugin as digest_plugin  # noqa: E402

SECONDS: dict[str, float] = defaultdict(float)


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            SECONDS[name] += time.perf_counter() - t
    return wrapper


def _instrument() -> None:
    digest_plugin.build_corpus = _timed("pipeline", digest_plugin.build_corpus)
    ArticlesGenerator.generate_context = _timed("articles_context", ArticlesGenerator.generate_context)
    ArticlesGenerator.generate_output = _timed("render_articles", ArticlesGenerator.generate_output)
    gen = digest_generator.DigestGenerator
    gen.generate_context = _timed("issues_context", gen.generate_context)
    gen.generate_output = _timed("digest_output", gen.generate_output)
    gen._write_feeds = _timed("feeds", gen._write_feeds)
    gen._write_email_editions = _timed("email", gen._write_email_editions)
    gen._write_search_index = _timed("search_index", gen._write_search_index)
    writer = digest_pagewriter.DigestWriter
    writer.finish = _timed("render_pages", writer.finish)


def main(argv: list[str]) -> int:
    _instrument()
    profile_to = os.environ.get("BENCH_PROFILE")
    profiler = cProfile.Profile() if profile_to else None
    t = time.perf_counter()
    code = 0
    try:
        if profiler:
            profiler.enable()
        pelican.main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_to)
    SECONDS["total"] = time.perf_counter() - t
    out = os.environ.get("BENCH_TIMINGS")
    if out:
        pathlib.Path(out).write_text(json.dumps(SECONDS, indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
