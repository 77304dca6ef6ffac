"""The demo site in a real browser: headless Chromium (Debian's) driven by Playwright.

The site is built the way it is published, under a sub-path (SITEURL
``http://127.0.0.1:PORT/digest``), indexed by Pagefind and served over http on
127.0.0.1 by a threading http.server. Checks: the main pages render without
console errors, search finds a post offline, axe-core (bundled in a PyPI
package) finds no serious or critical violations in light and dark mode, and
the layout has no horizontal overflow at 375 px and 1280 px. Screenshots go to
test-artifacts/. Everything skips with a reason when the browser tooling is
missing; `make e2e` installs it.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
import json
import pathlib
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import ROOT, build

CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PREFIX = "/digest"
WIDTHS = (375, 1280)
ARTIFACTS = ROOT / "test-artifacts"
SHARD_PAGES = 8                 # post pages per search-index shard in the served build

if importlib.util.find_spec("playwright") is None:
    pytest.skip("playwright is not installed (run `make e2e`)", allow_module_level=True)
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is missing (run `make e2e`, or apt-get install chromium)",
                allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX only, with 404.html for anything missing."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(pathlib.Path(self.directory) / "__outside__")
        return super().translate_path(path[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = pathlib.Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        return


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, pathlib.Path]]:
    """(base URL ending in /digest, site folder): built, indexed and served on 127.0.0.1."""
    if importlib.util.find_spec("pagefind") is None:
        pytest.skip("pagefind is not installed (run `make e2e`)")
    site = tmp_path_factory.mktemp("browser") / "site"
    site.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    # The build writes the index; small shards, so the search box has to merge several.
    build(ROOT / "content", site, "-e", f"SITEURL={json.dumps(base)}", f"DIGEST_SEARCH_SHARD_PAGES={SHARD_PAGES}")
    assert len(_shards(site)) > 1
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _shards(site: pathlib.Path) -> list[dict[str, Any]]:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        try:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure means no browser here
            pytest.skip(f"Chromium would not start: {exc}")
        yield chromium
        chromium.close()


def _first(site: pathlib.Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0].parent.relative_to(site).as_posix() + "/"


def _estimated_post(site: pathlib.Path) -> str:
    """A post page showing the "date estimated" marker (the richest post layout)."""
    for page in sorted(site.glob("posts/*/index.html")):
        if "badge estimated" in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    return _first(site, "posts/*/index.html")


@pytest.fixture(scope="module")
def pages(served: tuple[str, pathlib.Path]) -> dict[str, str]:
    """Name -> path (below the base URL) of each page checked."""
    _, site = served
    return {
        "home": "",
        "issue": _first(site, "issues/*/index.html"),
        "post": _estimated_post(site),
        "topic": _first(site, "topics/*/index.html"),
        "archive": "archives/",
        "404": "no-such-page/",
    }


def _open(browser: Browser, url: str, width: int, scheme: str = "light") -> tuple[Page, list[str]]:
    """Load url; return the page and the console errors and uncaught exceptions it raised."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console: {m.text} ({m.location.get('url')})")
            if m.type == "error" and m.location.get("url") != url else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"requestfailed: {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, errors


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "issue", "post", "topic", "archive", "404"])
def test_page_renders_cleanly_and_fits(browser: Browser, served: tuple[str, pathlib.Path],
                                       pages: dict[str, str], name: str, width: int) -> None:
    base, _ = served
    page, errors = _open(browser, f"{base}/{pages[name]}", width)
    try:
        assert errors == [], errors
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)", \
            "the stylesheet did not load"
        assert page.locator("h1").count() == 1
        scroll, inner = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        assert scroll <= inner, f"{name} overflows horizontally at {width}px: {scroll} > {inner}"
    finally:
        page.context.close()


def test_404_page_has_not_found_status(browser: Browser, served: tuple[str, pathlib.Path],
                                       pages: dict[str, str]) -> None:
    base, _ = served
    context = browser.new_context()
    try:
        response = context.new_page().goto(f"{base}/{pages['404']}")
        assert response is not None and response.status == 404
    finally:
        context.close()


def _search_for_post(browser: Browser, base: str, site: pathlib.Path, target: str) -> Page:
    """Search the headline of the post at ``target`` from the header form; wait for its result link."""
    html = (site / target / "index.html").read_text(encoding="utf-8")
    headline = html.split('<h1 class="p-name">', 1)[1].split("</h1>", 1)[0]
    page, errors = _open(browser, f"{base}/", 1280)
    page.fill("#site-q", headline)
    page.press("#site-q", "Enter")
    page.wait_for_url("**/archives/?q=*")
    page.locator(f".pagefind-ui__result-link[href='{PREFIX}/{target}']").first.wait_for(timeout=15_000)
    assert errors == [], errors
    return page


def test_header_search_finds_a_post_offline(browser: Browser, served: tuple[str, pathlib.Path],
                                            pages: dict[str, str]) -> None:
    base, site = served
    target = pages["post"]
    page = _search_for_post(browser, base, site, target)
    try:
        assert page.locator(".pagefind-ui__result-link").first.get_attribute("href") == \
            f"{PREFIX}/{target}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-1280.png"), full_page=True)
    finally:
        page.context.close()


def test_search_finds_posts_of_every_shard(browser: Browser, served: tuple[str, pathlib.Path]) -> None:
    base, site = served
    for shard in _shards(site):
        post = next(p.parent.relative_to(site).as_posix() + "/"
                    for p in sorted((site / "posts").glob("*/index.html"))
                    if _in_shard(site, shard["name"], p))
        _search_for_post(browser, base, site, post).context.close()


def _in_shard(site: pathlib.Path, shard: str, page: pathlib.Path) -> bool:
    """Whether Pagefind indexed ``page`` into ``shard`` (its fragments name the page's URL)."""
    url = f'"url":"/{page.parent.relative_to(site).as_posix()}/"'.encode()
    return any(url in gzip.decompress(f.read_bytes())
               for f in (site / "pagefind" / shard / "fragment").glob("*.pf_fragment"))


def _axe_source() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("axe-playwright-python (which bundles axe-core) is not installed (run `make e2e`)")
    return (pathlib.Path(spec.submodule_search_locations[0]) / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "issue", "post", "topic", "archive", "404"])
def test_axe_finds_no_serious_violations(browser: Browser, served: tuple[str, pathlib.Path],
                                         pages: dict[str, str], name: str, scheme: str) -> None:
    base, _ = served
    axe = _axe_source()
    page, _ = _open(browser, f"{base}/{pages[name]}", 1280, scheme)
    try:
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in violations if v["impact"] in ("serious", "critical")]
        assert bad == [], bad
    finally:
        page.context.close()
