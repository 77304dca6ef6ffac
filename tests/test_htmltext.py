"""Extracting the main text of a scraped HTML page as text lines."""
from __future__ import annotations

import pathlib

from digest.htmltext import html_to_lines

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
