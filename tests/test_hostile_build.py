"""Hostile and broken sources, each through a whole `pelican` build.

Every case puts one bad source beside a good dump (copied from content/) and
checks, on the built site: the build names the file and says what it did, the
good dump's posts are still built, nothing unsafe reaches a page or a feed
(no script/style/iframe, no on*= handler, no javascript: link, no XML-invalid
character; every feed parses strictly), nothing is written outside the output
folder, and `--fatal warnings` (what STRICT=1 passes) fails exactly the cases
that warn. Binary inputs are made from bytes here; text inputs live in
tests/fixtures/hostile/. Unit-level reading tests are in test_sources.py.
"""
from __future__ import annotations

import json
import logging
import os
import pathlib
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "hostile"
GOOD = ROOT / "content" / "mobility-brief.txt"
SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".css", ".js", ".json"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}
ACTIVE_TAGS = ("iframe", "object", "embed", "frame", "frameset", "applet", "base", "style", "link",
               "meta", "form")
# The theme's own head and search form are allowed on pages, never inside a feed entry.
THEME_TAGS = ("link", "meta", "form")


# ---------------------------------------------------------------- building the cases

def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@dataclass
class Case:
    """One bad source beside the good dump. ``warns``: the phrases of the warning that must
    name the bad file, or None when the case must build cleanly, strict mode included."""

    files: dict[str, bytes]
    warns: tuple[str, ...] | None
    setup: Callable[[pathlib.Path, pathlib.Path], str] | None = None   # (case dir, input) -> bad name


@dataclass
class Built:
    """A case after its normal build and its strict (--fatal warnings) build."""

    name: str                       # the bad file
    case: Case
    src: pathlib.Path
    out: pathlib.Path
    done: subprocess.CompletedProcess[str]
    strict: subprocess.CompletedProcess[str]
    seconds: float
    allowed: list[pathlib.Path]     # where this case may write


def _cache_arg(path: pathlib.Path) -> str:
    return f"DIGEST_CACHE_DIR={json.dumps(str(path))}"


def _timed_build(src: pathlib.Path, out: pathlib.Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = build(src, out, *extra, check=False)
    return done, time.perf_counter() - start


def _make_input(case_dir: pathlib.Path, files: dict[str, bytes]) -> pathlib.Path:
    """case_dir/in holding the good dump and ``files``."""
    src = case_dir / "in"
    src.mkdir(parents=True)
    shutil.copy(GOOD, src / GOOD.name)
    for name, data in files.items():
        (src / name).write_bytes(data)
    return src


def _fifo(_case_dir: pathlib.Path, src: pathlib.Path) -> str:
    os.mkfifo(src / "pipe.txt")
    return "pipe.txt"


def _symlink_out(case_dir: pathlib.Path, src: pathlib.Path) -> str:
    secret = case_dir / "secret.txt"
    secret.write_text(fixture("story-plain.txt").replace("Monday", "SECRETMARKER Monday"), encoding="utf-8")
    (src / "link.txt").symlink_to(secret)
    return "link.txt"


def _cases() -> dict[str, Case]:
    plain = fixture("story-plain.txt")
    accents = fixture("story-accents.txt")
    controls = plain.replace("Monday", "Mon\x01\x02\x03\x04\x05\x06\x07\x08day") \
                    .replace("quieter", "qui\x0b\x0c\x0eeter\x1f\x1b\ufffe\uffff") \
                    .replace("Tomas", "To\x10\x11mas\x7f")
    refs = fixture("hostile-page.html").replace("safety attendant.", "safety &#1;attendant&#x1f;&#xFFFE;&#0;&#xb;.")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 16
    return {
        "binary": Case({"photo.txt": png}, ("binary file skipped",)),
        "nul": Case({"nul.txt": plain.replace("Monday", "Mon\x00day").encode()}, ("binary file skipped",)),
        "empty": Case({"blank.txt": b""}, ("empty source skipped",)),
        "whitespace": Case({"blank.txt": b"  \n\t\r\n   \r\n\n"}, ("empty source skipped",)),
        "fifo": Case({}, ("not a regular file",), _fifo),
        "symlink": Case({}, ("outside the content folder",), _symlink_out),
        "undecodable": Case({"odd.txt": plain.encode().replace(b"warehouse", b"ware\x81\x8dhouse")},
                            ("2 undecodable byte(s) replaced", "line 3")),
        "utf16": Case({"wide.txt": b"\xff\xfe" + accents.replace("\n", "\r\n").encode("utf-16-le")}, None),
        # A clean legacy Western file is normal input (the sample content has one), so it is
        # told in the report, not as a console warning that would fail a strict build.
        "latin1": Case({"latin.txt": accents.encode("latin-1")}, None),
        "gbk": Case({"zh.txt": fixture("story-zh.txt").encode("gbk")}, ("not UTF-8", "decoded as")),
        "utf8-bom": Case({"bom.txt": b"\xef\xbb\xbf" + plain.encode()}, None),
        "controls": Case({"ctrl.txt": controls.encode()}, ("control or XML-invalid character(s) removed",)),
        "char-refs": Case({"refs.html": refs.encode()},
                          ("4 character reference(s) to control or XML-invalid characters removed",)),
        "long-line": Case({"long.txt": ("An imaginary robot maker kept writing without ever pressing "
                                        "return. " * 32_000).encode()}, ("very long line 1",)),
        "hostile-html": Case({"page.html": fixture("hostile-page.html").encode()}, None),
        "js-links": Case({"js.txt": fixture("js-links.txt").encode()}, None),
        "path-headline": Case({"path.txt": fixture("path-headline.txt").encode()}, None),
        "non-ascii-name": Case({"新闻-ümlaut.txt": plain.encode()}, None),
    }


def _build_case(base: pathlib.Path, key: str, case: Case) -> Built:
    case_dir = base / key
    src = _make_input(case_dir, case.files)
    name = case.setup(case_dir, src) if case.setup else next(iter(case.files))
    out = case_dir / "out"
    done, seconds = _timed_build(src, out, "-e", _cache_arg(case_dir / "cache"))
    # then strict, on the same cache, as `make html` then `make publish STRICT=1` do
    verdict, _ = _timed_build(src, case_dir / "strict", "-e", _cache_arg(case_dir / "cache"),
                              "--fatal", "warnings")
    allowed = [case_dir / d for d in ("in", "out", "cache", "strict")]
    return Built(name, case, src, out, done, verdict, seconds, allowed)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Every case, built (normal and strict) a few at a time."""
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
        jobs = {key: pool.submit(_build_case, base, key, case) for key, case in _cases().items()}
        return {key: job.result() for key, job in jobs.items()}


@pytest.fixture(scope="module")
def good_slugs(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The posts the good dump makes on its own."""
    base = tmp_path_factory.mktemp("good")
    src = base / "in"
    src.mkdir()
    shutil.copy(GOOD, src / GOOD.name)
    build(src, base / "out", "-e", _cache_arg(base / "cache"))
    slugs = post_slugs(base / "out")
    assert len(slugs) >= 3
    return slugs


# ---------------------------------------------------------------- reading the result

def log_of(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + "\n" + done.stderr


def warned(done: subprocess.CompletedProcess[str], name: str, *phrases: str) -> bool:
    """True when one logged line (stderr; stdout has the per-source summary) names the
    file and says every phrase."""
    return any(line.lstrip().startswith(f"{name}: ") or f" {name}: " in line
               for line in done.stderr.splitlines()
               if all(p in line for p in phrases))


def post_slugs(out: pathlib.Path) -> set[str]:
    return {p.parent.name for p in (out / "posts").glob("*/index.html")}


def posts_from(out: pathlib.Path, source: str) -> dict[str, dict]:
    report = json.loads(out.with_name(out.name + ".report.json").read_text(encoding="utf-8"))
    return {slug: p for slug, p in report["posts"].items() if p["source"] == source}


def page_text(out: pathlib.Path, slug: str) -> str:
    soup = BeautifulSoup((out / "posts" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
    return soup.get_text(" ")


def output_text(out: pathlib.Path) -> dict[pathlib.Path, str]:
    """Every text file of the site, decoded as strict UTF-8 (but Pagefind's own bundled scripts,
    which are third-party code shipped as is, not made from any source)."""
    return {p: p.read_bytes().decode("utf-8") for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix in TEXT_SUFFIXES and p.relative_to(out).parts[0] != "pagefind"}


def unsafe_markup(html: str, *, page: bool) -> list[str]:
    """What in HTML could run code or restyle the page: on*= handlers, script-scheme URLs,
    active elements. A whole ``page`` may hold the theme's own head, search form, script
    file and JSON-LD data; a feed entry's content may hold none of them."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            if attr.lower().startswith("on"):
                found.append(f"<{tag.name} {attr}=>")
            text = " ".join(value) if isinstance(value, list) else str(value)
            squeezed = re.sub(r"[\s\x00-\x1f]+", "", text).lower()
            if attr.lower() in URL_ATTRS and squeezed.startswith(BAD_SCHEMES):
                found.append(f"<{tag.name} {attr}={text[:40]!r}>")
    active = [t for t in ACTIVE_TAGS if not (page and t in THEME_TAGS)]
    found += [f"<{t.name}>" for t in soup.find_all(active)]
    for script in soup.find_all("script"):
        if page and script.get("type") == "application/ld+json":
            json.loads(script.string or "null")          # data, never code
        elif page and "/theme/js/" in (script.get("src") or "") and not (script.string or "").strip():
            continue                                      # the theme's own file
        else:
            found.append(f"<script>{(script.string or '')[:40]}")
    return found


def assert_safe_site(out: pathlib.Path) -> None:
    """Every page and feed of a built site is safe and well-formed."""
    files = output_text(out)
    assert files, f"nothing built in {out}"
    for path, text in files.items():
        assert not XML_INVALID.search(text), f"XML-invalid character in {path}"
        if path.suffix == ".html":
            assert not unsafe_markup(text, page=True), (path, unsafe_markup(text, page=True))
    feeds = sorted((out / "feeds").rglob("*.xml"))
    assert feeds
    for path in [*feeds, out / "sitemap.xml"]:
        ET.parse(path)                                    # strict XML 1.0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            for content in entry.get("content", []):
                assert not unsafe_markup(content.value, page=False), (path, entry.id)


def check(b: Built, good_slugs: set[str]) -> pathlib.Path:
    """What every case owes: the build finished, the good dump's posts are built, the site
    is safe, and the bad file was named (and failed a strict build) exactly when it warns."""
    assert b.done.returncode == 0, log_of(b.done)
    assert good_slugs <= post_slugs(b.out), "the good dump's posts were not all built"
    assert_safe_site(b.out)
    if b.case.warns is None:
        assert not warned(b.done, b.name, ""), log_of(b.done)
        assert b.strict.returncode == 0, log_of(b.strict)
    else:
        assert warned(b.done, b.name, *b.case.warns), log_of(b.done)
        assert b.strict.returncode != 0, "--fatal warnings did not fail the build"
        assert b.name in b.strict.stderr
    return b.out


def test_nothing_is_written_outside_the_output_folders(built):
    base = next(iter(built.values())).src.parent.parent
    allowed = [a for b in built.values() for a in b.allowed]
    for path in base.rglob("*"):
        if path.is_file() and not path.name.endswith(".report.json"):
            assert any(path.is_relative_to(a) for a in allowed) or path.name == "secret.txt", path
    assert not list(base.parent.rglob("passwd"))


# ---------------------------------------------------------------- unusable files

@pytest.mark.parametrize("key", ["binary", "nul", "empty", "whitespace"])
def test_unusable_file_is_skipped(built, good_slugs, key):
    b = built[key]
    out = check(b, good_slugs)
    assert not posts_from(out, b.name)


def test_fifo_does_not_hang_the_build(built, good_slugs):
    check(built["fifo"], good_slugs)
    assert built["fifo"].seconds < 60


def test_symlink_out_of_the_content_folder_is_not_published(built, good_slugs):
    out = check(built["symlink"], good_slugs)
    assert not any("SECRETMARKER" in t for t in output_text(out).values())


# ---------------------------------------------------------------- encodings

ACCENTED = ("Côte Robotique", "Zürich", "crème brûlée", "Müller-Løvström", "façade", "Genève")


def _accented_post(out: pathlib.Path, source: str) -> None:
    (slug,) = posts_from(out, source)
    text = page_text(out, slug)
    for word in ACCENTED:
        assert word in text, word


def test_undecodable_bytes(built, good_slugs):
    out = check(built["undecodable"], good_slugs)
    (slug,) = posts_from(out, "odd.txt")
    assert "ware\ufffd\ufffdhouse" in page_text(out, slug)


def test_utf16_le_with_bom(built, good_slugs):
    _accented_post(check(built["utf16"], good_slugs), "wide.txt")


def test_latin1_text_is_decoded_and_reported(built, good_slugs):
    out = check(built["latin1"], good_slugs)
    _accented_post(out, "latin.txt")
    report = json.loads(out.with_name("out.report.json").read_text(encoding="utf-8"))
    assert report["sources"]["latin.txt"]["warnings"] == []
    assert any("not UTF-8" in n for n in report["sources"]["latin.txt"]["notes"])


def test_gbk_chinese_reaches_the_post_page_intact(built, good_slugs):
    out = check(built["gbk"], good_slugs)
    (slug,) = posts_from(out, "zh.txt")
    assert SAFE_SLUG.fullmatch(slug)
    text = page_text(out, slug)
    for para in fixture("story-zh.txt").split("\n\n")[1:]:
        assert " ".join(para.split()) in text


def test_utf8_bom_does_not_reach_the_headline(built, good_slugs):
    out = check(built["utf8-bom"], good_slugs)
    (post,) = posts_from(out, "bom.txt").values()
    assert post["title"] == fixture("story-plain.txt").split("\n")[0]


def test_control_and_xml_invalid_characters(built, good_slugs):
    out = check(built["controls"], good_slugs)
    (slug,) = posts_from(out, "ctrl.txt")
    assert "Monday" in page_text(out, slug) and "Tomas Vell" in page_text(out, slug)
    titles = [e.title for e in feedparser.parse((out / "feeds" / "all.atom.xml").read_bytes()).entries]
    assert any(t.startswith("Imaginary Harbour Labs ships a qui") for t in titles)


def test_xml_invalid_character_references_in_html(built, good_slugs):
    out = check(built["char-refs"], good_slugs)
    (slug,) = posts_from(out, "refs.html")
    text = " ".join(page_text(out, slug).split())
    assert "safety attendant" in text
    assert "Copyright Fictional Courier" not in text     # the main text was still found


def test_multi_megabyte_single_line(built, good_slugs):
    check(built["long-line"], good_slugs)
    assert built["long-line"].seconds < 60


# ---------------------------------------------------------------- hostile markup

HOSTILE_MARKERS = ("HOSTILESTYLETEXT", "HOSTILESCRIPTTEXT", "HOSTILEIFRAME", "HOSTILESVG",
                   "HOSTILELINK", "HOSTILEIMG", "evil.invalid", "document.cookie", "steal(")


def test_html_page_with_scripts_styles_frames_and_handlers(built, good_slugs):
    out = check(built["hostile-html"], good_slugs)
    (slug,) = posts_from(out, "page.html")
    assert "driverless minibus on a night route" in page_text(out, slug)
    for path, text in output_text(out).items():
        for marker in HOSTILE_MARKERS:
            assert marker not in text, f"{marker} leaked into {path}"


def test_javascript_links_in_a_text_dump_stay_text(built, good_slugs):
    out = check(built["js-links"], good_slugs)
    (slug,) = posts_from(out, "js.txt")
    html = (out / "posts" / slug / "index.html").read_text(encoding="utf-8")
    body = BeautifulSoup(html, "html.parser").select_one(".e-content")
    assert body is not None and not body.find_all(["script", "img", "a"])
    shown = body.get_text(" ")
    assert "[Claim your prize](javascript:alert('pwned'))" in shown   # published as the words it is
    assert "<script>alert('SCRIPTINTXT')</script>" in shown


def test_path_like_headline(built, good_slugs):
    out = check(built["path-headline"], good_slugs)
    assert posts_from(out, "path.txt")
    for slug in post_slugs(out):
        assert SAFE_SLUG.fullmatch(slug), slug
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())


def test_non_ascii_file_name(built, good_slugs):
    name = "新闻-ümlaut.txt"
    out = check(built["non-ascii-name"], good_slugs)
    (slug,) = posts_from(out, name)
    assert slug == "imaginary-harbour-labs-ships-a-quieter-drone-motor-for-city-deliveries"


# ---------------------------------------------------------------- fault isolation

def _build_in_process(src: pathlib.Path, out: pathlib.Path) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(src), "OUTPUT_PATH": str(out), "DIGEST_CACHE_DIR": False, "DIGEST_WORKERS": 1})
    Pelican(settings).run()


@pytest.mark.parametrize("stage", ["read_source", "split_source"])
def test_exception_in_one_source_is_isolated(tmp_path, monkeypatch, caplog, good_slugs, stage):
    import digest.pipeline

    real = getattr(digest.pipeline, stage)

    def explode_on_one(source, *args):
        name = source.path if stage == "split_source" else source.name
        if name == "boom.txt":
            raise ValueError("the stage exploded on purpose")
        return real(source, *args)

    monkeypatch.setattr(digest.pipeline, stage, explode_on_one)
    src = _make_input(tmp_path, {"boom.txt": fixture("story-plain.txt").encode(),
                                 "fine.txt": fixture("js-links.txt").encode()})
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING):
        _build_in_process(src, out)
    assert "boom.txt: skipped after an error: ValueError: the stage exploded on purpose" in caplog.text
    assert good_slugs <= post_slugs(out)
    assert posts_from(out, "fine.txt") and not posts_from(out, "boom.txt")
    report = json.loads((tmp_path / "out.report.json").read_text(encoding="utf-8"))
    assert report["sources"]["boom.txt"]["error"] == "ValueError: the stage exploded on purpose"
    assert_safe_site(out)


# ---------------------------------------------------------------- strict mode and the cache

def test_strict_verdict_does_not_depend_on_the_cache(tmp_path):
    # `make html` then `make publish STRICT=1` share a cache: a note must stay a note when replayed
    src = _make_input(tmp_path, {"latin.txt": fixture("story-accents.txt").encode("latin-1")})
    verdicts = [build(src, tmp_path / f"out{i}", "-e", _cache_arg(tmp_path / "cache"),
                      "--fatal", "warnings", check=False).returncode for i in (1, 2)]
    assert verdicts == [0, 0]
