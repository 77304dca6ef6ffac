"""Property tests: whatever text a dump holds, splitting, cleaning and rendering stay safe.

Random text mixes ordinary prose with markup-ish characters, script and style
tags, ``javascript:`` links, control and XML-invalid characters, bidi
controls, CJK and very long words. For every example: split_source and
render.body_html do not crash; the HTML (parsed with BeautifulSoup) holds only
the sanitiser's allowlisted tags, no on*= attribute and no script-scheme link;
and an Atom feed made with feeds.atom_bytes from the rendered posts parses with
xml.etree and with feedparser (bozo 0).
"""
from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
from digest.feeds import Feed, FeedItem, atom_bytes
from digest.model import ArticleDraft, Block, SourceText
from digest.render import body_html, summary
from digest.sanitize import ALLOWED_TAGS, clean_text, sanitize_html
from digest.segment import split_source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
PUBLISHED = dt.datetime(2025, 3, 25, tzinfo=dt.UTC)

HOSTILE = [
    "<script>alert('x')</script>", "<style>body{display:none}</style>", "<iframe src=//evil.invalid>",
    "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\" onclick=\"steal()\">click</a>",
    "[prize](javascript:alert(1))", "[ok](https://example.invalid/a)", "<javascript:alert(1)>",
    "jav&#x09;ascript:alert(1)", "&#1;&#xFFFE;&#0;", "<!-- hidden -->", "<![CDATA[x]]>", "]]>",
    "<svg onload=alert(1)>", "# Not a heading", "- not a list", "> not a quote", "`code`", "**bold**",
    "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f", "\ufffe\uffff", "\u202e\u2066", "\u200b\u00ad\ufeff",
    "人工智能公司发布新模型。", "Zürich café – “quoted”", "A" * 3000, "x" * 120 + "<b>",
    "&amp;&lt;&gt;&quot;", "\\", "<", ">", "&", "\"", "'", "\r", "\t",
]
WORDS = st.sampled_from(["Imaginary", "Robotics", "said", "on", "Monday", "the", "company", "raised",
                         "$50M", "Acme", "Drones", "in", "Lisbon.", "It", "plans", "to", "hire", "staff."])
CHARS = st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs", "Cc", "Cf", "Co"])
FRAGMENT = st.one_of(
    st.sampled_from(HOSTILE),
    st.lists(WORDS, min_size=1, max_size=25).map(" ".join),
    st.text(CHARS, max_size=60),
)
LINE = st.lists(FRAGMENT, min_size=0, max_size=4).map(" ".join)
# Story-shaped text, so that the splitter publishes most of it: a headline line, then
# paragraphs of prose with hostile fragments mixed in.
SENTENCE = st.lists(WORDS, min_size=6, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
PARA = st.lists(st.one_of(SENTENCE, SENTENCE, FRAGMENT), min_size=2, max_size=10).map(" ".join)
HEADLINE = st.lists(st.one_of(WORDS, WORDS, FRAGMENT), min_size=3, max_size=10).map(
    lambda ws: "Imaginary " + " ".join(ws).rstrip("."))
STORY = st.tuples(HEADLINE, st.lists(PARA, min_size=1, max_size=4)).map(
    lambda hp: "\n\n".join([hp[0], *hp[1]]))
DUMP = st.lists(st.one_of(STORY, STORY, LINE), min_size=1, max_size=5).map("\n\n".join)


def unsafe(html_text: str) -> list[str]:
    """Anything in rendered HTML beyond the allowlist: other tags, on*=, script-scheme links."""
    soup = BeautifulSoup(html_text, "html.parser")
    found = []
    for tag in soup.find_all(True):
        if tag.name not in ALLOWED_TAGS:
            found.append(f"<{tag.name}>")
        for attr, value in tag.attrs.items():
            if attr.lower().startswith("on") or attr not in {"href", "rel"}:
                found.append(f"<{tag.name} {attr}>")
            if attr == "href" and SCRIPT_SCHEME.match(re.sub(r"[\s\x00-\x1f]+", "", html.unescape(value))):
                found.append(f"<a href={value!r}>")
    return found


def assert_feed_parses(posts: list[tuple[ArticleDraft, str]]) -> None:
    items = [FeedItem(tag_path=f"posts/p{i}", title=a.title, link=f"http://site.test/posts/p{i}/",
                      published=PUBLISHED, content_html=body, summary=summary(a), categories=["Other"])
             for i, (a, body) in enumerate(posts)]
    data = atom_bytes(Feed("feeds/all.atom.xml", "all posts", "feeds/all", items),
                      "http://site.test", "Digest", "digest.example.org,2024")
    assert not XML_INVALID.search(data.decode("utf-8"))
    ET.fromstring(data)
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(posts)
    for entry in parsed.entries:
        for content in entry.get("content", []):
            assert not unsafe(content.value), content.value[:200]


@SETTINGS
@given(DUMP)
def test_split_and_render_any_dump(raw):
    # what sources.read_source does to a text dump before splitting
    lines = clean_text(raw.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    result = split_source(SourceText(path="random.txt", lines=lines))
    posts = []
    for article in result.articles:
        body = body_html(article)
        assert not unsafe(body), body[:300]
        assert not XML_INVALID.search(body + article.title)
        posts.append((article, body))
    assert_feed_parses(posts)


BLOCK = st.builds(Block, kind=st.sampled_from(["para", "heading", "list", "quote"]),
                  text=st.lists(LINE, min_size=1, max_size=3).map("\n".join), lines=st.just([1]),
                  level=st.integers(1, 6))


@SETTINGS
@given(title=LINE, blocks=st.lists(BLOCK, min_size=1, max_size=6))
def test_render_uncleaned_blocks(title, blocks):
    # defence in depth: even text the reader never cleaned renders safely
    article = ArticleDraft(source="random.txt", title=title, title_generated=False, title_line=1,
                           blocks=blocks, start_line=1, end_line=1)
    body = body_html(article)
    assert not unsafe(body), body[:300]
    assert not XML_INVALID.search(body)
    assert_feed_parses([(article, body)])


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), FRAGMENT,
                          st.sampled_from(["<p>", "</p>", "<a href='", "'>", "</a>", "<ul><li>", "<b>",
                                           "<script>", "</script>", "<style>", "<h2 onclick=x>"])),
                max_size=20).map("".join))
def test_sanitize_any_html(fragment):
    cleaned = sanitize_html(fragment)
    assert not unsafe(cleaned), cleaned[:300]
    assert not XML_INVALID.search(cleaned)
