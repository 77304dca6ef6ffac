"""Read a text dump written in Markdown (a CMS export, a scraper's Markdown output) as the
plain lines a text dump would hold, one output line per input line, so line numbers stay
those of the file.

A dump is read as Markdown when its lines use Markdown's block syntax: at least
``MIN_MARKUP_LINES`` ATX headings ("## Title"), image lines or lines that are only a link.
Then each line loses its markup: a heading keeps its text (so it is a title line like
any other), emphasis markers go ("**By Jane Doe** | 3 March" is a byline), a link keeps
its text, a quote marker goes, and an image becomes "Image: <its alt text>", a line the
boilerplate checks drop as a picture credit. Other dumps are left as they are.
"""
from __future__ import annotations

import re

MIN_MARKUP_LINES = 2

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_IMAGE_LINE = re.compile(r"^\s*!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)\s*$")
_LINK_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\[[^\]]+\]\(\s*[^)\s]+(?:\s+[\"'][^)]*[\"'])?\s*\)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+(?:\s+[\"'][^)]*[\"'])?\)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")


def is_markdown(lines: list[str]) -> bool:
    """Whether the dump uses Markdown's block syntax (see the module docstring)."""
    marked = 0
    for line in lines:
        if ("#" in line or "](" in line) and (
                _HEADING.match(line) or _IMAGE_LINE.match(line) or _LINK_LINE.match(line)):
            marked += 1
            if marked >= MIN_MARKUP_LINES:
                return True
    return False


def plain_line(line: str) -> str:
    """``line`` without its Markdown markup (see the module docstring)."""
    image = _IMAGE_LINE.match(line)
    if image:
        alt = image.group(1).strip() or image.group(2).rsplit("/", 1)[-1]
        return f"Image: {alt}"
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(1)
    else:
        line = _QUOTE.sub("", line)
    line = _IMAGE.sub(lambda m: m.group(1), line)
    line = _LINK.sub(lambda m: m.group(1), line)
    line = _STRONG.sub(lambda m: m.group(2), line)
    line = _EMPHASIS_STAR.sub(lambda m: m.group(1), line)
    return _EMPHASIS_UNDERSCORE.sub(lambda m: m.group(1), line)
