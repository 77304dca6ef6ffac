"""Find date mentions in story text: full dates, months, quarters, halves, years and relative hints.

Each mention says *when* something the story talks about happened, as an interval of
months, and how it should count towards a publication-date estimate: as a past event
(supports a date at or shortly after it), as background (only a lower bound: "founded
in 2014", "since 2017"), or as a future reference ("by 2030", "expected to launch in
Q3 2026"), which only says the story was written before it.

Mentions without a year ("in mid-April", "In Q1", "the first half of this year",
"nearly a year later") are kept relative: they are resolved against a candidate
publication month, so the estimator in ``dating`` can score every candidate the same way.
Months are counted as ``year * 12 + month - 1``.

Most texts hold few dates, so each (slow, unanchored) pattern runs only when a cheap hint
that every one of its matches needs (year digits, a month name, "quarter"...) is present,
and a pattern whose matches start where a hint's do (a month name, a year) is tried only there.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from dateutil import parser as date_parser

Role = Literal["past", "background", "future"]
Kind = Literal["day", "month", "part", "year", "rel-month", "rel-part", "later"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|"
          r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|"
          r"Oct\.?|Nov\.?|Dec\.?)(?![a-z])")
_YEAR = r"(?P<{name}>(?:19[89]\d|20\d\d))(?![\d,]*\d|s\b|['’]s\b|-\d\d\b|/\d\d\b|\s*%)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)"
ORDINALS: dict[str, int] = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                            "fourth": 4, "4th": 4}


def _ordinal(raw: str) -> int:
    """The number of a quarter or half as the patterns matched it: digits, or an ordinal
    in any spelling case-insensitive matching allows ("1ſt" is "1st" to the regex engine,
    not to ``str.lower``)."""
    if raw.isdigit():
        return int(raw)
    return next(n for word, n in ORDINALS.items() if re.fullmatch(re.escape(word), raw, re.I))


NUMBERS: dict[str, int] = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                           "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
                           "twelve": 12, "several": 3, "a few": 2, "few": 2}


def _m(name: str) -> str:
    return _MONTH.format(name=name)


def _y(name: str) -> str:
    return _YEAR.format(name=name)


def _d(name: str) -> str:
    return _DAY.format(name=name)


# Full dates: "May 30, 2023", "30 May 2023", "Sept. 3, 2020", "2020-09-03".
FULL_DATE = re.compile(
    rf"\b(?:{_m('m1')}\s+{_d('d1')},?\s+{_y('y1')}"
    rf"|{_d('d2')}\s+(?:of\s+)?{_m('m2')},?\s+{_y('y2')}"
    r"|(?P<y3>(?:19|20)\d\d)[-/.](?P<m3>[01]?\d)[-/.](?P<d3>[0-3]?\d)(?!\d)"
    r"|(?P<y4>(?:19|20)\d\d)\s*年\s*(?P<m4>[01]?\d)\s*月\s*(?P<d4>[0-3]?\d)\s*日)"     # 2021年3月9日
)
MONTH_YEAR = re.compile(rf"\b{_m('m')},?\s+(?:of\s+)?{_y('y')}")
PART_YEAR = re.compile(
    rf"\b(?P<part>early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
    rf"the\s+middle\s+of)[-\s]+{_y('y')}", re.IGNORECASE)
QUARTER_YEAR = re.compile(
    rf"\b(?:Q(?P<q1>[1-4])\s*(?:of\s+)?(?:FY\s*)?['’]?{_y('y1')}"
    rf"|{_y('y2')}\s*Q(?P<q2>[1-4])"
    rf"|(?P<o3>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter(?:\s+of)?\s+(?:fiscal\s+)?{_y('y3')}"
    rf"|{_y('y4')}\s+(?P<o4>first|second|third|fourth)[-\s]quarter)", re.IGNORECASE)
HALF_YEAR = re.compile(
    rf"\b(?:H(?P<h1>[12])\s*{_y('y1')}|{_y('y2')}\s*H(?P<h2>[12])"
    rf"|(?P<o3>first|second)\s+half\s+(?:of\s+)?{_y('y3')})", re.IGNORECASE)
YEAR = re.compile(r"(?<![\w$€£¥#.\-/])(?P<y>(?:19[89]\d|20\d\d))(?![\d,]*\d|s\b|['’]s\b|-\d\d\b|/\d\d\b|\s*%|\.\d)")
# Relative forms, resolved against a candidate publication month.
REL_QUARTER = re.compile(
    r"\b(?:(?:in|during|for|of)\s+(?:the\s+)?)?(?:Q(?P<q1>[1-4])\b|(?P<o2>first|second|third|fourth)[-\s]quarter\b)"
    r"(?P<thisyear>\s+of\s+this\s+year)?", re.IGNORECASE)
REL_HALF = re.compile(r"\b(?P<o>first|second)\s+half\s+of\s+this\s+year\b|\bH(?P<h>[12])\b(?!\s*\d)", re.IGNORECASE)
REL_MONTH = re.compile(
    rf"\b(?P<prep>[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Mm]id-?|[Ll]ate|[Uu]ntil|[Oo]f|[Ff]rom|[Ll]ast|[Tt]his|[Oo]n)\s*"
    rf"{_m('m')}(?!\s*[0-3]?\d\b|,?\s+(?:of\s+)?(?:19|20)\d\d)(?P<lastyear>\s+last\s+year)?")
LATER = re.compile(
    r"\b(?:(?:nearly|almost|about|around|roughly|just|some|more\s+than|over|less\s+than)\s+)*"
    r"(?:just\s+over\s+)?(?P<n>\d+|a\s+few|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|several)\s+(?P<unit>day|week|month|year)s?\s+(?:later|after\s+that|on)\b",
    re.IGNORECASE)
EMBED_POST = re.compile(r"\(@\w+\)\s*$")
# Cheap necessary conditions: a text without a hit cannot match the (slow, unanchored) patterns
# that need it, so those are not run on it.
_HINT_YEAR = re.compile(r"(?:19|20)\d\d")                # FULL_DATE, every *_YEAR pattern, YEAR
_HINT_MONTH = re.compile(_m("hm"))                        # MONTH_YEAR, REL_MONTH
_HINT_NUMERIC_DATE = re.compile(r"(?:19|20)\d\d(?:[-/.][01]?\d[-/.]|\s*年)")   # FULL_DATE without a month name
# The hints for case-insensitive patterns look in the lowercased text, case-sensitively (much
# faster). Lowercasing keeps spaces spaces and non-word characters non-word characters, and
# every character a case-insensitive ASCII letter matches becomes that letter, except "ſ" (an
# "s"), "ı" and "İ" (an "i"): so these hints write "s" as [sſ] and use no "i".
# "Q3", "first quarter"; "H1", "second half of 2023", "the first half of this year"
_HINT_QUARTER = re.compile(r"q(?:[1-4]|(?<=(?:[sſ]t|nd|rd|th)[-\s]q)uarter)")
_HINT_HALF = re.compile(r"h[12]|half\s+(?:of\s+)?(?:th|19|20)")
# LATER's ending: "(two) years later"
_HINT_LATER = re.compile(r"(?:day|week|month|year)[sſ]?\s+(?:later|after\s+that|on)\b")
_PART_ENDS = frozenset("yYdDeEfF")   # last letters of PART_YEAR's words: early, mid, late, end of...
_REL_MONTH_PREPS = ("in", "since", "during", "early", "mid", "mid-", "late", "until", "of", "from", "last",
                    "this", "on")        # REL_MONTH's words before a month, lowercased

_FUTURE_PREFIX = re.compile(
    r"\b(?:by|until|till|before|not\s+until|no\s+later\s+than|ahead\s+of|in\s+time\s+for)\s+"
    r"(?:the\s+)?(?:(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?)?(?:\w+\s+)?$",
    re.IGNORECASE)
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|won['’]t|shall|plans?\s+to|planned|planning|aims?|aiming|intends?|expects?|expected|"
    r"expecting|is\s+set\s+to|are\s+set\s+to|slated|scheduled|due\s+to|forecasts?|forecast|projected|"
    r"targets?|targeting|goal|going\s+to|hopes?\s+to|hoping|upcoming|next)\b",
    re.IGNORECASE)
_FUTURE_AFTER = re.compile(r"^\W{0,3}(?:\w+\s+){0,1}(?:target|goal|deadline|outlook|guidance|forecast)s?\b",
                           re.IGNORECASE)
_BACKGROUND_PREFIX = re.compile(
    r"(?:\b(?:founded|founding|established|establishment|incorporated|created|formed|born|started|"
    r"launched|set\s+up|since|back\s+in|as\s+early\s+as|dating\s+back\s+to|inception)\s+"
    r"(?:(?:in|on|of|at)\s+)?(?:the\s+)?(?:\w+\s+)?"
    r"|\b(?:from|between)\s+(?:the\s+)?)$",
    re.IGNORECASE)
_QUANTITY_PREFIX = re.compile(r"\b(?:about|around|approximately|over|nearly|almost|than|some|roughly|"
                              r"least|top|only|just|No\.?|number|model|version)\s+$", re.IGNORECASE)
_UNIT_AFTER = re.compile(r"^\s+(?!(?:was|is|has|as|its|this|plans|saw|marks|sales|results)\b)[a-z]+s\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"])|\n")
_CLAUSE_END = re.compile(r"[,;:—–(]|\s-{1,2}\s")


@dataclass(frozen=True)
class Mention:
    """One date reference in a text, as an interval of months or a rule relative to a candidate."""

    text: str                      # the words as they appear
    pos: int                       # character offset in the scanned text
    kind: Kind
    role: Role
    weight: float
    start: int = 0                 # absolute kinds: first month index of the interval
    end: int = 0                   # absolute kinds: last month index of the interval
    day: dt.date | None = None     # kind == "day": the exact date
    rel_month: int = 0             # rel-month: month number; rel-part: first month number
    rel_span: int = 1              # rel-part: number of months; later: offset in months
    rel_year_back: int = 0         # rel kinds: 1 when the text says "... last year"
    this_year: bool = False        # rel-part: "of this year" (else the latest such period)

    def interval(self, candidate: int) -> tuple[int, int] | None:
        """The months the mention covers if the story was published in month ``candidate``."""
        if self.kind in ("day", "month", "part", "year"):
            return self.start, self.end
        if self.kind == "rel-month":
            year = candidate // 12 - self.rel_year_back
            start = year * 12 + self.rel_month - 1
            if not self.rel_year_back and start > candidate:
                start -= 12
            return start, start
        if self.kind == "rel-part":
            year = candidate // 12
            start = year * 12 + self.rel_month - 1
            if not self.this_year and start > candidate:
                start -= 12
            return start, start + self.rel_span - 1
        return None


def month_index(year: int, month: int) -> int:
    """Months since year 0: the unit the estimator works in."""
    return year * 12 + month - 1


def month_of(index: int) -> tuple[int, int]:
    """(year, month) of a month index."""
    return index // 12, index % 12 + 1


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def full_date(match: re.Match[str]) -> dt.date | None:
    for i in ("1", "2"):
        if match.group("m" + i):
            return _safe_date(int(match.group("y" + i)), _month_number(match.group("m" + i)),
                              int(match.group("d" + i)))
    for i in ("3", "4"):
        if match.group("y" + i):
            return _safe_date(int(match.group("y" + i)), int(match.group("m" + i)), int(match.group("d" + i)))
    return None


_DATE_LINE_LABEL = re.compile(
    r"^(?:(?:published|posted|updated|last\s+updated|date|dated|filed|released|first\s+published)"
    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*)?", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|von|par|por)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:[,|•·–—-]\s*)?", re.IGNORECASE)
_TIME_TAIL = re.compile(
    r"(?:\s*(?:at|[,|•·–—-])?\s*\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|UTC|GMT)?"
    r"(?:\s*[+-]\d{1,2}(?::?\d\d)?)?)?\s*(?:[|•·]\s*\d+\s*min(?:ute)?s?\s+read)?[\s.,|•·]*$", re.IGNORECASE)


_TIME_HEAD = re.compile(r"^\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}\b)?\s*(?:on\s+|[,|•·–—-]\s*)?",
                        re.IGNORECASE)


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that holds only a date ("3 September 2020", "Posted: Sept. 3, 2020 10:00 ET"),
    or a bar of short fields one of which is a date ("Staff Reporter · 3 February 2020")."""
    if len(line) > DATE_LINE_CHARS or _DIGIT.search(line) is None:
        return None                     # (most lines are paragraphs: the cheap tests first)
    found = _parse_date_field(line)
    if found is None and _FIELD_MARK.search(line):
        fields = [f for f in _FIELD_MARK.split(line) if f.strip()]
        if 2 <= len(fields) <= DATE_BAR_FIELDS and all(len(f.split()) <= DATE_BAR_WORDS for f in fields):
            dates = [d for d in map(_parse_date_field, fields) if d is not None]
            found = dates[0] if len(dates) == 1 else None
    return found


_FIELD_MARK = re.compile(r"\s+[|·•]\s+")
_DIGIT = re.compile(r"\d")
DATE_LINE_CHARS = 120    # a date line, or a bar of fields holding a date, is at most this long
DATE_BAR_FIELDS = 4      # a metadata bar holding a date has at most this many fields ...
DATE_BAR_WORDS = 5       # ... of at most this many words each


def _parse_date_field(line: str) -> dt.date | None:
    text = line.strip().strip("*_#>[]()").strip()
    if not text or len(text) > 90:
        return None
    text = _BYLINE.sub("", text)
    text = _DATE_LINE_LABEL.sub("", text)
    text = _TIME_HEAD.sub("", text)
    text = re.sub(rf"^{_WEEKDAY}", "", text, flags=re.IGNORECASE)
    match = FULL_DATE.match(text)
    if match and _TIME_TAIL.fullmatch(text[match.end():]):
        return full_date(match)
    slash = _SLASH_DATE.match(text)
    if slash and _TIME_TAIL.fullmatch(text[slash.end():]):
        return slash_date(slash["a"], slash["b"], slash["y"], None)
    return None


# A day written with slashes, "16/6/2023" or "6/16/2023": day first or month first, told apart
# by a part above 12 or by the weekday the text names (``slash_date``).
_SLASH_DATE = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?!\d)")


def slash_date(a: str, b: str, year: str, weekday: int | None) -> dt.date | None:
    """The day "a/b/year" names: day first when ``a`` is above 12, month first when ``b`` is;
    otherwise the one reading that falls on ``weekday`` (None: no way to tell, no date)."""
    readings = [d for d in (_safe_date(int(year), int(b), int(a)), _safe_date(int(year), int(a), int(b)))
                if d is not None]
    if len(set(readings)) == 1:
        return readings[0]
    fits = [d for d in readings if weekday is not None and d.weekday() == weekday]
    return fits[0] if len(fits) == 1 else None


_PLACE_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"      # a place in capitals, "HO CHI MINH CITY"
_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_CAPS}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)?"
    rf"\s*,?\s*(?:{_WEEKDAY})?(?:{_m('m')}\s+{_d('d')}|{_d('d2')}\s+{_m('m2')})"
    rf"(?:,?\s+(?P<y>(?:19|20)\d\d))?\s*"
    r"(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:—|–|--|-|:)\s*\S")


_SLASH_DATELINE = re.compile(rf"^(?:{_PLACE_CAPS},?\s*)?{_SLASH_DATE.pattern}\s*(?:—|–|--|-|:)\s*\S")


@dataclass(frozen=True)
class Dateline:
    """A dateline opening a paragraph; ``year`` is None for "BEIJING, March 14 (Reuters) -"."""

    text: str
    month: int
    day: int
    year: int | None


def find_dateline(paragraph: str) -> Dateline | None:
    """The date of a dateline opening ``paragraph`` ("SHENZHEN, March 14, 2024 —", "6/7/2023 —"),
    or None."""
    match = _DATELINE.match(paragraph.strip())
    if not match:
        numeric = _SLASH_DATELINE.match(paragraph.strip())
        day = numeric and slash_date(numeric["a"], numeric["b"], numeric["y"], find_weekday(paragraph))
        return Dateline(numeric.group(0)[:-1].strip(), day.month, day.day, day.year) if day else None
    month = _month_number(match.group("m") or match.group("m2"))
    day = int(match.group("d") or match.group("d2"))
    year = int(match.group("y")) if match.group("y") else None
    if _safe_date(year or 2000, month, day) is None:
        return None
    return Dateline(match.group(0)[:-1].strip(), month, day, year)


WEEKDAYS: dict[str, int] = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                            "saturday": 5, "sunday": 6}
_WEEKDAY_NAME = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ON_WEEKDAY = re.compile(rf"\b[Oo]n\s+{_WEEKDAY_NAME}\b")
_WEEKDAY_DATE = re.compile(
    rf"\b{_WEEKDAY_NAME},?\s+(?:the\s+)?(?:{_d('d')}(?:\s+of)?\s+{_m('m')}|{_m('m2')}\s+{_d('d2')}(?!\d))"
    rf"(?:,?\s+(?P<y>(?:19|20)\d\d)(?!\d))?")
_COPYRIGHT = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–—]\s*)?"
                        r"(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class WeekdayDate:
    """A day named with its weekday ("on Friday 16 January"); ``year`` is None when not given."""

    text: str
    month: int
    day: int
    year: int | None
    weekday: int                   # Monday is 0, as ``date.weekday()``


def find_weekday_date(text: str) -> WeekdayDate | None:
    """The first day ``text`` names together with its weekday, or None."""
    for match in _WEEKDAY_DATE.finditer(text):
        month = _month_number(match.group("m") or match.group("m2"))
        day = int(match.group("d") or match.group("d2"))
        year = int(match.group("y")) if match.group("y") else None
        if _safe_date(year or 2000, month, day) is not None:
            return WeekdayDate(match.group(0), month, day, year, WEEKDAYS[match.group("wd").lower()])
    return None


def find_weekday(text: str) -> int | None:
    """The weekday of the first "on Tuesday" in ``text`` (Monday is 0), or None."""
    match = _ON_WEEKDAY.search(text)
    return WEEKDAYS[match.group("wd").lower()] if match else None


def copyright_year(line: str) -> int | None:
    """The (last) year of a copyright notice on a short line ("© 2024 Wire", "Copyright 2019-2023")."""
    if len(line) > 160:
        return None
    match = _COPYRIGHT.search(line)
    return int(match.group("y")) if match else None


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, pos):
        start = match.end()
    nxt = _SENTENCE_END.search(text, pos)
    return start, nxt.start() if nxt else len(text)


def _role(text: str, start: int, end: int) -> Role:
    s_start, s_end = _sentence_bounds(text, start)
    before = text[s_start:start]
    if _FUTURE_PREFIX.search(before[-40:]):
        return "future"
    clause_start = 0
    for match in _CLAUSE_END.finditer(before):
        clause_start = match.end()
    clause = before[clause_start:]
    after = text[end:s_end]
    after_clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    if _FUTURE_CLAUSE.search(clause) or _FUTURE_CLAUSE.search(after_clause[:40]) or _FUTURE_AFTER.search(after):
        return "future"
    if _BACKGROUND_PREFIX.search(before[-40:]):
        return "background"
    return "past"


class _Collector:
    """Collects mentions, skipping any that overlap a span already taken by a more specific one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []
        self.found: list[Mention] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def add(self, match: re.Match[str], kind: Kind, weight: float, **fields: object) -> None:
        start, end = match.span()
        if not self.free(start, end):
            return
        self.taken.append((start, end))
        role = _role(self.text, start, end)
        self.found.append(Mention(match.group(0).strip(), start, kind, role, weight, **fields))  # type: ignore[arg-type]


def _later_months(match: re.Match[str]) -> int:
    raw = re.sub(r"\s+", " ", match.group("n").lower())
    count = int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)
    unit = match.group("unit").lower()
    return {"day": 0, "week": count // 4, "month": count, "year": 12 * count}[unit]


def _month_after_prep(text: str, months: list[re.Match[str]]) -> bool:
    """A month name (``months``: _HINT_MONTH's matches) right after one of REL_MONTH's words
    (and spaces): needed for a REL_MONTH match."""
    return any(text[:m.start()].rstrip()[-6:].lower().endswith(_REL_MONTH_PREPS) for m in months)


def _year_after_part(text: str, years: list[re.Match[str]]) -> bool:
    """A year (``years``: _HINT_YEAR's matches) after spaces or hyphens that follow a letter
    PART_YEAR's words end with: needed for a PART_YEAR match ("mid-2023", "the end of 2023")."""
    for m in years:
        k = m.start()
        while k and (text[k - 1] == "-" or text[k - 1].isspace()):
            k -= 1
        if k < m.start() and text[k - 1:k] in _PART_ENDS:
            return True
    return False


def _scan(pattern: re.Pattern[str], text: str, possible: bool) -> Iterable[re.Match[str]]:
    """The matches of ``pattern``, or none without running it when its hints ruled it out."""
    return pattern.finditer(text) if possible else ()


def _scan_from(pattern: re.Pattern[str], text: str, starts: list[re.Match[str]]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts where one of ``starts``
    (a hint's matches, in text order) does: it is tried only there."""
    end = 0
    for start in starts:
        if start.start() >= end and (match := pattern.match(text, start.start())) is not None:
            end = match.end()
            yield match


def find_mentions(text: str) -> list[Mention]:
    """Every date mention in ``text``, in text order."""
    col = _Collector(text)
    years = list(_HINT_YEAR.finditer(text))
    months = list(_HINT_MONTH.finditer(text))
    has_year, has_month = bool(years), bool(months)
    lowered = text.lower()
    has_quarter = _HINT_QUARTER.search(lowered) is not None
    has_half = _HINT_HALF.search(lowered) is not None
    has_full_date = has_year and (has_month or _HINT_NUMERIC_DATE.search(text) is not None)
    for match in _scan(FULL_DATE, text, has_full_date):
        day = full_date(match)
        if day is None:
            continue
        line_end = text.find("\n", match.end())
        line_rest = text[match.end(): line_end if line_end >= 0 else len(text)]
        line_start = text.rfind("\n", 0, match.start()) + 1
        embedded = not line_rest.strip() and EMBED_POST.search(text[line_start:match.start()].rstrip())
        idx = month_index(day.year, day.month)
        col.add(match, "day", 1.5 if embedded else 1.2, start=idx, end=idx, day=day)
    for match in _scan(QUARTER_YEAR, text, has_year and has_quarter):
        year = int(next(match.group(g) for g in ("y1", "y2", "y3", "y4") if match.group(g)))
        raw = next(match.group(g) for g in ("q1", "q2", "o3", "o4") if match.group(g))
        quarter = _ordinal(raw)
        start = month_index(year, 3 * quarter - 2)
        col.add(match, "part", 0.9, start=start, end=start + 2)
    for match in _scan(HALF_YEAR, text, has_year and has_half):
        year = int(next(match.group(g) for g in ("y1", "y2", "y3") if match.group(g)))
        raw = next(match.group(g) for g in ("h1", "h2", "o3") if match.group(g))
        half = _ordinal(raw)
        start = month_index(year, 6 * half - 5)
        col.add(match, "part", 0.8, start=start, end=start + 5)
    for match in _scan_from(MONTH_YEAR, text, months if has_year else []):     # starts with a month
        idx = month_index(int(match.group("y")), _month_number(match.group("m")))
        col.add(match, "month", 1.0, start=idx, end=idx)
    for match in _scan(PART_YEAR, text, has_year and _year_after_part(text, years)):
        year = int(match.group("y"))
        part = match.group("part").lower()
        first = 1 if "early" in part or "beginning" in part or "start" in part else (
            5 if "mid" in part or "middle" in part else 9)
        start = month_index(year, first)
        col.add(match, "year", 0.6, start=start, end=start + 3)
    for match in _scan_from(YEAR, text, years):     # a year not right after a digit starts a hint match
        before, after = text[max(0, match.start() - 20):match.start()], text[match.end():match.end() + 20]
        if _QUANTITY_PREFIX.search(before) or _UNIT_AFTER.match(after):
            continue
        year = int(match.group("y"))
        col.add(match, "year", 0.5, start=month_index(year, 1), end=month_index(year, 12))
    for match in _scan(REL_HALF, text, has_half):
        raw = match.group("o") or match.group("h")
        half = _ordinal(raw)
        col.add(match, "rel-part", 0.6, rel_month=6 * half - 5, rel_span=6, this_year=bool(match.group("o")))
    for match in _scan(REL_QUARTER, text, has_quarter):
        raw = match.group("q1") or match.group("o2")
        quarter = _ordinal(raw)
        col.add(match, "rel-part", 0.5, rel_month=3 * quarter - 2, rel_span=3,
                this_year=bool(match.group("thisyear")))
    for match in _scan(REL_MONTH, text, has_month and _month_after_prep(text, months)):
        if match.group("m") == "May" and match.group("prep").lower() not in ("in", "since", "during", "early",
                                                                            "mid", "mid-", "late", "last"):
            continue
        back = 1 if match.group("lastyear") else 0
        col.add(match, "rel-month", 0.6, rel_month=_month_number(match.group("m")), rel_year_back=back)
    for match in _scan(LATER, text, _HINT_LATER.search(lowered) is not None):
        col.add(match, "later", 0.8, rel_span=_later_months(match))
    return sorted(col.found, key=lambda m: m.pos)


_HEADER_NUMERIC_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.+\-Z ]*)?$")


def parse_header_date(value: str) -> dt.date | None:
    """A header date: numeric year-first ("2024-05-06", "2024/5/6 10:00") or with a month
    name and a day ("May 6, 2024", "Mon, 06 May 2024 09:00:00 GMT"). Ambiguous day/month
    orders such as "05/06/2024" are refused."""
    v = value.strip()
    m = _HEADER_NUMERIC_DATE.match(v)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    if not (re.search(r"[A-Za-z]{3}", v) and re.search(r"\b\d{4}\b", v)
            and re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", v)):
        return None
    try:
        return date_parser.parse(v, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None
