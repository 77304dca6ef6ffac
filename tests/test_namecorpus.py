"""Company tags settled over the corpus (digest.namecorpus): a name the stories use as a
place, or as a person's name, is no company, even in the story that does not show it."""
from __future__ import annotations

import pathlib

import mf2py

from conftest import build
from digest.entities import extract_entities
from digest.model import ArticleDraft, NameUses
from digest.namecorpus import settle_entities

# Torvik is a made-up city (not in data/places.txt), Mara Quen a made-up person. Only the
# last story names them in a way that could be a company's: "from Torvik", and Mara Quen
# with neither a title before her name nor a speech verb next to it.
DUMP = """Pebblecart opens a depot in Torvik

Pebblecart said on Monday that it opened a parcel depot in Torvik, its third in the region.
The depot near Torvik will sort about 40,000 parcels a day, Pebblecart said, and it will
hire 300 people in Torvik by the spring. Chief executive Mara Quen said the depot would cut
delivery times across the north.

Harbourline Freight buys a rival

Harbourline Freight agreed to buy Kestrel Haulage for an undisclosed sum, Harbourline Freight
said on Tuesday. Kestrel Haulage runs 90 trucks outside Torvik and a yard in Torvik. Chief
financial officer Mara Quen of Harbourline Freight said the deal would close in June. Kestrel
Haulage shareholders still have to approve it.

Quorra Bank lends to farmers

Quorra Bank said it would lend 2 billion crowns to farmers near Torvik this year. Quorra Bank
expects demand to grow as harvests recover, and it will open two branches in Torvik. Its
chief executive, Ivo Strand, said rates would stay flat. Economist Mara Quen joins its board
in May. Quorra Bank gave no other figures.

Dunmere Robotics wins a warehouse order

Dunmere Robotics won an order for 500 picking robots from Pebblecart, Dunmere Robotics said.
The robots will ship from Torvik and from Torvik's river port next year. Mara Quen, the head
of sorting at Pebblecart, expects them to handle most parcels. Dunmere Robotics was chosen
after a six-month trial, according to Mara Quen. Dunmere Robotics shares rose 4% on the news.
"""


def _tags(page: pathlib.Path) -> list[str]:
    """The companies a built post page tags, read as a microformats client reads them."""
    doc = mf2py.parse(doc=page.read_text(encoding="utf-8"))
    entry = next(item for item in doc["items"] if "h-entry" in item["type"])
    return entry["properties"].get("category", [])


def test_the_story_alone_would_tag_the_city_and_the_person() -> None:
    title, body = DUMP.strip().split("\n\n")[-2:]
    alone = extract_entities(title, body, None).entities
    assert "Torvik" in alone and "Mara Quen" in alone


def test_a_place_or_person_the_corpus_shows_gets_no_company_tag(tmp_path: pathlib.Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "wire.txt").write_text(DUMP, encoding="utf-8")
    build(content, tmp_path / "site")
    site = tmp_path / "site"
    page = site / "posts" / "dunmere-robotics-wins-a-warehouse-order" / "index.html"
    tags = _tags(page)
    assert "Dunmere Robotics" in tags and "Pebblecart" in tags
    assert "Torvik" not in tags and "Mara Quen" not in tags
    assert not (site / "companies" / "torvik").exists()
    assert not (site / "companies" / "mara-quen").exists()
    report = (tmp_path / "site.report.json").read_text(encoding="utf-8")
    assert '"Torvik": "place"' in report and '"Mara Quen": "person"' in report


def _story(entities: list[str], **uses: frozenset[str]) -> ArticleDraft:
    draft = ArticleDraft("s.txt", "t", False, None, [], 1, 1)
    draft.entities, draft.name_uses = entities, NameUses(**uses)
    return draft


def test_a_company_often_invested_in_keeps_its_tag() -> None:
    # Three stories only say money went "into Brisk"; five say what Brisk did.
    stories = [_story([], places=frozenset({"brisk"})) for _ in range(3)]
    stories += [_story(["Brisk"], not_places=frozenset({"brisk"})) for _ in range(5)]
    assert settle_entities(stories, 6) == {}
    assert all(s.entities == ["Brisk"] for s in stories[3:])


def test_one_story_is_not_enough_and_the_cap_applies_after_settling() -> None:
    stories = [_story([], places=frozenset({"torvik"})),
               _story(["Torvik", "A", "B", "C"], not_places=frozenset({"a"}))]
    assert settle_entities(stories, 2) == {}
    assert stories[1].entities == ["Torvik", "A"]
    stories.append(_story([], places=frozenset({"torvik"})))
    stories[1].entities = ["Torvik", "A", "B", "C"]
    assert settle_entities(stories, 2) == {"Torvik": "place"}
    assert stories[1].entities == ["A", "B"]
