"""Tests for digest.entities: organisation names found in a story."""
from __future__ import annotations

import time

from digest.entities import extract_entities

STORY = """Quillwave raises funds for its drone fleet

Quillwave, a Hangzhou startup, said on Monday it closed a new round. Quillwave's drones
inspect power lines for Meridian Power Holdings Ltd. and for the Harbour Energy Administration.

CEO Tomas Verhoeven said the company would hire in Berlin in March. "We are growing fast,"
Verhoeven said. Investors include NorthPeak Capital and Meridian Power Holdings.

In April, Quillwave Inc. will open an office in Singapore. Analysts at NorthPeak Capital
expect the Harbour Energy Administration to order more drones from Quillwave.
"""


def entities_of(title: str, text: str, max_entities: int | None = 8, title_from_text: bool = False) -> list[str]:
    return extract_entities(title, text, max_entities, title_from_text).entities


def _entities(max_entities: int = 8) -> list[str]:
    title, _, body = STORY.partition("\n\n")
    return entities_of(title, body, max_entities)


def test_headline_company_is_most_salient() -> None:
    assert _entities()[0] == "Quillwave"


def test_possessive_and_legal_forms_are_canonicalised() -> None:
    found = _entities()
    assert "Quillwave" in found
    assert not any(name.startswith("Quillwave") and name != "Quillwave" for name in found)


def test_suffix_organisations_are_found_and_merged() -> None:
    found = _entities()
    assert "Harbour Energy Administration" in found
    assert "NorthPeak Capital" in found
    assert "Meridian Power Holdings" in found
    assert sum(name.startswith("Meridian") for name in found) == 1


def test_camelcase_organisation_once_in_headline() -> None:
    assert "BrightLoom" in entities_of("BrightLoom opens a lab", "The lab opened.")


def test_persons_places_and_months_are_excluded() -> None:
    found = set(_entities())
    assert not found & {"Tomas Verhoeven", "Verhoeven", "Tomas", "Berlin", "Singapore",
                        "Hangzhou", "March", "April", "Monday", "CEO", "In", "Analysts"}


def test_person_referred_to_by_surname_is_excluded() -> None:
    text = ("Jorund Malvik founded Pebblecart in 2015. Malvik now runs Pebblecart's robots. "
            "Pebblecart sells to shops, and Malvik wants more.")
    assert entities_of("", text) == ["Pebblecart"]


def test_single_mention_common_word_is_not_an_entity() -> None:
    text = "Yesterday was busy. Orders rose at Pebblecart and Pebblecart hired staff."
    assert entities_of("", text) == ["Pebblecart"]


def test_max_entities_is_respected() -> None:
    assert len(_entities(2)) == 2
    assert _entities(2) == _entities()[:2]


def test_empty_input() -> None:
    assert entities_of("", "") == []


def test_fast_enough() -> None:
    title, _, body = STORY.partition("\n\n")
    body = body * 20
    start = time.perf_counter()
    for _ in range(50):
        entities_of(title, body)
    assert (time.perf_counter() - start) / 50 < 0.02


def test_connectors_possessives_acronyms_and_hyphen_tails() -> None:
    """Chunks joined by connectors ("and" only after an organisation head), ended by a
    possessive or a lowercase hyphen tail, dotted acronyms and names used in lowercase."""
    assert entities_of(
        "Bank of Qiantang and Yuelu Holdings sign a deal",
        "The Bank of Qiantang said on Monday that the Ministry of Industry and Information Technology "
        "approved it. Bank of Qiantang's chief, CEO Mara Lindqvist, said the U.S. unit of Yuelu Holdings "
        "Ltd. would help. Yuelu Holdings and the Ministry of Industry and Information Technology declined "
        "to comment.") == ["Bank of Qiantang and Yuelu Holdings", "Ministry of Industry and Information Technology",
                           "Yuelu Holdings"]
    assert entities_of(
        "Tencent-backed Pebblecart raises money",
        "Pebblecart, a Tencent-backed startup, said its 5G-enabled robots ship in May. \"Pebblecart's robots,\" "
        "said Jane Doe, who founded it. Doe said Pebblecart will list. Ensuring Pebblecart grows, Index Ventures "
        "and Index invested. The A.B.C. fund and the 3M Group also joined; 3M Group said so.") == [
        "Pebblecart", "Tencent", "Index", "3M Group"]     # "Index": Index Ventures, by its short form
    assert entities_of(
        "", "Analysts at NorthPeak Capital like NorthPeak. northpeak is lowercase here. The Harbour Energy "
            "Administration (HEA) and HEA's staff met SenseTime Group and SenseTime. SenseTime's U.K. office, "
            "Mr. Brandt and Dr. Ilse Brandt of the Harbour Energy Administration spoke.") == [
        "SenseTime", "Harbour Energy Administration", "HEA"]


def test_names_used_only_as_places_are_not_companies() -> None:
    """A name the story only uses after a preposition of place, or in a dateline, is a place
    even when no list knows it; one mention as something else makes it a candidate again."""
    text = ("VARNOLD, June 3 — Pebblecart opened a depot in Varnold. Drivers near Varnold "
            "and outside Varnold like it, says Pebblecart, and parts come from Varnold via Pebblecart.")
    assert entities_of("", text) == ["Pebblecart"]
    assert "Varnold" in entities_of("", text + " Varnold said it welcomes the jobs.")
    # a possessive or hyphen tail after "in" qualifies what follows: not a place
    assert entities_of("", "Users spend hours in Orvane's app and in Orvane-made games.") == ["Orvane"]


def test_known_places_are_not_cut_into_companies() -> None:
    text = ("Shares in Pebblecart rose as its Middle East joint venture and its Southeast Asia business grew. "
            "Sales in Xi'an and in XI'AN's suburbs rose. The Middle East joint venture and "
            "the Southeast Asia business of Pebblecart hired staff.")
    assert entities_of("", text) == ["Pebblecart"]


def test_a_full_name_and_its_later_short_form_are_one_company() -> None:
    text = ("Orvane Robotics makes arms. Investors like Orvane because Orvane ships on time. "
            "Co-founders Daniel Kestle and Mira Ojala met in 2019; the work is run by Daniel.")
    assert entities_of("Orvane Robotics raises money", text) == ["Orvane"]
    # a name first used short is another one ("Qorin" the company, "Qorin S7" its car)
    assert entities_of("", "Sales of the Qorin S7 rose, and Qorin said so. Buyers of "
                                "the Qorin S7 like Qorin.") == ["Qorin S7", "Qorin"]


def test_words_capitalised_for_opening_a_sentence_are_not_companies() -> None:
    """One capitalised word opening every sentence it is in ("Customers") is no name, not
    even when a headline written from the opening repeats it; a run of capitalised words
    opening a sentence is ("Tarvo Mobility"), and "Shares of" is not part of one."""
    text = ("Customers in Lodz complained. Customers want refunds. Tarvo Mobility will "
            "pay. Tarvo Mobility has cash. Shares of Brisk Motors fell. Shares of Brisk Motors rose later.")
    title = "Customers in Lodz complained"
    assert entities_of(title, text, title_from_text=True) == ["Brisk Motors", "Tarvo Mobility"]


def test_names_after_a_job_title_are_people() -> None:
    text = "Chief operating officer Lene Vistad runs the plants of Pebblecart. Pebblecart promoted Lene Vistad."
    assert entities_of("", text) == ["Pebblecart"]


def test_the_employer_after_a_titled_person_is_still_an_organisation() -> None:
    text = ("Chief executive Mara Lind of Orvane Freight said the fleet would double. "
            "Analysts expect Orvane Freight to hire drivers in the spring.")
    assert entities_of("", text) == ["Orvane Freight"]
    uses = extract_entities("", text).uses
    assert {"mara lind", "mara", "lind"} <= uses.people and "orvane" not in uses.people
