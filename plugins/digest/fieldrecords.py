"""Read a dump that is a list of labelled records (a feed or a CMS export saved as text): each
story a run of ``key: value`` fields ("Title:", "pubDate:", "content:encoded:") or of
``key ..... value`` fields with dotted leaders, its body in a field or in the lines under one.

A dump is read as records when the lines that start with a field name hold one field whose
name says it is a headline (``TITLE_KEYS``) at least twice, and at least ``MIN_SHARED_KEYS``
other field names each come back in two records or more: a schema, not a prose line that
happens to start with "Note:". Each record then is one story:

- it starts at its headline field, or at the fields right above it ("id ..." before
  "headline ..."), and runs to the next record;
- its headline is the headline field's value; its date is the first date field
  (``DATE_KEYS``) whose value parses; a summary field (``SUMMARY_KEYS``) is kept as the first
  paragraph unless it is cut short ("[…]");
- its body is the lines under a body field (``BODY_KEYS``: "content:encoded:", "body[]")
  up to the next field, or a body field's own value when that is prose; with no body field,
  every line that is not a field;
- every other field is dropped with the reason ``record-field:<name>``, as are the lines before
  the first record (the feed's or export's own header) and, in a record with a body field,
  the short lines outside its body (item rules, "record 2/4 ....").

Line numbers stay those of the file: kept fields are rewritten to their values in place.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from bisect import bisect_right
from dataclasses import dataclass, field

from .model import RecordSpan
from .paragraphs import is_body_para
from .datefind import parse_header_date

MIN_RECORDS = 2
MIN_SHARED_KEYS = 2
MAX_KEY_CHARS = 32

TITLE_KEYS = frozenset({"title", "headline", "hed", "heading", "subject"})
DATE_KEYS = ("pubdate", "published", "publishedat", "publishdate", "publisheddate", "datepublished",
             "publicationdate", "dcdate", "date", "issued", "posted", "postedat", "created", "createdat",
             "timestamp", "updated", "updatedat", "modified", "lastmodified")      # most telling first
BODY_KEYS = frozenset({"content", "contentencoded", "body", "bodytext", "text", "article", "articlebody",
                       "story", "fulltext", "contenthtml", "contenttext"})
SUMMARY_KEYS = frozenset({"description", "summary", "dek", "deck", "standfirst", "excerpt", "abstract",
                          "subtitle", "subhead", "teaser", "strapline"})
_TITLE_STARTS = tuple(sorted(TITLE_KEYS))
EMPTY_VALUES = frozenset({"", "null", "none", "nil", "n/a", "-", "—", "undefined"})

# "key: value", "key:" alone, "key ..... value" (dotted leader), "key<TAB>value", "key  value",
# "key = value"; a key is a word with ".", ":" or "-" joins ("dc:creator", "image.caption").
_FIELD = re.compile(
    r"^(?P<key>[A-Za-z][\w\-]*(?:[.:][A-Za-z][\w\-]*)*(?:\[\])?)"
    r"(?::[ \t]+|:$|[ \t]*\.{3,}[ \t]*|\t+|[ ]{2,}|[ \t]*=[ \t]+)(?P<value>.*)$")
_CUT_SHORT = re.compile(r"(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*$")


@dataclass
class RecordDump:
    """A dump read as records: its lines (kept fields rewritten to their values), the lines
    dropped and why, and the records."""

    lines: list[str]
    drops: dict[int, str] = field(default_factory=dict)
    records: list[RecordSpan] = field(default_factory=list)
    title_key: str = ""


@dataclass(frozen=True)
class _Field:
    line: int
    key: str            # as written
    name: str           # normalised: lowercase letters and digits only
    value: str


def _name(key: str) -> str:
    return re.sub(r"[^a-z0-9]", "", key.lower())


def _fields(lines: list[str]) -> dict[int, _Field]:
    found: dict[int, _Field] = {}
    for number, line in enumerate(lines, start=1):
        if not line[:1].isalpha():
            continue
        m = _FIELD.match(line.rstrip())
        if m and len(m["key"]) <= MAX_KEY_CHARS:
            found[number] = _Field(number, m["key"], _name(m["key"]), m["value"].strip())
    return found


def _empty(value: str) -> bool:
    return value.lower() in EMPTY_VALUES


def read_records(lines: list[str]) -> RecordDump | None:
    """The dump as records (see the module docstring), or None when it is not a record dump."""
    if sum(1 for line in lines if line[:12].lower().startswith(_TITLE_STARTS)) < MIN_RECORDS:
        return None         # (a cheap look first: fewer lines open with a headline field's name)
    fields = _fields(lines)
    counts = Counter(f.name for f in fields.values())
    titles = [name for name in counts if name in TITLE_KEYS and counts[name] >= MIN_RECORDS]
    if not titles:
        return None
    title_key = max(titles, key=lambda name: (counts[name], name))
    title_lines = sorted(n for n, f in fields.items() if f.name == title_key)
    starts = _record_starts(title_lines, fields, {name for name, c in counts.items() if c >= MIN_RECORDS})
    bounds = list(zip(starts, [s - 1 for s in starts[1:]] + [len(lines)]))
    records_with: dict[str, set[int]] = defaultdict(set)      # field name -> the records holding it
    for n, f in fields.items():
        if n >= starts[0]:
            records_with[f.name].add(bisect_right(starts, n))
    shared = [name for name, held in records_with.items() if name != title_key and len(held) >= 2]
    if len(shared) < MIN_SHARED_KEYS:
        return None
    schema = {title_key, *shared}
    dump = RecordDump(list(lines), title_key=title_key)
    for number in range(1, starts[0]):
        if lines[number - 1].strip():
            dump.drops[number] = "record-export:header"
    for (first, last), title_line in zip(bounds, title_lines):
        dump.records.append(_read_record(dump, fields, schema, first, last, title_line))
    return dump


def _record_starts(title_lines: list[int], fields: dict[int, _Field], repeated: set[str]) -> list[int]:
    """Where each record starts: its headline field, or the run of repeated fields right above it."""
    starts: list[int] = []
    for k, title in enumerate(title_lines):
        floor = title_lines[k - 1] if k else 0
        start = title
        while start - 1 > floor and (f := fields.get(start - 1)) is not None and f.name in repeated:
            start -= 1
        starts.append(start)
    return starts


def _read_record(dump: RecordDump, fields: dict[int, _Field], schema: set[str],
                 first: int, last: int, title_line: int) -> RecordSpan:
    """Rewrite and drop the lines of one record in ``dump``; the record's span, headline and date."""
    mine = [fields[n] for n in range(first, last + 1) if n in fields and fields[n].name in schema]
    has_body_field = any(f.name in BODY_KEYS for f in mine)
    date, evidence = None, ""
    for name in DATE_KEYS:
        f = next((f for f in mine if f.name == name and not _empty(f.value)), None)
        if f is not None and (day := parse_header_date(f.value)) is not None:
            date, evidence = day, f"record field {f.key!r}: {f.value!r} (line {f.line})"
            break
    title_kept: int | None = None
    for f in mine:
        if f.line == title_line and not _empty(f.value):
            dump.lines[f.line - 1], title_kept = f.value, f.line
        elif f.name in SUMMARY_KEYS and not _empty(f.value) and not _CUT_SHORT.search(f.value):
            dump.lines[f.line - 1] = f.value
        elif f.name in BODY_KEYS and is_body_para(f.value):
            dump.lines[f.line - 1] = f.value
        else:
            dump.drops[f.line] = "record-field:empty" if _empty(f.value) else f"record-field:{f.key.lower()}"
    if has_body_field:
        in_body = False
        field_at = {f.line: f for f in mine}
        for n in range(first, last + 1):
            f = field_at.get(n)
            if f is not None:
                in_body = f.name in BODY_KEYS
                continue
            text = dump.lines[n - 1]
            if text.strip() and not in_body and not is_body_para(text):
                dump.drops[n] = "record-export:outside-body"
    return RecordSpan(first, last, title_kept, date, evidence)
