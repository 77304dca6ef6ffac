"""Text normalisation and tokenising helpers shared by the splitting stage.

`normalize_line` is the key used to spot repeated lines (within a file and
across the corpus); the other helpers split text into words, content-word
stems and capitalised names, and tell whether a line ends a sentence.

Several stages ask for the words, stems or names of the same paragraph, so the
per-text results are memoised (a bounded cache per process); the public
functions hand out fresh lists. ASCII text skips Unicode normalisation, which
cannot change it, and text whose only whitespace is single spaces between words
is neither split nor re-joined to fold its spaces.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import product

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u2026": "...",
})

# A compact English stoplist (function words only), used for stopword density
# and to keep content words for lexical cohesion.
STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all almost also although am among an and any are
aren't as at be because been before being below between both but by can cannot could
couldn't did didn't do does doesn't doing don't down during each either else even ever
every few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's however i i'd i'll i'm i've if in
into is isn't it it's its itself just let's like may me might more most much must mustn't
my myself neither no nor not now of off on once only or other ought our ours ourselves out
over own per quite rather said same say says shall shan't she she'd she'll she's should
shouldn't since so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those though through thus to too
under until up upon us very was wasn't we we'd we'll we're we've were weren't what what's
when when's where where's whether which while who who's whom whose why why's will with
within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves also still already one two three new many well back get got make made us via
""".split())
# Every spelling of a stopword, in any case: lowercasing maps character by character, and
# besides an ASCII letter's capital only the Kelvin sign lowercases to one of their characters
# ("k"). So a word is a stopword when lowercased exactly when it is one of these as it stands.
_LOWERCASING_TO = {"k": "K\u212a"}
_STOPWORD_SPELLINGS: frozenset[str] = frozenset(
    "".join(spelling) for word in STOPWORDS
    for spelling in product(*({c, c.upper(), *_LOWERCASING_TO.get(c, "")} for c in word)))

CACHE_TEXTS = 4096                   # texts whose words, stems and names are memoised
CACHE_WORDS = 1 << 16                # single words whose stem and name reading are memoised

_WORD = re.compile(r"[^\W\d_][\w'\-]*", re.UNICODE)
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'\-]*")     # _WORD on ASCII text (a faster scan)
# names(): stripped from a token before it is read as a name; a token ending in one of
# _SENTENCE_MARKS (perhaps followed by _CLOSERS) ends a sentence
_NAME_EDGE = "\"'()[],;:“”‘’"
_SENTENCE_MARKS = (".", "!", "?", ":")
_CLOSERS = "'\"”’)"
# ends_sentence(): sentence or clause-closing punctuation, perhaps followed by quotes or brackets
_TERMINALS = (".", "!", "?", "…", ":", ";")
_TERMINAL_CLOSERS = "\"'”’)]"

# A news dateline opening a paragraph: "SHENZHEN, March 14, 2024 —", "BEIJING (Reuters) -",
# "SEOUL (Feb 3) -".
DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{2,30}(,\s*[A-Za-z0-9][\w. ]{0,30}){0,3}\s*(\(\w[\w .,]{0,20}\))?\s*(--|—|–|-|:)\s+(?=\S)")


def _nfkc_quotes(text: str) -> str:
    """NFKC and straight quotes; ASCII text is already in that form."""
    return text if text.isascii() else _nfkc_quotes_unicode(text)


@lru_cache(maxsize=CACHE_TEXTS)
def _nfkc_quotes_unicode(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def _single_spaced(s: str) -> bool:
    """Whether the only whitespace in ``s`` is single spaces between other characters (so
    ``" ".join(s.split()) == s``): every whitespace character but the space is unprintable."""
    return s.isprintable() and "  " not in s and not s.startswith(" ") and not s.endswith(" ")


@lru_cache(maxsize=CACHE_TEXTS)
def normalize_line(text: str) -> str:
    """Return the repetition key of a line: NFKC, straight quotes, folded spaces, lowercase."""
    s = _nfkc_quotes(text)
    return (s if _single_spaced(s) else " ".join(s.split())).lower()


def fold(text: str) -> str:
    """NFKC and straight quotes, case kept (for pattern matching on raw lines)."""
    return _nfkc_quotes(text).strip()


@lru_cache(maxsize=CACHE_TEXTS)
def word_total(text: str) -> int:
    """How many whitespace-separated tokens the folded text has."""
    s = fold(text)
    if _single_spaced(s):
        return s.count(" ") + 1 if s else 0
    return len(s.split())


@lru_cache(maxsize=CACHE_TEXTS)
def _words(text: str) -> tuple[str, ...]:
    if text.isascii():
        return tuple(_ASCII_WORD.findall(text.strip()))     # fold() leaves ASCII text as it is
    return tuple(_WORD.findall(fold(text)))


def words(text: str) -> list[str]:
    """The alphabetic word tokens of a text, case kept."""
    return list(_words(text))


def word_count(text: str) -> int:
    """How many alphabetic word tokens the text has (the length of ``words``)."""
    return len(_words(text))


def stem(word: str) -> str:
    """A crude prefix stem: lowercase, possessive removed, first six letters."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    return w.strip("'-")[:6]


@lru_cache(maxsize=CACHE_WORDS)
def _content_stem(word: str) -> str | None:
    """The stem of a content word (3+ letters, not a stopword), else None."""
    lw = word.lower()
    if len(lw) >= 3 and lw not in STOPWORDS:
        return stem(lw)
    return None


@lru_cache(maxsize=CACHE_TEXTS)
def _content_stems(text: str) -> tuple[str, ...]:
    return tuple(filter(None, map(_content_stem, _words(text))))     # a stem is never empty


def content_stems(text: str) -> list[str]:
    """Prefix-stemmed content words (no stopwords, 3+ letters) of a text."""
    return list(_content_stems(text))


@lru_cache(maxsize=CACHE_WORDS)
def _token_name(tok: str) -> tuple[str | None, bool]:
    """The name a whitespace token gives when it does not open a sentence (None: not a name),
    and whether the token ends a sentence."""
    core = tok.strip(_NAME_EDGE)
    if core.endswith("'s"):
        core = core[:-2]
    name = None
    if len(core) > 1 and core[0].isupper() and core.lower() not in STOPWORDS and any(c.isalpha() for c in core):
        name = core.lower().strip(".-")
    return name, tok.rstrip(_CLOSERS).endswith(_SENTENCE_MARKS) or tok in ("-", "—")


@lru_cache(maxsize=CACHE_TEXTS)
def _names(text: str) -> tuple[str, ...]:
    out: list[str] = []
    prev_end = True
    for name, ends in map(_token_name, fold(text).split()):
        if name is not None and not prev_end:
            out.append(name)
        prev_end = ends
    return tuple(out)


def names(text: str) -> list[str]:
    """Capitalised tokens that do not open a sentence (a cheap named-entity proxy)."""
    return list(_names(text))


def capitalised(text: str) -> set[str]:
    """Capitalised tokens, also those opening a sentence (in a headline, its first word may be a
    name), lowercased as `names` gives them."""
    return {name for name, _ in map(_token_name, fold(text).split()) if name is not None}


def stopword_ratio(text: str) -> float:
    """Share of word tokens that are English function words."""
    ws = _words(text)
    if not ws:
        return 0.0
    return sum(map(_STOPWORD_SPELLINGS.__contains__, ws)) / len(ws)


def ends_sentence(text: str) -> bool:
    """True when a line ends with sentence (or clause-closing) punctuation."""
    return fold(text).rstrip(_TERMINAL_CLOSERS).endswith(_TERMINALS)


# A rule line between stories: "---", "* * *", ". . . .", "=====", or a label between rules
# ("---------- item 2 of 5 ----------", "===== Page 2 =====").
RULE_LINE = re.compile(r"^\s*(?:(?:[\-*=_~#.\u2022\u00b7+]\s*){3,}|[\-=*_~#]{3,}\s*[^\-=*_~#]{1,40}?\s*[\-=*_~#]{3,})\s*$")
