"""Give every article of one source a publication date from its own evidence, with stable fallbacks.

Evidence is tried in order, first that applies wins (recorded in ``date_source``):

1. explicit: a ``Date:`` header of the source, or a ``YYYY-MM-DD-`` file-name prefix;
2. dateline: a line that holds only a date just above the story or in its header under a
   deck (or, in dumps that put dates under each story, just below it); a dateline opening
   the first paragraph ("SHENZHEN, March 14, 2024 —", "BANGKOK, 14 January 2026 --"),
   whose year, when it has none, is the one nearest the file's period in which the day falls
   on the weekday the paragraph names ("SEOUL, Nov 12 - ... said on Tuesday"); or a day the
   opening paragraphs name with its weekday ("on Friday 16 January");
3. inferred, "as the story above": a story without a date of its own in a dump whose other
   stories have one (or under a date at the head of the file, such as a masthead's) takes the
   date of the nearest dated story above it (else below it): blogs put several posts under
   one date header, and a dump holds stories from the same days.  Not when the story reports
   an event after that date;
4. inferred: a weighted estimate from the dates the story mentions.  Every candidate
   publication month is scored: a past event supports months at or shortly after it and
   argues against months before it, background years ("founded in 2014") only bound the
   date from below, future references ("by 2030") only bound it from above.  Mentions
   without a year ("in mid-April", "In Q1", "nearly a year later") are resolved per
   candidate;
5. inferred, "file period": stories in one dump come from one period, so a story with
   no month-precise evidence of its own takes the month best supported by the whole file
   (if its own evidence does not contradict it).  The file's period also counts the dated
   stories and copyright notices ("© 2024 Wire": not newer than that year);
6. the caller's fallback (git first-commit date or file mtime), reported.

Nothing depends on the current date: the same inputs always give the same dates.  The
fallback date also bounds the estimate from above (a story cannot be newer than the
file that holds it).
"""
from __future__ import annotations

import datetime as dt
import math
import posixpath
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .datefind import (FULL_DATE, Mention, find_dateline, find_mentions, find_weekday, parse_header_date,
                       find_weekday_date, full_date, month_index, month_of, parse_date_line,
                       copyright_year)
from .model import ArticleDraft, DateSource, SourceText
from .sources import date_from_filename

DECAY_MONTHS = 4.0        # how fast support fades after a month-precise event
RECENT_DECAY_MONTHS = 3.0 # the same for a month named without a year (writers omit the year of recent months)
YEAR_DECAY_MONTHS = 6.0   # the same for a bare year
FILE_PRIOR = 0.8          # weight of the file's period when a story has its own evidence
WEEKDAY_SHIFT = 3         # days a neighbouring story's date may move to the weekday a lead names
HEADER_REACH = 8          # how many lines above a story a date line may sit
PREAMBLE_LINES = 6        # how many lines at the head of a file may hold the edition's date
ANCHOR_WEIGHT = 2.0       # weight of a story's own precise date in the file's period
COPYRIGHT_WEIGHT = 1.0    # weight of a copyright notice's year in the file's period
WEEKDAY_REACH = 2         # how many years from the file's period a weekday may move a year-less day


@dataclass(frozen=True)
class _Evidence:
    """The mentions of one article, with 'later' phrases tied to the mention they follow."""

    mentions: list[Mention]
    anchors: dict[int, Mention]          # index of a 'later' mention -> its anchor

    def interval(self, i: int, candidate: int) -> tuple[int, int] | None:
        mention = self.mentions[i]
        if mention.kind != "later":
            return mention.interval(candidate)
        anchor = self.anchors.get(i)
        if anchor is None:
            return None
        base = anchor.interval(candidate)
        if base is None:
            return None
        # "nearly a year later", "just over ten months later": allow a month either way
        return base[0] + mention.rel_span - 1, base[1] + mention.rel_span

    def strong(self) -> bool:
        """True when the story has a past event at least as precise as a quarter, with its year."""
        for i, m in enumerate(self.mentions):
            if m.role != "past":
                continue
            if m.kind in ("day", "month", "part"):
                return True
            if m.kind == "later" and i in self.anchors and self.anchors[i].kind in ("day", "month", "part"):
                return True
        return False


def _explicit(source: SourceText) -> tuple[dt.date, str] | None:
    raw = source.meta.get("date", "").strip()
    if raw:
        found = parse_header_date(raw) or parse_date_line(raw)
        if found:
            return found, f"header Date: {raw}"
    found = date_from_filename(source.path)
    if found:
        return found, f"file name {posixpath.basename(source.path)}"
    return None


def _evidence(article: ArticleDraft, fallback_month: int) -> _Evidence:
    text = "\n".join([article.title] + [b.text for b in article.blocks])
    mentions = [m for m in find_mentions(text)
                if m.kind not in ("day", "month", "part", "year") or m.start <= fallback_month]
    anchors: dict[int, Mention] = {}
    for i, m in enumerate(mentions):
        if m.kind != "later":
            continue
        for prev in reversed(mentions[:i]):
            if prev.kind != "later" and prev.role != "future":
                anchors[i] = prev
                break
    return _Evidence(mentions, anchors)


def _contribution(m: Mention, interval: tuple[int, int], candidate: int) -> float:
    start, end = interval
    if m.role == "future":
        return -0.5 * m.weight if candidate > end else 0.0
    if candidate < start:
        return -m.weight if m.role == "past" else -0.5 * m.weight
    if m.role == "background":
        return 0.0
    if m.kind == "year":
        inside, fade = 0.8, 0.8 * math.exp(-(candidate - end) / YEAR_DECAY_MONTHS)
    elif m.kind == "rel-month":
        inside, fade = 1.0, math.exp(-(candidate - end) / RECENT_DECAY_MONTHS)
    elif m.kind in ("day", "month", "later"):
        inside, fade = 1.0, math.exp(-(candidate - end) / DECAY_MONTHS)
    else:  # a quarter or half told in the past tense is usually over: support peaks just after it
        inside, fade = 0.2, math.exp(-(candidate - end - 1) / DECAY_MONTHS)
    return m.weight * (inside if candidate <= end else fade)


def _scores(ev: _Evidence, candidates: list[int]) -> list[float]:
    totals = []
    for c in candidates:
        total = 0.0
        for i, m in enumerate(ev.mentions):
            interval = ev.interval(i, c)
            if interval is not None:
                total += _contribution(m, interval, c)
        totals.append(total)
    return totals


def _violations(ev: _Evidence, candidate: int) -> bool:
    """True when a past or background mention of the story lies after ``candidate``."""
    for i, m in enumerate(ev.mentions):
        interval = ev.interval(i, candidate)
        if interval and m.role != "future" and candidate < interval[0]:
            return True
    return False


def _best(candidates: list[int], scores: list[float]) -> int:
    """The best candidate; on a plateau of equal scores, its middle (lower middle)."""
    top = max(scores)
    tied = [c for c, s in zip(candidates, scores) if s >= top - 1e-9]
    return tied[(len(tied) - 1) // 2]


def _top_words(ev: _Evidence, candidate: int, limit: int = 3) -> str:
    parts = []
    for i, m in enumerate(ev.mentions):
        interval = ev.interval(i, candidate)
        if interval is not None:
            parts.append((-_contribution(m, interval, candidate), m.pos, m.text))
    parts.sort()
    return ", ".join(f"'{text}'" for score, _, text in parts[:limit] if score < 0)


def _day_in(ev: _Evidence, month: int, fallback: dt.date) -> dt.date:
    days = [m.day for m in ev.mentions
            if m.kind == "day" and m.day and m.role == "past" and m.start == month]
    year, mon = month_of(month)
    chosen = max(days) if days else dt.date(year, mon, 15)
    return min(chosen, fallback)


def _date_lines(source: SourceText, first: int, last: int, skip: set[int]) -> list[tuple[int, dt.date]]:
    found = []
    for n in range(max(1, first), min(last, len(source.lines)) + 1):
        if n in skip:
            continue
        day = parse_date_line(source.lines[n - 1])
        if day:
            found.append((n, day))
    return found


def _body_lines(article: ArticleDraft) -> tuple[int, int]:
    lines = [n for b in article.blocks for n in b.lines]
    return (min(lines), max(lines)) if lines else (article.start_line, article.end_line)


def _header_end(article: ArticleDraft, first_body: int) -> int:
    """The last line of a story's header: the line before its second block, so that a date line
    under a deck ("Suppliers blame…" / byline / "Published 12 May 2025") counts as its own."""
    starts = sorted(min(b.lines) for b in article.blocks if b.lines)
    return starts[1] - 1 if len(starts) > 1 else first_body - 1


def _find_date_lines(articles: list[ArticleDraft], source: SourceText) -> dict[int, tuple[dt.date, str]]:
    """Date lines per article index: above each story, or below it when the dump puts them there."""
    order = sorted(range(len(articles)), key=lambda i: articles[i].start_line)
    heads: dict[int, list[tuple[int, dt.date]]] = {}
    tails: dict[int, list[tuple[int, dt.date]]] = {}
    for pos, i in enumerate(order):
        art = articles[i]
        first_body, last_body = _body_lines(art)
        prev_end = articles[order[pos - 1]].end_line if pos else 0
        next_start = articles[order[pos + 1]].start_line if pos + 1 < len(order) else len(source.lines) + 1
        skip = {art.title_line} if art.title_line else set()
        skip.update(n for b in art.blocks for n in b.lines)
        heads[i] = _date_lines(source, max(prev_end + 1, first_body - HEADER_REACH), _header_end(art, first_body), skip)
        tails[i] = _date_lines(source, last_body + 1, min(next_start - 1, last_body + HEADER_REACH), skip)
    footer_layout = bool(order) and bool(tails[order[-1]]) and not heads[order[0]]
    result: dict[int, tuple[dt.date, str]] = {}
    for i in order:
        picks = tails[i][:1] if footer_layout else heads[i][-1:]
        if picks:
            line, day = picks[0]
            result[i] = day, f"date line {source.lines[line - 1].strip()!r} (line {line})"
            continue
        blocks = articles[i].blocks
        edge = blocks[-1:] if footer_layout else blocks[:1]
        for block in edge:
            day = parse_date_line(block.text)
            if day:
                result[i] = day, f"date line {block.text.strip()!r} (line {block.lines[0]})"
    return result


def _year_of(month: int, day: int, near: int, fallback: dt.date, reach: int, weekday: int | None) -> int | None:
    """The year, within ``reach`` years of month ``near`` and not after ``fallback``, nearest
    ``near`` in which ``month``/``day`` exists (and falls on ``weekday``, when given)."""
    years = []
    for year in range(near // 12 - reach, near // 12 + reach + 1):
        try:
            day_then = dt.date(year, month, day)
        except ValueError:
            continue
        if day_then <= fallback and (weekday is None or day_then.weekday() == weekday):
            years.append(year)
    return min(years, key=lambda y: (abs(month_index(y, month) - near), -y)) if years else None


def _dateline(article: ArticleDraft, near: int | None, fallback: dt.date) -> tuple[dt.date, str] | None:
    """A dateline opening the first paragraphs; a year-less one takes the year nearest ``near``
    (in which the day falls on the weekday the paragraph names, if it names one), or is not
    used when ``near`` is None."""
    for block in article.blocks[:2]:
        if block.kind != "para":
            continue
        found = find_dateline(block.text)
        if found is None:
            continue
        if found.year is not None:
            return dt.date(found.year, found.month, found.day), f"dateline {found.text!r}"
        if near is None:
            return None
        weekday = find_weekday(block.text[len(found.text):])
        year, how = None, "year from its weekday"
        if weekday is not None:
            year = _year_of(found.month, found.day, near, fallback, WEEKDAY_REACH, weekday)
        if year is None:
            year, how = _year_of(found.month, found.day, near, fallback, 1, None), "year from context"
        if year is None:
            return None
        return dt.date(year, found.month, found.day), f"dateline {found.text!r} ({how})"
    return None


def _leads(article: ArticleDraft) -> list[str]:
    """The story's opening paragraphs (the first two blocks, when paragraphs)."""
    return [b.text for b in article.blocks[:2] if b.kind == "para"]


def _weekday_lead(article: ArticleDraft, near: int | None, fallback: dt.date) -> tuple[dt.date, str] | None:
    """A day the opening paragraphs name with its weekday ("on Friday 16 January"): the day the
    news happened, so the story's date; without a year, the year in which the weekday fits."""
    leads = _leads(article)
    found = next((f for text in leads if (f := find_weekday_date(text)) is not None), None)
    if found is None:
        return None
    if found.year is not None:
        day = dt.date(found.year, found.month, found.day)
        return (day, f"{found.text!r} in the opening paragraphs") if day <= fallback else None
    if near is None:
        return None
    year = _year_of(found.month, found.day, near, fallback, WEEKDAY_REACH, found.weekday)
    if year is None:
        return None
    return dt.date(year, found.month, found.day), f"{found.text!r} in the opening paragraphs (year from its weekday)"


def _preamble_date(articles: list[ArticleDraft], source: SourceText) -> tuple[int, dt.date, str] | None:
    """A full date in the lines above the first story (a masthead "Issue 212 · Sunday, 22 October
    2023", a "Running log, 9 September") or in an HTML page's title: the date of the edition
    the file holds."""
    page_date = source.meta.get("page_date")
    if page_date:
        return 0, dt.date.fromisoformat(page_date), f"date {page_date} in the page's title"
    first = min((a.start_line for a in articles), default=1)
    for n in range(1, min(first, PREAMBLE_LINES + 1)):
        line = source.lines[n - 1]
        if len(line) > 160:
            continue
        for match in FULL_DATE.finditer(line):
            day = full_date(match)
            if day is not None:
                return n, day, f"date {match.group(0)!r} at the head of the file (line {n})"
    return None


def _anchor_mention(day: dt.date) -> Mention:
    idx = month_index(day.year, day.month)
    return Mention(day.isoformat(), 0, "day", "past", ANCHOR_WEIGHT, start=idx, end=idx, day=day)


def _copyright_scores(years: list[int], candidates: list[int]) -> list[float]:
    """A copyright notice's year: the page was made that year, so stories are not newer than it and
    most likely from it."""
    scores = []
    for c in candidates:
        total = 0.0
        for year in years:
            if c > month_index(year, 12):
                total -= COPYRIGHT_WEIGHT
            elif c >= month_index(year, 1):
                total += 0.5 * COPYRIGHT_WEIGHT
        scores.append(total)
    return scores


def _date_marks(articles: list[ArticleDraft], dated: dict[int, tuple[dt.date, str]],
                preamble: tuple[int, dt.date, str] | None) -> list[tuple[int, dt.date, str]]:
    """The dated places of a file, in line order: each story with a date of its own (by its
    first line) and the date at the head of the file."""
    marks = [(articles[j].start_line, day, "story") for j, (day, _) in dated.items()]
    if preamble:
        marks.append(preamble)
    return sorted(marks, key=lambda m: m[0])


def _neighbour(start: int, marks: list[tuple[int, dt.date, str]]) -> tuple[dt.date, str, bool] | None:
    """The date of the nearest dated place above line ``start`` (else below it), from
    `_date_marks`: stories of one dump, under one date header, come from the same days.
    The flag says whether that place is a story (else the head of the file)."""
    above = bisect_left(marks, start, key=lambda m: m[0])
    below = bisect_right(marks, start, key=lambda m: m[0])
    if above:
        line, day, how = marks[above - 1]
        side = "above"
    elif below < len(marks):
        line, day, how = marks[below]
        side = "below"
    else:
        return None
    return day, (f"as the story {side} it, at line {line}" if how == "story" else how), how == "story"


def _to_weekday(article: ArticleDraft, found: tuple[dt.date, str, bool] | None,
                latest: dt.date) -> tuple[dt.date, str] | None:
    """A neighbour's date moved to the weekday the story's lead names ("said on Thursday"): the
    nearest such day (at most three days off) to a neighbouring story's date, whose stories
    come from the same days in either order; the one before the date at the head of the file
    (a page retrieved or an edition made after its stories). Never after ``latest`` (the
    file's head date or its fallback date): then the one before."""
    if found is None:
        return None
    day, how, from_story = found
    leads = _leads(article)
    weekday = next((w for text in leads if (w := find_weekday(text)) is not None), None)
    if weekday is None or weekday == day.weekday() or any(find_weekday_date(text) for text in leads):
        return day, how         # (a weekday with its day, "on Monday 16 January", names that day)
    back = (day.weekday() - weekday) % 7
    moved = day + dt.timedelta(days=7 - back)
    if back <= WEEKDAY_SHIFT or not from_story or moved > latest:
        moved = day - dt.timedelta(days=back)
    return moved, f"{how}, moved to the {moved:%A} its lead names"


def date_articles(articles: list[ArticleDraft], source: SourceText, fallback: dt.date,
                  fallback_source: DateSource) -> list[str]:
    """Set date, date_source and date_evidence on every article of one source.

    Returns report lines for the articles that had no usable evidence (they get ``fallback``).
    """
    fallback_month = month_index(fallback.year, fallback.month)
    explicit = _explicit(source)
    evidence = [_evidence(a, fallback_month) for a in articles]
    date_lines = _find_date_lines(articles, source)
    own: dict[int, tuple[dt.date, str]] = dict(date_lines)
    own.update((i, (a.stated_date, a.stated_date_evidence)) for i, a in enumerate(articles) if a.stated_date)
    for i, art in enumerate(articles):
        if i not in own and (found := _dateline(art, None, fallback)) is not None:
            own[i] = found
    preamble = _preamble_date(articles, source)
    anchors = [_anchor_mention(day) for day, _ in own.values() if day <= fallback]
    if preamble and preamble[1] <= fallback:
        anchors.append(_anchor_mention(preamble[1]))
    copyright = sorted({y for line in source.lines if (y := copyright_year(line))})
    absolute = [m for ev in evidence for m in ev.mentions if m.kind in ("day", "month", "part", "year")] + anchors
    candidates: list[int] = []
    if absolute or copyright:
        low = min([m.start for m in absolute] + [month_index(y, 1) for y in copyright])
        high = min(fallback_month, max([m.end + 24 for m in absolute] + [month_index(y, 12) for y in copyright]))
        candidates = list(range(low, high + 1))
    article_scores = [_scores(ev, candidates) if candidates else [] for ev in evidence]
    file_scores = [sum(col) for col in zip(*article_scores)] if candidates else []
    if candidates:
        extra = [_scores(_Evidence(anchors, {}), candidates), _copyright_scores(copyright, candidates)]
        file_scores = [sum(col) for col in zip(file_scores or [0.0] * len(candidates), *extra)]
    file_prior: list[float] = []
    if file_scores and max(file_scores) > 0:
        file_prior = [max(0.0, s) / max(file_scores) for s in file_scores]
    file_month = _best(candidates, file_scores) if file_prior else None
    estimates: list[tuple[int, str] | None] = [
        _estimate(ev, candidates, scores, file_prior, file_month) if file_prior else None
        for ev, scores in zip(evidence, article_scores)]
    for i, art in enumerate(articles):
        if i in own:
            continue
        near = estimates[i][0] if estimates[i] else file_month if file_month is not None else fallback_month
        found = _dateline(art, near, fallback) or _weekday_lead(art, near, fallback)
        if found is not None:
            own[i] = found
    marks = _date_marks(articles, own, preamble)
    latest = min(fallback, preamble[1]) if preamble else fallback
    report: list[str] = []
    for i, (art, ev) in enumerate(zip(articles, evidence)):
        estimate = estimates[i]
        neighbour = None if i in own else _to_weekday(art, _neighbour(art.start_line, marks), latest)
        if neighbour and (neighbour[0] > fallback
                          or _violations(ev, month_index(neighbour[0].year, neighbour[0].month))):
            neighbour = None
        if explicit:
            art.date, art.date_source, art.date_evidence = explicit[0], "explicit", explicit[1]
        elif i in own:
            art.date, art.date_source, art.date_evidence = own[i][0], "dateline", own[i][1]
        elif neighbour is not None:
            art.date, art.date_source, art.date_evidence = neighbour[0], "inferred", neighbour[1]
        elif estimate is not None:
            art.date, art.date_source, art.date_evidence = _day_in(ev, estimate[0], fallback), "inferred", estimate[1]
        else:
            art.date, art.date_source = fallback, fallback_source
            art.date_evidence = f"no date evidence; {fallback_source} date"
            report.append(f"{source.path}: {art.title!r} (line {art.start_line}): no date evidence, "
                          f"using the {fallback_source} date {fallback.isoformat()}")
    return report


def _estimate(ev: _Evidence, candidates: list[int], own: list[float], file_prior: list[float],
              file_month: int | None) -> tuple[int, str] | None:
    """The best month for one story and the words behind it, or None without any evidence."""
    if ev.strong():
        totals = [a + FILE_PRIOR * f for a, f in zip(own, file_prior)]
        month = _best(candidates, totals)
        year, mon = month_of(month)
        return month, f"{year:04d}-{mon:02d} from {_top_words(ev, month)}"
    allowed = [(c, f + 0.2 * a) for c, a, f in zip(candidates, own, file_prior) if not _violations(ev, c)]
    if not allowed:
        month = _best(candidates, own)
        year, mon = month_of(month)
        return month, f"{year:04d}-{mon:02d} from {_top_words(ev, month)}"
    month = _best([c for c, _ in allowed], [s for _, s in allowed])
    year, mon = month_of(month)
    fy, fm = month_of(file_month) if file_month is not None else (year, mon)
    return month, f"file period: {fy:04d}-{fm:02d}; story placed in {year:04d}-{mon:02d}"
