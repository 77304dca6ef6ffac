"""Mark the paragraph units of one dump that are site chrome, not article text.

Works on the units of a single file: stock chrome phrases and shapes, captions
(also a short line glued to a photo credit), kickers above headlines, reader
comments, alt-text, foreign-language paragraphs, lines repeated within the file (but not
whole repeated articles, even lightly edited copies) or across the corpus, widget lists, chrome before the
first headline/paragraph and after the last paragraph, and the short lines
that follow a "most read"/"related" heading.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from .boilerplate import (
    are_foreign, is_alt_text, is_caption, is_newsletter_intro, is_short, line_counts, pattern_reason,
    template_key,
)
from .datefind import parse_date_line
from .headline import is_title_like
from .neighbours import (
    mark_ad_copy, mark_author_names, mark_block_labels, mark_link_labels, mark_pull_quotes, mark_sign_off,
)
from .paragraphs import Unit, is_body_para
from .textnorm import DATELINE, ends_sentence, fold, normalize_line, word_total

MIN_RUN_UNITS = 3        # a repeated run this long is a repeated article, not chrome
MIN_RUN_WORDS = 60
EDITED_MIN_WORDS = 12    # units this long may match a lightly edited copy of themselves
EDITED_RATIO = 0.85      # difflib ratio of a lightly edited copy
SIGNATURE_WORDS = 5      # opening/closing words used to find an edited copy's original
SIGNATURE_SHARERS = 8    # units whose opening (or closing) words are shared by more are not paired by them
RUN_TAIL_MIN_WORDS = 5   # past a run's end, shorter units may still match loosely ...
RUN_TAIL_OVERLAP = 0.6   # ... when they share this share of their words (Jaccard)
RUN_GAP_UNITS = 2        # units between two runs, in the original and in the copy, that are not
                         # repeated (different chrome in each copy): the runs are one article
SEPARATOR = "boilerplate:separator"   # a rule line ("---", "* * *"): ends any widget run
KICKER_WORDS = 4         # a capitalised section label above a headline
COMMENT_UNITS = 3        # units of one reader comment
COMMENT_WORDS = 80
CAPTION_WORDS = 30
TEMPLATE_REPEATS = 3     # a templated line seen this often in one file is chrome
WRAPPED_CHROME_WORDS = 25   # a hard-wrapped unit this short is still checked for stock chrome phrases
PREAMBLE_UNITS = 3       # a masthead above a log's first date line: at most this many units ...
PREAMBLE_UNIT_WORDS = 25 # ... of at most this many words each ...
PREAMBLE_WORDS = 40      # ... and this many in all

_DATE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|"
    r"[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}.*)?$", re.I)
_LIST_HEAD = re.compile(
    r"^(most (read|popular|viewed|shared)|trending|related|recommended|you (might|may) also like|"
    r"more (from|stories|news)|popular|latest|top stories|read (more|next)|further reading|"
    r"in (this|today'?s) (issue|edition)|editors'? (picks|choice)|also read|don'?t miss|you may have missed)", re.I)


def is_date_line(text: str) -> bool:
    """A line that is only a date (perhaps with a time, or in a bar of short metadata fields)."""
    return bool(_DATE.match(fold(text))) or parse_date_line(text) is not None


class _Keys:
    """The normalised units of one file, with their words and word sets made on first use
    (most units are never compared word by word)."""

    def __init__(self, units: list[Unit]) -> None:
        self.keys = [normalize_line(u.text) for u in units]
        # a key is its words joined by single spaces: its spaces count its words
        self.sizes = [key.count(" ") + 1 if key else 0 for key in self.keys]
        self._words: list[list[str] | None] = [None] * len(units)
        self._sets: list[set[str] | None] = [None] * len(units)

    def words(self, k: int) -> list[str]:
        ws = self._words[k]
        if ws is None:
            ws = self._words[k] = self.keys[k].split()
        return ws

    def word_set(self, k: int) -> set[str]:
        ws = self._sets[k]
        if ws is None:
            ws = self._sets[k] = set(self.words(k))
        return ws

    def same(self, j: int, i: int) -> bool:
        """Units `j` and `i` are the same paragraph: equal, or a long one lightly edited."""
        if self.keys[j] == self.keys[i]:
            return True
        least, total = min(self.sizes[j], self.sizes[i]), self.sizes[j] + self.sizes[i]
        if least < EDITED_MIN_WORDS or 2.0 * least / total < EDITED_RATIO:
            return False                    # too short, or too different in length: the ratio is at most 2 * least / total
        sa, sb = self.word_set(j), self.word_set(i)
        if len(sa & sb) < EDITED_RATIO * max(len(sa), len(sb)) * 0.9:
            return False                    # cheap bound: too few words in common to be an edit
        return SequenceMatcher(None, self.words(j), self.words(i), autojunk=False).ratio() >= EDITED_RATIO

    def signatures(self, k: int) -> list[str]:
        """Lookup keys of unit `k`: the whole text, and for long units its opening and closing words."""
        key = self.keys[k]
        if self.sizes[k] < EDITED_MIN_WORDS:
            return [key]
        return [key, "^" + " ".join(key.split(" ", SIGNATURE_WORDS)[:SIGNATURE_WORDS]),
                "$" + " ".join(key.rsplit(" ", SIGNATURE_WORDS)[-SIGNATURE_WORDS:])]


def _loosely_same(a: str, b: str) -> bool:
    """Two units that share most of their words: the edited last paragraph of a copied story
    ("... in Denmark and Scotland." / "... in Denmark, Scotland and Finland.")."""
    sa, sb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    if min(len(sa), len(sb)) < RUN_TAIL_MIN_WORDS:
        return False
    return len(sa & sb) >= RUN_TAIL_OVERLAP * len(sa | sb)


# The places past a run's end where it may go on (original, copy), nearest first; the places
# above a run's start where its article may begin.
_HEAD_STEPS = sorted(((dj, di) for dj in range(RUN_GAP_UNITS + 1) for di in range(RUN_GAP_UNITS + 1)),
                     key=lambda d: (d[0] + d[1], d))
_TAIL_STEPS = _HEAD_STEPS[1:]


def _run_tail(found: _Keys, j: int, i: int, copy_start: int) -> tuple[int, int, int] | None:
    """Where a repeated article goes on past other units pasted into one copy only (a share bar
    above its last paragraph in the original): the next units, at most RUN_GAP_UNITS on from
    original end `j` and copy end `i`, that are the same in both places (the first at least
    RUN_TAIL_MIN_WORDS long and perhaps loosely: a sentence added), as a run (original start,
    copy start, length); or None."""
    n = len(found.keys)
    for dj, di in _TAIL_STEPS:
        jj, ii = j + dj, i + di
        if (jj >= copy_start or ii >= n or found.sizes[ii] < RUN_TAIL_MIN_WORDS
                or not (found.same(jj, ii) or _loosely_same(found.keys[jj], found.keys[ii]))):
            continue
        k = 1
        while jj + k < copy_start and ii + k < n and found.same(jj + k, ii + k):
            k += 1
        return jj, ii, k
    return None


def _run_head(found: _Keys, j: int, i: int, floor_j: int, floor_i: int,
              twice: frozenset[str]) -> tuple[int, int, int] | None:
    """Where a repeated article starts above its run when other units stand between in one copy
    or both (a byline with another name or time, a picture): the nearest units at most
    RUN_GAP_UNITS above original start `j` and copy start `i` (and not above `floor_j`,
    `floor_i`) that are the same in both places and occur only there (`twice`: a widget above
    every story is not a copied story's headline), as a run (original start, copy start,
    length); or None."""
    for dj, di in _HEAD_STEPS:
        jj, ii = j - 1 - dj, i - 1 - di
        if jj < floor_j or ii < floor_i or found.keys[jj] not in twice or not found.same(jj, ii):
            continue
        k = 1
        while (jj - k >= floor_j and ii - k >= floor_i and found.keys[jj - k] in twice
               and found.same(jj - k, ii - k)):
            k += 1
        return jj - k + 1, ii - k + 1, k
    return None


def repeated_runs(units: list[Unit]) -> tuple[set[int], set[int]]:
    """Runs of units that occur twice in the file (repeated articles, perhaps lightly edited:
    a number changed, a sentence added).

    Returns the indices of units inside such runs and the indices where a run
    (original or copy) starts or ends: those are article boundaries. Two runs that
    follow each other in both places with at most RUN_GAP_UNITS other units between
    them (different chrome pasted into each copy: a widget, a caption) are one
    article, with no boundary between them; so is a single paragraph that follows a
    run that way (`_run_tail`), perhaps with a sentence added in the copy, and a headline
    above it that way (`_run_head`: a byline that differs between the copies).
    A unit found above different units in different places (a widget above every story)
    starts no run, so it is not taken for the first line of a copied article.
    """
    found = _Keys(units)
    keys, sizes = found.keys, found.sizes
    n = len(units)
    twice = frozenset(key for key, count in Counter(keys).items() if count == 2)
    followers: dict[str, set[str]] = defaultdict(set)
    for k, key in enumerate(keys):
        followers[key].add(keys[k + 1] if k + 1 < n else "")
    # the earlier units sharing a signature with each unit: the candidates for its original
    first_at: dict[str, list[int]] = {}
    earlier: list[set[int]] = []
    for k in range(n):
        shared: set[int] = set()
        for place, sig in enumerate(found.signatures(k)):
            seen = first_at.get(sig)
            if seen is None:
                first_at[sig] = [k]
            elif place == 0 or len(seen) < SIGNATURE_SHARERS:    # (opening or closing words many
                shared.update(seen)                                 # units share are a template's:
                seen.append(k)                                      # no pairs from them, no n² compares)
        earlier.append(shared)
    runs: list[tuple[int, int, int]] = []      # (start of the original, start of the copy, length)
    i = 0
    while i < n:
        best_j, best_len = -1, 0
        if len(followers[keys[i]]) > 1:     # a line found above other units too (a widget) starts no copy
            i += 1
            continue
        for j in sorted(earlier[i]):
            k = 0
            while i + k < n and j + k < i and found.same(j + k, i + k):
                k += 1
            if k > best_len:
                best_j, best_len = j, k
        if best_len >= MIN_RUN_UNITS and sum(sizes[i:i + best_len]) >= MIN_RUN_WORDS:
            while (i + best_len < n and best_j + best_len < i
                   and _loosely_same(keys[best_j + best_len], keys[i + best_len])):
                best_len += 1
            floor_j = runs[-1][0] + runs[-1][2] if runs else 0
            heads: list[tuple[int, int, int]] = []
            top_j, top_i = best_j, i
            while (head := _run_head(found, top_j, top_i, floor_j, max(floor_j, best_j + best_len), twice)) is not None:
                heads.insert(0, head)
                top_j, top_i = head[0], head[1]
            runs += heads
            runs.append((best_j, i, best_len))
            copy_start = i
            j, i = best_j + best_len, i + best_len
            while (tail := _run_tail(found, j, i, copy_start)) is not None:
                runs.append(tail)
                j, i = tail[0] + tail[2], tail[1] + tail[2]
            continue
        i += 1
    inside = {start + k for j, i, length in runs for start in (j, i) for k in range(length)}
    edges: set[int] = set()
    for r, (j, i, length) in enumerate(runs):
        before = runs[r - 1] if r else None
        after = runs[r + 1] if r + 1 < len(runs) else None
        if not (before and _continues(before, (j, i, length))):
            edges.update((j, i))
        if not (after and _continues((j, i, length), after)):
            edges.update((j + length, i + length))
    return inside, {e for e in edges if 0 < e < n}


def _continues(run: tuple[int, int, int], later: tuple[int, int, int]) -> bool:
    """``later`` goes on with the article of ``run``: it starts at most RUN_GAP_UNITS units
    after ``run`` ends, both in the original and in the copy, and the copy comes after the
    original's end."""
    (j, i, length), (j2, i2, _) = run, later
    return 0 <= j2 - (j + length) <= RUN_GAP_UNITS and 0 <= i2 - (i + length) <= RUN_GAP_UNITS and j2 < i


def _text_reason(u: Unit, shape: str | None, counts: dict[str, int], templates: Counter[str],
                 variants: dict[str, set[str]], common: frozenset[str], in_run: bool) -> str | None:
    """Why a text unit (`shape`: its `template_key`) is chrome, or None (it may still be a
    foreign-language paragraph: `mark_chrome` checks those together)."""
    text = u.text
    key = normalize_line(text)
    single = len(u.lines) == 1
    n = word_total(text)                # the words of `key` too
    if single or n <= WRAPPED_CHROME_WORDS:
        reason = pattern_reason(text)
        if reason:
            return reason
    if single:
        if is_date_line(text):
            return "dateline"
        if is_caption(text):
            return "boilerplate:caption"
        if is_alt_text(text):
            return "boilerplate:alt-text"
    if not in_run and counts.get(key, 0) >= 2 and n <= 30:
        return "boilerplate:repeated"
    if shape is not None and templates[shape] >= TEMPLATE_REPEATS and len(variants[shape]) >= 2:
        return "boilerplate:repeated"   # one template, different names: not a paragraph of a copied story
    if is_newsletter_intro(text):
        return "boilerplate:newsletter"
    if single and key in common and is_short(text):
        return "boilerplate:repeated"
    return None


def _list_reason(u: Unit) -> str | None:
    items = u.parts
    if all(word_total(t) <= 3 and not ends_sentence(t) for t in items):
        return "boilerplate:widget"
    return None


def mark_chrome(units: list[Unit], common: frozenset[str], in_run: set[int]) -> dict[int, str]:
    """Drop reasons keyed by unit index, for units that are chrome."""
    counts = line_counts(u.text for u in units)
    templates: Counter[str] = Counter()
    variants: dict[str, set[str]] = defaultdict(set)
    shapes = [template_key(u.text) if u.kind == "text" else None for u in units]
    for u, shape in zip(units, shapes):
        if shape is not None:
            templates[shape] += 1
            variants[shape].add(normalize_line(u.text))
    found = [_text_reason(u, shapes[i], counts, templates, variants, common, i in in_run) if u.kind == "text"
             else _list_reason(u) for i, u in enumerate(units)]
    rest = [i for i, u in enumerate(units) if u.kind == "text" and found[i] is None]
    for i, foreign in zip(rest, are_foreign([units[i].text for i in rest])):
        if foreign:
            found[i] = "boilerplate:foreign-language"
    reasons = {i: r for i, r in enumerate(found) if r}
    _mark_kickers(units, reasons)
    mark_author_names(units, reasons)
    _mark_comments(units, reasons)
    _mark_captions(units, reasons)
    mark_ad_copy(units, reasons)
    mark_block_labels(units, reasons)
    _mark_list_heads(units, reasons)
    mark_link_labels(units, reasons)
    mark_pull_quotes(units, reasons)
    _mark_dated_preamble(units, reasons)
    _mark_edges(units, reasons)
    mark_sign_off(units, reasons)
    return reasons


def is_kicker(text: str) -> bool:
    """A short section label set in capitals ("ELECTRIC VEHICLES"), not a sentence."""
    if not 1 <= word_total(text) <= KICKER_WORDS:
        return False
    s = fold(text)
    letters = [c for c in s if c.isalpha()]
    cased = [c for c in letters if c.lower() != c.upper()]      # (a script without case may join in: "速報 BRIEF")
    return (len(cased) >= 3 and 2 * len(cased) >= len(letters) and all(c.isupper() for c in cased)
            and not ends_sentence(s))


def set_off(units: list[Unit], k: int, reasons: dict[int, str]) -> bool:
    """Unit ``k`` opens the file, follows a blank line or follows chrome."""
    return k == 0 or units[k].gap_before or k - 1 in reasons


def _mark_kickers(units: list[Unit], reasons: dict[int, str]) -> None:
    """A capitalised label right above a headline is a kicker (section label), not the headline;
    so is one right under a headline, above the story's text ("ANALYSIS"), and one set where a
    headline would be, above a story that opens with its dateline ("BRIEF" / "BANGKOK — …")."""
    def headline(k: int) -> bool:
        v = units[k]
        return v.kind == "text" and len(v.lines) == 1 and is_title_like(v.text) and not is_kicker(v.text)

    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if i in reasons or u.kind != "text" or len(u.lines) != 1 or not is_kicker(u.text):
            continue
        lede = nxt.kind == "text" and is_body_para(nxt.text)
        if (headline(i + 1) or (lede and i > 0 and headline(i - 1) and i - 1 not in reasons)
                or (lede and set_off(units, i, reasons) and DATELINE.match(fold(nxt.text)))):
            reasons[i] = "boilerplate:kicker"


def _mark_comments(units: list[Unit], reasons: dict[int, str]) -> None:
    """Reader comments: the few short units after a commenter line ("jdoe · 2h ago"), when more
    chrome (a reply prompt, the next commenter), the next headline or the end of the file closes them."""
    for i in sorted(k for k, r in reasons.items() if r == "boilerplate:comment-meta"):
        body: list[int] = []
        j = i + 1
        while (j < len(units) and j not in reasons and len(body) < COMMENT_UNITS and not _next_headline(units[j])
               and word_total(units[j].text) <= COMMENT_WORDS):
            body.append(j)
            j += 1
        if body and (j >= len(units) or j in reasons or _next_headline(units[j])):
            reasons.update((k, "boilerplate:comment") for k in body)


def _mark_captions(units: list[Unit], reasons: dict[int, str]) -> None:
    """In a file with blank lines between paragraphs, a short line glued to a photo credit
    below it is the photo's caption."""
    if sum(u.gap_before for u in units) < 0.5 * len(units):
        return
    for i in sorted(k for k, r in reasons.items() if r == "boilerplate:credit"):
        prev = units[i - 1] if i else None
        if (prev is not None and not units[i].gap_before and i - 1 not in reasons and prev.kind == "text"
                and len(prev.lines) == 1 and word_total(prev.text) <= CAPTION_WORDS):
            reasons[i - 1] = "boilerplate:caption"


def _story_under(units: list[Unit], i: int, reasons: dict[int, str]) -> bool:
    """A paragraph of prose glued under unit ``i``, past chrome glued there (a byline)."""
    k = i + 1
    while k < len(units) and k in reasons and not units[k].gap_before:
        k += 1
    return k < len(units) and not units[k].gap_before and is_body_para(units[k].text)


def _mark_list_heads(units: list[Unit], reasons: dict[int, str]) -> None:
    """After a "most read"/"related" heading, short lines and lists are promo links (up to a
    headline with its story glued under it)."""
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind == "text" and word_total(u.text) <= 5 and _LIST_HEAD.match(fold(u.text)):
            reasons.setdefault(i, "boilerplate:promo")
            j = i + 1
            while j < len(units) and not is_body_para(units[j].text) and reasons.get(j) != SEPARATOR:
                if units[j].kind == "text" and is_title_like(units[j].text) and _story_under(units, j, reasons):
                    break
                if units[j].kind == "list" or is_title_like(units[j].text) or j in reasons:
                    reasons.setdefault(j, "boilerplate:promo")
                    j += 1
                else:
                    break
            i = j
        else:
            i += 1


def _mark_dated_preamble(units: list[Unit], reasons: dict[int, str]) -> None:
    """In a log or blog that files its stories under date lines, the few short lines above the
    first date line are the page's masthead (its name, a tagline), not a story's headline.

    Date lines file stories when there are at least two, none sits right under a headline (where
    it would be that story's header) and the last one has a story under it (not a date line
    closing the story above, in a dump that puts dates under stories).
    """
    dates = sorted(i for i, r in reasons.items() if r == "dateline")
    if len(dates) < 2:
        return
    live = [i for i in range(len(units)) if i not in reasons]
    for d in dates[1:]:
        k = bisect_left(live, d)        # live units above the date line: live[:k]
        if k and _headline_like(units[live[k - 1]]):
            return
    if sum(1 for i in live if i > dates[-1] and is_body_para(units[i].text)) < 2:
        return
    head = [i for i in live if i < dates[0]]
    sizes = [word_total(units[i].text) for i in head]
    if (head and len(head) <= PREAMBLE_UNITS and max(sizes) <= PREAMBLE_UNIT_WORDS
            and sum(sizes) <= PREAMBLE_WORDS and _headline_like(units[head[0]])):
        reasons.update((i, "boilerplate:masthead") for i in head)


def _mark_edges(units: list[Unit], reasons: dict[int, str]) -> None:
    """Chrome before the first headline or paragraph (fragments, and title-like lines above the
    headline: a site or newsletter name, an issue line), and after the last paragraph.

    The headline is the last title-like line above the first paragraph (metadata may follow
    it), or the one set right above that line when that line is its deck: a title-like line
    under the headline stays for the splitter to place."""
    live = [i for i in range(len(units)) if i not in reasons]
    body = [i for i in live if units[i].kind == "text" and is_body_para(units[i].text)]
    if not body:
        return
    first = body[0]
    last = max(body[-1], max((i for i in live if units[i].kind == "list"), default=-1))
    head = [i for i in live if i < first]
    title = max((i for i in head if _headline_like(units[i])), default=None)
    if (title is not None and title - 1 in head and not units[title].gap_before
            and _headline_like(units[title - 1]) and not is_kicker(units[title - 1].text)):
        title -= 1                      # a headline with its deck glued under it
    for i in head:
        if i == title or (title is not None and i > title and not _chrome_like(units[i])):
            continue
        if _chrome_like(units[i]) or (units[i].kind == "text" and is_title_like(units[i].text)):
            reasons[i] = "boilerplate:masthead"
    for i in live:
        if i > last and _chrome_like(units[i]):
            reasons[i] = "boilerplate:footer"


def _headline_like(u: Unit) -> bool:
    return u.kind == "text" and len(u.lines) == 1 and is_title_like(u.text)


def _next_headline(u: Unit) -> bool:
    """A headline that ends the comments above it (a question may be one more comment)."""
    return _headline_like(u) and not fold(u.text).endswith("?")


def _chrome_like(u: Unit) -> bool:
    """A short fragment that is not a sentence (site name, menu entry, stray label)."""
    return u.kind == "text" and word_total(u.text) <= 8 and not ends_sentence(u.text)
