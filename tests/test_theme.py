"""The theme's promises, checked on the built demo site without a browser:
sharing metadata, JSON-LD, self-contained assets, the "date estimated" marker,
one <h1> per page, a language, escaping, and search markup."""
from __future__ import annotations

import json
import pathlib
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build
from digest.model import date_is_estimated


def html_pages(site: pathlib.Path) -> list[pathlib.Path]:
    pages = sorted(p for p in site.rglob("*.html") if p.name != "email.html")
    assert len(pages) >= 30
    return pages


def soup(page: pathlib.Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def post_pages(site: pathlib.Path) -> list[pathlib.Path]:
    pages = sorted((site / "posts").glob("*/index.html"))
    assert pages
    return pages


def report(site: pathlib.Path) -> dict:
    """The build report written beside the output folder: per post its date source."""
    return json.loads((site.parent / f"{site.name}.report.json").read_text(encoding="utf-8"))


def test_posts_have_canonical_and_opengraph(sample_site: pathlib.Path) -> None:
    for page in post_pages(sample_site):
        doc = soup(page)
        canonical = doc.select("link[rel=canonical]")
        assert len(canonical) == 1, page
        assert canonical[0]["href"].endswith(f"posts/{page.parent.name}/"), page
        title = doc.select_one("meta[property='og:title']")
        assert title is not None and title["content"] == doc.select_one("h1").get_text(strip=True)
        assert doc.select_one("meta[property='og:type']")["content"] == "article"
        assert doc.select_one("meta[property='og:description']")["content"].strip()


def test_json_ld_is_a_news_article(sample_site: pathlib.Path) -> None:
    for page in post_pages(sample_site):
        doc = soup(page)
        scripts = doc.select("script[type='application/ld+json']")
        assert len(scripts) == 1, page
        data = json.loads(scripts[0].string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == doc.select_one(".h-entry .p-name").get_text(strip=True)
        assert data["datePublished"] == doc.select_one(".h-entry .dt-published")["datetime"]
        assert "</" not in scripts[0].string         # |tojson escapes markup


def test_absolute_urls_when_the_site_url_is_known(tmp_path: pathlib.Path) -> None:
    site = tmp_path / "site"
    build(ROOT / "content", site, "-e", 'SITEURL="https://news.example.org/digest"')
    page = post_pages(site)[0]
    doc = soup(page)
    url = f"https://news.example.org/digest/posts/{page.parent.name}/"
    assert doc.select_one("link[rel=canonical]")["href"] == url
    assert doc.select_one("meta[property='og:url']")["content"] == url
    data = json.loads(doc.select_one("script[type='application/ld+json']").string)
    assert data["url"] == data["mainEntityOfPage"] == url


def test_no_external_assets(sample_site: pathlib.Path) -> None:
    for page in html_pages(sample_site):
        doc = soup(page)
        urls = [s["src"] for s in doc.select("script[src]")]
        urls += [link["href"] for link in doc.select("link[href]")
                 if {"stylesheet", "icon", "preload", "modulepreload"} & set(link.get("rel", []))]
        urls += [i["src"] for i in doc.select("img[src]")]
        for url in urls:
            assert not urlparse(url).scheme and not url.startswith("//"), (page, url)
    css = (sample_site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in css and "http" not in css


def test_estimated_dates_are_marked(sample_site: pathlib.Path) -> None:
    posts = report(sample_site)["posts"]
    estimated = {slug for slug, p in posts.items() if date_is_estimated(p["date_source"])}
    assert estimated and estimated != set(posts), "the demo content needs both kinds of date"
    for slug in posts:
        doc = soup(sample_site / "posts" / slug / "index.html")
        header = doc.select_one(".h-entry .post-header")
        marked = "date estimated" in header.get_text(" ", strip=True).lower()
        assert marked == (slug in estimated), slug
        if marked:
            assert posts[slug]["date_evidence"] in header.get_text(" ", strip=True)


def test_every_page_has_one_h1_and_a_language(sample_site: pathlib.Path) -> None:
    for page in html_pages(sample_site):
        doc = soup(page)
        assert len(doc.find_all("h1")) == 1, page
        assert doc.html.get("lang"), page
        assert doc.select_one("meta[name=viewport]") is not None, page


def test_only_posts_are_search_bodies(sample_site: pathlib.Path) -> None:
    for page in html_pages(sample_site):
        bodies = soup(page).select("[data-pagefind-body]")
        is_post = page.parent.parent == sample_site / "posts"
        assert len(bodies) == (1 if is_post else 0), page
        if is_post:
            assert bodies[0].select_one(".e-content") is not None


def test_related_and_pager_links_stay_outside_the_h_entry(sample_site: pathlib.Path) -> None:
    linked = 0
    for page in post_pages(sample_site):
        doc = soup(page)
        entry = doc.select_one(".h-entry")
        assert entry.select("[rel=prev], [rel=next], .related") == []
        linked += len(doc.select(".pager a, .related a"))
    assert linked


@pytest.mark.parametrize("text", ['Tom & Jerry <b>"quoted"</b>'])
def test_plain_text_is_escaped(tmp_path: pathlib.Path, text: str) -> None:
    """A headline with markup characters is shown as text, not parsed as HTML."""
    content = tmp_path / "content"
    content.mkdir()
    body = ("Shenzhen robot maker Pinebrook said on Monday it had raised new funding from "
            "regional investors to expand its warehouse robot line. ") * 3
    (content / "2025-02-03-desk.txt").write_text(f"{text}\n\n{body}\n", encoding="utf-8")
    site = tmp_path / "site"
    build(content, site)
    page = post_pages(site)[0]
    doc = soup(page)
    title = doc.select_one("h1").get_text(strip=True)
    assert title == text and doc.select_one("h1 b") is None
    assert doc.select_one("meta[property='og:title']")["content"] == title
    assert json.loads(doc.select_one("script[type='application/ld+json']").string)["headline"] == title
