"""Tests for digest.topics: topic classification and suggestions for uncategorised posts."""
from __future__ import annotations

import json
import pathlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.topics import DEFAULT_TAXONOMY, OTHER, _fold, classify, suggest_topics, tokens

STORIES = {
    "AI": ("Hangwei unveils a large language model for hospitals",
           "The startup said its chatbot was trained with generative AI techniques and "
           "machine learning on medical records. The AI model answers questions."),
    "Chips & hardware": ("Lumo Micro tapes out a 7nm chip",
                         "The chipmaker said its new processor uses a foundry in Taiwan. "
                         "Semiconductor analysts expect the chips to ship next year."),
    "EVs & autonomy": ("Carmaker Qingfeng launches robotaxi fleet",
                       "The electric vehicle maker will run driverless cars with lidar "
                       "and a new battery pack in two cities."),
    "Fintech & crypto": ("Paywell tightens consumer credit rules",
                         "The fintech app will cap loans and lending to students; its crypto "
                         "wallet and payment service are not affected."),
    "E-commerce & consumer": ("Shopdash grows online shopping in small towns",
                              "The e-commerce marketplace said retail sales and fashion "
                              "orders doubled as shoppers used livestream deals."),
    "Policy & geopolitics": ("Regulators widen antitrust crackdown",
                             "The government said new regulation and export controls follow "
                             "national security concerns and trade war tensions."),
    "Robotics": ("Armwise builds robots for warehouses",
                 "Its robotic arms and humanoid robot prototypes bring automation to "
                 "factories; drones scan shelves."),
    "Funding & markets": ("Tealeaf raises $40M Series B",
                          "The round was led by venture capital investors and puts the "
                          "valuation at $400M ahead of an IPO."),
    "Going global": ("Brightmart heads overseas with a European launch",
                     "The firm plans a global expansion into Southeast Asia and the Middle "
                     "East, with localization teams abroad."),
}


@pytest.mark.parametrize("topic", list(STORIES))
def test_clear_story_lands_in_its_topic(topic: str) -> None:
    title, text = STORIES[topic]
    assert classify(title, text).primary == topic


def test_default_taxonomy_has_the_expected_topics() -> None:
    assert OTHER not in DEFAULT_TAXONOMY
    assert set(STORIES) == set(DEFAULT_TAXONOMY)


def test_nothing_matching_is_other() -> None:
    result = classify("A quiet afternoon", "The weather was mild and the park was full.")
    assert result.primary == OTHER
    assert result.secondary == []


def test_headline_outweighs_a_single_body_mention() -> None:
    text = "The update mentions a chip once and a robot once in passing."
    assert classify("Robot arms get smarter", text).primary == "Robotics"
    assert classify("Chip output rises", text).primary == "Chips & hardware"


def test_long_articles_are_dampened_not_dominant() -> None:
    short = classify("", "The robot picks fruit. The robot sorts boxes.")
    padded = classify("", "The robot picks fruit. The robot sorts boxes. " + "Filler words here. " * 400)
    assert short.scores["Robotics"] > padded.scores["Robotics"]
    many = classify("", "robot " * 50)
    few = classify("", "robot " * 5)
    assert many.scores["Robotics"] < 2 * few.scores["Robotics"]


def test_secondary_topics_are_reported() -> None:
    result = classify("Robotaxi startup raises $300M Series C",
                      "The self-driving company said investors valued it at $3B; the funding "
                      "round will pay for more driverless cars.")
    assert result.primary in {"EVs & autonomy", "Funding & markets"}
    other = ({"EVs & autonomy", "Funding & markets"} - {result.primary}).pop()
    assert other in result.secondary


def test_terms_explain_the_score() -> None:
    result = classify("Chipmaker hit by export controls", "The semiconductor firm said chips were delayed.")
    assert {"chipmaker", "semiconductor", "chip"} <= set(result.terms["Chips & hardware"])
    assert "export control" in result.terms["Policy & geopolitics"]


def test_word_boundaries_and_plurals() -> None:
    taxonomy = {"Cats": ["cat:3"]}
    assert classify("Cats and more cats", "", taxonomy).primary == "Cats"
    assert classify("Concatenate catalogues", "", taxonomy).primary == OTHER


def test_term_weights_and_taxonomy_order_break_ties() -> None:
    taxonomy = {"A": ["alpha"], "B": ["beta"]}
    assert classify("alpha beta", "", taxonomy, min_score=1).primary == "A"
    assert classify("alpha beta", "", {"B": ["beta"], "A": ["alpha"]}, min_score=1).primary == "B"
    weighted = {"A": ["alpha"], "B": ["beta:2.0"]}
    assert classify("alpha beta", "", weighted, min_score=1).primary == "B"


def test_deterministic_and_pure() -> None:
    title, text = STORIES["AI"]
    first = classify(title, text)
    classify(*STORIES["Robotics"])
    assert classify(title, text) == first


def test_suggest_topics_finds_the_frequent_term() -> None:
    texts = ["The biotech startup sequences genomes for a vaccine.",
             "A biotech lab licenses a vaccine patent.",
             "Biotech investors flock to a genome lab.",
             "The weather was mild."]
    suggestions = suggest_topics(texts, top=3)
    assert suggestions[0] == ("biotech", 3)
    assert all(n >= 2 for _, n in suggestions)
    assert "the" not in dict(suggestions)


SHARED = pathlib.Path("/work/shared")


def _seed_articles() -> tuple[dict[str, tuple[str, str]], list, list]:
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))
    found: dict[str, tuple[str, str]] = {}
    for name, src in gold["sources"].items():
        raw = (SHARED / "seeds" / name).read_bytes().decode("utf-8", errors="replace")
        lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for spec in src["articles"]:
            lo, hi = spec["span"]
            skip = set(spec["noise"]) | set(src.get("noise", []))
            tl = spec.get("title_line")
            body = [lines[n - 1] for n in range(lo, hi + 1)
                    if n not in skip and n != tl and lines[n - 1].strip()]
            title = lines[tl - 1].strip() if tl else body[0].split(". ")[0]
            found[spec["id"]] = (title, "\n\n".join(body))
    return found, gold["must_link"], gold["cannot_link"]


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.json").exists(), reason="no shared seeds")
def test_seed_topic_pairs() -> None:
    articles, must, cannot = _seed_articles()
    topic = {key: classify(title, text).primary for key, (title, text) in articles.items()}
    ok = sum(topic[a] == topic[b] for a, b in must) + sum(topic[a] != topic[b] for a, b in cannot)
    assert ok / (len(must) + len(cannot)) >= 0.85


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09 -'’\n.éİK中ＡI")) | st.characters(), max_size=30))
def test_tokens_are_the_folded_lowercase_runs_of_letters_and_digits(text: str) -> None:
    assert tokens(text) == [_fold(w) for w in re.findall(r"[a-z0-9]+", text.lower())]
