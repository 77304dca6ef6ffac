"""Group posts into periodic roundup issues, by period and then by topic.

An issue's slug comes from its period alone (``2021-w47`` for ISO week 47 of
2021, ``2021-11`` for a month), so it never shifts when older content arrives.
Within an issue, topic sections are ordered by weight (posts, then words) and
posts by length, so the lead stories come first.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Period = Literal["week", "month"]


@dataclass
class Section:
    """One topic inside an issue."""

    topic: str
    posts: list[Any]


@dataclass
class RoundupIssue:
    """One roundup issue: a period, its posts grouped by topic, and its neighbours."""

    slug: str
    title: str
    start: dt.date
    end: dt.date
    sections: list[Section]
    intro: str = ""
    previous: RoundupIssue | None = field(default=None, repr=False)
    next: RoundupIssue | None = field(default=None, repr=False)
    url: str = ""
    save_as: str = ""

    @property
    def posts(self) -> list[Any]:
        """All posts of the issue, section by section."""
        return [p for s in self.sections for p in s.posts]


def period_of(day: dt.date, period: Period) -> tuple[str, str, dt.date, dt.date]:
    """Slug, title, first and last day of the period holding ``day``."""
    if period == "month":
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return f"{start:%Y-%m}", f"{start:%B %Y}", start, nxt - dt.timedelta(days=1)
    if period != "week":
        raise ValueError(f"ROUNDUP_PERIOD must be 'week' or 'month', not {period!r}")
    year, week, _ = day.isocalendar()
    start = dt.date.fromisocalendar(year, week, 1)
    return (f"{year}-w{week:02d}", f"Week of {start.day} {start:%B %Y}",
            start, start + dt.timedelta(days=6))


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def make_intro(issue: RoundupIssue, period: Period, title_of: Callable[[Any], str]) -> str:
    """A short generated intro naming the lead stories of the issue."""
    leads = [title_of(s.posts[0]) for s in issue.sections[:3] if s.posts]
    count = len(issue.posts)
    stories = "story" if count == 1 else "stories"
    topics = _join_names([s.topic for s in issue.sections[:4]])
    intro = f"{count} {stories} this {period}"
    intro += f", on {topics}." if topics else "."
    if leads:
        intro += " Leading: " + "; ".join(leads) + "."
    return intro


def build_issues(posts: Sequence[Any], period: Period, topic_order: Sequence[str],
                 day_of: Callable[[Any], dt.date], topic_of: Callable[[Any], str],
                 weight_of: Callable[[Any], int], title_of: Callable[[Any], str]) -> list[RoundupIssue]:
    """Issues oldest first, each post in exactly one issue; previous/next linked."""
    by_period: dict[str, list[Any]] = defaultdict(list)
    meta: dict[str, tuple[str, dt.date, dt.date]] = {}
    for post in posts:
        slug, title, start, end = period_of(day_of(post), period)
        by_period[slug].append(post)
        meta[slug] = (title, start, end)
    rank = {t: i for i, t in enumerate(topic_order)}
    issues: list[RoundupIssue] = []
    for slug in sorted(by_period, key=lambda s: meta[s][1]):
        groups: dict[str, list[Any]] = defaultdict(list)
        for post in by_period[slug]:
            groups[topic_of(post)].append(post)
        sections = []
        for topic, members in groups.items():
            members.sort(key=lambda p: (-weight_of(p), title_of(p)))
            sections.append(Section(topic, members))
        sections.sort(key=lambda s: (-len(s.posts), -sum(weight_of(p) for p in s.posts),
                                     rank.get(s.topic, len(rank)), s.topic))
        title, start, end = meta[slug]
        issue = RoundupIssue(slug=slug, title=title, start=start, end=end, sections=sections)
        issue.intro = make_intro(issue, period, title_of)
        issues.append(issue)
    for older, newer in zip(issues, issues[1:]):
        older.next, newer.previous = newer, older
    return issues
