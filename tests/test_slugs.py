"""Slugs are readable, safe and stable, and collisions settle without depending on other posts."""
from __future__ import annotations

import datetime as dt

from digest.model import ArticleDraft, Block
from digest.slugs import assign_slugs, slugify


def post(title: str, source: str = "a.txt", line: int = 1, day: int = 1) -> ArticleDraft:
    a = ArticleDraft(source, title, False, line, [Block("para", f"text {source} {line}", [line + 1])], line, line + 1)
    a.date = dt.date(2025, 3, day)
    return a


def test_slugify_is_ascii_and_has_no_path_parts() -> None:
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("Qiantang EV’s S7 costs ¥18,000 less") == "qiantang-ev-s-s7-costs-y-18-000-less"
    assert slugify("北京 AI") and "/" not in slugify("a/b")


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-")


def test_collisions_get_a_stable_suffix() -> None:
    first, second = post("Same title", "a.txt", 1, 1), post("Same title", "b.txt", 5, 2)
    arrival = {"a.txt": "2025-01-01", "b.txt": "2025-02-01", "c.txt": "~0001"}
    assign_slugs([second, first], arrival)
    assert first.slug == "same-title" and second.slug.startswith("same-title-")
    again = post("Same title", "b.txt", 5, 2)
    assign_slugs([post("Same title", "a.txt", 1, 1), again, post("Other", "c.txt")], arrival)
    assert again.slug == second.slug


def test_a_later_arrival_never_takes_an_existing_slug_even_with_an_older_date() -> None:
    existing = post("Same title", "z.txt", 1, day=20)
    backdated = post("Same title", "a.txt", 1, day=1)
    assign_slugs([existing, backdated], {"z.txt": "2025-03-01", "a.txt": "~00000000001"})
    assert existing.slug == "same-title" and backdated.slug != "same-title"


def test_empty_title_still_gets_a_slug() -> None:
    a = post("!!!")
    assign_slugs([a], {})
    assert a.slug.startswith("post-")


def test_same_title_and_same_opening_in_one_source_still_differ() -> None:
    a, b = post("Twin", "s.txt", 1), post("Twin", "s.txt", 1)
    b.start_line = 40
    c = post("Twin", "s.txt", 1)
    c.start_line = 80
    assign_slugs([a, b, c], {"s.txt": "2025-01-01"})
    assert len({a.slug, b.slug, c.slug}) == 3 and a.slug == "twin"
