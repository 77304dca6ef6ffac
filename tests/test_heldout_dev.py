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


# Both dev sets are split exactly as their gold says: every article recovered, F1 1.0.
DEV_SETS = ("heldout", "heldout2")
SETS = list(DEV_SETS)
# A third set, written blind to the splitter (see its README), was not split exactly at first;
# its figures may only get better. When it was added: F1 0.71, 29 leaked lines, dates 11/24;
# after the Markdown reading, press-release "About" sections and hard-wrap fixes: F1 0.83, 6;
# after dating from weekdays, date headers and neighbours, and splitting logs filed under date
# lines: F1 0.935, 4 leaked lines, dates 30/30; after headlines past a story's footer, repeated
# stories past a share bar, pull quotes, edit credits and a deck under the first headline: F1 1.0,
# no leaks. Those fixes were made looking at it, so it is no longer blind: a dev set like the others,
# except for two headlines it still misses (one ending in a full stop).
BLIND_SET = "heldout3"
BLIND_FLOOR = {"segmentation_f1": 1.0, "content_retained": 0.995, "articles_recovered": 39}
BLIND_MAX_LEAKS = 0


def _ratio(value: str) -> float:
    ok, total = value.split("/")
    return int(ok) / int(total) if int(total) else 1.0


# A fourth set, written blind to the splitter after the third was fitted (see its README): feeds
# saved as text, a Reddit snapshot, a newsletter with a contents list, a record export, a live
# blog. Its first blind score: F1 0.64, 110 leaked lines, dates 12/24; after the general chrome
# shapes it showed (date bars, CJK dates, time stamps, players, labelled rules): F1 0.69, 91;
# after reading dumps of labelled records (fieldrecords): F1 0.78, 53, dates 23/28; after
# numbered headlines without blank lines, mail headers and contents lines: F1 0.85, 43, 28/33;
# after menu bars, slash dates (16/6/2023) and headlines read as Pidgin: F1 0.89, 39, 32/35;
# after copies that start at their headline (not at a line above every story) and live-blog
# greetings: F1 0.96, 37, 33/36; after a live blog's status line ("Live coverage has ended"):
# F1 0.975, 35; after rules of more marks than a long line has words: 32; after commenter
# lines with points and an age ("[–] u/jdoe  642 points  5 days ago"): 20; after forum link
# titles over "submitted … by u/…", reposters' notes, sidebars after a comment thread, labels
# under headlines, edited copies (Jaccard 0.6), wide-script promos and reader prompts: F1 1.0,
# 0 leaks, dates 35/36. Its figures may only get better.
BLIND_SET_4 = "heldout4"
BLIND_FLOOR_4 = {"segmentation_f1": 1.0, "content_retained": 0.995}
BLIND_MAX_LEAKS_4 = 0
BLIND_DATES_4 = 0.97
# A fifth set, written blind after the fourth was fitted (see its README): an HN front page, a
# Medium export, a Telegram channel, a press wire, a phpBB thread, a PDF extract, Markdown notes,
# HTML saved as text. Its first blind score: F1 0.54, 81 leaked lines, dates 8/17; after
# bylines split by a middle dot, the date in an HTML page's <title>, chat-export stamps,
# forum post headers and authors over a "Follow" button: F1 0.57, 68, dates 10/17. Its figures
# may only get better; what it still shows is in the issue notes (#8, session 12).
BLIND_SET_5 = "heldout5"
BLIND_FLOOR_5 = {"segmentation_f1": 0.56, "content_retained": 0.99}
BLIND_MAX_LEAKS_5 = 68
BLIND_DATES_5 = 10 / 17


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
def test_every_article_is_recovered_with_its_headline(scores: Callable[[str], dict], dev_set: str) -> None:
    s = scores(dev_set)
    assert s["missing_articles"] == [], s["missing_articles"]
    for key in ("source_titles_kept", "made_titles_ok"):
        ok, total = s[key].split("/")
        assert ok == total, (key, s[key])


@pytest.mark.parametrize("dev_set", SETS)
def test_segmentation_is_exact(scores: Callable[[str], dict], dev_set: str) -> None:
    assert scores(dev_set)["segmentation_f1"] == 1.0, scores(dev_set)


def test_blind_set_does_not_fall_back(scores: Callable[[str], dict]) -> None:
    s = scores(BLIND_SET)
    for key, floor in BLIND_FLOOR.items():
        assert s[key] >= floor, (key, s[key], s["missing_articles"])
    assert s["noise_leaks"] <= BLIND_MAX_LEAKS, s["noise_leak_examples"]
    assert s["duplicate_posts"] == 0, s
    assert _ratio(s["dates_in_window_inferable"]) >= 0.95, s["dates_in_window_inferable"]


@pytest.mark.parametrize("dev_set", ["heldout2", BLIND_SET])
def test_dates_land_in_their_windows(scores: Callable[[str], dict], dev_set: str) -> None:
    # every story whose date the text gives away, by a date header, a dateline, a weekday, a
    # copyright year or a dated neighbour, lands in its gold window
    assert _ratio(scores(dev_set)["dates_in_window_inferable"]) == 1.0, scores(dev_set)["dates_in_window_inferable"]


def test_second_blind_set_does_not_fall_back(scores: Callable[[str], dict]) -> None:
    s = scores(BLIND_SET_4)
    for key, floor in BLIND_FLOOR_4.items():
        assert s[key] >= floor, (key, s[key], s["missing_articles"])
    assert s["noise_leaks"] <= BLIND_MAX_LEAKS_4, s["noise_leak_examples"]
    assert _ratio(s["dates_in_window_inferable"]) >= BLIND_DATES_4, s["dates_in_window_inferable"]


def test_fifth_blind_set_does_not_fall_back(scores: Callable[[str], dict]) -> None:
    s = scores(BLIND_SET_5)
    for key, floor in BLIND_FLOOR_5.items():
        assert s[key] >= floor, (key, s[key], s["missing_articles"])
    assert s["noise_leaks"] <= BLIND_MAX_LEAKS_5, s["noise_leak_examples"]
    assert _ratio(s["dates_in_window_inferable"]) >= BLIND_DATES_5 - 1e-9, s["dates_in_window_inferable"]
