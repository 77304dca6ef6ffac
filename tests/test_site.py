"""The demo site, read the way readers' tools read it: microformats2 and Atom feeds."""
from __future__ import annotations

import json
import pathlib
from urllib.parse import urlparse

import feedparser
import mf2py
import pytest


def page_url(site: pathlib.Path, page: pathlib.Path) -> str:
    return "http://site.test/" + page.relative_to(site).as_posix()


def canonical(url: str) -> str:
    path = urlparse(url).path
    return path[: -len("index.html")] if path.endswith("index.html") else path


def parse(site: pathlib.Path, page: pathlib.Path) -> dict:
    return mf2py.parse(doc=page.read_text(encoding="utf-8"), url=page_url(site, page))


def post_pages(site: pathlib.Path) -> list[pathlib.Path]:
    return sorted((site / "posts").glob("*/index.html"))


def test_every_post_page_is_a_complete_h_entry(sample_site: pathlib.Path) -> None:
    pages = post_pages(sample_site)
    assert len(pages) >= 20
    for page in pages:
        entries = [i for i in parse(sample_site, page)["items"] if "h-entry" in i["type"]]
        assert len(entries) == 1, page
        props = entries[0]["properties"]
        assert canonical(props["url"][0]) == canonical(page_url(sample_site, page))
        assert props["name"][0].strip()
        assert len(props["published"][0]) >= 10 and props["published"][0][:4].isdigit()
        assert props["category"][0].strip()
        assert props["content"][0]["value"].strip()


def test_every_post_is_in_exactly_one_issue(sample_site: pathlib.Path) -> None:
    membership: dict[str, int] = {}
    issues = sorted((sample_site / "issues").glob("*/index.html"))
    assert len(issues) >= 3
    for page in issues:
        assert 'class="h-feed roundup-issue"' in page.read_text(encoding="utf-8"), page
        feeds = [i for i in parse(sample_site, page)["items"] if "h-feed" in i["type"]]
        assert len(feeds) == 1, page
        urls = {canonical(u) for child in feeds[0].get("children", [])
                for u in child["properties"].get("url", [])}
        for url in urls:
            membership[url] = membership.get(url, 0) + 1
    posts = {canonical(page_url(sample_site, p)) for p in post_pages(sample_site)}
    assert set(membership) == posts
    assert set(membership.values()) == {1}


def test_issue_slugs_come_from_periods(sample_site: pathlib.Path) -> None:
    slugs = [p.parent.name for p in (sample_site / "issues").glob("*/index.html")]
    assert slugs and all(len(s) == 8 and s[4:6] == "-w" for s in slugs), slugs


def test_home_links_every_feed_and_each_parses(sample_site: pathlib.Path) -> None:
    index = sample_site / "index.html"
    doc = index.read_text(encoding="utf-8")
    feeds = sorted((sample_site / "feeds").rglob("*.atom.xml"))
    assert len(feeds) >= 4      # all, issues and a topic feed or more
    for feed in feeds:
        href = feed.relative_to(sample_site).as_posix()
        assert 'type="application/atom+xml"' in doc and href in doc, href
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        topic_page = sample_site / "topics" / feed.name.removesuffix(".atom.xml") / "index.html"
        if feed.parent.name == "topics" and not topic_page.exists():
            assert not parsed.entries, "a topic without posts has an empty (but valid) feed"
        else:
            assert parsed.entries, feed
        for entry in parsed.entries:
            assert entry.id.startswith("tag:")


def test_issue_feed_carries_full_issue_content(sample_site: pathlib.Path) -> None:
    parsed = feedparser.parse((sample_site / "feeds" / "issues.atom.xml").read_bytes())
    issues = list((sample_site / "issues").glob("*/index.html"))
    assert len(parsed.entries) == len(issues)
    for entry in parsed.entries:
        assert "/issues/" in entry.link
        assert entry.content[0].value.count("<h3") >= 1


def test_report_is_written_beside_the_site_not_in_it(sample_site: pathlib.Path) -> None:
    report = sample_site.parent / (sample_site.name + ".report.json")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["posts"] and data["sources"]
    assert data["unaccounted_lines"] == {}
    assert not list(sample_site.rglob("*.report.json"))


def test_email_edition_is_self_contained(sample_site: pathlib.Path) -> None:
    issue = sorted((sample_site / "issues").glob("*/"))[0]
    html = (issue / "email.html").read_text(encoding="utf-8")
    text = (issue / "email.txt").read_text(encoding="utf-8")
    assert "<link" not in html and "stylesheet" not in html and 'style="' in html
    hrefs = [h.split('"')[0] for h in html.split('href="')[1:]]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "http" in text and len(text.splitlines()) > 5


@pytest.mark.parametrize("page", ["index.html", "about/index.html", "404.html", "archives/index.html",
                                  "topics/index.html", "companies/index.html", "issues/index.html"])
def test_site_pages_exist(sample_site: pathlib.Path, page: str) -> None:
    assert (sample_site / page).is_file()
