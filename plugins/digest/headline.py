"""Headlines: tell a title-like line, and make a headline for an untitled story.

A made headline is short (at most 110 characters), drawn from the story's own
words, names its main subject, and never repeats the whole first paragraph:
it is the lead sentence cut down to its main clause, or for a digest issue the
digest's name plus its first section heading.

Scripts without letter case (Chinese, Japanese, Korean, Thai, Arabic ...)
have no capital to open a headline: a line opening with such a letter may
be title-like too, wide (East Asian) characters count double towards the
length limits, and the ideographic full stop ends a sentence.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .model import Block
from .textnorm import DATELINE, STOPWORDS, ends_sentence, fold, names, normalize_line, word_total, words

MAX_LEN = 110
TARGET = 95

_LEAD_IN = re.compile(
    r"^(on|in|at|after|as|while|when|since|despite|following|amid|last|this|earlier|against|with|"
    r"before|although|though|instead of|over|during|for|like|unlike|according to)\b[^,]{3,90},\s+", re.I)
_GREETING = re.compile(
    r"^(?:hello|hi|hey|good (?:morning|afternoon|evening)|greetings)?[\s,!and]*\bwelcome\s+(?:back\s+)?"
    r"(?:to\s+)?(?:this week's\s+|the\s+|our\s+)?(?P<name>[^,.;:!—–-]{3,60})", re.I)
_BREAKS = re.compile(
    r",\s|;\s|\s[—–-]\s|:\s|\s(?=(?:which|who|as|after|amid|according|while|because|but|despite|"
    r"following|since|marking|bringing|making|giving|where|so that|in order)\b)")
_APPOSITIVE = re.compile(r"^(?P<subject>[A-Z][^,]{1,60}),\s+(?:a|an|the|which|who)\b[^,]{3,100},\s+(?=[a-z])")
_PHRASE_START = re.compile(r"\s(?=(?:in|on|at|by|for|with|from|over|after|before|during|under)\s)")
# (the first look-behind, implied by each alternative, only lets the regex engine give up fast)
_SENT = re.compile(r"(?<=[.!?\"'”’)。])"
                   r"(?:(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])"
                   r"|(?<=[。!?])(?=[^\x00-\u2fff]))")
_IDEOGRAPHIC_STOP = "。"
_WIDE_BREAKS = re.compile(r"[,;:、，；：](?=[^\x00-\u2fff])")


def width(text: str) -> int:
    """Display width: wide (East Asian) characters count two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _caseless_letter(ch: str) -> bool:
    """A letter of a script without upper and lower case."""
    return ch.isalpha() and ch.lower() == ch.upper()


TITLE_WORDS = 20          # a title-like line is at most this many words ...
TITLE_WIDTH = 130         # ... and this wide


def is_title_like(text: str, max_words: int = TITLE_WORDS, max_width: int | None = TITLE_WIDTH) -> bool:
    """A single short line shaped like a headline or subhead (no closing full stop), at most
    ``max_words`` words and ``max_width`` wide (None: any width)."""
    s = fold(text)
    if not 1 <= word_total(text) <= max_words or (max_width is not None and width(s) > max_width):
        return False
    if (s.endswith((",", "-")) or s.rstrip("\"')]」』").endswith(_IDEOGRAPHIC_STOP)
            or (ends_sentence(s) and not s.rstrip("\"')]").endswith("?"))):
        return False
    first = s.lstrip("\"'“‘([「『《")[:1]
    if not (first.isupper() or first.isdigit() or _caseless_letter(first)):
        return False
    return sum(1 for w in words(s) if len(w) >= 3) >= 1


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (a simple punctuation rule)."""
    return [s.strip() for s in _SENT.split(fold(text)) if s.strip()]


def lead_sentence(text: str) -> tuple[str, bool]:
    """The first of `sentences` ("" when there is none) and whether more follow, without
    splitting the rest: a break never opens the (stripped) text, and text always follows one."""
    s = fold(text)
    m = _SENT.search(s)
    return (s, False) if m is None else (s[:m.start()].rstrip(), True)


def _trim(phrase: str) -> str:
    """Drop trailing function words and punctuation from a cut phrase."""
    ws = phrase.rstrip(" ,;:—–-").split()
    while ws and (ws[-1].lower().strip(",;:") in STOPWORDS or not re.search(r"\w", ws[-1])):
        ws.pop()
    return " ".join(ws).rstrip(" ,;:—–-")


def _breaks(s: str) -> list[int]:
    """Clause breaks of a sentence (spaced scripts, and commas of unspaced ones)."""
    return sorted([m.start() for m in _BREAKS.finditer(s)] + [m.start() for m in _WIDE_BREAKS.finditer(s)])


def _head(s: str, limit: int) -> str:
    """The longest start of `s` at most `limit` wide, ended at a space when there is one."""
    used = 0
    for end, ch in enumerate(s):
        used += width(ch)
        if used > limit:
            break
    else:
        end = len(s)
    out = s[:end]
    return out.rsplit(" ", 1)[0] if " " in out else out


def shorten(sentence: str, limit: int = TARGET) -> str:
    """Cut a sentence down to its main clause, at most `limit` wide."""
    s = DATELINE.sub("", sentence.strip().rstrip(".!" + _IDEOGRAPHIC_STOP))
    s = re.sub(r"^(but|and|so|yet|however|still)\b,?\s+", "", s, flags=re.I)
    s = _APPOSITIVE.sub(lambda m: m.group("subject") + " ", s)
    s = s[:1].upper() + s[1:]
    m = _LEAD_IN.match(s)
    if m and len(s[m.end():].split()) >= 5:
        rest = s[m.end():]
        s = rest[:1].upper() + rest[1:]
    if width(s) <= limit:
        return s
    cuts = [i for i in _breaks(s) if 40 <= width(s[:i]) <= limit]
    if cuts:
        return _trim(s[:cuts[0]])
    phrases = [m.start() for m in _PHRASE_START.finditer(s) if 40 <= m.start() <= limit]
    if phrases:
        return _trim(s[:phrases[-1]])
    return _trim(_head(s, limit))


def _top_name(body: list[str]) -> str | None:
    counts = Counter(n for t in body for n in names(t) if len(n) >= 3)
    if not counts:
        return None
    name, n = counts.most_common(1)[0]
    return name if n >= 2 else None


def _digest_title(paras: list[str], heads: list[str]) -> str | None:
    m = _GREETING.match(fold(paras[0])) if paras else None
    if not m:
        return None
    name = _trim(m.group("name"))
    if len(name.split()) < 1:
        return None
    topic = heads[0] if heads else shorten(sentences(paras[1])[0], 60) if len(paras) > 1 else ""
    title = f"{name[:1].upper() + name[1:]}: {topic}" if topic else name
    return title if len(title) <= MAX_LEN else _trim(title[:MAX_LEN].rsplit(" ", 1)[0])


def make_headline(blocks: list[Block]) -> str:
    """A headline for an untitled story, made from its own text."""
    paras = [b.text for b in blocks if b.kind in ("para", "quote") and b.text.strip()]
    heads = [b.text for b in blocks if b.kind == "heading"]
    if not paras:
        paras = [b.text.split("\n")[0] for b in blocks if b.text.strip()]
    if not paras:
        return "Untitled"
    digest = _digest_title(paras, heads)
    if digest:
        return digest
    top = _top_name(paras)
    lead = sentences(paras[0])
    options = lead[:2] + [s for p in paras[1:3] for s in sentences(p)[:2]]
    choice = lead[0] if lead else paras[0]
    if top and top not in choice.lower():
        for s in options[:4]:
            if top in s.lower() and len(s) >= 30:
                choice = s
                break
    title = shorten(choice)
    if normalize_line(title) == normalize_line(paras[0]) or width(title) < 8:
        cuts = [i for i in _breaks(title) if width(title[:i]) >= 25]
        if cuts:
            title = _trim(title[:cuts[-1]])
        elif " " in title:
            title = _trim(" ".join(title.split()[:-2]))
        else:                           # an unspaced script: keep the first two thirds
            title = _trim(_head(title, 2 * width(title) // 3))
    return title
