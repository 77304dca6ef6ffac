"""Posts group into period issues with stable slugs, weighted sections and neighbours."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from digest.issues import build_issues, period_of


@dataclass
class P:
    title: str
    day: dt.date
    topic: str
    words: int = 100


def group(posts: list[P], period: str = "week"):
    return build_issues(posts, period, ["AI", "Robotics", "Other"], day_of=lambda p: p.day,
                        topic_of=lambda p: p.topic, weight_of=lambda p: p.words, title_of=lambda p: p.title)


def test_week_slug_and_title() -> None:
    assert period_of(dt.date(2021, 11, 24), "week")[:2] == ("2021-w47", "Week of 22 November 2021")
    assert period_of(dt.date(2021, 1, 2), "week")[0] == "2020-w53"
    assert period_of(dt.date(2021, 11, 24), "month")[:2] == ("2021-11", "November 2021")
    with pytest.raises(ValueError):
        period_of(dt.date(2021, 1, 1), "fortnight")


def test_every_post_in_exactly_one_issue_and_sections_by_weight() -> None:
    posts = [P("a", dt.date(2025, 3, 3), "AI", 900), P("b", dt.date(2025, 3, 4), "Robotics", 100),
             P("c", dt.date(2025, 3, 5), "Robotics", 200), P("d", dt.date(2025, 3, 12), "AI")]
    issues = group(posts)
    assert [i.slug for i in issues] == ["2025-w10", "2025-w11"]
    assert sorted(p.title for i in issues for p in i.posts) == ["a", "b", "c", "d"]
    first = issues[0]
    assert [s.topic for s in first.sections] == ["Robotics", "AI"]
    assert [p.title for p in first.sections[0].posts] == ["c", "b"]
    assert issues[0].next is issues[1] and issues[1].previous is issues[0]
    assert "c" in first.intro and "3 stories" in first.intro


def test_adding_older_content_does_not_rename_issues() -> None:
    posts = [P("a", dt.date(2025, 3, 3), "AI")]
    before = [i.slug for i in group(posts)]
    after = [i.slug for i in group(posts + [P("old", dt.date(2024, 1, 2), "AI")])]
    assert set(before) <= set(after)
