"""Text dumps written in Markdown (digest.markdowntext, via sources.read_source): read as
plain lines, numbered as in the file, with images and bylines left for the chrome checks."""
from __future__ import annotations

import pathlib

from digest.markdowntext import is_markdown, plain_line
from digest.segment import split_source
from digest.sources import read_source

EXPORT = """# Harbour Desk export

## Pebblecart opens a parcel depot in Torvik

**By Mara Lind** | 3 March 2025

![Depot floor](https://img.example/depot.jpg)
*Sorters at work on the depot floor. Photo: Pebblecart*

Pebblecart said on Monday that it opened a parcel depot in Torvik, its third in the region, and that it would hire three hundred people there by the spring.

The depot will sort about forty thousand parcels a day, the company said, cutting delivery times across the north by a day.

[Read more on Harbour Desk](https://harbour.example/pebblecart-depot)

---

## Quorra Bank lends to farmers near Torvik

**By Lantern staff**

Quorra Bank said it would lend two billion crowns to farmers near Torvik this year, as harvests recover from two dry summers in a row.

Quorra Bank expects demand to keep growing, and it will open two branches in the region before the end of the year, its chief executive said.
"""


def test_markdown_is_recognised_by_its_block_syntax() -> None:
    assert is_markdown(EXPORT.splitlines())
    assert not is_markdown(["# one hashtag line", "Plain text with a [bracket](aside) in it."])
    assert not is_markdown(["Plain text *with emphasis* only.", "And a second line."])


def test_each_line_loses_its_markup() -> None:
    assert plain_line("## Pebblecart opens a depot ##") == "Pebblecart opens a depot"
    assert plain_line("**By Mara Lind** | 3 March 2025") == "By Mara Lind | 3 March 2025"
    assert plain_line("![Depot floor](https://img.example/depot.jpg)") == "Image: Depot floor"
    assert plain_line("See [the filing](https://x.example/f) and *the_notes* now.") == "See the filing and the_notes now."
    assert plain_line("> A pulled quote.") == "A pulled quote."
    assert plain_line("snake_case_name stays * as it is") == "snake_case_name stays * as it is"


def test_a_markdown_export_splits_into_clean_stories(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text(EXPORT, encoding="utf-8")
    source = read_source(path, "export.txt")
    assert source is not None and len(source.lines) == len(EXPORT.split("\n"))
    assert any("read as Markdown" in note for note in source.notes)
    result = split_source(source)
    assert [a.title for a in result.articles] == ["Pebblecart opens a parcel depot in Torvik",
                                                   "Quorra Bank lends to farmers near Torvik"]
    assert [a.title_line for a in result.articles] == [3, 18]
    dropped = {d.line: d.reason for d in result.drops}
    assert dropped[5].endswith("byline") and dropped[20].endswith("byline")
    assert dropped[7].endswith("credit") and dropped[8].endswith("credit")
    assert 14 in dropped and 16 in dropped
    body = "\n".join(b.text for a in result.articles for b in a.blocks)
    assert "Photo:" not in body and "Read more" not in body and "**" not in body
