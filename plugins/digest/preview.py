"""What the next roundup issue will contain, read from the last build's report.

``python -m digest.preview REPORT.json`` (``make new-issue-preview``) prints the
newest issue's slug, then per topic its posts with their date, an
"(estimated)" mark where the date was not stated by the source or an editor,
and the post slug that ``content/overrides.toml`` is keyed by.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from typing import Any

from .model import date_is_estimated
from .report import load_report_arg

def is_estimated(post: dict[str, Any]) -> bool:
    """True when the post's date was estimated rather than stated."""
    return date_is_estimated(post.get("date_source"))


def latest_issue(report: dict[str, Any]) -> str | None:
    """Slug of the issue holding the newest dated post (None when no post is in an issue)."""
    newest: dict[str, str] = {}
    for post in report["posts"].values():
        if post.get("issue"):
            newest[post["issue"]] = max(newest.get(post["issue"], ""), post.get("date") or "")
    if not newest:
        return None
    return max(newest, key=lambda slug: (newest[slug], slug))


def issue_sections(report: dict[str, Any], issue: str) -> list[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """The issue's posts as (topic, [(slug, post)]) — topics by post count, posts by date then title."""
    by_topic: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for slug, post in report["posts"].items():
        if post.get("issue") == issue:
            by_topic[post["topic"]].append((slug, post))
    for members in by_topic.values():
        members.sort(key=lambda m: (m[1].get("date") or "", m[1]["title"], m[0]))
    return sorted(by_topic.items(), key=lambda t: (-len(t[1]), t[0]))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def format_preview(report: dict[str, Any]) -> str | None:
    """The preview text an editor reads, or None when no post is in any issue."""
    issue = latest_issue(report)
    if issue is None:
        return None
    sections = issue_sections(report, issue)
    posts = [post for _, members in sections for _, post in members]
    estimated = sum(1 for post in posts if is_estimated(post))
    lines = [f"Next issue: {issue}",
             (f"{_count(len(posts), 'post')} in {_count(len(sections), 'topic')}; "
              f"{estimated} with an estimated date")]
    for topic, members in sections:
        lines.append("")
        lines.append(f"{topic} ({len(members)})")
        for slug, post in members:
            mark = " (estimated)" if is_estimated(post) else ""
            lines.append(f"  {post.get('date') or 'undated'}{mark}  {post['title']}")
            lines.append(f"      slug: {slug}  [date from: {post.get('date_source')}]")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the next issue's preview from a build report file."""
    report = load_report_arg(sys.argv[1:] if argv is None else argv, "digest.preview")
    if isinstance(report, int):
        return report
    text = format_preview(report)
    if text is None:
        print("the last build put no post in any issue: nothing to preview", file=sys.stderr)
        return 1
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
