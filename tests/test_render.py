"""Bodies render as structured, safe HTML; summaries and reading time read well."""
from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.model import ArticleDraft, Block
from digest.render import (_CJK, _WORD_OR_NUMBER, body_html, direct_html, markdown_html, reading_minutes, summary,
                           word_count)
from digest.sanitize import sanitize_html

# Markdown structure, HTML, escapes, odd spaces and controls: what could make the direct
# renderer and markdown-it disagree.
TRICKY = st.sampled_from(list("\\`*_{}[]<>()#+-.!|~&\"'=:;$%@^\n\t\r\x00\x0b\x85\xa0\u2028\u3000\ufeff\u200b") + [
    "word", "1.", "1)", "```", "    ", "***", "---", "===", "[x]: /u", "<http://a>", "&amp;", "<b>", "\\\n"])
TEXT = st.lists(TRICKY, max_size=10).map("".join)
BLOCK = st.builds(Block, st.sampled_from(["para", "heading", "list", "quote"]), TEXT, st.just([1]),
                  st.integers(1, 5))


def article(*blocks: Block) -> ArticleDraft:
    return ArticleDraft("a.txt", "T", False, 1, list(blocks), 1, 9)


def test_blocks_become_paragraphs_headings_lists_quotes() -> None:
    html = body_html(article(Block("para", "First *para* with [a link](javascript:alert(1)).", [2]),
                             Block("heading", "Other specs", [3]),
                             Block("list", "one\ntwo", [4, 5]),
                             Block("quote", "We will ship in May.", [6])))
    soup = BeautifulSoup(html, "html.parser")
    assert [t.name for t in soup.find_all(recursive=False)] == ["p", "h2", "ul", "blockquote"]
    assert soup.p.get_text() == "First *para* with [a link](javascript:alert(1))."
    assert [li.get_text() for li in soup.find_all("li")] == ["one", "two"]
    assert "javascript:" not in str(soup.find_all("a"))


def test_markup_in_text_is_shown_as_text() -> None:
    html = body_html(article(Block("para", '<script>alert(1)</script><b onclick="x()">hi</b>', [2])))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("b") is None
    assert not any(k.startswith("on") for tag in soup.find_all(True) for k in tag.attrs)
    assert "<script>alert(1)</script>" in soup.get_text()


def test_line_start_markdown_is_not_structure() -> None:
    html = body_html(article(Block("para", "# not a heading", [2]), Block("para", "1. not a list", [3])))
    assert "<h1" not in html and "<ol" not in html


def test_summary_is_one_or_two_sentences() -> None:
    a = article(Block("heading", "Sub", [2]),
                Block("para", "Hexi Pay opened its wallet to tourists. It expects growth. " + "More. " * 80, [3]))
    s = summary(a)
    assert s.startswith("Hexi Pay opened its wallet to tourists.") and len(s) <= 281


def test_reading_time() -> None:
    a = article(Block("para", "word " * 460, [2]))
    assert word_count(a) == 460 and reading_minutes(460, 230) == 2 and reading_minutes(3, 230) == 1


@settings(max_examples=400, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=4))
def test_direct_html_is_what_markdown_it_renders(blocks: list[Block]) -> None:
    html = direct_html(blocks)
    if html is not None:
        assert html == markdown_html(blocks)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.builds(Block, st.sampled_from(["para", "heading", "list", "quote"]),
                          st.lists(TRICKY | st.text(max_size=3), max_size=10).map("".join), st.just([1]),
                          st.integers(1, 5)), min_size=1, max_size=4))
def test_body_html_is_the_sanitised_markdown(blocks: list[Block]) -> None:
    assert body_html(article(*blocks)) == sanitize_html(markdown_html(blocks))


def test_direct_html_leaves_merging_and_empty_blocks_to_markdown_it() -> None:
    two_lists = [Block("list", "a\nb", [1, 2]), Block("list", "c", [4])]
    assert direct_html(two_lists) is None
    assert markdown_html(two_lists).count("<ul>") == 1          # Markdown merges them into one loose list
    assert direct_html([Block("para", "x", [1]), Block("para", " ", [2])]) is None
    assert direct_html([Block("heading", "Sub & co", [1], 4), Block("quote", "a < b", [2])]) == (
        "<h3>Sub &amp; co</h3>\n<blockquote>\n<p>a &lt; b</p>\n</blockquote>\n")


def test_word_count_counts_cjk_characters_and_words_in_any_script() -> None:
    assert word_count(article(Block("para", "人工智能公司 raised $50M in 2024", [2]))) == 6 + 5   # "$50M": a number and a word
    assert word_count(article(Block("para", "Zürich café’s 3rd run", [2]))) == 6


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ09_ -'’\n.é²٣ß中䷀\u00a0\U0001d7d8")) | st.characters(), max_size=20))
def test_word_count_is_the_regex_count(text: str) -> None:
    cjk = _CJK.findall(text)
    expected = len(_WORD_OR_NUMBER.findall(_CJK.sub(" ", text) if cjk else text)) + len(cjk)
    assert word_count(article(Block("para", text, [2]))) == expected
