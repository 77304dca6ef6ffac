"""Incremental output: a rebuild writes only what changed, and ends with the same site a fresh build makes.

Each scenario is built twice with the real ``pelican`` command: incrementally in one
output folder (with its cache), and from scratch in a fresh folder with a fresh cache.
The two trees must be byte-identical; the incremental build must not have rewritten
pages whose inputs did not change, and must have removed pages that no longer exist.
"""
from __future__ import annotations

import pathlib
import re
import shutil
import time

import pytest
from conftest import ROOT, build

SAMPLES = ("mobility-brief.txt", "robotics-ai-notes.txt", "wire-desk-april.txt")
THEME_STATIC = "theme/"          # Pelican copies the theme's static files on every build


def _build(content: pathlib.Path, out: pathlib.Path, cache: pathlib.Path) -> str:
    """Build and return the build's console output."""
    return build(content, out, "-e", f'CACHE_PATH="{cache}"').stdout


def _tree(out: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _stamps(out: pathlib.Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


def _fresh(content: pathlib.Path, tmp: pathlib.Path, name: str) -> dict[str, bytes]:
    out = tmp / name / "site"
    _build(content, out, tmp / name / "cache")
    return _tree(out)


@pytest.fixture()
def site(tmp_path: pathlib.Path) -> tuple[pathlib.Path, pathlib.Path, pathlib.Path]:
    content = tmp_path / "content"
    content.mkdir()
    for name in SAMPLES[:2]:
        shutil.copy(ROOT / "content" / name, content / name)
    out, cache = tmp_path / "inc" / "site", tmp_path / "inc" / "cache"
    _build(content, out, cache)
    return content, out, cache


def test_rebuild_with_nothing_changed_rewrites_no_page(site, tmp_path: pathlib.Path) -> None:
    content, out, cache = site
    before, stamps = _tree(out), _stamps(out)
    time.sleep(0.01)
    console = _build(content, out, cache)
    assert re.search(r"^pages: 0 rendered, [1-9]\d* unchanged$", console, re.M), console
    assert "search index: unchanged" in console
    assert _tree(out) == before
    touched = sorted(p for p, t in _stamps(out).items() if t != stamps[p] and not p.startswith(THEME_STATIC))
    assert touched == []


def test_added_source_rerenders_only_what_changed_and_matches_a_fresh_build(site, tmp_path: pathlib.Path) -> None:
    content, out, cache = site
    stamps = _stamps(out)
    shutil.copy(ROOT / "content" / SAMPLES[2], content / SAMPLES[2])
    time.sleep(0.01)
    console = _build(content, out, cache)
    assert _tree(out) == _fresh(content, tmp_path, "fresh")
    assert "search index: built" in console
    after = _stamps(out)
    new = [p for p in after if p not in stamps]
    kept_posts = [p for p in stamps if p.startswith("posts/") and after.get(p) == stamps[p]]
    assert any(p.startswith("posts/") for p in new)
    assert kept_posts, "every old post page was rendered again, though most did not change"


def test_removed_source_leaves_no_stale_page(site, tmp_path: pathlib.Path) -> None:
    content, out, cache = site
    gone = {p for p in _tree(out) if p.startswith("posts/")}
    (content / SAMPLES[1]).unlink()
    _build(content, out, cache)
    tree = _tree(out)
    assert tree == _fresh(content, tmp_path, "fresh")
    assert gone - set(tree), "the removed source's post pages are still there"
    assert not [d for d in out.rglob("*") if d.is_dir() and not any(d.iterdir())], "empty folders left behind"


def test_a_page_edited_by_hand_is_rendered_again(site) -> None:
    content, out, cache = site
    page = next(p for p in sorted(out.glob("posts/*/index.html")))
    good = page.read_bytes()
    page.write_bytes(b"<p>edited</p>")
    _build(content, out, cache)
    assert page.read_bytes() == good


def test_without_a_record_of_the_last_build_the_output_folder_is_cleaned(site, tmp_path: pathlib.Path) -> None:
    content, out, cache = site
    (out / "posts" / "left-over-from-an-old-build").mkdir()
    (out / "posts" / "left-over-from-an-old-build" / "index.html").write_text("old")
    shutil.rmtree(cache)
    _build(content, out, cache)
    assert _tree(out) == _fresh(content, tmp_path, "fresh")
