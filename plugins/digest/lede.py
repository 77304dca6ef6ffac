"""Lede and continuation shape of a paragraph's opening, for untitled story boundaries.

A news story's first paragraph introduces its subject from scratch: it is
often one long sentence (the "inverted pyramid" lede), it presents a name
with a description set off by commas ("Name, a maker of ..., opened"), it
attributes the news to a source ("according to a report", "..., the
ministry said.") or dates it ("on Monday"), and its opening words name
things the paragraphs just before it never mentioned. A paragraph that
carries a story on refers back instead: it opens with a definite description
("The company", "The deal") or repeats a word or name from the paragraphs
just before it. Words used all over the file (the beat the whole dump is
about) are not taken as references.

`lede_scores` rates every paragraph of a file (`lede_scorer` any one of them,
when asked): each paragraph's terms are computed once and compared with those
of the few paragraphs before it only, so the cost grows linearly with the file.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from .headline import lead_sentence
from .textnorm import DATELINE, STOPWORDS, content_stems, fold

SHORT_LEDE = 12         # words: a one-sentence paragraph this short says nothing about being a lede
LONG_LEDE = 28          # words: a one-sentence paragraph this long reads fully as a lede (scaled in between)
APPOSITIVE_HEAD = 5     # words at most before the comma that opens a name's description
OPENING = 8             # words of a paragraph's opening that may refer back
LOOKBACK = 3            # paragraphs an opening may refer back to
COMMON_SHARE = 0.2      # a term in more than this share of the file's paragraphs (and in more
                        # paragraphs than one story's opening looks back over) ties nothing together
MORE_SENTENCES = 0.5    # share of the length evidence left when the lede sentence is not the whole paragraph
CUE = 0.5               # each lede cue: an introduced name, a named source, a day
DEFINITE = 1.0          # an opening definite description
REFERS = 0.6            # each opening term used in the paragraphs just before (at most two count)

_APPOSITIVE = re.compile(r"^(?P<head>[^,;:]{1,80}?),\s+(?:a|an|the)\s[^,]{3,200},\s+(?P<verb>\w+)")
_SPEECH = re.compile(r"^(?:said|says|told|tells|added|adds|noted|notes|argued|argues|warned|warns|wrote|writes)$", re.I)
_SOURCE = re.compile(
    r"\baccording to (?:a|an)\b|,\s+(?:the\s+|a\s+|an\s+)?[^,\"“”]{3,60}\s(?:said|says|announced|reported)"
    r"(?:\s+(?:on|in)\s[^,]{2,30})?(?:[.!]?$|,)", re.I)
_NAMED_SUBJECT = re.compile(r"^(?!The\s)(?:[A-Z][\w'’&.\-]*\s+){2,5}(?P<verb>[a-z]\w*)")
_DAY = re.compile(r"\bon\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_DEFINITE = re.compile(r"^[\"'“‘]?[Tt]he\s+[a-z]")
_CONTINUATION = re.compile(
    r"^[\"'“‘]?(it|its|it's|this|that|these|those|they|their|them|he|she|his|her|we|our|"
    r"however|but|and|also|meanwhile|still|yet|moreover|furthermore|instead|then|so|such|thus|"
    r"in addition|as such|as a result|besides|for example|for instance|in fact|in other words|"
    r"the (company|firm|startup|group|move|deal|report|decision|plan|app|platform|government|"
    r"ministry|agency|bank|team|two|latter|former|same)|another|other|others|both|meanwhile|"
    r"similarly|likewise|by contrast|on the other hand|otherwise|nonetheless|nevertheless|here|"
    r"there|now|lastly|finally|first|second|third|next)\b", re.I)
_ADVERB = re.compile(r"ly$|^(?:today|yesterday|tonight|overall|elsewhere|earlier|later|again|instead|indeed)$")


def written_lower(word: str, text: str) -> bool:
    """The lower-case `word` occurs as a word of `text` (so, there, it is no proper name)."""
    return re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", text) is not None


def _names_a_subject(head: str, file_text: str) -> bool:
    """The words before an appositive comma end in a proper name ("Skylark Air", "Data centres in Ulanqab")."""
    ws = head.split()
    if not 1 <= len(ws) <= APPOSITIVE_HEAD:
        return False
    last = ws[-1].strip("\"'“”‘’()")
    if not last[:1].isupper():
        return False
    if len(ws) > 1:
        return True
    low = last.lower()
    return not (low in STOPWORDS or _ADVERB.search(low) or written_lower(low, file_text))


def named_subject(first: str) -> bool:
    """The first sentence opens with a name of two or more words that acts ("Nordvik Rail will run")."""
    m = _NAMED_SUBJECT.match(first)
    return bool(m) and not _SPEECH.match(m.group("verb"))


def appositive_intro(first: str, file_text: str) -> bool:
    """The first sentence introduces a name with a description between commas, and the name acts.

    A described name that only speaks ("Name, an analyst at ..., said") is a
    voice quoted inside a story rather than its subject.
    """
    m = _APPOSITIVE.match(first)
    return bool(m) and _names_a_subject(m.group("head"), file_text) and not _SPEECH.match(m.group("verb"))


def is_continuation(text: str) -> bool:
    """The paragraph opens with a pronoun or connective that points back."""
    return bool(_CONTINUATION.match(fold(text)))


def definite_opening(text: str) -> bool:
    """The paragraph opens with a definite description ("The company ...") that points back."""
    return bool(_DEFINITE.match(fold(text)))


def lede_score(text: str, file_text: str, shared: int) -> float:
    """How much a paragraph reads as a story's lede (positive) or a continuation (negative).

    `text` is folded with any dateline removed; `file_text` is the whole
    file's text; `shared`: how many terms of its opening the paragraphs just
    before it used.
    """
    first, more = lead_sentence(text)
    if not first:
        return 0.0
    score = -REFERS * min(shared, 2) - DEFINITE * (definite_opening(text) or is_continuation(text))
    length = min(1.0, max(0.0, (len(first.split()) - SHORT_LEDE) / (LONG_LEDE - SHORT_LEDE)))
    score += MORE_SENTENCES * length if more else length
    introduces = appositive_intro(first, file_text) or named_subject(first)
    score += CUE * (introduces + bool(_SOURCE.search(first)) + bool(_DAY.search(first)))
    return score


def opening_terms(text: str) -> set[str]:
    """Content stems among the first OPENING words of a paragraph (after any dateline)."""
    return set(content_stems(" ".join(DATELINE.sub("", fold(text)).split()[:OPENING])))


def lede_scorer(texts: list[str], stems: list[set[str]] | None = None) -> Callable[[int], float]:
    """A function giving the `lede_score` of paragraph i of one file (``texts[i]``), compared with
    the LOOKBACK paragraphs before it; the file-wide counts are taken once, at the first request
    (a file may never make one), each score when asked.

    `stems`: the content stems of each paragraph, when the caller has them already.
    """
    @cache
    def counts() -> tuple[list[set[str]], set[str], str]:
        sets = [set(content_stems(t)) for t in texts] if stems is None else stems
        df: Counter[str] = Counter()
        for b in sets:
            df.update(b)
        common = {k for k, c in df.items() if c > max(LOOKBACK + 1, COMMON_SHARE * len(texts))}
        return sets, common, "\n".join(texts)

    def score(i: int) -> float:
        sets, common, file_text = counts()
        s = DATELINE.sub("", fold(texts[i]))
        before = set().union(*sets[max(0, i - LOOKBACK):i])
        return lede_score(s, file_text, len((opening_terms(s) - common) & before))
    return score


def lede_scores(texts: list[str], stems: list[set[str]] | None = None) -> list[float]:
    """`lede_score` of each paragraph of one file (see `lede_scorer`)."""
    score = lede_scorer(texts, stems)
    return [score(i) for i in range(len(texts))]
