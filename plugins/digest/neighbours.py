"""Chrome told by its neighbours: lines that look like text alone but not where they stand.

Each rule takes the paragraph units of one dump and the drop reasons found so
far, and adds reasons in place:

* ad copy: the short units after an ad label ("SPONSORED", "Advertisement")
  that make an offer (a promo code, "% off", "free trial"), or that are set in
  one block with the label and speak to the reader ("your backups");
* a short label glued on top of a dropped foreign-language paragraph
  ("Anzeige", "Contenido patrocinado");
* a bare name glued on top of a job title (an author block: "Jane Doe" over
  "Senior reporter");
* a "Label: link text" line that recurs in the file and stands between the end
  of one story and the next headline ("Go deeper: ...", "Watch: ...");
* a short closing line that names the publication from the masthead
  ("The Weekly Wire is edited by ...");
* a pull quote: a short unit whose words (or whose quotation, when a quotation
  is most of it) a paragraph near it already holds, in a row.
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from .boilerplate import FOLLOW_BUTTON, is_job_title
from .headline import is_title_like
from .paragraphs import Unit, is_body_para
from .textnorm import STOPWORDS, ends_sentence, fold, word_total, words

AD = "boilerplate:ad"
FOREIGN = "boilerplate:foreign-language"
AD_COPY_UNITS = 3        # units of one ad after its label
AD_COPY_WORDS = 60
LABEL_WORDS = 3          # a label glued on top of a dropped block
LINK_LABEL_WORDS = 3     # the label part of "Label: link text"
LINK_TEXT_WORDS = 14
SIGN_OFF_WORDS = 20      # a closing line about the publication
PULL_QUOTE_WORDS = 40    # a pull quote is at most this long ...
PULL_QUOTE_REPEAT = 6    # ... and repeats at least this many words in a row of a paragraph ...
PULL_QUOTE_REACH = 8     # ... at most this many units away
PULL_QUOTE = "boilerplate:pull-quote"
_QUOTED = re.compile(r'"([^"]+)"')

_OFFER = re.compile(
    r"\b(promo(tional)? code|discount code|coupon|(use|with|enter) (the )?code\s+[A-Z0-9]{4,}|\d+\s?% off|"
    r"free (trial|for \d+|shipping)|(first|\d+|two|three|six) months? free|capital at risk|terms apply|"
    r"(shop|buy|order|book|try it|sign up|learn more|download) (now|today|free)|learn more)\b", re.I)
_QUOTED = re.compile(r'"[^"]*"')
_READER = re.compile(r"\b(you|your|yours)\b", re.I)
_REPORTED = re.compile(r"\b(said|says|told|according)\b", re.I)
_NAME = re.compile(r"^[A-Z][\w.'\-]+(\s+[A-Z][\w.'\-]+){1,3}$")
_LINK_LABEL = re.compile(rf"^(?P<label>[A-Z][\w'&]*(\s+[\w'&]+){{0,{LINK_LABEL_WORDS - 1}}}):\s+\S")


def _blank_separated(units: list[Unit]) -> bool:
    """Paragraphs are set off by blank lines, so a block of glued lines belongs together."""
    return sum(u.gap_before for u in units) >= 0.5 * len(units)


def _short_text(u: Unit, limit: int) -> bool:
    return u.kind == "text" and word_total(u.text) <= limit


def _addresses_reader(text: str) -> bool:
    """Second person outside quotations: the text talks to the reader."""
    return bool(_READER.search(_QUOTED.sub(" ", fold(text))))


def mark_ad_copy(units: list[Unit], reasons: dict[int, str]) -> None:
    """The copy of an ad under its label: short units that make an offer, or that talk to the
    reader and are glued to the label in a file whose paragraphs are set off by blank lines."""
    glued_blocks = _blank_separated(units)
    for i in sorted(k for k, r in reasons.items() if r == AD):
        j = i + 1
        while j < len(units) and j - i <= AD_COPY_UNITS and j not in reasons and _short_text(units[j], AD_COPY_WORDS):
            text = units[j].text
            same_block = glued_blocks and not units[j].gap_before
            if not (_OFFER.search(fold(text)) or (same_block and _addresses_reader(text))):
                break
            reasons[j] = AD
            j += 1


def mark_block_labels(units: list[Unit], reasons: dict[int, str]) -> None:
    """A short label line glued on top of a dropped foreign-language paragraph, in a file whose
    paragraphs are set off by blank lines, is that block's label: too short to tell its language."""
    if not _blank_separated(units):
        return
    for i in range(len(units) - 1):
        u = units[i]
        if (i not in reasons and reasons.get(i + 1) == FOREIGN and not units[i + 1].gap_before
                and _short_text(u, LABEL_WORDS) and len(u.lines) == 1 and not ends_sentence(u.text)):
            reasons[i] = FOREIGN


def mark_author_names(units: list[Unit], reasons: dict[int, str]) -> None:
    """A bare name ("Jane Doe") glued on top of a job title ("Senior reporter") or of a button
    to follow its author ("Follow") is the author's name. (Above a "By ..." line or a
    timestamp, a few capitalised words may be a headline.)"""
    for i in range(len(units) - 1):
        u, nxt = units[i], units[i + 1]
        if (i not in reasons and u.kind == "text" and len(u.lines) == 1 and _NAME.match(fold(u.text))
                and nxt.kind == "text" and not nxt.gap_before
                and (is_job_title(nxt.text) or FOLLOW_BUTTON.match(fold(nxt.text)))):
            reasons[i] = "boilerplate:byline"


def _link_label(u: Unit) -> str | None:
    """The label of a short "Label: link text" line without a closing full stop."""
    if u.kind != "text" or len(u.lines) != 1:
        return None
    s = fold(u.text)
    m = _LINK_LABEL.match(s)
    if m is None or ends_sentence(s) or len(words(s)) > LINK_LABEL_WORDS + LINK_TEXT_WORDS:
        return None
    return m["label"].lower()


def mark_link_labels(units: list[Unit], reasons: dict[int, str]) -> None:
    """A "Label: link text" line whose label recurs in the file, set after a story's last paragraph
    and right before the next headline, points to another story ("Go deeper: ...")."""
    labels = {i: _link_label(u) for i, u in enumerate(units) if i not in reasons}
    seen = Counter(v for v in labels.values() if v)
    live = [i for i in range(len(units)) if i not in reasons]
    for pos, i in enumerate(live):
        if not labels.get(i) or seen[labels[i]] < 2 or pos == 0:
            continue
        prev, nxt = units[live[pos - 1]], units[i + 1] if i + 1 < len(units) else None
        before_head = (nxt is None or (i + 1 not in reasons and nxt.kind == "text" and len(nxt.lines) == 1
                                       and is_title_like(nxt.text)))
        if before_head and (prev.kind == "list" or is_body_para(prev.text)):
            reasons[i] = "boilerplate:promo"


def _name_pairs(text: str) -> set[tuple[str, str]]:
    """Adjacent pairs of non-function words: the parts of a publication's name."""
    ws = [w.lower() for w in words(text)]
    return {(a, b) for a, b in pairwise(ws) if a not in STOPWORDS and b not in STOPWORDS}


def mark_sign_off(units: list[Unit], reasons: dict[int, str]) -> None:
    """The file's last live unit, when short and naming the publication its masthead names
    (not reporting what someone said), is the sender signing off."""
    live = [i for i in range(len(units)) if i not in reasons]
    if len(live) < 2:
        return
    masthead = set().union(*(_name_pairs(units[i].text) for i in range(live[0])
                             if reasons.get(i) == "boilerplate:masthead"))
    last = units[live[-1]]
    if (last.kind == "text" and word_total(last.text) <= SIGN_OFF_WORDS
            and not _REPORTED.search(last.text) and _name_pairs(last.text) & masthead):
        reasons[live[-1]] = "boilerplate:footer"


def _word_key(text: str) -> str:
    """The lowercased words of a text, one space apart and padded with one: for looking up a run
    of words inside another text."""
    return " " + " ".join(words(fold(text).lower())) + " "


def mark_pull_quotes(units: list[Unit], reasons: dict[int, str]) -> None:
    """A short unit that repeats a run of words from a longer paragraph near it: a pull quote set
    in the page (perhaps labelled, "Pull quote: ..."), so the text is kept where the paragraph has it.
    A title-like unit counts only by its quotation: a headline may repeat the words of its lede."""
    lowered: dict[int, str] = {}
    keyed: dict[int, str] = {}

    def lower(k: int) -> str:
        if k not in lowered:
            lowered[k] = units[k].text.lower()
        return lowered[k]

    def key(k: int) -> str:
        if k not in keyed:
            keyed[k] = _word_key(units[k].text)
        return keyed[k]

    for i, u in enumerate(units):
        if i in reasons or u.kind != "text" or not PULL_QUOTE_REPEAT <= word_total(u.text) <= PULL_QUOTE_WORDS:
            continue
        folded = fold(u.text)
        quoted = [q for q in _QUOTED.findall(folded) if word_total(q) >= PULL_QUOTE_REPEAT] if '"' in folded else []
        if quoted and 2 * sum(word_total(q) for q in quoted) >= word_total(u.text):
            texts = quoted
        elif not is_title_like(u.text):     # (a headline may repeat the words of its lede)
            texts = [u.text]
        else:
            continue
        # a cheap test first: the longest word of each piece must be in the paragraph
        probes = [max(words(t.lower()), key=len, default="") for t in texts]
        size = word_total(u.text)
        near = [j for j in range(max(0, i - PULL_QUOTE_REACH), min(len(units), i + PULL_QUOTE_REACH + 1))
                if j != i and units[j].kind == "text" and word_total(units[j].text) > size
                and any(p and p in lower(j) for p in probes)]
        if not near:
            continue
        pieces = [k for k in map(_word_key, texts) if k.count(" ") - 1 >= PULL_QUOTE_REPEAT]
        if any(p in key(j) for j in near for p in pieces):
            reasons[i] = PULL_QUOTE
