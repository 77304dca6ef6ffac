"""Acceptance: the seeds build, scored by ../shared/eval/score.py against the hand annotation."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def scores(seeds_site: pathlib.Path, shared_dir: pathlib.Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("score") / "score.json"
    subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), str(seeds_site),
                    str(shared_dir / "seeds"), str(shared_dir / "gold" / "seeds.json"), "--json", str(out)],
                   check=True, capture_output=True, text=True, timeout=300)
    return json.loads(out.read_text())


def ratio(value: str) -> float:
    ok, total = value.split("/")
    return int(ok) / max(1, int(total))


def test_segmentation(scores: dict) -> None:
    assert scores["segmentation_f1"] >= 0.97, scores
    assert scores["content_retained"] >= 0.995, scores


def test_nothing_leaks_and_nothing_repeats(scores: dict) -> None:
    assert scores["noise_leaks"] == 0, scores["noise_leak_examples"]
    assert scores["duplicate_posts"] == 0


def test_headlines_and_subheads(scores: dict) -> None:
    assert ratio(scores["source_titles_kept"]) == 1.0, scores["source_titles_kept"]
    assert ratio(scores["made_titles_ok"]) == 1.0, scores["made_titles_ok"]
    assert ratio(scores["subheads_as_headings"]) == 1.0, scores["subheads_as_headings"]


def test_every_post_dated_and_in_one_issue(scores: dict) -> None:
    assert scores["posts_without_date"] == 0
    assert ratio(scores["posts_in_exactly_one_issue"]) == 1.0
    assert ratio(scores["dates_in_window_inferable"]) >= 0.9, scores["dates_in_window_inferable"]


def test_topics(scores: dict) -> None:
    assert ratio(scores["topic_pairs_ok"]) >= 0.85, scores["topic_pairs_ok"]
