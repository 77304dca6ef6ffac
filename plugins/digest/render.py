"""Turn an article's blocks into safe HTML, a summary and a reading time.

Blocks become Markdown (paragraphs, ``##`` subheads, ``-`` lists, ``>`` quotes)
with the source text escaped, so nothing in a dump is taken as markup; the
Markdown is rendered by markdown-it-py with raw HTML off, then passed through
the sanitiser as a second line of defence.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .model import ArticleDraft, Block
from .sanitize import sanitize_html

_MD = MarkdownIt("commonmark", {"html": False})
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)]?\s+")
SUMMARY_CHARS = 280


def escape_markdown(text: str) -> str:
    """Escape every character Markdown could read as structure or markup."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def block_markdown(block: Block) -> str:
    """The Markdown for one block."""
    if block.kind == "heading":
        return "#" * max(2, min(block.level, 3)) + " " + escape_markdown(block.text)
    if block.kind == "list":
        return "\n".join("- " + escape_markdown(item) for item in block.text.split("\n") if item.strip())
    if block.kind == "quote":
        return "> " + escape_markdown(block.text)
    return escape_markdown(block.text)


def body_html(article: ArticleDraft) -> str:
    """The post body as sanitised HTML."""
    markdown = "\n\n".join(block_markdown(b) for b in article.blocks)
    return sanitize_html(_MD.render(markdown))


def summary(article: ArticleDraft, limit: int = SUMMARY_CHARS) -> str:
    """One or two opening sentences of the first paragraph, as plain text."""
    first = next((b.text for b in article.blocks if b.kind == "para"), "")
    first = " ".join(first.split())
    sentences = _SENTENCE_END.split(first)
    out = sentences[0] if sentences else ""
    if len(sentences) > 1 and len(out) + len(sentences[1]) < limit * 0.8:
        out = f"{out} {sentences[1]}"
    if len(out) > limit:
        out = out[:limit].rsplit(" ", 1)[0] + "…"
    return out


def word_count(article: ArticleDraft) -> int:
    """Words in the body (CJK characters count one each)."""
    text = article.text
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(re.findall(r"[^\W\d_]+|\d+", re.sub(r"[\u3400-\u9fff]", " ", text))) + cjk


def reading_minutes(words: int, wpm: int) -> int:
    """Minutes to read, at least one."""
    return max(1, round(words / wpm))
