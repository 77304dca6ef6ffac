"""The per-source split cache: hits skip reading and splitting, every relevant change misses."""
from __future__ import annotations

import logging
import pathlib
from collections import Counter

import pytest

from digest import cache as cache_mod
from digest import pipeline
from digest.cache import cache_for

STORIES = [
    """{title}

{company} said on Tuesday that it would open a battery plant in a northern river town, hiring about {n} workers over two years. The plant will make cells for delivery vans and buses sold in the region.

Local officials offered cheap land and a tax holiday, according to a filing, and the company expects production to start next spring after equipment trials finish.
""",
    """{title}

A city bus operator cancelled part of its order with {company} after two prototypes failed winter range tests, people briefed on the talks said. The operator will still take {n} buses this year.

The setback comes as rival suppliers cut prices. A spokesperson for {company} said the remaining order was large enough to keep the assembly line busy until autumn.
""",
    """{title}

{company} began a trial of {n} electric delivery vans on routes between two inland warehouses, replacing diesel trucks on the shortest runs first.

Drivers were trained for a week before the trial, and the company will publish charging costs and breakdown counts once the first quarter of equipment trials ends.
""",
]


def _dump(titles: list[str], company: str, extra: str = "", first: int = 0) -> str:
    body = "\n".join(STORIES[first + i].format(title=t, company=company, n=10 + i)
                     for i, t in enumerate(titles))
    return f"Date: 2024-03-0{len(titles)}\n\n{body}\n{extra}"


@pytest.fixture()
def site(tmp_path: pathlib.Path) -> tuple[pathlib.Path, dict[str, object]]:
    content = tmp_path / "content"
    content.mkdir()
    (content / "alpha.txt").write_text(
        _dump(["Marrow Cells builds a van battery plant", "Marrow Cells trims its bus order"], "Marrow Cells"),
        encoding="utf-8")
    (content / "beta.txt").write_text(
        _dump(["Quillon Freight tests electric vans"], "Quillon Freight", first=2), encoding="utf-8")
    return content, {"DIGEST_CACHE_DIR": str(tmp_path / "cache"), "DIGEST_WORKERS": 1}


@pytest.fixture()
def spy(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    real_split, real_read = pipeline.split_source, pipeline.read_source

    def split(src, common=frozenset()):  # type: ignore[no-untyped-def]
        calls["split:" + src.path] += 1
        return real_split(src, common)

    def read(path, rel, max_bytes=20_000_000):  # type: ignore[no-untyped-def]
        calls["read:" + rel] += 1
        return real_read(path, rel, max_bytes)

    monkeypatch.setattr(pipeline, "split_source", split)
    monkeypatch.setattr(pipeline, "read_source", read)
    return calls


def _build(content: pathlib.Path, settings: dict[str, object]) -> pipeline.Corpus:
    return pipeline.build_corpus(content, sorted(p.name for p in content.glob("*.txt")), settings)


def _summary(corpus: pipeline.Corpus) -> list[tuple[str, str, str, list[str]]]:
    return [(p.key, p.title, p.slug, [b.text for b in p.blocks]) for p in corpus.posts]


def test_unchanged_sources_come_from_the_cache(site, spy) -> None:
    content, settings = site
    first = _build(content, settings)
    assert spy["split:alpha.txt"] == 1 and spy["split:beta.txt"] == 1
    assert len(first.posts) == 3
    spy.clear()
    second = _build(content, settings)
    assert not spy, f"cached sources were read or split again: {dict(spy)}"
    assert _summary(second) == _summary(first)
    assert [o.source.lines for o in second.outcomes] == [o.source.lines for o in first.outcomes]


def test_changed_bytes_miss_only_for_that_source(site, spy) -> None:
    content, settings = site
    _build(content, settings)
    spy.clear()
    beta = content / "beta.txt"
    beta.write_text(beta.read_text(encoding="utf-8").replace("equipment trials", "safety trials"),
                    encoding="utf-8")
    corpus = _build(content, settings)
    assert spy == Counter({"read:beta.txt": 1, "split:beta.txt": 1})
    assert any("safety trials" in p.text for p in corpus.posts)


def test_changed_pipeline_version_misses(site, spy, monkeypatch) -> None:
    content, settings = site
    _build(content, settings)
    spy.clear()
    monkeypatch.setattr(cache_mod, "PIPELINE_VERSION", cache_mod.PIPELINE_VERSION + "-next")
    _build(content, settings)
    assert spy["split:alpha.txt"] == 1 and spy["split:beta.txt"] == 1


def test_changed_relevant_setting_misses(site, spy) -> None:
    content, settings = site
    _build(content, settings)
    spy.clear()
    _build(content, {**settings, "DIGEST_MAX_SOURCE_BYTES": 5_000_000})
    assert spy["split:alpha.txt"] == 1 and spy["split:beta.txt"] == 1


def test_changed_common_lines_resplit_without_rereading(site, spy) -> None:
    content, settings = site
    _build(content, settings)
    spy.clear()
    # A third source sharing a short line with alpha and delta makes that line corpus-common for alpha.
    alpha = content / "alpha.txt"
    alpha.write_text(alpha.read_text(encoding="utf-8") + "\nFollow the desk on Lumen\n", encoding="utf-8")
    (content / "delta.txt").write_text(
        _dump(["Orrin Labs opens a lab by the river"], "Orrin Labs", "Follow the desk on Lumen\n", first=1),
        encoding="utf-8")
    _build(content, settings)
    spy.clear()
    (content / "gamma.txt").write_text(
        _dump(["Tarrow Mobile opens a repair shop"], "Tarrow Mobile", "Follow the desk on Lumen\n", first=1),
        encoding="utf-8")
    corpus = _build(content, settings)
    assert spy["split:alpha.txt"] == 1 and spy["read:alpha.txt"] == 0
    assert spy["split:beta.txt"] == 0 and spy["read:beta.txt"] == 0
    alpha_drops = next(o.split.drops for o in corpus.outcomes if o.path == "alpha.txt")
    assert any(d.text == "Follow the desk on Lumen" for d in alpha_drops)


def test_corrupt_cache_entries_are_ignored(site, spy, caplog) -> None:
    content, settings = site
    first = _build(content, settings)
    entries = sorted(pathlib.Path(str(settings["DIGEST_CACHE_DIR"])).rglob("*.pickle"))
    assert len(entries) == 2
    entries[0].write_bytes(b"not a pickle at all")
    entries[1].write_bytes(entries[1].read_bytes()[:40])
    spy.clear()
    with caplog.at_level(logging.DEBUG, logger="digest.cache"):
        second = _build(content, settings)
    assert spy["split:alpha.txt"] == 1 and spy["split:beta.txt"] == 1
    assert _summary(second) == _summary(first)
    assert sum("unreadable entry" in r.getMessage() for r in caplog.records) == 2
    spy.clear()
    _build(content, settings)           # the rewritten entries are good again
    assert not spy


def test_cache_location_follows_settings(tmp_path: pathlib.Path) -> None:
    assert cache_for({}) is None
    assert cache_for({"CACHE_PATH": str(tmp_path), "DIGEST_CACHE_DIR": ""}) is None
    found = cache_for({"CACHE_PATH": str(tmp_path)})
    assert found is not None and found.directory == tmp_path / "digest"
    assert cache_for({"DIGEST_CACHE_DIR": str(tmp_path / "x")}).directory == tmp_path / "x"
