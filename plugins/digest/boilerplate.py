"""Recognise boilerplate lines in raw dumps: site chrome that is not article text.

Each check looks at general signals only: the shape of a line (length,
punctuation, case, a bare number), stopword density and language, stock
phrases of web chrome (share bars, cookie banners, promos, credits, footers),
and repetition within a file and across the corpus. Every check returns a
short drop reason such as "boilerplate:promo", or None when the line may be
article text.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import py3langid

from .model import SourceText
from .textnorm import (
    ends_sentence,
    fold,
    normalize_line,
    stopword_ratio,
    word_total,
    words,
)

SHORT_WORDS = 10          # a "short line" for repetition purposes

_I = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("boilerplate:counter", re.compile(
        r"^[\W_]*\d[\d,.\s]*[km]?[\W_]*$|^(no|\d+)\s+(comments?|replies|responses|shares|likes|views)\b.{0,3}$"
        r"|^(comments?|replies|views|shares|likes)\s*[:(]?\s*\d+\)?$", _I)),
    ("boilerplate:credit", re.compile(
        r"^[(\[]?(image|photo|picture|video|graphic|illustration|header image|featured image)s?\s*"
        r"(credits?|courtesy|source|by)?\s*[:\-|]|^(credits?|source|courtesy|photograph)\s*:|"
        r"\b(getty images|shutterstock|istock(photo)?|reuters/|afp via|ap photo)\b|^\(?photo(graph)? by\b", _I)),
    ("boilerplate:byline", re.compile(
        r"^(?i:by|written by|words by|reporting by|posted by|author:)\s+[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){0,3}"
        r"(\s*(,|\||-|and|&|on)\s*.{0,60})?$")),
    ("boilerplate:byline", re.compile(
        r"^[(\[]?\s*((additional|editing|writing)\s+)?(reporting|writing|editing|edited|compiled|research)\s+by\s+"
        r"[A-Z][^()\[\]]{0,150}[)\]]?$|^[(\[]?\s*(reporting|editing) by\b.*[;,]\s*(additional reporting|editing|"
        r"writing) by\b", _I)),
    ("boilerplate:timestamp", re.compile(
        r"^(published|updated|posted|last updated|first published|modified|last modified)\b\s*:?\s*(on\s+|at\s+)?"
        r".{0,60}?(\d{1,2}[:.]\d{2}|\b\d{4}\b|\bago\b|\b(today|yesterday)\b)", _I)),
    ("boilerplate:comment-meta", re.compile(
        r"^\S+(\s+\S+){0,2}\s*([\u00b7\u2022|]\s*(\d+\s*(mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)|"
        r"an? (minute|hour|day|week|month|year))|\s\d+(s|m|h|d|w|mo|y))\s+ago$", _I)),
    ("boilerplate:separator", re.compile(r"^([\-*=_~#\u2022\u00b7+]\s*){3,}$")),
    ("boilerplate:newsletter", re.compile(
        r"\b(unsubscribe|you are receiving this|update (your )?(email |subscription )?preferences|"
        r"manage (your )?subscription|view (this email )?in (your )?browser|forward (this|it) to (a|your) "
        r"(friend|colleague)|that'?s (it|all) for (this|today|now)|delivered (straight )?to your inbox|"
        r"enter your email( address)?$)", _I)),
    ("boilerplate:share", re.compile(
        r"^(share( this)?( article| story| post| on)?|tweet|email|print|copy link|pin it|whatsapp)\b.{0,60}$"
        r"|^((facebook|twitter|linkedin|reddit|whatsapp|email|pinterest|telegram|x)\W*){2,}$", _I)),
    ("boilerplate:cookie", re.compile(
        r"\b(we use cookies|(site|website|page) uses cookies|accept (all )?cookies|cookie (policy|settings|"
        r"preferences|consent))\b|^(accept( all)?( cookies)?|reject all|manage (cookies|preferences)|"
        r"got it|i agree)\W*$", _I)),
    ("boilerplate:ad", re.compile(
        r"^(advertisement|advertising|sponsored( content)?|ad|promoted|paid (post|content)|"
        r"(story )?continues? (below|after) (the )?(advertisement|ad)|scroll to continue.*)\W*$", _I)),
    ("boilerplate:promo", re.compile(
        r"^(related|see also|read (more|also|next))( articles?| stories| posts| reading| coverage)?\s*:|"
        r"^(read (more|next|also|the full)|see also|in (this|today'?s) (issue|edition)|"
        r"subscribe|sign up|click here|follow us|download (our|the) app|join (our|the) (newsletter|"
        r"mailing list)|get (our|the) (newsletter|latest)|don'?t miss|recommended( for you)?$|"
        r"(you (might|may) (also )?like)|most (read|popular|viewed|shared)|trending( now| stories)?$|"
        r"more (from|stories|news|on this)|popular (posts|stories)|top stories$|latest (news|stories)$|"
        r"continue reading|view (all|more)|load more|show more)\b", _I)),
    ("boilerplate:comment-prompt", re.compile(
        r"^(leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)|"
        r"comments?( are)? closed|write a comment|your email address will not be published|"
        r"(user|reader)s? reviews?|rate this( article)?|sending|submit|(log|sign) ?in to (reply|comment|post|join))\b",
        _I)),
    ("boilerplate:widget", re.compile(
        r"\b(rating|ratings|reviews?)\b.*\d|^\d+(\.\d+)?\s*/\s*\d+$|^(like|dislike|reply|report)$", _I)),
    ("boilerplate:footer", re.compile(
        r"(©|\(c\)\s*\d{4}|^copyright\b|all rights reserved|^(powered|created|designed|built) by\b|"
        r"^(terms (of (use|service))?|privacy( policy)?|contact us|about us|sitemap|imprint)\b.{0,40}$)", _I)),
    ("boilerplate:navigation", re.compile(
        r"^(home|news|menu|search|skip to (main )?content|back to top|next (article|post|story)|"
        r"previous (article|post|story)|(older|newer) posts?)\W*$|^(\w[\w ]{0,20}\s*(›|»|>|/|\|)\s*){2,}\w[\w ]{0,20}$", _I)),
]

_ROLE = re.compile(
    r"\b(founder|co-?founder|ceo|cto|cfo|coo|chief|president|chairman|chairwoman|chair|director|"
    r"partner|head|vice|vp|executive|officer|manager|minister|professor|secretary|spokes(man|woman|person)|"
    r"analyst|editor|reporter|engineer|scientist|researcher|governor|senator|mayor|at|of)\b", _I)
_CAPTION_LEAD = re.compile(r"^(?:[A-Z][\w.'\-]*\s+){1,3}[A-Z][\w.'\-]*\s*,\s+\S")
_BIO = re.compile(
    r"^[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s+(is|was|has been|covers|writes)\s+.{0,80}\b"
    r"(reporter|writer|editor|journalist|correspondent|columnist|contributor|author|"
    r"freelance|staff|bureau chief|covers|blogger)\b", _I)


# Phrase families that are whole-line by nature: they count in a line of any length.
_ANY_LENGTH = frozenset({"boilerplate:cookie", "boilerplate:footer"})
LONG_LINE_WORDS = 25      # longer lines are checked for those families only
# Families that a full sentence of more than SENTENCE_WORDS words is not (unless it ends in ":").
_NOT_SENTENCES = frozenset({"boilerplate:promo", "boilerplate:share", "boilerplate:widget",
                            "boilerplate:comment-prompt", "boilerplate:timestamp",
                            "boilerplate:newsletter"})
SENTENCE_WORDS = 14
_LONG_PATTERNS = [(r, p) for r, p in _PATTERNS if r in _ANY_LENGTH]
_SENTENCE_PATTERNS = [(r, p) for r, p in _PATTERNS if r not in _NOT_SENTENCES]
# Lowercase words one of which every match of a family contains: a line holding none of them
# skips that family's regex (the any-length families scan whole paragraphs).
_NEEDS: dict[str, tuple[str, ...]] = {
    "boilerplate:cookie": ("cookie", "accept", "reject all", "manage", "got it", "i agree"),
    "boilerplate:footer": ("©", "(c)", "copyright", "all rights reserved", "powered by", "created by",
                           "designed by", "built by", "terms", "privacy", "contact us", "about us",
                           "sitemap", "imprint"),
}
# The characters other than ASCII letters that IGNORECASE matches to an ASCII letter and that
# fold() leaves alone; lowercasing does not turn them into that letter.
_CASE_ODD = ("\u0130", "\u0131")   # dotted capital I, dotless small i


def _may_match(reason: str, low: str | None) -> bool:
    """False when the lowercased line cannot match the family's regex (None: unknown)."""
    needs = _NEEDS.get(reason)
    return needs is None or low is None or any(map(low.__contains__, needs))


def pattern_reason(text: str) -> str | None:
    """Reason for a line that matches a stock chrome phrase or shape, else None."""
    s = fold(text)
    if not s:
        return None
    n = word_total(text)
    if n > LONG_LINE_WORDS:
        patterns = _LONG_PATTERNS
    elif n > SENTENCE_WORDS and ends_sentence(s) and not s.endswith(":"):
        patterns = _SENTENCE_PATTERNS
    else:
        patterns = _PATTERNS
    low = None if any(c in s for c in _CASE_ODD) else s.lower()
    for reason, pat in patterns:
        if _may_match(reason, low) and pat.search(s):
            return reason
    return None


def is_caption(text: str) -> bool:
    """A photo caption naming a person and role: "Jane Roe, founder of Acme" (no full stop)."""
    s = fold(text)
    n = word_total(text)
    if n > 14 or s.endswith((".", "?", "!", '"')) or not _CAPTION_LEAD.match(s):
        return False
    tail = s.split(",", 1)[1]
    return bool(_ROLE.search(tail)) and not re.search(r"\b(said|says|told|is|was|will|has)\b", s)


def is_alt_text(text: str) -> bool:
    """A short lowercase keyword string left from an image's alt attribute."""
    s = fold(text)
    ws = s.split()
    return (1 <= len(ws) <= 5 and s == s.lower() and not ends_sentence(s)
            and all(re.fullmatch(r"[a-z0-9\-_]+", w) for w in ws) and any(c.isalpha() for c in s))


def is_bio(text: str) -> bool:
    """The opening of an author bio: "Jane Doe is a reporter who covers ..."."""
    return bool(_BIO.match(fold(text))) and len(words(text)) <= 90


def is_foreign(text: str) -> bool:
    """A paragraph that is not English: low English stopword density and a confident language ID."""
    if len(words(text)) < 8:
        return False
    if stopword_ratio(text) >= 0.25:
        return False
    lang, _ = py3langid.classify(text)
    return lang != "en"


def line_counts(lines: Iterable[str]) -> dict[str, int]:
    """How often each normalised non-blank line occurs."""
    counts: dict[str, int] = defaultdict(int)
    for s in lines:
        if s.strip():
            counts[normalize_line(s)] += 1
    return counts


def is_short(text: str) -> bool:
    """Short enough to be chrome when repeated (a few words)."""
    return word_total(text) <= SHORT_WORDS


COMMON_MIN_SOURCES = 3


def corpus_common_lines(sources: Iterable[SourceText]) -> frozenset[str]:
    """Normalised short lines seen in at least COMMON_MIN_SOURCES sources, in different contexts.

    Site furniture repeats across many pages of a site; a headline may turn up in
    two dumps (the same story, or a new story reusing a headline), and dropping it
    there would merge a story into its neighbour. A short line followed by the same
    prose paragraph in two sources is a story published twice, which
    de-duplication handles, so it is never furniture.
    """
    seen: dict[str, set[str]] = defaultdict(set)
    followed_by: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for src in sources:
        meta = set(src.meta_lines)
        lines = [(no, line) for no, line in enumerate(src.lines, 1) if no not in meta and line.strip()]
        for (no, line), nxt in zip(lines, [*lines[1:], (0, "")]):
            if not is_short(line):
                continue
            key = normalize_line(line)
            seen[key].add(src.path)
            if nxt[1] and not is_short(nxt[1]):
                followed_by[key][normalize_line(nxt[1])].add(src.path)
    return frozenset(k for k, paths in seen.items() if len(paths) >= COMMON_MIN_SOURCES
                     and not any(len(p) >= 2 for p in followed_by[k].values()))
