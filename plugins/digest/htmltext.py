"""Turn a scraped HTML page into the plain text lines of its main article (or articles).

trafilatura finds the main content (navigation, footers, comments and scripts
are left out); when it finds nothing, a BeautifulSoup walk over the page with
the obvious chrome removed is used instead. A listing page that holds several
<article> elements with prose of their own (not one story with teasers for
others) gives the text of each of them, in page order, with a separator line
("* * *") between two articles, which the splitter takes as a story boundary.
Either way the result is a list of text lines in the same shape as a text
dump: one line per paragraph, headings on their own line, list items as
"• item", a blank line between blocks.
"""
from __future__ import annotations

import re
from functools import lru_cache

import trafilatura
from trafilatura.core import bare_extraction, determine_returnstring
from trafilatura.metadata import Document
from trafilatura.settings import Extractor, use_config
from bs4 import BeautifulSoup, NavigableString, Tag
from lxml import etree

from .sanitize import clean_text

BULLET = "• "

# Never shown, with everything inside them.
_INVISIBLE_TAGS = ("script", "style", "noscript", "iframe", "template", "object", "embed", "svg",
                   "canvas", "head")
# Page chrome dropped by the fallback extractor.
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "button", "select", "textarea",
                "dialog", "menu")
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
                         "h6", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "td", "th",
                         "dl", "dt", "dd", "figure", "figcaption", "body", "html"})
_SPACE_RUN = re.compile(r"[ \t]+")
# Chrome inside an <article> of a listing page (its <header> holds its headline, so stays).
_ARTICLE_CHROME_TAGS = tuple(t for t in _CHROME_TAGS if t != "header")
LISTING_PROSE = 250      # characters of <p> text that make an <article> a story rather than a teaser
ARTICLE_SEPARATOR = "* * *"
_ARTICLE_TAG = re.compile(r"<article[\s>]", re.I)

# trafilatura's default minimum sizes make it give up on short pages and dump the
# whole page (menus included) as one paragraph; short news items are normal here.
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
_CONFIG.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")


def _norm(text: str) -> str:
    return _SPACE_RUN.sub(" ", clean_text(text).replace("\n", " ")).strip()


def _xml_inline_text(el: etree._Element) -> list[str]:
    """Text of a trafilatura XML element; <lb/> starts a new line."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "lb":
            parts.append("\n")
        else:
            parts.append("".join(_xml_inline_text(child)))
        parts.append(child.tail or "")
    return parts


def _xml_block_lines(el: etree._Element) -> list[str]:
    """Lines for one block-level element of trafilatura's XML output."""
    if el.tag == "list":
        lines: list[str] = []
        for item in el.iter("item"):
            text = _norm("".join(_xml_inline_text(item)))
            if text:
                lines.append(BULLET + text)
        return lines
    if el.tag == "table":
        rows = []
        for row in el.iter("row"):
            cells = [_norm("".join(_xml_inline_text(c))) for c in row.iter("cell")]
            text = " | ".join(c for c in cells if c)
            if text:
                rows.append(text)
        return rows
    raw = "".join(_xml_inline_text(el))
    return [t for t in (_norm(part) for part in raw.split("\n")) if t]


def _trafilatura_xml(html: str) -> str | None:
    """What ``trafilatura.extract(html, output_format="xml", ...)`` returns with these options,
    less the content fingerprint (a similarity hash over the whole text, put in an attribute
    of the root element) that ``extract`` computes for XML output: it costs as much as the
    extraction itself and only <main> is used here."""
    options = Extractor(config=_CONFIG, output_format="xml", fast=False, precision=False, recall=True,
                        comments=False, formatting=False, links=False, images=False, tables=True)
    document = bare_extraction(html, options=options)
    if not isinstance(document, Document):
        return None
    return determine_returnstring(document, options)


def _trafilatura_blocks(html: str) -> list[list[str]]:
    xml = _trafilatura_xml(html)
    if not xml:
        return []
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return []
    blocks = [_xml_block_lines(el) for el in main]
    return [b for b in blocks if b]


def _soup_blocks(html: str) -> list[list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    return _walk_blocks(soup, _CHROME_TAGS)


def _walk_blocks(soup: Tag, chrome: tuple[str, ...]) -> list[list[str]]:
    """Text blocks of a parsed page or element, with invisible and `chrome` tags removed."""
    for tag in soup.find_all([*_INVISIBLE_TAGS, *chrome]):
        tag.decompose()
    blocks: list[list[str]] = []
    current: list[str] = []

    def flush() -> None:
        text = _norm("".join(current))
        current.clear()
        if text:
            blocks.append([text])

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    current.append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    flush()
                elif child.name == "li":
                    flush()
                    text = _norm(child.get_text(" "))
                    if text:
                        blocks.append([BULLET + text])
                elif child.name in _BLOCK_TAGS:
                    flush()
                    walk(child)
                    flush()
                else:
                    walk(child)

    walk(soup)
    flush()
    return blocks


def _listing_blocks(html: str) -> list[list[str]]:
    """Blocks of each story <article> of a listing page, a separator between two articles.

    Empty unless at least two outermost <article> elements each hold
    LISTING_PROSE characters of paragraph text; shorter ones (teasers) are left out.
    """
    if len(_ARTICLE_TAG.findall(html)) < 2:
        return []                       # not worth parsing the page a second time
    soup = BeautifulSoup(html, "html.parser")
    outer = [a for a in soup.find_all("article") if a.find_parent("article") is None]
    stories = [a for a in outer if sum(len(_norm(p.get_text(" "))) for p in a.find_all("p")) >= LISTING_PROSE]
    if len(stories) < 2:
        return []
    blocks: list[list[str]] = []
    for article in stories:
        found = _walk_blocks(article, _ARTICLE_CHROME_TAGS)
        if found:
            if blocks:
                blocks.append([ARTICLE_SEPARATOR])
            blocks.extend(found)
    return blocks


@lru_cache(maxsize=2)
def page_metadata(html: str) -> Document | None:
    """The page's metadata (title, date...) as trafilatura reads it. Reading a page asks for its
    title and its date separately; the parse is done once."""
    return trafilatura.extract_metadata(html, extensive=False)


def _page_title(html: str) -> str:
    meta = page_metadata(html)
    return _norm(meta.title or "") if meta is not None else ""


def _same_title(page_title: str, line: str) -> bool:
    """True when a text line is the page title, possibly without a " | Site" suffix."""
    a, b = page_title.casefold(), line.casefold()
    return a == b or (len(b) >= 10 and b in a) or (len(a) >= 10 and a in b)


def html_to_lines(html: str) -> tuple[list[str], list[str]]:
    """Main text of a scraped page as text lines, plus warnings.

    Blocks are separated by one blank line; headings keep their own line;
    list items become "• item". The page title is put first when the
    extracted text does not already start with it (not on a listing page,
    whose title names the list). Script, style, noscript and iframe contents
    never appear.
    """
    warnings: list[str] = []
    blocks = _listing_blocks(html)
    if blocks:
        return _join(blocks), warnings
    blocks = _trafilatura_blocks(html)
    if not blocks:
        blocks = _soup_blocks(html)
        if blocks:
            warnings.append("main-text extraction found nothing; used the whole page text")
    title = _page_title(html)
    if blocks and title and not any(_same_title(title, b[0]) for b in blocks[:3]):
        blocks.insert(0, [title])
    return _join(blocks), warnings


def _join(blocks: list[list[str]]) -> list[str]:
    """Lines of the blocks, one blank line between two blocks."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines.extend(block)
    return lines
