"""Turn an article's blocks into safe HTML, a summary and a reading time.

Blocks become Markdown (paragraphs, ``##`` subheads, ``-`` lists, ``>`` quotes)
with the source text escaped, so nothing in a dump is taken as markup; the
Markdown is rendered by markdown-it-py with raw HTML off, then passed through
the sanitiser as a second line of defence.

Because every character Markdown could read as structure is escaped, markdown-it
turns such a body into one fixed HTML shape per block with the text HTML-escaped.
``direct_html`` writes that HTML straight away (the same bytes, much faster); the
bodies it cannot vouch for (an empty block, two lists in a row, which Markdown
merges into one loose list) go through markdown-it. Such HTML holds only allowlisted
tags without attributes and escaped text, so the sanitiser would only parse and
re-serialise it: ``sanitize_html`` of it is ``clean_text`` of it with ``&quot;`` written
as ``"`` (its serialiser escapes no quotes in text), and ``body_html`` does just that.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .model import ArticleDraft, Block
from .sanitize import clean_text, sanitize_html

_MD = MarkdownIt("commonmark", {"html": False})
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD_OR_NUMBER = re.compile(r"[^\W\d_]+|\d+")
# ASCII bytes as word characters: letters (first table) or digits (second) become "a", the rest " "
_ASCII_LETTERS = bytes(b"a"[0] if 65 <= c <= 90 or 97 <= c <= 122 else b" "[0] for c in range(256))
_ASCII_DIGITS = bytes(b"a"[0] if 48 <= c <= 57 else b" "[0] for c in range(256))
_ASCII = bytes(range(128))
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)]?\s+")
SUMMARY_CHARS = 280


def _squeezed(text: str) -> str:
    """``" ".join(text.split())``: whitespace runs as one space, none at the ends. A printable
    text (no whitespace but the space) without a double or an outer space is that already."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def escape_markdown(text: str) -> str:
    """Escape every character Markdown could read as structure or markup."""
    return _SPECIAL.sub(r"\\\1", _squeezed(text))


def block_markdown(block: Block) -> str:
    """The Markdown for one block."""
    if block.kind == "heading":
        return "#" * max(2, min(block.level, 3)) + " " + escape_markdown(block.text)
    if block.kind == "list":
        return "\n".join("- " + escape_markdown(item) for item in block.text.split("\n") if item.strip())
    if block.kind == "quote":
        return "> " + escape_markdown(block.text)
    return escape_markdown(block.text)


def markdown_html(blocks: list[Block]) -> str:
    """The blocks' Markdown rendered by markdown-it (before sanitising)."""
    return _MD.render("\n\n".join(block_markdown(b) for b in blocks))


def _text_html(text: str) -> str:
    """What markdown-it renders ``escape_markdown(text)`` as: the text, NUL replaced, HTML-escaped."""
    out = _squeezed(text).replace("\0", "\ufffd")
    return out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _block_html(block: Block) -> str:
    """One block's HTML as markdown-it renders it, or "" for an empty block."""
    if block.kind == "list":
        items = "".join(f"<li>{_text_html(item)}</li>\n" for item in block.text.split("\n") if item.strip())
        return f"<ul>\n{items}</ul>\n" if items else ""
    text = _text_html(block.text)
    if not text:
        return ""
    if block.kind == "heading":
        level = max(2, min(block.level, 3))
        return f"<h{level}>{text}</h{level}>\n"
    if block.kind == "quote":
        return f"<blockquote>\n<p>{text}</p>\n</blockquote>\n"
    return f"<p>{text}</p>\n"


def direct_html(blocks: list[Block]) -> str | None:
    """``markdown_html(blocks)`` without markdown-it, or None for a body it cannot vouch for."""
    parts = []
    for k, block in enumerate(blocks):
        part = _block_html(block)
        if not part or (k and block.kind == "list" and blocks[k - 1].kind == "list"):
            return None
        parts.append(part)
    return "".join(parts)


def body_html(article: ArticleDraft) -> str:
    """The post body as sanitised HTML."""
    html = direct_html(article.blocks)
    if html is None:
        return sanitize_html(markdown_html(article.blocks))
    return clean_text(html).replace("&quot;", '"')     # what sanitize_html makes of it (see above)


def summary(article: ArticleDraft, limit: int = SUMMARY_CHARS) -> str:
    """One or two opening sentences of the first paragraph, as plain text."""
    first = next((b.text for b in article.blocks if b.kind == "para"), "")
    first = _squeezed(first)
    sentences = _SENTENCE_END.split(first)
    out = sentences[0] if sentences else ""
    if len(sentences) > 1 and len(out) + len(sentences[1]) < limit * 0.8:
        out = f"{out} {sentences[1]}"
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0] + "…"
    return out


def _runs(data: bytes) -> int:
    """Runs of ASCII letters plus runs of ASCII digits in ``data``."""
    marked = b" " + data.translate(_ASCII_LETTERS) + b" " + data.translate(_ASCII_DIGITS)
    return marked.count(b" a")


def word_count(article: ArticleDraft) -> int:
    """Words in the body (CJK characters count one each)."""
    text = article.text
    data = text.encode("utf-8", "surrogatepass")
    beyond_ascii = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    if _CJK.search(beyond_ascii) is None:
        if not any(map(str.isalnum, beyond_ascii)):
            return _runs(data)      # no word character beyond ASCII: count the runs without a regex
        return len(_WORD_OR_NUMBER.findall(text))
    cjk = len(_CJK.findall(text))
    return len(_WORD_OR_NUMBER.findall(_CJK.sub(" ", text))) + cjk


def reading_minutes(words: int, wpm: int) -> int:
    """Minutes to read, at least one."""
    return max(1, round(words / wpm))
