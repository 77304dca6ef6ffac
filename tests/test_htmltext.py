"""Extracting the main text of a scraped HTML page as text lines."""
from __future__ import annotations

import pathlib
import re

import trafilatura

from digest.htmltext import _CONFIG, ARTICLE_SEPARATOR, _trafilatura_xml, html_to_lines
from digest.model import SourceText
from digest.segment import split_source

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "bad"


def test_blocks_headings_and_list_items():
    lines, warnings = html_to_lines((FIXTURES / "hostile.html").read_text())
    assert warnings == []
    title = lines.index("Acme Drones opens a lab in Lisbon")
    assert lines[title + 1] == ""                      # blank line between blocks
    head = lines.index("Why Portugal")
    assert lines[head - 1] == "" and lines[head + 1] == ""
    first = lines.index("• Forty engineers in the first year")
    assert lines[first + 1] == "• A test range outside the city"   # items of one list stay together
    assert "" not in (lines[0], lines[-1])
    assert all("  " not in line for line in lines)


def test_scripts_styles_frames_never_shown():
    lines, _ = html_to_lines((FIXTURES / "hostile.html").read_text())
    text = "\n".join(lines)
    for leak in ("SCRIPTTEXT", "SCRIPTTEXT2", "STYLETEXT", "NOSCRIPTTEXT", "IFRAMETEXT", "color:red"):
        assert leak not in text


def test_short_page_keeps_structure_and_drops_menus():
    page = ("<html><body><nav>Menu Home</nav><h1>A short invented item</h1>"
            "<p>Only a sentence of text <script>x()</script>here.</p>"
            "<ul><li>first point</li><li>second point</li></ul><footer>Footer words</footer></body></html>")
    lines, _ = html_to_lines(page)
    assert lines == ["A short invented item", "", "Only a sentence of text here.", "",
                     "• first point", "• second point"]


def test_page_title_added_when_body_lacks_it():
    page = ("<html><head><title>Invented headline about batteries</title></head><body><div>"
            "<p>An imaginary battery maker said it would build a plant in a fictional town.</p>"
            "<p>The plant would employ several hundred people, the company said.</p></div></body></html>")
    lines, _ = html_to_lines(page)
    assert lines[:2] == ["Invented headline about batteries", ""]
    assert lines.count("Invented headline about batteries") == 1


def test_line_breaks_inside_paragraph_become_lines():
    page = "<html><body><article><p>Line one of a poem<br>line two of a poem</p></article></body></html>"
    lines, _ = html_to_lines(page)
    assert "Line one of a poem" in lines and "line two of a poem" in lines


def test_page_without_text_gives_no_lines():
    lines, _ = html_to_lines("<html><head><script>var a = 1;</script></head><body><style>p{}</style></body></html>")
    assert lines == []


LISTING = pathlib.Path(__file__).parent / "fixtures" / "split" / "listing_page.html"
HEADLINES = ["Harbour Lines orders four electric ferries for the lake crossing",
             "Late frost costs Penn valley growers a third of their apple blossom",
             "Lindholm tram line to open in September after four years of delays"]


def test_listing_page_gives_every_article_with_a_separator_between() -> None:
    lines, warnings = html_to_lines(LISTING.read_text())
    assert warnings == []
    assert [lines.index(h) for h in HEADLINES] == sorted(lines.index(h) for h in HEADLINES)
    assert lines.count(ARTICLE_SEPARATOR) == 2
    assert lines[0] == HEADLINES[0]                        # not the page title ("Latest news | ...")
    text = "\n".join(lines)
    assert "Harbour Wire" not in text and "Business" not in text    # site header, menu and footer left out
    assert "Growers can apply for emergency loans" in text


def test_listing_page_splits_into_one_story_per_article() -> None:
    lines, _ = html_to_lines(LISTING.read_text())
    res = split_source(SourceText(path="listing.html", lines=lines, kind="html"))
    assert [a.title for a in res.articles] == HEADLINES
    assert all(not a.title_generated and len(a.blocks) == 3 for a in res.articles)


def test_teaser_articles_beside_one_story_do_not_make_a_listing() -> None:
    story = "".join(f"<p>Sentence {n} of the only real story on this invented page, long enough to count.</p>"
                    for n in range(5))
    teaser = "<article><h3>Another invented headline</h3><p>A one-line teaser for it.</p></article>"
    page = f"<html><body><article><h1>The one story</h1>{story}</article>{teaser}{teaser}</body></html>"
    lines, _ = html_to_lines(page)
    assert ARTICLE_SEPARATOR not in lines
    assert "The one story" in lines and "Sentence 4 of the only real story" in "\n".join(lines)


def test_extraction_matches_trafilatura_extract() -> None:
    """Skipping the content fingerprint changes nothing but the root's attributes."""
    pages = sorted(pathlib.Path(__file__).parent.joinpath("fixtures").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text()
        expected = trafilatura.extract(html, output_format="xml", include_comments=False, favor_recall=True,
                                       include_tables=True, include_images=False, include_links=False,
                                       include_formatting=False, config=_CONFIG)
        got = _trafilatura_xml(html)
        assert (got is None) == (expected is None)
        if got is not None:
            assert re.sub(r"^<doc[^>]*>", "", got) == re.sub(r"^<doc[^>]*>", "", expected)
