"""The search index is built in bounded, dated shards, and a rebuild re-indexes only changed shards.

Shard planning is checked on made-up page lists; the index itself by running Pagefind
(a project dependency) over a few small pages and reading what it wrote.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import pathlib

import pytest
from digest.search import SearchDoc, plan_shards, shard_glob, update_search_index

DAY = dt.date(2024, 1, 1)


def _docs(n: int, start: dt.date = DAY, step_days: int = 1, prefix: str = "p") -> list[SearchDoc]:
    return [SearchDoc(f"posts/{prefix}{i:05d}/index.html", start + dt.timedelta(days=i * step_days), f"k{i}")
            for i in range(n)]


def test_a_small_site_is_one_shard() -> None:
    docs = _docs(30)
    assert plan_shards(docs, 100) == {"all": sorted(docs)}
    assert plan_shards([], 100) == {}


def test_shards_cover_every_page_once_and_stay_near_the_cap() -> None:
    docs = _docs(3000, step_days=0) + _docs(2000, start=dt.date(2023, 3, 1), prefix="q")
    shards = plan_shards(docs, 400)
    members = [d for ds in shards.values() for d in ds]
    assert sorted(members) == sorted(docs)
    # one month holds 3000 pages: it is split by hash into 8 buckets of about 375
    assert max(len(ds) for ds in shards.values()) <= 400 * 1.3
    assert all(len(ds) <= 400 for name, ds in shards.items() if not name.startswith("2024-01"))


def test_newer_posts_leave_older_shards_as_they_were() -> None:
    docs = _docs(700)                                  # 2024-01-01 .. 2025-11-30
    before = plan_shards(docs, 100)
    newer = [SearchDoc("posts/new/index.html", docs[-1].day + dt.timedelta(days=1), "n")]
    after = plan_shards(docs + newer, 100)
    changed = [name for name in after if after[name] != before.get(name)]
    assert len(before) > 5 and len(changed) == 1


def test_the_same_pages_plan_the_same_shards_in_any_order() -> None:
    docs = _docs(500, step_days=2)
    assert plan_shards(list(reversed(docs)), 60) == plan_shards(docs, 60)


def test_a_site_big_enough_is_spread_over_two_shards_by_period() -> None:
    two_years = _docs(600)                             # 2024-01-01 .. 2025-08-23
    assert plan_shards(two_years, 1500) == {"all": two_years}
    spread = plan_shards(two_years, 1500, spread_pages=500)
    assert sorted(spread) == ["2024", "2025"] and sum(map(len, spread.values())) == 600
    assert plan_shards(two_years[:499], 1500, spread_pages=500) == {"all": two_years[:499]}
    one_year = _docs(300, step_days=0) + _docs(300, start=dt.date(2024, 9, 1), step_days=0, prefix="q")
    assert sorted(plan_shards(one_year, 1500, spread_pages=500)) == ["2024-h1", "2024-h2"]
    one_day = _docs(600, step_days=0)                  # no period divides it: one shard
    assert plan_shards(one_day, 1500, spread_pages=500) == {"all": sorted(one_day)}
    newer = [SearchDoc("posts/new/index.html", two_years[-1].day + dt.timedelta(days=1), "n")]
    after = plan_shards(two_years + newer, 1500, spread_pages=500)
    assert after["2024"] == spread["2024"] and len(after["2025"]) == len(spread["2025"]) + 1


# ---------------------------------------------------------------------- with Pagefind

def _site(root: pathlib.Path, docs: list[SearchDoc], word: str = "alpha") -> None:
    for doc in docs:
        page = root / doc.path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!DOCTYPE html><html lang='en'><head><title>x</title></head><body>"
                        f"<article data-pagefind-body><h1>Story {doc.path}</h1>"
                        f"<p>The {word} {doc.key} report.</p></article></body></html>", encoding="utf-8")


def _indexed_urls(out: pathlib.Path, shard: str) -> set[str]:
    urls = set()
    for fragment in (out / "pagefind" / shard / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"])
    return urls


def _listing(out: pathlib.Path) -> dict[str, int]:
    shards = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]
    return {s["name"]: s["pages"] for s in shards}


def test_index_is_built_in_shards_then_only_changed_shards_are_rebuilt(tmp_path: pathlib.Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "cache"
    docs = _docs(6, start=dt.date(2023, 12, 30)) + _docs(2, start=dt.date(2024, 6, 1), prefix="j")
    _site(out, docs)
    first = update_search_index(out, docs, 3, "site", staging)
    listing = _listing(out)
    # 2023 fits; 2024 is split down to its second quarter and, by hash, its January
    assert (listing.pop("2023"), listing.pop("2024-q2")) == (2, 2)
    assert set(listing) <= {"2024-01-1of2", "2024-01-2of2"} and sum(listing.values()) == 4
    assert (first.built, first.kept, first.failed) == (len(_listing(out)), 0, 0)
    assert set().union(*(_indexed_urls(out, s) for s in _listing(out))) == \
        {"/" + d.path.removesuffix("index.html") for d in docs}
    assert [p.name for p in staging.iterdir() if p.is_dir()] == []     # the temporary folders are gone

    again = update_search_index(out, docs, 3, "site", staging)
    assert (again.built, again.kept) == (0, len(_listing(out)))

    edited = [*docs[:-1], SearchDoc(docs[-1].path, docs[-1].day, "changed")]
    _site(out, edited[-1:], word="omega")
    third = update_search_index(out, edited, 3, "site", staging)
    assert (third.built, third.kept) == (1, len(_listing(out)) - 1)

    settings_changed = update_search_index(out, edited, 3, "other site", staging)
    assert settings_changed.kept == 0
    without_cache = update_search_index(out, edited, 3, "other site", None)
    assert without_cache.kept == 0


def test_removed_posts_take_their_shards_away(tmp_path: pathlib.Path) -> None:
    out, staging = tmp_path / "out", tmp_path / "cache"
    docs = _docs(4, start=dt.date(2022, 5, 1)) + _docs(4, start=dt.date(2024, 5, 1), prefix="j")
    _site(out, docs)
    update_search_index(out, docs, 4, "site", staging)
    assert set(_listing(out)) == {"2022", "2024"}
    update_search_index(out, docs[4:], 4, "site", staging)
    assert set(_listing(out)) == {"all"}
    assert sorted(p.name for p in (out / "pagefind").iterdir()) == ["all", "shards.json"]


def test_a_shard_pagefind_cannot_index_is_named_and_left_out(tmp_path: pathlib.Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    out, staging = tmp_path / "out", tmp_path / "cache"
    good = _docs(2, start=dt.date(2022, 5, 1))
    missing = _docs(2, start=dt.date(2024, 5, 1), prefix="gone")
    _site(out, good)
    with caplog.at_level(logging.WARNING, logger="digest.search"):
        done = update_search_index(out, good + missing, 2, "site", staging)
    assert (done.built, done.failed) == (1, 1)
    assert set(_listing(out)) == {"2022"}
    assert any("search index shard 2024 not built" in r.getMessage() for r in caplog.records)


def _tree(root: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("paths, glob", [
    (["posts/a/index.html"], "posts/a/index.html"),
    (["posts/a/index.html", "posts/b-c/index.html"], "posts/{a,b-c}/index.html"),
    (["posts/index.html", "posts/a/index.html"], "posts/{index.html,a/index.html}"),
    (["a.html", "b/c.html"], "{a.html,b/c.html}"),
])
def test_a_shard_glob_lists_what_differs_between_its_pages(paths: list[str], glob: str) -> None:
    assert shard_glob(paths) == glob


def test_pagefind_reads_exactly_the_shard_pages_in_place_or_linked(tmp_path: pathlib.Path) -> None:
    """A page whose path is a prefix of another's, and pages beside the shard's, stay out of
    its index; a path a glob cannot name ("{", ",", space) is indexed through linking."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    plain = [SearchDoc(path, DAY, "k") for path in ("posts/a/index.html", "posts/ab/index.html")]
    odd = [SearchDoc(path, dt.date(2022, 1, 1), "k") for path in ("posts/x{y,z}/index.html", "posts/x y/index.html")]
    _site(out, plain + odd + [SearchDoc("posts/a/other.html", DAY, "k"), SearchDoc("posts/abc/index.html", DAY, "k")])
    done = update_search_index(out, plain + odd, 2, "site", cache)
    assert (done.built, done.failed) == (2, 0)
    assert _indexed_urls(out, "2024") == {"/posts/a/", "/posts/ab/"}
    assert _indexed_urls(out, "2022") == {"/posts/x{y,z}/", "/posts/x y/"}
    assert all(p.stat().st_nlink == 1 for p in out.rglob("*.html"))     # the links are gone again
    assert [p.name for p in cache.iterdir() if p.is_dir()] == []
