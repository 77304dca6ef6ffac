"""Acceptance: our own held-out dev set (tests/fixtures/heldout, layouts unlike the seeds) builds
with the real pelican command and is scored by ../shared/eval/score.py against its hand gold."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED, build

HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not present beside the repository")
    root = tmp_path_factory.mktemp("heldout")
    build(HELDOUT, root / "site")
    out = root / "score.json"
    subprocess.run([sys.executable, str(SCORER), str(root / "site"), str(HELDOUT), str(HELDOUT / "gold.json"),
                    "--json", str(out)], check=True, capture_output=True, text=True, timeout=300)
    return json.loads(out.read_text())


def test_content_kept_and_nothing_leaks_or_repeats(scores: dict) -> None:
    assert scores["content_retained"] >= 0.995, scores
    assert scores["noise_leaks"] == 0, scores["noise_leak_examples"]
    assert scores["duplicate_posts"] == 0, scores


def test_every_article_is_recovered(scores: dict) -> None:
    assert not scores["missing_articles"], scores["missing_articles"]
    assert scores["source_titles_kept"].split("/")[0] == scores["source_titles_kept"].split("/")[1]


def test_segmentation_f1_target(scores: dict) -> None:
    assert scores["segmentation_f1"] >= 0.93, scores
