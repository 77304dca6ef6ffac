"""Decide where one story ends and the next begins inside a dump.

Two layouts:

* titled: the file opens with a headline-like line. Every later title-like
  line is a headline (new story) or an in-article subhead; the choice weighs
  its shape (length, a question mark), chrome above it (more when it is the
  footer that closes a story: tags, a share bar, comments), an article header under it (a date
  line, byline or timestamp dropped there, a dateline opening the text),
  lexical cohesion across it, the overlap of its words and the names that
  follow with the story so far, and a name it shares with the text under it
  that the story so far never used.
* untitled: stories are glued back to back. Each gap between paragraphs gets
  a score from how alike the paragraphs on either side are, lede cues
  (digest openings, datelines, the lede shape rated in lede.py: a long
  one-sentence paragraph introducing a name, a source or a day, opening
  with words the paragraphs before never used) and continuation cues (an
  opening pronoun, connective or definite description, a quote going on);
  dynamic programming then picks the best set of boundaries, scoring each
  story by how well its paragraphs fit together, with a minimum story
  length (shorter between hard gaps: a rule line, a sign-off, a date line, or a
  blank line in a file that otherwise runs its paragraphs on) and a
  per-boundary cost.

In a titled file an untitled story may also be glued inside a titled
section: it starts there only on strong evidence (`inner_start`): a byline
dropped just before a lede-shaped paragraph that is less alike to the text
before it than the file's paragraphs typically are, with enough of the section
on each side.

In both layouts the start and the end of a repeated run of paragraphs (the
same article pasted twice) is a boundary, and a separator line ("---",
"* * *") is strong evidence for one. In a titled interview, once a story has
asked questions, a further question line is not a new headline.
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .cohesion import BagTable, name_overlap
from .lede import is_continuation, lede_scorer, lede_scores
from .textnorm import DATELINE, capitalised, content_stems, fold, names

WINDOW = 3
STYLE_WEIGHT = 1.0       # a headline is set in the same case style as the file's first one
CHROME_BEFORE = 0.75
CLOSING_BEFORE = 1.5     # ... when that chrome closes an article (tags, share bar, comments, bio)
# The drop reasons of the lines that close an article (its footer), never inside its text.
CLOSING_REASONS = frozenset({"boilerplate:tags", "boilerplate:share", "boilerplate:counter",
                             "boilerplate:comment-prompt", "boilerplate:comment", "boilerplate:author-bio"})
HEADER_AFTER = 2.0       # a date line, byline or timestamp dropped right under a title-like line
DATELINE_AFTER = 0.75    # per point of `lede_cue` of the paragraph under a title-like line
NEW_NAME = 1.0           # a title-like line names what the text under it names, and the story so far never did
# The drop reasons of the lines of an article's header (between its headline and its text).
HEADER_REASONS = frozenset({"dateline", "boilerplate:byline", "boilerplate:timestamp"})
ADJACENT_WEIGHT = 4.0    # how much likeness to the previous paragraph argues against a cut
MAX_STORY = 60           # paragraphs, untitled layout (bounds the work per paragraph)
START_BLOCK = 16         # untitled layout: story starts scored at once (bounds the memory)
SECTION_MIN = 2          # paragraphs under a subhead before a story may end
MIN_STORY = 3            # paragraphs, untitled layout
BOUNDARY_COST = 0.45     # untitled layout: what each story costs
BYLINE_BEFORE = 1.0      # untitled layout: a byline dropped just before a paragraph opens a story
CHROME_GAP = 0.4         # untitled layout: other chrome (share bar, ad, promo) between two paragraphs
LEDE_WEIGHT = 0.6        # untitled layout: per point of lede shape (see lede.py)
SEPARATOR_BEFORE = 3.0   # a separator line ("---", "* * *") just before a headline or paragraph
INTERVIEW_QUESTIONS = 2  # questions already asked in a story: further ones are the interview going on
INNER_SIDE = 2           # body paragraphs on each side of an untitled start inside a titled section
INNER_LEDE = 0.5         # lede shape (lede.py) an untitled start inside a titled section needs
INNER_COHESION = 1.0     # likeness across the cut below the file's typical likeness between paragraphs
SEPARATOR = "boilerplate:separator"
BLANK_GAP = 0.6          # untitled layout, in a file that runs paragraphs on without blank lines: a blank line
TIGHT_SHARE = 0.5        # ... that is, where at least this share of the gaps between paragraphs has none
SHORT_STORY = 2          # untitled layout: paragraphs of a story between two hard boundaries (see `hard_gaps`)
# Chrome that only sits between stories: a rule line, a sign-off or byline, a date line.
HARD_CHROME = frozenset({SEPARATOR, "boilerplate:byline", "dateline"})
# Index templates for a window of MAX_STORY paragraphs (o, o' positions in it).
_POS = np.arange(MAX_STORY)
_LATER = np.maximum.outer(_POS, _POS)                 # the later of o and o'
_APART = np.abs(_POS[:, None] - _POS[None, :])        # how far apart they are
_UPTO = _POS[:, None] <= _POS[None, :]                # [o, t]: paragraph o is in a story ending at t
_BAND_AT = _LATER * MAX_STORY + _APART                # where their dot product sits in a flat band (from o = 0)

_DIGEST = re.compile(
    r"^(hello|hi|hey|good (morning|afternoon|evening)|greetings)?[\s,!and]*\bwelcome\b|^(this week|today) (in|on)\b",
    re.I)


@dataclass
class Para:
    """A live unit as seen by the boundary finder."""

    index: int           # unit index in the file
    text: str
    heading: bool        # a title-like line (headline or subhead candidate)
    chrome_before: tuple[str, ...] = ()   # drop reasons of the chrome between this and the previous live unit
    is_list: bool = False                 # a bullet list (its items have no lede or continuation shape)
    blank_before: bool = True             # a blank line sits between this and the previous live unit


def lede_cue(text: str) -> float:
    """Evidence that a paragraph opens a story: digest greeting or a dateline."""
    s = fold(text)
    if _DIGEST.match(s):
        return 3.0
    if DATELINE.match(s):
        return 2.0
    return 0.0


def heading_shape(text: str) -> float:
    """How headline-like (rather than subhead-like) a title-like line is."""
    s = fold(text)
    n = len(s.split())
    score = 2.0 if n >= 8 else 1.0 if n >= 6 else 0.0 if n == 5 else -1.0 if n == 4 else -2.5
    if s.endswith("?"):
        score -= 2.5
    return score


def title_case(text: str) -> bool:
    """Most longer words capitalised: "Title Case" rather than "Sentence case"."""
    ws = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if len(w) >= 4]
    return bool(ws) and sum(w[0].isupper() for w in ws) >= 0.7 * len(ws)


def titled_starts(paras: list[Para], edges: set[int]) -> list[int]:
    """Positions (in `paras`) that start a story in a titled layout."""
    body = [k for k, p in enumerate(paras) if not p.heading]
    # (by position in `body`; a headline candidate's spans cover 2 * WINDOW + WINDOW paragraphs)
    table = BagTable([paras[k].text for k in body], 3 * WINDOW)
    base = _median_gap(table)
    table.cosines(_heading_spans(paras, body, edges))   # measured in one batch, looked up below
    house_style = title_case(paras[0].text)
    starts = [0]
    for k in range(1, len(paras)):
        p = paras[k]
        if p.index in edges:
            if k - starts[-1] >= 2:
                starts.append(k)
            continue
        if not p.heading or k + 1 >= len(paras) or paras[k + 1].heading:
            continue
        # the story's body so far (its last 2 * WINDOW paragraphs) and the WINDOW body paragraphs after k
        hi = bisect_left(body, k)
        lo = max(bisect_left(body, starts[-1]), hi - 2 * WINDOW)
        nxt = bisect_right(body, k)
        if lo >= hi or nxt >= len(body):
            continue
        left = body[lo:hi]
        score = heading_shape(p.text)
        score += STYLE_WEIGHT if title_case(p.text) == house_style else -STYLE_WEIGHT
        if CLOSING_REASONS.intersection(p.chrome_before):
            score += CLOSING_BEFORE     # the story above closed with its footer
        elif paras[k - 1].index != p.index - 1:
            score += CHROME_BEFORE      # site chrome (dropped) sits between the stories
        if SEPARATOR in p.chrome_before:
            score += SEPARATOR_BEFORE
        first = paras[body[nxt]]        # the paragraph under the line: an article's header and lede?
        if HEADER_REASONS.intersection(first.chrome_before):
            score += HEADER_AFTER
        score += DATELINE_AFTER * lede_cue(first.text)
        if _is_question(p.text) and sum(_is_question(q.text) for q in paras[starts[-1]:k]) >= INTERVIEW_QUESTIONS:
            score -= SEPARATOR_BEFORE   # an interview: one more question, not a new story
        sim = table.cosine(lo, hi, min(nxt + WINDOW, len(body)))     # (hi == nxt: k is no body paragraph)
        rel = sim / base if base else 0.0
        score -= 2.0 * (rel - 0.6)
        story = [n for j in left for n in names(paras[j].text)]
        title_terms = set(content_stems(p.text))
        known = set().union(*(content_stems(paras[j].text) for j in left))   # (no word spans two texts)
        if title_terms:
            score -= 2.0 * (len(title_terms & known) / len(title_terms) - 0.5)
        score -= 1.5 * (name_overlap(story, names(first.text)) - 0.3)
        after = {n for j in body[nxt:nxt + WINDOW] for n in names(paras[j].text)}
        if (capitalised(p.text) & after) - set(story):
            score += NEW_NAME
        if is_continuation(first.text):
            score -= 1.0
        if score > 0:
            starts.append(k)
    return _with_inner_starts(paras, starts, body, table, base)


def _heading_spans(paras: list[Para], body: list[int], edges: set[int]) -> list[tuple[int, int, int]]:
    """The cosine spans `titled_starts` may weigh at a headline candidate: the story's body so far
    (its last 2 * WINDOW paragraphs at most) against the WINDOW after, for each place the story
    may have begun (the file's start, an edge or an earlier candidate)."""
    n = len(body)
    candidates = [k for k in range(1, len(paras) - 1)
                  if paras[k].heading and not paras[k + 1].heading and paras[k].index not in edges]
    begins = sorted({0, *(bisect_left(body, k) for k in candidates),
                     *(bisect_left(body, k) for k, p in enumerate(paras) if p.index in edges)})
    out = []
    for k in candidates:
        hi = bisect_left(body, k)       # (a story that began at or after k begins at hi or later)
        if hi < n:
            floor = max(0, hi - 2 * WINDOW)
            later = begins[bisect_right(begins, floor):bisect_left(begins, hi)]
            out.extend((lo, hi, min(hi + WINDOW, n)) for lo in [floor, *later] if lo < hi)
    return out


def _with_inner_starts(paras: list[Para], starts: list[int], body: list[int], table: BagTable,
                       base: float) -> list[int]:
    """Add the untitled stories glued inside titled sections (see `inner_start`)."""
    lede = lede_scorer([paras[k].text for k in body])
    out: list[int] = []
    for s, e in zip(starts, starts[1:] + [len(paras)]):
        out.append(s)
        end = bisect_left(body, e)
        for k in range(s + 1, e):
            section = (bisect_left(body, out[-1]), end)
            if inner_start(paras, k, body, section, table, base, lede):
                out.append(k)
    return out


def inner_start(paras: list[Para], k: int, body: list[int], section: tuple[int, int], table: BagTable,
                base: float, lede: Callable[[int], float]) -> bool:
    """An untitled story starts at body paragraph `k` inside a titled section
    (``body[section[0]:section[1]]``; `lede` rates a body paragraph by its position).

    Only strong evidence counts: a byline dropped just before it (a story's
    credit line closing the one before), a rule line or a date line, straight after body text (never
    after a subhead, nor as the answer to a question), at least INNER_SIDE
    body paragraphs of the section on each side, the lede shape (lede.py) or
    a dateline, and less likeness across the cut than the file's paragraphs typically
    have.
    """
    p = paras[k]
    if p.heading or p.is_list or not HARD_CHROME.intersection(p.chrome_before):
        return False
    if paras[k - 1].heading or _is_question(paras[k - 1].text):
        return False
    lo, hi = section
    pos = bisect_left(body, k)
    if pos - lo < INNER_SIDE or hi - pos < INNER_SIDE or is_continuation(p.text):
        return False
    sim = table.cosine(max(lo, pos - WINDOW), pos, min(hi, pos + WINDOW))
    rel = sim / base if base else 0.0
    return (lede(pos) >= INNER_LEDE or lede_cue(p.text) > 0) and rel < INNER_COHESION


def _is_question(text: str) -> bool:
    return fold(text).rstrip("\"')]").endswith("?")


def _median_gap(table: BagTable) -> float:
    """The median likeness of the WINDOW body paragraphs before and after each gap."""
    sims = table.sliding_cosines(WINDOW)
    return statistics.median(sims) if sims else 0.0


def _gap_chrome(paras: list[Para], body: list[int], pos: int) -> set[str]:
    """The drop reasons of the chrome between body paragraphs ``pos - 1`` and ``pos``."""
    return {r for k in range(body[pos - 1] + 1, body[pos] + 1) for r in paras[k].chrome_before}


def blank_is_cue(paras: list[Para], body: list[int]) -> bool:
    """The file runs its paragraphs on without blank lines (TIGHT_SHARE of its gaps), so the
    blank lines it has set stories (or items) apart."""
    gaps = [not paras[body[pos]].blank_before for pos in range(1, len(body))]
    return bool(gaps) and sum(gaps) >= TIGHT_SHARE * len(gaps) and not all(gaps)


def hard_gaps(paras: list[Para], body: list[int], blank_cue: bool) -> list[bool]:
    """Gaps before each body paragraph that only a story boundary would have: a rule line, a
    sign-off or byline, or a date line dropped there, or a blank line where ``blank_cue``."""
    return [pos > 0 and (bool(_gap_chrome(paras, body, pos) & HARD_CHROME)
                         or (blank_cue and paras[body[pos]].blank_before))
            for pos in range(len(body))]


def gap_bonus(paras: list[Para], body: list[int], texts: list[str], table: BagTable,
              blank_cue: bool = False) -> list[float | None]:
    """Evidence for a story boundary before each body paragraph, from cues (None: not allowed).

    Cues: lede openings (digest greetings, datelines, the lede shape of
    lede.py), chrome or a separator dropped in the gap, a blank line where
    ``blank_cue`` (see `blank_is_cue`), opening
    pronouns/connectives, a quote going on, a short paragraph, and its
    similarity to the paragraph before it. `texts`: the body paragraphs with the headings just
    before them, as `table` holds them.
    """
    after_head = [pos > 0 and body[pos] - body[pos - 1] > 1 for pos in range(len(body))]
    adjacent = table.sliding_cosines(1)
    typical = statistics.median(adjacent) if adjacent else 0.0
    ledes = lede_scores([paras[k].text for k in body], [set(content_stems(t)) for t in texts])
    out: list[float | None] = [None] * len(body)
    for pos in range(1, len(body)):
        if any(after_head[max(0, pos - SECTION_MIN + 1):pos + 1]):
            continue                    # a subhead's section is never cut short
        text = paras[body[pos]].text
        b = 0.25 * lede_cue(text) + (0.0 if paras[body[pos]].is_list else LEDE_WEIGHT * ledes[pos])
        chrome = _gap_chrome(paras, body, pos)
        if blank_cue and paras[body[pos]].blank_before:
            b += BLANK_GAP
        if SEPARATOR in chrome:
            b += SEPARATOR_BEFORE
        elif "boilerplate:byline" in chrome:
            b += BYLINE_BEFORE
        elif chrome:
            b += CHROME_GAP
        b -= ADJACENT_WEIGHT * (adjacent[pos - 1] - typical)
        if is_continuation(text):
            b -= 0.4
        if text.lstrip()[:1] in "\"“‘'":
            b -= 0.3
        if len(text.split()) < 15:
            b -= 0.3
        out[pos] = b
    return out



def untitled_starts(paras: list[Para], edges: set[int]) -> list[int]:
    """Positions (in `paras`) that start a story in an untitled layout.

    Dynamic programming over segmentations of the body paragraphs. A story
    scores the sum, over its paragraphs, of the cosine between the paragraph
    and the centroid of the story's other paragraphs (tf-idf weighted bags):
    gluing two subjects together lowers every paragraph's fit, cutting one
    subject in two thins out both centroids. Each story costs BOUNDARY_COST
    and cue evidence at each boundary is added. Stories are at least
    MIN_STORY (only the whole file or a repeated copy may be shorter, at the
    end as anywhere else) and at most MAX_STORY paragraphs long.
    """
    body = [k for k, p in enumerate(paras) if not p.heading]
    if not body:
        return [0]
    texts = []
    for pos, k in enumerate(body):
        prev = body[pos - 1] if pos else -1
        heads = " ".join(paras[j].text for j in range(prev + 1, k))
        texts.append(f"{heads} {paras[k].text}".strip())
    table = BagTable(texts, 2)
    n = len(body)
    selfs, band = table.self_dots(), table.band_dots(MAX_STORY)
    blank_cue = blank_is_cue(paras, body)
    bonus = gap_bonus(paras, body, texts, table, blank_cue)
    forced = [pos for pos in range(1, n) if paras[body[pos]].index in edges]
    for pos in forced:
        bonus[pos] = 0.0
    hard = hard_gaps(paras, body, blank_cue)
    best, back = _segment(selfs, band, bonus, forced, hard)
    if best[n] == float("-inf"):
        return [0]
    starts = []
    b = n
    while b > 0:
        starts.append(back[b])
        b = back[b]
    return [0] + [body[a] for a in reversed(starts) if a > 0]


def _segment(selfs: np.ndarray, band: np.ndarray, bonus: list[float | None],
             forced: list[int], hard: list[bool]) -> tuple[list[float], list[int]]:
    """The dynamic programme of `untitled_starts` over n body paragraphs: the best score of the
    first b paragraphs (``best[b]``) and where its last story starts (``back[b]``).  A story
    shorter than MIN_STORY ends the file from an open start, or has `hard` gaps (or the file's
    edges) on both sides and at least SHORT_STORY paragraphs.

    The stories from each start a (their fits, `_story_fits`) improve the best scores of all
    their ends b at once.
    """
    n = len(selfs)
    opens = {0, *forced}
    best = np.full(n + 1, float("-inf"))
    back = np.zeros(n + 1, dtype=np.int64)
    best[0] = 0.0
    ends = np.array([b == n or bonus[b] is not None for b in range(n + 1)])     # a story may end before b
    starts = [a for a in range(n) if a == 0 or bonus[a] is not None]
    padded_selfs = np.concatenate((selfs, np.zeros(MAX_STORY)))
    padded_band = np.concatenate((band, np.zeros((MAX_STORY, MAX_STORY)))).ravel()
    for block in range(0, len(starts), START_BLOCK):
        some = starts[block:block + START_BLOCK]
        fits = _story_fits(padded_selfs, padded_band, np.array(some), min(MAX_STORY, n - some[0]))
        for a, fit in zip(some, fits):
            if best[a] == float("-inf"):
                continue
            base = best[a] - BOUNDARY_COST + (bonus[a] or 0.0)
            stop = min([f for f in forced if f > a] + [n, a + MAX_STORY])
            m = stop - a
            score = base + fit[:m]          # of the story a..a+t, for the end b = a+t+1
            allowed = ends[a + 1:stop + 1].copy()
            short = min(m, MIN_STORY - 1)   # a short story ends the file from an open start, or sits
            ends_at = np.arange(a + 1, a + 1 + short)   # between hard gaps
            closed = np.array([b == n or hard[b] for b in ends_at], dtype=bool)
            allowed[:short] &= (((ends_at == n) & (a in opens))
                                | (closed & (a == 0 or hard[a]) & (ends_at - a >= SHORT_STORY)))
            better = allowed & (score > best[a + 1:stop + 1])
            best[a + 1:stop + 1][better] = score[better]
            back[a + 1:stop + 1][better] = a
    return best.tolist(), back.tolist()


def _story_fits(selfs: np.ndarray, band: np.ndarray, starts: np.ndarray, longest: int) -> np.ndarray:
    """``fits[k, t]``: how well the story of paragraphs a .. a+t (a = ``starts[k]``, t <
    `longest`) holds together, the sum over its paragraphs of their cosines with the rest of
    the story; `selfs` and the flat `band` (see `BagTable.band_dots`) run on with zeros past the
    file's end.

    The stories are scored as arrays over the start, the story's paragraphs o and its last
    paragraph t; every sum runs in the same order (running sums, or sums down the slow axis of
    an array) as a loop adding the stories' paragraphs one by one would.
    """
    upto = _UPTO[:longest, :longest]
    others = band[_BAND_AT[:longest, :longest] + (starts * MAX_STORY)[:, None, None]]   # [o, o']: paragraphs
    for t in range(1, longest):             # a+o and a+o' (0 for o == o'); then [o, t]: D_o, the dot product
        others[:, :, t] += others[:, :, t - 1]      # of paragraph o with the rest of story a..a+t
    own = selfs[starts[:, None] + _POS[:longest]]   # |x_o|^2
    total = np.cumsum(2 * np.diagonal(others, axis1=1, axis2=2) + own, axis=1)    # [t]: |C|^2, C = sum of the bags
    own = own[:, :, None]
    rest = others * -2.0                    # |C - x_o|^2 = (|C|^2 - 2 D_o) - |x_o|^2
    rest += total[:, None, :]
    rest -= own
    fits = others > 0
    fits &= rest > 0
    fits &= own > 0
    fits &= upto
    scale = own * rest
    np.sqrt(scale, out=scale, where=fits)
    cos = rest                              # (its buffer, now free)
    cos.fill(0.0)
    np.divide(others, scale, out=cos, where=fits)
    return np.add.reduce(cos, axis=1)       # [t]: the paragraphs' fits, added in order

