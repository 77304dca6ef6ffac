"""Make untrusted text and HTML safe to publish.

``clean_text`` removes characters that are invalid in XML 1.0 (feeds would
break) or invisible and hostile (control, bidi-override, zero-width), and turns
odd Unicode spaces into plain spaces. ``sanitize_html`` reduces an HTML post
body to a small allowlist of tags so no script, style, event handler or
``javascript:`` link can reach a page or a feed.
"""
from __future__ import annotations

import re

import nh3

# Removed outright: C0/C1 controls except \t and \n (\r is handled as a newline,
# \v \f and NEL become spaces), lone surrogates, the XML-invalid U+FFFE/U+FFFF,
# noncharacters, and bidi embedding/override/isolate controls (spoofing).
_CONTROL_BMP = (
    "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
    "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\u202a-\u202e\u2066-\u2069"
)
_CONTROL_ASTRAL = "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
_CONTROL_CHARS = _CONTROL_BMP + _CONTROL_ASTRAL
# Invisible characters removed without counting them as problems.
# ZWJ/ZWNJ (U+200C/U+200D) are kept: they carry meaning in emoji and in
# Persian/Indic scripts.
_ZERO_WIDTH_CHARS = "\u00ad\u180e\u200b\u2060\ufeff"
# Characters that become a plain space.
_SPACE_CHARS = (
    "\x0b\x0c\x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000"
)

_CONTROL_RE = re.compile(f"[{_CONTROL_CHARS}]")
_ANY_RE = re.compile(f"\r\n?|[{_CONTROL_CHARS}{_ZERO_WIDTH_CHARS}{_SPACE_CHARS}]")
# Cheaper tests for "_ANY_RE matches somewhere" (a class holding astral characters is slow to
# scan): the ASCII characters it matches (as bytes, deleted with bytes.translate), its
# characters below U+10000, and the astral ones, looked for only when the UTF-8 text holds a
# byte from F0 up (only characters above U+FFFF have one).
_ASCII_ANY_BYTES = bytes([*range(0x00, 0x09), *range(0x0b, 0x20), 0x7f])
_BMP_ANY_RE = re.compile(f"[\r{_CONTROL_BMP}{_ZERO_WIDTH_CHARS}{_SPACE_CHARS}]")
_ASTRAL_ANY_RE = re.compile(f"[{_CONTROL_ASTRAL}]")
_BELOW_ASTRAL_BYTES = bytes(range(0xF0))
_SPACE_SET = frozenset(_SPACE_CHARS)
_CONTROL_AS_SPACE = frozenset("\x0b\x0c\x85")


def _replacement(ch: str) -> str:
    if ch[0] == "\r":
        return "\n"
    if ch in _SPACE_SET:
        return " "
    return ""


def _needs_cleaning(s: str) -> bool:
    """Whether ``_ANY_RE`` matches somewhere in ``s``."""
    if s.isascii():
        data = s.encode("ascii")
        return len(data.translate(None, _ASCII_ANY_BYTES)) != len(data)
    if _BMP_ANY_RE.search(s) is not None:
        return True
    astral = bool(s.encode("utf-8", "surrogatepass").translate(None, _BELOW_ASTRAL_BYTES))
    return astral and _ASTRAL_ANY_RE.search(s) is not None


def clean_text_counted(s: str) -> tuple[str, int]:
    """``clean_text`` plus the number of control/XML-invalid characters it removed or replaced.

    Zero-width characters and odd spaces are normalised silently (they are
    normal in scraped text); only control-like characters are counted.
    """
    if not _needs_cleaning(s):
        return s, 0
    controls = len(_CONTROL_RE.findall(s)) + sum(s.count(c) for c in _CONTROL_AS_SPACE)
    return _ANY_RE.sub(lambda m: _replacement(m.group()), s), controls


def clean_text(s: str) -> str:
    """Return ``s`` safe for XML 1.0 and free of invisible or hostile characters.

    CRLF and lone CR become ``\\n``; tabs and newlines are kept; NBSP and other
    Unicode spaces become ``" "``; zero-width characters, control characters,
    bidi overrides and XML-invalid code points are removed. Linear time.
    """
    return clean_text_counted(s)[0]


ALLOWED_TAGS = frozenset(
    {"p", "h2", "h3", "ul", "ol", "li", "blockquote", "a", "em", "strong", "code", "pre", "br"}
)
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "math",
     "textarea", "select", "title", "head"}
)


def sanitize_html(html: str) -> str:
    """Reduce an HTML post body to the allowlisted tags and safe links.

    Kept: p h2 h3 ul ol li blockquote a em strong code pre br; ``a`` keeps only
    ``href`` with an http, https or mailto scheme or a relative URL, and gets
    ``rel="noopener noreferrer"``. Everything inside script, style, iframe and
    similar containers is removed with its content; other tags are unwrapped.
    No attribute other than ``href`` (and the added ``rel``) survives, so there
    is no ``on*=`` handler and no ``style``.
    """
    cleaned = nh3.clean(
        clean_text(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    # Numeric character references such as &#1; are decoded by the parser and
    # re-emitted as raw characters, so clean once more.
    return clean_text(cleaned)
