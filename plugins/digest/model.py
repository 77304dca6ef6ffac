"""Plain data passed between the pipeline stages (read, split, clean, dedup, date, classify).

Every stage takes and returns these objects, so each stage can be tested alone
without Pelican. Line numbers are 1-based positions in the decoded source text
(after newline normalisation), the same numbering an editor sees.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["para", "heading", "list", "quote"]
DateSource = Literal["explicit", "override", "dateline", "inferred", "file", "git", "mtime"]
# Dates stated by the source or an editor; every other source is an estimate and is shown as one.
STATED_DATE_SOURCES: frozenset[str] = frozenset({"explicit", "override", "dateline"})


def date_is_estimated(date_source: str | None) -> bool:
    """True when a post's date was estimated rather than stated."""
    return date_source not in STATED_DATE_SOURCES


@dataclass
class SourceText:
    """A raw source decoded to text lines, plus what reading it revealed."""

    path: str                      # path relative to the content folder, POSIX style
    lines: list[str]               # decoded lines, no line terminators
    encoding: str = "utf-8"
    kind: Literal["text", "html"] = "text"
    meta: dict[str, str] = field(default_factory=dict)   # header metadata ("date", "title"...)
    meta_lines: list[int] = field(default_factory=list)  # line numbers used up by header metadata
    warnings: list[str] = field(default_factory=list)    # human-readable problems met while reading
    notes: list[str] = field(default_factory=list)       # what reading did that an editor may want to know
    # a dump of labelled records (fieldrecords): the lines its fields use up, why, and its records
    field_drops: dict[int, str] = field(default_factory=dict)
    records: list[RecordSpan] = field(default_factory=list)


@dataclass(frozen=True)
class RecordSpan:
    """One record of a record dump: its lines, its headline's line and the date its fields state."""

    first: int
    last: int
    title_line: int | None
    date: dt.date | None = None
    date_evidence: str = ""


@dataclass
class Block:
    """One unit of an article body: a paragraph, an in-article subhead, a list or a quote."""

    kind: BlockKind
    text: str                      # for lists: items joined by "\n"
    lines: list[int]               # raw line numbers the block was built from
    level: int = 2                 # heading level for kind == "heading"


@dataclass
class Drop:
    """A raw line that is not published, and why."""

    line: int
    text: str
    reason: str                    # short machine-friendly reason, e.g. "boilerplate:counter"


@dataclass(frozen=True)
class NameUses:
    """How one story uses the names it holds (lowercased forms), for weighing over the corpus
    whether a name is a company: the names it uses only as a place ("in Xiamen"), those it
    uses where a place cannot stand or that look like an organisation, and the names and
    name words of the people it names."""

    places: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()


@dataclass
class ArticleDraft:
    """One article as split and cleaned from a source, before dating and classification."""

    source: str                    # SourceText.path
    title: str
    title_generated: bool          # True when the headline was made from the text
    title_line: int | None         # raw line of a source headline
    blocks: list[Block]
    start_line: int
    end_line: int
    stated_date: dt.date | None = None       # the date a record's field states (fieldrecords)
    stated_date_evidence: str = ""
    # filled in by later stages
    duplicate_of: str | None = None          # key of the kept copy when this one is a duplicate
    date: dt.date | None = None
    date_source: DateSource | None = None
    date_evidence: str = ""                  # the words or rule the date came from
    topic: str = ""                          # primary topic name
    secondary_topics: list[str] = field(default_factory=list)
    topic_terms: list[str] = field(default_factory=list)   # terms behind the topic choice
    entities: list[str] = field(default_factory=list)      # companies and organisations named, most salient first
    name_uses: NameUses = field(default_factory=NameUses)   # evidence about its names (namecorpus)
    slug: str = ""
    # rendered once per source (and cached with it)
    html: str = ""                           # the body as sanitised HTML
    summary: str = ""                        # one or two opening sentences, plain text
    words: int = 0
    # duplicate-detection anchors and exact-copy hash (dedup.sketch), made per source and cached with it
    anchors: frozenset[int] = frozenset()
    exact_hash: str = ""

    @property
    def key(self) -> str:
        """A stable identity: source path and first line."""
        return f"{self.source}#L{self.start_line}"

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)


@dataclass
class SplitResult:
    """What splitting and cleaning one source produced."""

    articles: list[ArticleDraft]
    drops: list[Drop]
