"""Taxonomy post lists: a list whose ``in`` test stays right however the list is changed."""
from __future__ import annotations

import pytest


@pytest.fixture
def members() -> type:
    # Imported when the tests run (see tests/test_fingerprint.py: Pelican's logger class).
    from digest.articles import Members
    return Members


def test_membership_follows_every_kind_of_change(members: type) -> None:
    m = members([1, 2])
    assert 1 in m and 3 not in m
    m.append(3)
    assert 3 in m
    m[0] = 7
    assert 1 not in m and 7 in m
    m += [8]
    assert 8 in m and isinstance(m, members)
    m.extend([4])
    m.insert(0, 5)
    assert 4 in m and 5 in m
    m.remove(5)
    m.pop()
    assert 5 not in m and 4 not in m
    del m[0]
    assert 7 not in m
    m.clear()
    assert 2 not in m and m == []


def test_it_is_still_a_list(members: type) -> None:
    m = members(["a", "b", "c"])
    assert m[1:] == ["b", "c"] and len(m) == 3 and list(m) == ["a", "b", "c"]


class _Tag:
    """A company as Pelican's templates see it (a slug, a page, a URL)."""

    def __init__(self, slug: str) -> None:
        self.slug, self.save_as, self.url, self.page_name = slug, f"companies/{slug}/index.html", slug, slug

    def __hash__(self) -> int:
        return hash(self.slug)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Tag) and other.slug == self.slug


class _Post:
    def __init__(self, name: str, tags: list[_Tag]) -> None:
        self.name, self.tags = name, tags

    def __repr__(self) -> str:
        return self.name


def _generator(posts: list[_Post], by_date: list[_Post]) -> object:
    from pelican.generators import ArticlesGenerator
    gen = ArticlesGenerator.__new__(ArticlesGenerator)
    gen.articles, gen.dates, gen.context = posts, by_date, {}
    gen.tags = {}
    for post in posts:
        for tag in post.tags:
            gen.tags.setdefault(tag, []).append(post)
    gen.get_template = lambda name: f"template:{name}"     # type: ignore[method-assign]
    return gen


def test_company_pages_get_the_same_arguments_as_from_pelican() -> None:
    from pelican.generators import ArticlesGenerator

    from digest.articles import write_tag_pages
    acme, beta, gamma = _Tag("acme"), _Tag("beta"), _Tag("gamma")
    posts = [_Post("p1", [acme, beta]), _Post("p2", [beta]), _Post("p3", [acme, acme, gamma]), _Post("p4", [])]
    by_date = [posts[2], posts[0], posts[3], posts[1]]
    calls: dict[str, list[tuple]] = {"ours": [], "pelican": []}
    gen = _generator(posts, by_date)
    write_tag_pages(gen, lambda *a, **k: calls["ours"].append((a, k)))   # type: ignore[arg-type]
    ArticlesGenerator.generate_tags(gen, lambda *a, **k: calls["pelican"].append((a, k)))
    assert calls["ours"] == calls["pelican"]
    assert [(k["tag"].slug, k["dates"]) for _, k in calls["ours"]] == \
        [("acme", [posts[2], posts[0]]), ("beta", [posts[0], posts[1]]), ("gamma", [posts[2]])]
