"""Text and HTML sanitising: XML-safe text, allowlisted HTML with safe links only."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.sanitize import _ANY_RE, _replacement, clean_text, clean_text_counted, sanitize_html

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
ALLOWED = {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "a", "em", "strong", "code", "pre", "br"}


def test_clean_text_keeps_tabs_and_newlines_and_normalises_spaces():
    assert clean_text("a\tb\r\nc\rd\u00a0e\u2009f\u3000g") == "a\tb\nc\nd e f g"


def test_clean_text_removes_controls_zero_width_and_bidi():
    assert clean_text("x\x00y\x1bz\x7f\x9f\u200b\ufeff\u202eq\ufffe\uffff") == "xyzq"


def test_clean_text_counts_only_control_like_characters():
    assert clean_text_counted("a\x01b\u00a0c\u200bd\x0ce") == ("ab cd e", 2)


def _cleaned_ascii(code: int) -> str:
    """What clean_text makes of one ASCII character."""
    if code == 0x0D:
        return "\n"
    if code in (0x0B, 0x0C):
        return " "
    return chr(code) if code in (0x09, 0x0A) or 0x20 <= code < 0x7F else ""


def test_clean_text_handles_every_ascii_character_in_ascii_and_other_text():
    for code in range(128):
        ch, want = chr(code), _cleaned_ascii(code)
        assert clean_text(f"a{ch}b") == f"a{want}b", hex(code)
        assert clean_text(f"\u00e9{ch}b") == f"\u00e9{want}b", hex(code)


def test_the_quick_scan_sees_every_character_the_substitution_changes():
    """clean_text only substitutes when a cheap scan finds something to clean: in ASCII, BMP
    and astral text alike, it must treat every character as the full substitution does."""
    astral = [chr(p * 0x10000 + 0xFFFE + k) for p in range(1, 17) for k in (-1, 0, 1)]
    for ch in [chr(c) for c in range(0x10000)] + astral:
        for context in ("a", "\u00e9", "\U0001f600"):
            text = f"{context}{ch}b"
            assert clean_text(text) == _ANY_RE.sub(lambda m: _replacement(m.group()), text), hex(ord(ch))


def test_sanitize_html_allowlist():
    out = sanitize_html('<div class="x"><h1>Big</h1><p style="color:red" onclick="x()">Hi '
                        '<b>bold</b> <em>em</em> <a href="https://example.org/a" title="t">ok</a></p>'
                        '<img src="x.png" onerror="alert(1)"><table><tr><td>cell</td></tr></table></div>')
    soup = BeautifulSoup(out, "html.parser")
    assert {t.name for t in soup.find_all(True)} <= ALLOWED
    assert soup.find("a")["href"] == "https://example.org/a"
    assert "style" not in out and "onclick" not in out and "onerror" not in out
    assert "Big" in out and "bold" in out and "cell" in out


def test_sanitize_html_drops_script_style_iframe_content():
    out = sanitize_html("<p>keep</p><script>evil()</script><style>p{}</style>"
                        "<iframe src='https://x.invalid'>frame</iframe><noscript>ns</noscript>")
    assert out == "<p>keep</p>"


def test_sanitize_html_links():
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "jav&#x09;ascript:alert(1)",
                "&#106;avascript:alert(1)", "data:text/html,<script>x</script>", "vbscript:x"):
        out = sanitize_html(f'<a href="{bad}">x</a>')
        assert BeautifulSoup(out, "html.parser").find("a").get("href") is None, bad
    for good in ("https://example.org/", "http://example.org/x?y=1", "mailto:desk@example.org", "/local/page", "page.html"):
        out = sanitize_html(f'<a href="{good}">x</a>')
        assert BeautifulSoup(out, "html.parser").find("a")["href"] == good


def test_sanitize_html_removes_xml_invalid_references():
    out = sanitize_html("<p>a&#1;b\x02c&#xFFFE;d</p>")
    assert not XML_INVALID.search(out)
    assert out.startswith("<p>a") and "b" in out and "c" in out


_PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.invalid/x.js></SCRIPT>", "<scr<script>ipt>x</script>",
    '<a href="javascript:alert(1)">j</a>', '<a href="JAVASCRIPT:x">j</a>', '<a href=" javascript:x">j</a>',
    '<a href="jav&#x0A;ascript:x">j</a>', '<p onclick="x()">p</p>', '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>', '<div style="background:url(javascript:x)">d</div>', '<a href="https://ok.example/">ok</a>',
    "<iframe srcdoc='<script>x</script>'></iframe>", "<!-- <script>x</script> -->", "<p>", "</p>", "<",
    ">", "&", "&#0;", "&#1;", "\x00", "\x1b", "\ufffe", "text", " ", "\n", '"', "'", "=", "<style>",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=12).map("".join))
def test_property_sanitize_html_is_safe(html):
    out = sanitize_html(html)
    assert not XML_INVALID.search(out)
    assert "<script" not in out.lower()
    soup = BeautifulSoup(out, "html.parser")
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED
        assert set(tag.attrs) <= {"href", "rel"}
        href = tag.get("href")
        if href is not None:
            assert re.match(r"(https?:|mailto:|[^:]*$|[^:]*[/?#])", href.strip(), re.I), href
            assert "javascript:" not in href.lower().replace("\t", "").replace("\n", "")
    # "javascript:" and "on...=" may only survive as visible, escaped text, never inside a tag
    for inside in re.findall(r"<[^>]*>", out):
        assert "javascript:" not in inside.lower()
        assert not re.search(r"\son\w*\s*=", inside, re.I)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_clean_text_is_xml_safe_and_idempotent(s):
    out = clean_text(s)
    assert not XML_INVALID.search(out)
    assert "\r" not in out
    assert clean_text(out) == out
