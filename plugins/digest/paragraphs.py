"""Group the raw lines of a dump into paragraph units.

Paragraphs are separated by blank lines or sit one per line; hard-wrapped
paragraphs (a line that stops mid-sentence, or a file wrapped at a fixed
width) are joined back; bullet lines ("•", "-", "*", "1.") form list units,
and indented lines under a bullet continue its item; a lone numbered line between
blank lines, followed by prose, is a numbered section heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .headline import is_title_like
from .textnorm import RULE_LINE, ends_sentence, fold, word_total

SEPARATOR = RULE_LINE
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")
BODY_WORDS = 12          # a full paragraph of prose has at least this many words
RUN_ON_LINE = 160        # characters: a line this long is no wrapped line ...
RUN_ON_SHARE = 0.1       # ... and when this share of a file's lines are, it holds a paragraph per line
BULLET = re.compile(r"^\s*(?:[\u2022\u25aa\u25e6\u25cf\u2023\u2043\u00b7*\-\u2013]|\d{1,2}[.)])\s+(?=\S)")


@dataclass
class Unit:
    """A paragraph, a single short line or a bullet list, with its raw line numbers."""

    kind: str                          # "text" or "list"
    lines: list[int]
    parts: list[str]                   # raw line texts (list: item texts, bullets stripped)
    item_lines: list[list[int]] = field(default_factory=list)   # list: lines of each item
    gap_before: bool = True            # a blank line (or file start) precedes the unit
    gap_after: bool = True             # a blank line (or file end) follows the unit

    @cached_property
    def text(self) -> str:
        """The unit's text: joined with spaces (lists: items joined by newlines).

        Computed once, on first use: build_units hands out units with their parts final.
        """
        if self.kind == "list":
            return "\n".join(self.parts)
        return " ".join(p.strip() for p in self.parts)

    @property
    def first(self) -> int:
        return self.lines[0]


def is_body_para(text: str) -> bool:
    """A full paragraph of prose: enough words and a sentence end."""
    return word_total(text) >= BODY_WORDS and ends_sentence(text)


def wrap_width(lines: list[str]) -> int | None:
    """The fixed width a file seems hard-wrapped at, or None when it is not wrapped."""
    texts = [s.rstrip() for s in lines if s.strip()]
    lens = sorted(len(s) for s in texts)
    if len(lens) < 8:
        return None
    width = lens[int(0.95 * (len(lens) - 1))]
    if width > 100 or width < 30:
        return None
    near = [s for s in texts if len(s) >= 0.7 * width]
    open_ended = sum(1 for s in near if not ends_sentence(s))
    return width if len(near) >= 0.4 * len(lens) and open_ended >= 0.5 * len(near) else None


def one_paragraph_per_line(lines: list[str]) -> bool:
    """Many lines of the file are far longer than any wrap width: it is not wrapped, each line
    holds a whole paragraph (a wrapped file has no such lines)."""
    lens = [len(s.rstrip()) for s in lines if s.strip()]
    return bool(lens) and sum(n > RUN_ON_LINE for n in lens) >= RUN_ON_SHARE * len(lens)


def _continues(prev: str, nxt: str, width: int | None, run_on: bool = False) -> bool:
    """Whether line `nxt` carries on the paragraph that line `prev` belongs to (`run_on`: the
    file holds a paragraph per line, so a long line without a full stop is not a wrapped one)."""
    p, n = fold(prev), fold(nxt)
    if not p or not n or BULLET.match(nxt) or SEPARATOR.match(nxt) or SEPARATOR.match(prev):
        return False
    if nxt[:1].isspace() and not prev[:1].isspace():
        return False            # an indented first line opens a paragraph
    if n[0].islower():      # (a file of a paragraph per line breaks lines only between them)
        return not run_on
    if width is not None:
        return len(prev.rstrip()) >= 0.75 * width and len(p.split()) >= 5
    return not run_on and not ends_sentence(p) and len(p) >= 80


def build_units(lines: list[str], skip: set[int], alone: frozenset[int] = frozenset()) -> list[Unit]:
    """Split decoded lines (1-based numbering) into paragraph and list units.

    Lines whose number is in `skip` (header metadata) act as blank lines; a line in `alone`
    (a record's headline) is a unit by itself.
    """
    kept = [s for i, s in enumerate(lines, 1) if i not in skip]
    width = wrap_width(kept)
    run_on = width is None and one_paragraph_per_line(kept)
    units: list[Unit] = []
    cur: Unit | None = None
    blank_before = True
    for no, raw in enumerate(lines, 1):
        raw = raw.rstrip("\r")
        if no in skip or not raw.strip() or no in alone:
            if cur is not None:
                cur.gap_after = True
            cur, blank_before = None, True
            if no in alone and raw.strip():
                units.append(Unit("text", [no], [raw]))
            continue
        bullet = BULLET.match(raw) if not SEPARATOR.match(raw) else None
        indented = raw[:1].isspace() and len(raw) - len(raw.lstrip()) >= 2
        if bullet:
            item = raw[bullet.end():].strip()
            if cur is not None and cur.kind == "list":
                cur.parts.append(item)
                cur.item_lines.append([no])
                cur.lines.append(no)
            else:
                if cur is not None:
                    cur.gap_after = False
                cur = Unit("list", [no], [item], [[no]], gap_before=blank_before, gap_after=False)
                units.append(cur)
        elif cur is not None and cur.kind == "list" and indented:
            cur.parts[-1] = f"{cur.parts[-1]} {raw.strip()}"
            cur.item_lines[-1].append(no)
            cur.lines.append(no)
        elif cur is not None and cur.kind == "text" and _continues(cur.parts[-1], raw, width, run_on):
            cur.parts.append(raw)
            cur.lines.append(no)
        else:
            if cur is not None:
                cur.gap_after = False
            cur = Unit("text", [no], [raw], gap_before=blank_before, gap_after=False)
            units.append(cur)
        blank_before = False
    if cur is not None:
        cur.gap_after = True
    return _numbered_headings(units, lines)


def _numbered_headings(units: list[Unit], lines: list[str]) -> list[Unit]:
    """A lone numbered line followed by prose ("2. Europe audits its chip subsidies") is a
    numbered section heading, not a one-item list, when blank lines set it off, or when such
    lines number the file's sections in order from 1 ("1." … "2." … "3.", prose in between,
    as a newsletter numbers its items without blank lines)."""
    found: list[tuple[int, int]] = []      # (unit index, its number)
    for k, u in enumerate(units):
        nxt = units[k + 1] if k + 1 < len(units) else None
        number = NUMBERED.match(lines[u.first - 1]) if u.kind == "list" and len(u.lines) == 1 else None
        if (number and is_title_like(u.parts[0])
                and nxt is not None and nxt.kind == "text" and not is_title_like(nxt.text)):
            found.append((k, int(number.group().strip().rstrip(".)"))))
    in_order = len(found) >= 2 and [n for _, n in found] == list(range(1, len(found) + 1))
    out = list(units)
    for k, _ in found:
        u = units[k]
        if in_order or (u.gap_before and u.gap_after):
            out[k] = Unit("text", list(u.lines), [lines[u.first - 1].strip()], gap_before=True, gap_after=True)
    return out
