"""Split one raw dump into article drafts: clean chrome, find story boundaries, title them.

The public entry point is `split_source`. A stretch between two boundaries
that holds no prose at all (a masthead, a table of contents) is not a story. Every non-blank raw line (other than
header metadata) ends up in exactly one place: a block or the title line of an
article, or a Drop with a reason.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .boilerplate import is_bio
from .boundaries import Para, titled_starts, untitled_starts
from .chrome import is_body_para, mark_chrome, repeated_runs, set_off
from .headline import is_title_like, make_headline, width
from .model import ArticleDraft, Block, Drop, SourceText, SplitResult
from .paragraphs import NUMBERED, Unit, build_units
from .stagetime import timed
from .textnorm import fold

_ATTRIBUTION = re.compile(r"^[—–-]{1,2}\s*\S.*\(@\w+\)")
BIO_TAIL = 3
ABOUT_TAIL = 4      # an "About" heading, its blurb, the media contacts, the source line
# The heading of a press release's company boilerplate: "About Lumo Robotics", "About XYZ Inc.:"
_ABOUT = re.compile(r"^About(\s+[A-Z0-9][\w&.,'\-]*){1,5}:?$")
PROSE_CHARS = 80
SIDEBAR_PROSE = 2     # full paragraphs after a comment thread that make a story, not a sidebar
# The drop reasons of a reader comment thread, which closes the article above it.
COMMENT_REASONS = frozenset({"boilerplate:comment", "boilerplate:comment-meta"})
HEADED_WORDS = 40     # a line above a byline is its headline up to this long (`_headed`)


def _is_heading(u: Unit) -> bool:
    """A single title-like line: a headline or an in-article subhead."""
    if u.kind != "text" or len(u.lines) != 1 or not is_title_like(u.text) or is_body_para(u.text):
        return False
    if NUMBERED.match(u.text):      # a numbered section heading (paragraphs._numbered_headings)
        return True
    return not (fold(u.text).endswith("?") and len(u.text.split()) > 8)


def _headed(units: list[Unit], k: int, reasons: dict[int, str]) -> bool:
    """A line set off above a byline, shaped like a headline however wide (as a forum sets a
    link's title: two sentences and the site's name, "… now wants answers (example.com)"): a
    site puts the byline under the headline, never under a paragraph's end."""
    u = units[k]
    return (u.kind == "text" and len(u.lines) == 1 and reasons.get(k + 1) == "boilerplate:byline"
            and set_off(units, k, reasons) and is_title_like(u.text, HEADED_WORDS, max_width=None))


def _blocks(units: list[Unit], idx: list[int], heads: set[int]) -> list[Block]:
    """Turn the units of one story into blocks (an embedded post and its attribution: a quote)."""
    out: list[Block] = []
    for i in idx:
        u = units[i]
        if u.kind == "list":
            out.append(Block("list", "\n".join(u.parts), list(u.lines)))
        elif i in heads:
            out.append(Block("heading", u.text.strip(), list(u.lines)))
        elif _ATTRIBUTION.match(fold(u.text)) and out and out[-1].kind in ("para", "quote"):
            prev = out.pop()
            out.append(Block("quote", f"{prev.text}\n{u.text.strip()}", prev.lines + list(u.lines)))
        else:
            out.append(Block("para", u.text.strip(), list(u.lines)))
    return out


def _is_prose(block: Block) -> bool:
    """A block that reads as article text: a full paragraph (or a long one, as in scripts written
    without spaces, whose wide characters count double), or a list of full sentences."""
    if block.kind == "list":
        return any(is_body_para(item) for item in block.text.split("\n"))
    return block.kind != "heading" and (is_body_para(block.text) or width(block.text.strip()) >= PROSE_CHARS)


def _strip_bio(blocks: list[Block], drops: list[Drop], lines: list[str]) -> list[Block]:
    """Drop an author bio (in the last ``BIO_TAIL`` paragraphs), or a press release's "About
    <company>" section (in the last ``ABOUT_TAIL`` paragraphs and headings), and what follows
    it (media contacts, the source line), from the end of a story."""
    paras = [k for k, b in enumerate(blocks) if b.kind == "para"]
    bios = {k: "boilerplate:author-bio" for k in paras[-BIO_TAIL:] if is_bio(blocks[k].text)}
    tail = [k for k, b in enumerate(blocks) if b.kind in ("para", "heading")][-ABOUT_TAIL:]
    abouts = {k: "boilerplate:about" for k in tail if _ABOUT.match(fold(lines[blocks[k].lines[0] - 1]))}
    cut = min((k for k in (*bios, *abouts) if k > 0), default=None)
    if cut is None:
        return blocks
    reason = bios.get(cut) or abouts[cut]
    for b in blocks[cut:]:
        drops.extend(Drop(n, lines[n - 1], reason) for n in b.lines)
    return blocks[:cut]


def _before_sidebar(src: SourceText, units: list[Unit], body_idx: list[int], reasons: dict[int, str],
                    drops: list[Drop]) -> list[int]:
    """A titled story's body units up to its comment thread: what follows the thread before the
    next headline is the page's sidebar or footer ("About this community", its rules), dropped,
    unless it holds ``SIDEBAR_PROSE`` full paragraphs or more (a story whose headline was missed)."""
    for pos in range(1, len(body_idx)):
        if any(reasons.get(j) in COMMENT_REASONS for j in range(body_idx[pos - 1] + 1, body_idx[pos])):
            tail = body_idx[pos:]
            if sum(units[i].kind == "text" and is_body_para(units[i].text) for i in tail) >= SIDEBAR_PROSE:
                return body_idx
            drops.extend(Drop(n, src.lines[n - 1], "boilerplate:sidebar") for i in tail for n in units[i].lines)
            return body_idx[:pos]
    return body_idx


def _chrome_drops(src: SourceText, units: list[Unit], reasons: dict[int, str]) -> list[Drop]:
    """The lines of the units marked as chrome, with their reasons."""
    return [Drop(n, src.lines[n - 1], r) for i, r in sorted(reasons.items()) for n in units[i].lines]


def _story_blocks(src: SourceText, units: list[Unit], idx: list[int], body_idx: list[int], heads: set[int],
                  drops: list[Drop]) -> list[Block] | None:
    """The blocks of one story (its units ``idx``, its body ``body_idx``), or None when it holds
    none (a title with nothing under it) or no prose: its units are then dropped."""
    blocks = _strip_bio(_blocks(units, body_idx, heads), drops, src.lines)
    reason = "boilerplate:orphan-title" if not blocks else None if any(map(_is_prose, blocks)) else "boilerplate:no-story"
    if reason is None:
        return blocks
    drops.extend(Drop(n, src.lines[n - 1], reason) for i in idx for n in units[i].lines)
    return None


def split_source(src: SourceText, common_lines: frozenset[str] = frozenset()) -> SplitResult:
    """Split one decoded source into article drafts and dropped lines."""
    with timed("clean"):
        units = build_units(src.lines, {*src.meta_lines, *src.field_drops},
                            frozenset(r.title_line for r in src.records if r.title_line))
        in_run, edges = repeated_runs(units)
        reasons = mark_chrome(units, common_lines, in_run)
    with timed("split"):
        if src.records:
            return _split_records(src, units, reasons)
        return _split_units(src, units, edges, reasons)


def _split_records(src: SourceText, units: list[Unit], reasons: dict[int, str]) -> SplitResult:
    """One article per record of a record dump (``fieldrecords``): its headline field is the
    title (never chrome), its other units that are not chrome are the body, and its date field
    is the date it states."""
    titles = {r.title_line for r in src.records if r.title_line}
    reasons = {i: r for i, r in reasons.items() if units[i].first not in titles}
    drops = _chrome_drops(src, units, reasons)
    drops += [Drop(n, src.lines[n - 1], reason) for n, reason in src.field_drops.items()]
    members: list[list[int]] = [[] for _ in src.records]
    firsts = [r.first for r in src.records]
    for i, u in enumerate(units):
        k = bisect_right(firsts, u.first) - 1
        if k < 0 or u.first > src.records[k].last:
            drops.extend(Drop(n, src.lines[n - 1], "record-export:header") for n in u.lines)
        elif i not in reasons:
            members[k].append(i)
    articles: list[ArticleDraft] = []
    for record, idx in zip(src.records, members):
        title_unit = next((i for i in idx if units[i].first == record.title_line), None)
        body = [i for i in idx if i != title_unit]
        blocks = _story_blocks(src, units, idx, body, {i for i in body if _is_heading(units[i])}, drops)
        if blocks is None:
            continue
        used = [n for b in blocks for n in b.lines]
        if title_unit is not None:
            title, generated, title_line = units[title_unit].text.strip(), False, record.title_line
            used.append(record.title_line)
        else:
            title, generated, title_line = make_headline(blocks), True, None
        articles.append(ArticleDraft(source=src.path, title=title, title_generated=generated,
                                     title_line=title_line, blocks=blocks, start_line=min(used),
                                     end_line=max(used), stated_date=record.date,
                                     stated_date_evidence=record.date_evidence))
    return SplitResult(articles, sorted(drops, key=lambda d: d.line))


def _split_units(src: SourceText, units: list[Unit], edges: set[int], reasons: dict[int, str]) -> SplitResult:
    """Articles from a source's units once chrome and boilerplate are marked (``reasons``)."""
    drops = _chrome_drops(src, units, reasons)
    live = [i for i in range(len(units)) if i not in reasons]
    live_edges = {live[k] if k < len(live) else -1 for k in (bisect_left(live, e) for e in edges)}
    paras = [Para(i, units[i].text, _is_heading(units[i]) or _headed(units, i, reasons),
                  tuple(sorted({reasons[j] for j in range(prev + 1, i)})) if i > prev + 1 else (),
                  units[i].kind == "list", any(units[j].gap_before for j in range(prev + 1, i + 1)))
             for prev, i in zip([-1, *live], live)]
    if not paras:
        return SplitResult([], sorted(drops, key=lambda d: d.line))
    # a headline opens the file (perhaps with its deck under it, set as a title-like line too),
    # or numbered headlines run through it ("1. …", "2. …": paragraphs._numbered_headings)
    titled = (paras[0].heading and any(not p.heading for p in paras[1:3])) \
        or sum(1 for p in paras if p.heading and NUMBERED.match(p.text)) >= 2
    starts = titled_starts(paras, live_edges) if titled else untitled_starts(paras, live_edges)
    heads = {p.index for p in paras if p.heading}
    articles: list[ArticleDraft] = []
    for s, e in zip(starts, starts[1:] + [len(paras)]):
        idx = [p.index for p in paras[s:e]]
        title_unit = idx[0] if titled and paras[s].heading else None
        body_idx = idx[1:] if title_unit is not None else idx
        if title_unit is not None:
            body_idx = _before_sidebar(src, units, body_idx, reasons, drops)
        blocks = _story_blocks(src, units, idx, body_idx, heads, drops)
        if blocks is None:
            continue
        first = units[idx[0]].lines[0]
        last = max(n for b in blocks for n in b.lines)
        if title_unit is not None:          # (a numbered headline loses its number: "2. Lintas exits")
            title = NUMBERED.sub("", units[title_unit].text.strip(), count=1)
            generated, title_line = False, units[title_unit].lines[0]
        else:
            title, generated, title_line = make_headline(blocks), True, None
        articles.append(ArticleDraft(source=src.path, title=title, title_generated=generated,
                                     title_line=title_line, blocks=blocks, start_line=first, end_line=last))
    return SplitResult(articles, sorted(drops, key=lambda d: d.line))
