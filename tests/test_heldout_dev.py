"""Acceptance: our own held-out dev sets (tests/fixtures/heldout and heldout2, layouts unlike the
seeds) build with the real pelican command and are scored by ../shared/eval/score.py against
their hand gold."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable

import pytest

from conftest import ROOT, SHARED, build

FIXTURES = ROOT / "tests" / "fixtures"
SCORER = SHARED / "eval" / "score.py"


# Articles of the layouts the splitter cannot yet separate: heldout2/g_mixed_titles_bylines.txt,
# untitled stories inside a titled file, which are merged into the titled story before them (only
# a headline may start a story in a titled file).
KNOWN_MISSING = {
    "heldout": set(),
    "heldout2": {"tallyho-app-fine", "kinetic-scooter-exit", "rookery-translation-glasses"},
}
# Regression guard: the segmentation F1 each set reaches today.
F1_FLOOR = {"heldout": 1.0, "heldout2": 0.93}
SETS = sorted(KNOWN_MISSING)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict]:
    """Scores of one dev set, built and scored once per module."""
    if not SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not present beside the repository")
    done: dict[str, dict] = {}

    def get(dev_set: str) -> dict:
        if dev_set not in done:
            src = FIXTURES / dev_set
            root = tmp_path_factory.mktemp(dev_set)
            build(src, root / "site")
            out = root / "score.json"
            subprocess.run([sys.executable, str(SCORER), str(root / "site"), str(src), str(src / "gold.json"),
                            "--json", str(out)], check=True, capture_output=True, text=True, timeout=300)
            done[dev_set] = json.loads(out.read_text())
        return done[dev_set]
    return get


@pytest.mark.parametrize("dev_set", SETS)
def test_content_kept_and_nothing_leaks_or_repeats(scores: Callable[[str], dict], dev_set: str) -> None:
    s = scores(dev_set)
    assert s["content_retained"] >= 0.995, s
    assert s["noise_leaks"] == 0, s["noise_leak_examples"]
    assert s["duplicate_posts"] == 0, s


@pytest.mark.parametrize("dev_set", SETS)
def test_every_article_outside_the_known_hard_layouts_is_recovered(scores: Callable[[str], dict],
                                                                     dev_set: str) -> None:
    s = scores(dev_set)
    assert set(s["missing_articles"]) <= KNOWN_MISSING[dev_set], s["missing_articles"]
    for key in ("source_titles_kept", "made_titles_ok"):
        ok, total = s[key].split("/")
        assert ok == total, (key, s[key])


@pytest.mark.parametrize("dev_set", SETS)
def test_segmentation_f1_does_not_regress(scores: Callable[[str], dict], dev_set: str) -> None:
    assert scores(dev_set)["segmentation_f1"] >= F1_FLOOR[dev_set], scores(dev_set)


@pytest.mark.parametrize("dev_set", SETS)
def test_segmentation_f1_target(scores: Callable[[str], dict], dev_set: str) -> None:
    assert scores(dev_set)["segmentation_f1"] >= 0.93, scores(dev_set)


@pytest.mark.parametrize("dev_set", SETS)
def test_every_article_is_recovered(scores: Callable[[str], dict], dev_set: str) -> None:
    assert scores(dev_set)["missing_articles"] == [], scores(dev_set)["missing_articles"]
