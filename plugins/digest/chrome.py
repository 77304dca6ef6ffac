"""Mark the paragraph units of one dump that are site chrome, not article text.

Works on the units of a single file: stock chrome phrases and shapes, captions,
alt-text, foreign-language paragraphs, lines repeated within the file (but not
whole repeated articles) or across the corpus, widget lists, chrome before the
first headline/paragraph and after the last paragraph, and the short lines
that follow a "most read"/"related" heading.
"""
from __future__ import annotations

import re

from .boilerplate import (
    is_alt_text, is_caption, is_foreign, is_short, line_counts, pattern_reason,
)
from .headline import is_title_like
from .paragraphs import Unit
from .textnorm import ends_sentence, fold, normalize_line

MIN_RUN_UNITS = 3        # a repeated run this long is a repeated article, not chrome
MIN_RUN_WORDS = 60

_DATE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|"
    r"[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}.*)?$", re.I)
_LIST_HEAD = re.compile(
    r"^(most (read|popular|viewed|shared)|trending|related|recommended|you (might|may) also like|"
    r"more (from|stories|news)|popular|latest|top stories|read (more|next)|further reading)", re.I)


def is_body_para(text: str) -> bool:
    """A full paragraph of prose: enough words and a sentence end."""
    return len(fold(text).split()) >= 12 and ends_sentence(text)


def is_date_line(text: str) -> bool:
    """A line that is only a date (perhaps with a time)."""
    return bool(_DATE.match(fold(text)))


def repeated_runs(units: list[Unit]) -> tuple[set[int], set[int]]:
    """Runs of units that occur twice in the file (repeated articles).

    Returns the indices of units inside such runs and the indices where a run
    (original or copy) starts or ends: those are article boundaries.
    """
    keys = [normalize_line(u.text) for u in units]
    first_at: dict[str, list[int]] = {}
    inside: set[int] = set()
    edges: set[int] = set()
    i = 0
    n = len(units)
    while i < n:
        best_j, best_len = -1, 0
        for j in first_at.get(keys[i], []):
            k = 0
            while i + k < n and j + k < i and keys[j + k] == keys[i + k]:
                k += 1
            if k > best_len:
                best_j, best_len = j, k
        words = sum(len(keys[i + k].split()) for k in range(best_len))
        if best_len >= MIN_RUN_UNITS and words >= MIN_RUN_WORDS:
            for k in range(best_len):
                inside.update((best_j + k, i + k))
            edges.update((best_j, best_j + best_len, i, i + best_len))
            for k in range(best_len):
                first_at.setdefault(keys[i + k], []).append(i + k)
            i += best_len
            continue
        first_at.setdefault(keys[i], []).append(i)
        i += 1
    return inside, {e for e in edges if 0 < e < n}


def _text_reason(u: Unit, counts: dict[str, int], common: frozenset[str], in_run: bool) -> str | None:
    text = u.text
    key = normalize_line(text)
    single = len(u.lines) == 1
    if single:
        reason = pattern_reason(text)
        if reason:
            return reason
        if is_date_line(text):
            return "dateline"
        if is_caption(text):
            return "boilerplate:caption"
        if is_alt_text(text):
            return "boilerplate:alt-text"
    if not in_run and counts.get(key, 0) >= 2 and len(key.split()) <= 30:
        return "boilerplate:repeated"
    if single and key in common and is_short(text):
        return "boilerplate:repeated"
    if is_foreign(text):
        return "boilerplate:foreign-language"
    return None


def _list_reason(u: Unit) -> str | None:
    items = u.parts
    if all(len(fold(t).split()) <= 3 and not ends_sentence(t) for t in items):
        return "boilerplate:widget"
    return None


def mark_chrome(units: list[Unit], common: frozenset[str], in_run: set[int]) -> dict[int, str]:
    """Drop reasons keyed by unit index, for units that are chrome."""
    counts = line_counts(u.text for u in units)
    reasons: dict[int, str] = {}
    for i, u in enumerate(units):
        r = _text_reason(u, counts, common, i in in_run) if u.kind == "text" else _list_reason(u)
        if r:
            reasons[i] = r
    _mark_list_heads(units, reasons)
    _mark_edges(units, reasons)
    return reasons


def _mark_list_heads(units: list[Unit], reasons: dict[int, str]) -> None:
    """After a "most read"/"related" heading, short lines and lists are promo links."""
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind == "text" and len(fold(u.text).split()) <= 5 and _LIST_HEAD.match(fold(u.text)):
            reasons.setdefault(i, "boilerplate:promo")
            j = i + 1
            while j < len(units) and not is_body_para(units[j].text):
                if units[j].kind == "list" or is_title_like(units[j].text) or j in reasons:
                    reasons.setdefault(j, "boilerplate:promo")
                    j += 1
                else:
                    break
            i = j
        else:
            i += 1


def _mark_edges(units: list[Unit], reasons: dict[int, str]) -> None:
    """Chrome before the first headline or paragraph, and after the last paragraph."""
    live = [i for i in range(len(units)) if i not in reasons]
    body = [i for i in live if units[i].kind == "text" and is_body_para(units[i].text)]
    if not body:
        return
    first = body[0]
    last = max(body[-1], max((i for i in live if units[i].kind == "list"), default=-1))
    head = [i for i in live if i < first]
    title = head[-1] if head and is_title_like(units[head[-1]].text) else None
    for i in head:
        if i != title and _chrome_like(units[i]):
            reasons[i] = "boilerplate:masthead"
    for i in live:
        if i > last and _chrome_like(units[i]):
            reasons[i] = "boilerplate:footer"


def _chrome_like(u: Unit) -> bool:
    """A short fragment that is not a sentence (site name, menu entry, stray label)."""
    return u.kind == "text" and len(fold(u.text).split()) <= 8 and not ends_sentence(u.text)
