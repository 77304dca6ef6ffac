"""The hosted build works under a sub-path (GitHub Pages project sites: https://user.github.io/repo).

Builds content/ with publishconf.py and SITEURL set to a sub-path address, then
checks that every internal link in every page, feed and the sitemap points at a
file that exists in the output folder, and that nothing links to the server
root (which would leave the sub-path).
"""
from __future__ import annotations

import pathlib
import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build

SITEURL = "https://user.github.io/repo"
SUBPATH = urlsplit(SITEURL).path + "/"            # "/repo/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LINK_ATTRS = ("href", "src")


@pytest.fixture(scope="module")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("hosted") / "site"
    build(ROOT / "content", out, conf="publishconf.py", env={"SITEURL": SITEURL})
    return out


def site_path(url: str, page: str) -> str | None:
    """The output-relative file path an internal link points at, or None for an external link.

    ``page`` is the linking file's output-relative path (relative links resolve
    against it). Root-relative links outside the sub-path raise AssertionError.
    """
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    if parts.scheme or parts.netloc:
        if not url.startswith(SITEURL + "/") and url != SITEURL:
            return None
        path = url[len(SITEURL):].split("#", 1)[0].split("?", 1)[0].lstrip("/")
    elif parts.path.startswith("/"):
        assert parts.path.startswith(SUBPATH), f"root-relative link {url!r} leaves the sub-path"
        path = parts.path[len(SUBPATH):]
    elif not parts.path:                           # "#main", "?x": the page itself
        return page
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        assert not path.startswith(".."), f"relative link {url!r} climbs out of the site"
        if parts.path.endswith("/"):
            path += "/"
    if path in ("", "."):
        return "index.html"
    return path + "index.html" if path.endswith("/") else path


def resolves(out: pathlib.Path, path: str) -> bool:
    target = out / path
    return target.is_file() or (target / "index.html").is_file()


def test_site_path_mapping() -> None:
    assert site_path(SITEURL + "/posts/a/", "index.html") == "posts/a/index.html"
    assert site_path(SITEURL + "/", "x/index.html") == "index.html"
    assert site_path(SITEURL, "x/index.html") == "index.html"
    assert site_path(SITEURL + "/feeds/all.atom.xml#top", "index.html") == "feeds/all.atom.xml"
    assert site_path("../b/", "posts/a/index.html") == "posts/b/index.html"
    assert site_path("#main", "posts/a/index.html") == "posts/a/index.html"
    assert site_path("/repo/about/", "index.html") == "about/index.html"
    assert site_path("https://elsewhere.example/x", "index.html") is None
    assert site_path("https://user.github.io/repository/x", "index.html") is None
    with pytest.raises(AssertionError, match="root-relative"):
        site_path("/about/", "index.html")
    with pytest.raises(AssertionError, match="climbs out"):
        site_path("../../x", "a/index.html")


def html_links(out: pathlib.Path) -> list[tuple[str, str]]:
    """(page, url) for every href/src in every .html file of the site."""
    found = []
    for page in sorted(out.rglob("*.html")):
        rel = page.relative_to(out).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for attr in LINK_ATTRS:
                value = tag.get(attr)
                if isinstance(value, str) and value.strip():
                    found.append((rel, value.strip()))
    return found


def test_every_internal_link_in_pages_resolves(hosted_site: pathlib.Path) -> None:
    links = html_links(hosted_site)
    internal = [(page, url, site_path(url, page)) for page, url in links]
    internal = [(page, url, path) for page, url, path in internal if path is not None]
    assert len(internal) > 100, "the demo site should have many internal links"
    broken = [(page, url) for page, url, path in internal if not resolves(hosted_site, path)]
    assert not broken, f"{len(broken)} broken internal links, first: {broken[:10]}"


def test_absolute_links_carry_the_subpath(hosted_site: pathlib.Path) -> None:
    """Every absolute link to our own host includes /repo/ (no link to the bare host)."""
    host = "https://" + urlsplit(SITEURL).netloc
    wrong = [(page, url) for page, url in html_links(hosted_site)
             if url.startswith(host) and not (url == SITEURL or url.startswith(SITEURL + "/"))]
    assert not wrong, wrong[:10]


def feed_files(out: pathlib.Path) -> list[pathlib.Path]:
    return sorted((out / "feeds").rglob("*.atom.xml"))


def test_feed_links_are_absolute_under_the_siteurl(hosted_site: pathlib.Path) -> None:
    feeds = feed_files(hosted_site)
    assert {"all.atom.xml", "issues.atom.xml"} <= {f.name for f in feeds}
    checked = 0
    for feed in feeds:
        root = ET.parse(feed).getroot()
        for link in root.iter(f"{ATOM}link"):
            href = link.get("href", "")
            assert href.startswith(SITEURL + "/") or href == SITEURL, (feed.name, href)
            assert resolves(hosted_site, href[len(SITEURL):].lstrip("/") or "index.html"), href
            checked += 1
        for content in root.iter(f"{ATOM}content"):
            soup = BeautifulSoup(content.text or "", "html.parser")
            for tag in soup.find_all(True):
                for attr in LINK_ATTRS:
                    value = tag.get(attr)
                    if isinstance(value, str) and value and not value.startswith("#"):
                        assert urlsplit(value).scheme, f"relative link {value!r} in {feed.name}"
    assert checked > len(feeds), "each feed links itself and its entries"


def test_sitemap_locations_resolve(hosted_site: pathlib.Path) -> None:
    locs = [e.text or "" for e in ET.parse(hosted_site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")]
    assert locs
    for loc in locs:
        assert loc.startswith(SITEURL + "/"), loc
        assert resolves(hosted_site, site_path(loc, "index.html") or ""), loc
