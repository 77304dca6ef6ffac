"""Dumps of labelled records (a feed or a CMS export saved as text; digest.fieldrecords via
sources.read_source): one story per record, titled and dated by its fields, the other fields
dropped with their names, and prose dumps that merely use "Label:" lines left alone."""
from __future__ import annotations

import datetime as dt
import pathlib

import mf2py

from digest.dating import date_articles
from digest.fieldrecords import read_records
from digest.model import SplitResult, SourceText
from digest.segment import split_source
from digest.sources import read_source

FEED = """Saved page: https://tidewire.example/rss
channel.title:\tTidewire — Ports and Freight
lastBuildDate:\tWed, 19 Feb 2025 08:00:00 +0000

~~~~~~ item 1 ~~~~~~
Title:\tKestrel Lines adds a weekly freight service between Gdynia and Aarhus
Link:\thttps://tidewire.example/kestrel-gdynia
pubDate:\tTue, 18 Feb 2025 10:15:00 +0100
author:\tTidewire staff
category:\tShipping
description:\tTwo small container ships will call at both ports every Thursday from April.
content:encoded:

Kestrel Lines said on Tuesday that it would start a weekly container service between Gdynia and Aarhus in April, using two small ships it bought from a Dutch operator last year.

The company expects most of the cargo to be furniture and machine parts, and said it had already sold about half of the space on the first four sailings.

comments:\t5

~~~~~~ item 2 ~~~~~~
Title:\tHarrow Cranes wins an order for eight electric cranes at Rotterdam
Link:\thttps://tidewire.example/harrow-cranes
pubDate:\t
author:\tMina Sorel
category:\tPorts
description:\tThe order is the largest the crane maker has won outside its home market […]
content:encoded:

Harrow Cranes said on Friday that a terminal operator in Rotterdam had ordered eight of its electric yard cranes, which run on batteries charged from the terminal's own solar roof.

Deliveries start next year, the company said, and the cranes will replace diesel machines that are more than twenty years old.

comments:\t0
"""

EXPORT = """# desk export, format flat
record 1/3 .............................................
id ........... 7781
headline ..... Larkspur Foods builds a cold store for frozen dumplings near Lodz
published .... 2024-06-03T09:00:00+02:00
byline ....... Desk staff
summary ...... null
body[] ....... 2 paragraphs
  Larkspur Foods said it would spend forty million zloty on a cold store near Lodz, where it makes most of the frozen dumplings it sells in Poland and Germany.
  The store will hold twelve thousand pallets and open next spring, the company said, replacing space it now rents from a logistics firm.
tags ......... food; logistics

record 2/3 .............................................
id ........... 7790
headline ..... Brindle Pay lets shoppers split bills into four payments at checkout
published .... null
byline ....... Desk staff
summary ...... The payments firm charges shops a fee but nothing to shoppers who pay on time.
body[] ....... 2 paragraphs
  Brindle Pay said it now lets shoppers at about three hundred online stores split a bill into four payments, a service it tested with a handful of fashion shops last year.
  Shoppers who miss a payment are charged a fixed fee, the company said, and cannot use the service again until they have paid.
tags ......... payments

record 3/3 .............................................
id ........... 7802
headline ..... Ferro Glass restarts a furnace idled during the energy crunch
published .... 2024-06-05
byline ....... null
summary ...... null
body[] ....... 1 paragraph
  Ferro Glass said it had restarted a furnace at its plant near Poznan that it switched off two winters ago when gas prices soared, and would rehire sixty workers.
tags ......... industry
"""


def _split(tmp_path: pathlib.Path, name: str, text: str) -> tuple[SourceText, SplitResult]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    source = read_source(path, name)
    assert source is not None
    result = split_source(source)
    date_articles(result.articles, source, dt.date(2025, 12, 31), "mtime")
    return source, result


def _reasons(result: SplitResult, source: SourceText) -> dict[str, str]:
    return {source.lines[d.line - 1] if not d.reason.startswith("record-") else d.text: d.reason
            for d in result.drops}


def test_a_feed_saved_as_text_gives_one_story_per_item(tmp_path: pathlib.Path) -> None:
    source, result = _split(tmp_path, "feed.txt", FEED)
    assert any("read as 2 records" in note for note in source.notes)
    assert [a.title for a in result.articles] == [
        "Kestrel Lines adds a weekly freight service between Gdynia and Aarhus",
        "Harrow Cranes wins an order for eight electric cranes at Rotterdam"]
    first, second = result.articles
    assert first.date == dt.date(2025, 2, 18) and "pubDate" in first.date_evidence
    assert first.blocks[0].text.startswith("Two small container ships")    # the summary, kept
    assert [b.text[:12] for b in second.blocks] == ["Harrow Crane", "Deliveries s"]   # cut short: dropped
    # no date of its own: its neighbour's, moved to the Friday its lead names
    assert second.date == dt.date(2025, 2, 14) and "Friday" in second.date_evidence
    reasons = _reasons(result, source)
    assert reasons["Link:\thttps://tidewire.example/kestrel-gdynia"] == "record-field:link"
    assert reasons["pubDate:\t"] == "record-field:empty"
    assert reasons["channel.title:\tTidewire — Ports and Freight"] == "record-export:header"
    assert reasons["~~~~~~ item 2 ~~~~~~"] == "record-export:outside-body"
    kept = {n for a in result.articles for b in a.blocks for n in b.lines} | {a.title_line for a in result.articles}
    dropped = {d.line for d in result.drops}
    assert not kept & dropped
    assert kept | dropped == {n for n, line in enumerate(source.lines, 1) if line.strip()}


def test_a_dotted_leader_export_starts_records_at_the_fields_above_the_headline(tmp_path: pathlib.Path) -> None:
    source, result = _split(tmp_path, "export.txt", EXPORT)
    assert [a.title for a in result.articles] == [
        "Larkspur Foods builds a cold store for frozen dumplings near Lodz",
        "Brindle Pay lets shoppers split bills into four payments at checkout",
        "Ferro Glass restarts a furnace idled during the energy crunch"]
    assert [r.first for r in source.records] == [3, 14, 25]        # the "id" lines
    assert [len(a.blocks) for a in result.articles] == [2, 3, 1]    # record 2 keeps its summary
    assert result.articles[0].date == dt.date(2024, 6, 3)
    assert result.articles[2].date == dt.date(2024, 6, 5)
    assert result.articles[1].date_source == "inferred"             # "published .... null"
    reasons = {d.text.split(" ")[0]: d.reason for d in result.drops}
    assert reasons["id"] == "record-field:id" and reasons["tags"] == "record-field:tags"
    assert reasons["body[]"] == "record-field:body[]"


def test_prose_with_label_lines_is_not_a_record_dump() -> None:
    interview = ["Q: Why did you leave the bank?", "A: I wanted to build something.",
                 "Q: Was it hard?", "A: Harder than I thought.", "Note: edited for length."] * 2
    assert read_records(interview) is None
    headlines_only = ["Title: Kestrel adds a route", "", "Kestrel said on Tuesday it added a route.",
                      "", "Title: Harrow wins an order", "", "Harrow said it won an order.", "",
                      "Update: the story was corrected.", "Note: figures from the company."]
    assert read_records(headlines_only) is None


def test_feed_items_in_the_demo_site_are_posts_with_their_field_titles(sample_site: pathlib.Path) -> None:
    pages = sorted((sample_site / "posts").glob("*/index.html"))
    entries = {}
    for page in pages:
        doc = mf2py.parse(doc=page.read_text(encoding="utf-8"), url="http://site.test/")
        for item in doc["items"]:
            if "h-entry" in item["type"]:
                props = item["properties"]
                entries[props["name"][0].strip()] = (props["published"][0][:10], props["content"][0]["value"])
    recall = entries["Velmora Motors recalls 12,000 scooters over a faulty brake sensor"]
    assert recall[0] == "2025-03-10"
    assert "Velmora Motors is recalling about 12,000 electric scooters" in recall[1]
    for published, text in entries.values():
        assert "content:encoded" not in text and "slash:comments" not in text and "pubDate:" not in text
