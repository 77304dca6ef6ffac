"""Find the companies and organisations a story names, as canonical display names.

A rule-based extractor with no model: capitalised name chunks are collected from the headline
and body, trimmed of sentence-initial and common words, and kept when they look like an
organisation. Signals for an organisation: an organisation suffix ("Group", "Bank",
"Ministry"...), CamelCase ("SenseTime"), an uncommon acronym, or a name used at least twice.
Filtered out: people (names after a title such as CEO or Mr., before "said", and any later
mention of their name parts), places and demonyms (data/places.txt), months and weekdays, and
names the story only uses as a place: every mention after a preposition of place ("in",
"near", "outside"...) or in a dateline ("QINGDAO, May 2 —"), with no organisation signal.
Variants are merged: possessives ("Baidu's"), legal forms ("Baidu Inc."), group suffixes
("SenseTime Group" with "SenseTime") and a full name introduced before its short form
("Lanting Robotics", later "Lanting"); the display name is the variant used most often.
It also reports how the story used each name it found (``NameUses``), which
``namecorpus`` weighs over every story of the site.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .model import NameUses
from .textnorm import DATELINE


def _load_places() -> frozenset[str]:
    text = resources.files("digest").joinpath("data/places.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


PLACES = _load_places()
LEGAL_FORMS = frozenset(
    "Inc Incorporated Ltd Limited Co Corp Corporation LLC PLC Plc Pte AG SA GmbH NV SE Company".split())
GROUP_SUFFIXES = frozenset("Group Holdings Holding Technologies Technology International".split())
ORG_SUFFIXES = LEGAL_FORMS | GROUP_SUFFIXES | frozenset(
    "Bank Motors Motor Auto Automobile Capital Ventures Partners Labs Lab Systems Networks "
    "Electronics Semiconductor Semiconductors Robotics Pharma Pharmaceutical Pharmaceuticals "
    "Airlines Energy Entertainment Media Games Foundation Fund Exchange Institute Academy "
    "University College School Association Council Commission Committee Ministry Department "
    "Administration Agency Bureau Authority Office Court Parliament Congress Center Centre "
    "Alliance Federation Union Club Society Industries Industry Software Solutions Studio "
    "Studios Investments Securities Insurance Financial Finance Telecom Mobile Microelectronics "
    "Journal Times Post News Daily Review Institutes Laboratories Laboratory Reserve Party".split())
# capitalised words that introduce a person's name ("CEO Jane Doe", "Mr. Doe")
PERSON_TITLES = frozenset(
    "CEO CTO CFO COO Chairman Chairwoman Chair President Founder Co-founder Cofounder Chief "
    "Executive Director Analyst Professor Prof Minister Secretary Senator Governor Mayor "
    "Premier Editor Reporter Spokesperson Spokesman Spokeswoman Partner Mr Ms Mrs Dr Sir "
    "Vice Head Researcher Scientist Engineer Economist Author Lawyer Judge Exec Boss Officer".split())
_TITLES_LOWER = frozenset(t.lower() for t in PERSON_TITLES)
SPEECH_VERBS = frozenset(
    "said says told added wrote explained noted recalled argued believes thinks asked "
    "tweeted stated insisted admitted remarked commented continued adds notes explains "
    "recalls asks".split())
CONNECTORS = frozenset({"of", "for", "&", "de", "and"})
# Prepositions of place: a name right after one is read as a place there ("plants near
# Qingdao"); after one of PLACE_OR_PARTY ("from Qingdao", "to Apple") it may be either.
LOCATIVES = frozenset("in near outside inside around across throughout within".split())
PLACE_OR_PARTY = frozenset("from to".split())
ORG_HEADS = frozenset(
    "Bank Ministry Department Institute Academy University College School Association Council "
    "Commission Committee Administration Agency Bureau Center Centre Federation Office Society "
    "Board Court Chamber".split())
MONTHS_DAYS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday".split())
COMMON_ACRONYMS = frozenset(
    "AI AGI API AR VR XR CEO CTO CFO COO VP IPO EV EVS SUV GDP R&D LLM LLMS ML NFT NFTS VC VCS "
    "IT TV PC GPU GPUS CPU CPUS SOC RAM DRAM NAND 5G 4G 3G 6G COVID UN ESG B2B B2C SaaS SAAS "
    "SDK OS UI UX ID PR HR IP QR RMB USD HKD CNY ETF ETFS M&A OK PM AM PHD MBA DIY FAQ ADAS "
    "NEV NEVS CBDC DEFI KYC AML SME SMES".split())
STOPWORDS = frozenset(
    "a an the and or but if so yet nor for of in on at to by with from as into onto about "
    "after before during since until while when where why how what who whom whose which that "
    "this these those there here it its it's he she they we you i his her their our your my "
    "them us me him is are was were be been being has have had do does did will would can "
    "could should may might must shall not no yes all any some many much more most few less "
    "other another such each every both either neither one two three four five six seven "
    "eight nine ten first second third last next new also just only even still already now "
    "then than too very well however meanwhile moreover although though because despite "
    "like unlike according over under between among through across within without against "
    "today yesterday tomorrow earlier later recently currently instead indeed perhaps "
    "hello welcome thanks please read see image photo credit update updated related "
    "let let's people company companies firm firms startup startups series north south east "
    "west northern southern big great".split())

# words (inner hyphens, ampersands and apostrophes but those of contractions: "R&D", "Xi'an",
# not "I've"), possessives
_WORD_TOKEN = (r"[A-Za-z0-9]++(?:[&\-][A-Za-z0-9]++|['’](?!(?:s|t|d|m|ve|re|ll)\b)[A-Za-z]++)*+"
               r"(?:['’]s\b|['’](?=\s))?")
_MARK_TOKEN = r"[.!?:;,()\[\]\"“”‘’—–\n]"
_TOKEN = re.compile(rf"(?:[A-Z]\.){{2,}}|{_WORD_TOKEN}|{_MARK_TOKEN}")     # first: dotted acronyms, U.S.
# A text in which no dotted acronym starts (see _has_dotted) has the same tokens without that branch
_UNDOTTED_TOKEN = re.compile(rf"{_WORD_TOKEN}|{_MARK_TOKEN}")
_DOT_LETTER_DOT = re.compile(r"\.(?=[A-Z]\.)")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_LOWERCASE_WORD = re.compile(r"[a-z][a-z0-9]*")
_POSSESSIVES = ("'s", "’s", "'", "’")
_SENTENCE_END = frozenset(".!?:\n")
_QUOTES = frozenset("\"“”‘’(")
# A name chunk in the tokens' kinds (see ``_kind``): name words, joined by a connector before
# a capitalised word ("and" only after an organisation head: "Bank of China", "Ministry of
# Industry and Information Technology"), up to a word that ends the chunk ("Baidu's"). A chunk
# of one common word (lowercase kind) is left out: trimming would leave nothing of it.
_CHUNK = re.compile(
    r"[EF]"
    r"|H(?:[NHDnhd]|[oa](?=[NHEUnhe]))*[EFef]?"
    r"|[ND](?:[NHDnhd]|o(?=[NHEUnhe]))*[EFef]?"
    r"|h(?:(?:[NHDnhd]|[oa](?=[NHEUnhe]))+[EFef]?|[EFef])"
    r"|[nd](?:(?:[NHDnhd]|o(?=[NHEUnhe]))+[EFef]?|[EFef])")


@dataclass(slots=True)
class _Chunk:
    start: int                    # token index of the first word, for ordering
    initial: bool                 # the chunk opens a sentence or line
    lone: bool                    # one word: if it opens a sentence, perhaps capitalised only for that
    headline: bool
    speaks: bool                  # a speech verb follows ("Jane said")
    place: int                    # 2: in a dateline or right after one of LOCATIVES; 1: after one of
                                  # PLACE_OR_PARTY; 0: otherwise


@dataclass
class _Entity:
    key: str
    first: int
    count: int = 0
    headline: bool = False
    signal: bool = False
    mid_sentence: bool = False
    placed: bool = False          # some mention is one of a place (_Chunk.place 2)
    not_place: bool = False       # some mention is not one (_Chunk.place 0)
    forms: dict[str, int] = field(default_factory=dict)


class _LowerWords(dict[str, bool]):
    """Whether a text uses a word in lowercase, as a run of [a-z0-9] that starts with a letter
    and has no word character on either side. Looked up on demand, since most names never
    occur in lowercase (a substring search rules them out)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, word: str) -> bool:
        found = self[word] = word in self.text and _LOWERCASE_WORD.fullmatch(word) is not None \
            and self._alone(word)
        return found

    def _alone(self, word: str) -> bool:
        """``word`` occurs with no word character right before or after it."""
        text = self.text
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
                return True
            at = text.find(word, at + 1)
        return False


def _has_dotted(text: str) -> bool:
    """A dotted acronym ("U.S.": [A-Z].[A-Z].) starts somewhere in ``text``. Looked for from
    its first dot, a literal the regex engine skips to quickly; matches may overlap."""
    return any("A" <= text[dot.start() - 1] <= "Z" for dot in _DOT_LETTER_DOT.finditer(text, 1))


def _word_char(char: str) -> bool:
    """A word character: what ``\\w`` matches."""
    return char.isalnum() or char == "_"


def _is_cap(tok: str) -> bool:
    return tok[0].isupper() or (tok[0].isdigit() and any(c.isupper() for c in tok))


def _name_word(tok: str) -> bool:
    """A capitalised word (or a number with capitals, "5G") that is not a person title."""
    return tok[0].isalnum() and _is_cap(tok) and not _is_title(tok)


def _kind(tok: str) -> str:
    """A token's kind, one letter, for ``_CHUNK``: a name word (N, or H for an organisation
    head such as "Bank"; D when it starts with a digit, "5G"), a name word that ends its
    chunk (E, or F when it starts with a digit: see ``_clean``), each in lowercase when the
    word is a common one (``_common_word``), a connector (o, or a for "and"), a person title
    (U), a quote or opening bracket (q), a sentence end (s), anything else (x)."""
    if _name_word(tok):
        word, ended = _clean(tok)
        if ended:
            kind = "E" if tok[0].isupper() else "F"
        elif not tok[0].isupper():
            kind = "D"
        else:
            kind = "H" if word in ORG_HEADS else "N"
        return kind.lower() if _common_word(word) else kind
    if tok in CONNECTORS:
        return "a" if tok == "and" else "o"
    if tok[0].isupper():
        return "U"
    if tok in _QUOTES:
        return "q"
    return "s" if tok in _SENTENCE_END else "x"


class _Kinds(dict[str, str]):
    """Token -> its ``_kind``, filled on demand and emptied when it reaches ``KEPT`` entries:
    a dict lookup per token of a text is cheaper than an lru_cache call."""

    KEPT = 1 << 16

    def __missing__(self, tok: str) -> str:
        if len(self) >= self.KEPT:
            self.clear()
        kind = self[tok] = _kind(tok)
        return kind


_KINDS = _Kinds()


def _names(text: str, headline: bool, offset: int, lower_words: _LowerWords,
           person_words: set[str], people: set[str], place: bool = False) -> list[tuple[_Chunk, list[str]]]:
    """Runs of capitalised words, split at titles, possessives and punctuation, with their
    words trimmed (``_trim``, ``_strip_legal``); runs left with no word are dropped, as are
    runs naming a known place as a whole ("Middle East"), and the words of people's names
    (``_person``) go to ``person_words`` instead, and the names that follow a title to
    ``people``; the organisation in "Chief executive Jane Doe of Orvane" stays a run.
    ``place``: the text is a dateline, every run is a mention of a place. A sentence-initial
    "Word of" that is no organisation head is dropped from a run ("Shares of Lanting
    Robotics", but "Bank of Qiantang")."""
    toks = (_TOKEN if _has_dotted(text) else _UNDOTTED_TOKEN).findall(text)
    kinds = "".join(map(_KINDS.__getitem__, toks))
    out: list[tuple[_Chunk, list[str]]] = []
    for match in _CHUNK.finditer(kinds):
        i, j = match.span()
        k = i - 1
        while k >= 0 and kinds[k] == "q":
            k -= 1
        initial = k < 0 or kinds[k] == "s"
        if j == i + 1:                        # one word, not a common one: _trim keeps it or drops it
            word = _clean(toks[i])[0]
            if lower_words[word.lower()]:
                continue
            words = [word]
            person = _may_be_person(word) and _after_title(toks, i)
        else:
            words = [_clean(tok)[0] for tok in toks[i:j]]
            if _place(words):
                continue
            if initial and len(words) > 2 and words[1] in ("of", "for") and words[0] not in ORG_HEADS:
                words = words[2:]
            words = _strip_legal(_trim(words, lower_words))
            if not words:
                continue
            person = _person(words, toks, i, j)
        if person:
            titled = _after_title(toks, i)
            name, employer = _person_and_employer(words) if titled else (words, [])
            person_words.update(w for w in name if w not in CONNECTORS)
            if titled:
                people.add(" ".join(name))
            if not employer:
                continue
            i, words, initial = toks.index("of", i, j) + 1, employer, False
        out.append((_Chunk(offset + i, initial, j == i + 1, headline,
                           j < len(toks) and toks[j].lower() in SPEECH_VERBS,
                           2 if place else _place_before(toks, i, kinds[j - 1] in "EFef")), words))
    return out


def _person_and_employer(words: list[str]) -> tuple[list[str], list[str]]:
    """A person's name and the organisation after its "of" ("Jane Doe of Orvane"), if any."""
    if "of" in words[1:-1]:
        cut = words.index("of")
        return words[:cut], words[cut + 1:]
    return words, []


def _place_before(toks: list[str], i: int, modifies: bool) -> int:
    """``_Chunk.place`` of a name at token ``i``, by the word before it. A name that ends in a
    possessive or a hyphen tail (``modifies``) qualifies what follows, which the preposition
    governs: "in Pebblecart's app" is said of the app, so it may be either."""
    before = toks[i - 1].lower() if i else ""
    if before in LOCATIVES:
        return 1 if modifies else 2
    return 1 if before in PLACE_OR_PARTY else 0


@lru_cache(maxsize=1 << 16)
def _is_title(tok: str) -> bool:
    """A person title ("CEO", "Mr."), which breaks a name chunk."""
    return tok.rstrip(".").lower() in _TITLES_LOWER


@lru_cache(maxsize=1 << 16)
def _clean(tok: str) -> tuple[str, bool]:
    """Drop a possessive or a lowercase hyphen tail ("Tencent-owned"); True ends the chunk."""
    if tok.endswith(_POSSESSIVES):
        for mark in _POSSESSIVES:
            if tok.endswith(mark):
                return tok[: -len(mark)], True
    if "-" in tok:
        parts = tok.split("-")
        if parts[-1].islower():
            while parts and parts[-1].islower():
                parts.pop()
            return "-".join(parts) or tok, True
    if "." in tok and _DOTTED.fullmatch(tok):
        return tok.replace(".", ""), False
    return tok, False


@lru_cache(maxsize=1 << 16)
def _common_word(word: str) -> bool:
    """A stop word, month or weekday, place, common acronym, connector or number."""
    return (word.lower() in STOPWORDS or word in MONTHS_DAYS or word in PLACES
            or word.upper() in COMMON_ACRONYMS or word in CONNECTORS or word.isdigit())


def _is_common(word: str, lower_words: _LowerWords) -> bool:
    return _common_word(word) or lower_words[word.lower()]


def _trim(words: list[str], lower_words: _LowerWords) -> list[str]:
    """Trim common words from the edges; keep inner words of suffixed organisation names."""
    suffixed = len(words) > 1 and words[-1] in ORG_SUFFIXES
    while words and (words[0] in CONNECTORS or words[0].lower() in STOPWORDS
                     or words[0] in MONTHS_DAYS
                     or (not suffixed and _is_common(words[0], lower_words))):
        if len(words) > 1 and words[1] in ("of", "for"):
            break
        words.pop(0)
    while words and (words[-1] in CONNECTORS or (
            words[-1] not in ORG_SUFFIXES and _is_common(words[-1], lower_words))):
        words.pop()
    return words


def _strip_legal(words: list[str]) -> list[str]:
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return words


def _after_title(toks: list[str], i: int) -> bool:
    """The chunk at token ``i`` follows a person title, directly or after a comma ("co-founder, Jane Doe")."""
    near = i - 2 if i and toks[i - 1] == "," else i - 1
    return near >= 0 and _is_title(toks[near])


@lru_cache(maxsize=1 << 16)
def _may_be_person(word: str) -> bool:
    """A one-word name that may be a person's: no organisation suffix, no CamelCase."""
    return word not in ORG_SUFFIXES and not _camel(word)


def _person(words: list[str], toks: list[str], i: int, j: int) -> bool:
    """A name (tokens ``i`` to ``j``) introduced by a title, or a plain two- or three-word
    name before or after a speech verb."""
    if words[-1] in ORG_SUFFIXES or any(map(_camel, words)):
        return False
    if _after_title(toks, i):
        return True
    if not 2 <= len(words) <= 3:
        return False
    after = [tok.lower() for tok in toks[j:j + 2]] + ["", ""]
    before = toks[i - 1].lower() if i else ""
    return (after[0] in SPEECH_VERBS or before in SPEECH_VERBS
            or after[:2] == [",", "who"]
            or (after[0] == "," and after[1].rstrip(".") in _TITLES_LOWER))


def _name_parts_of_people(names: list[tuple[_Chunk, list[str]]]) -> set[str]:
    """Words of plain two- or three-word names that are also used alone as a person would be.

    "Jane Doe" then "Doe": people are referred to by their surname, organisations by their
    first word ("Index Ventures" then "Index"). A first word used alone counts only when
    every such mention is before a speech verb ("Jane said"; surname-first names too).
    """
    full = [w for _, w in names if 2 <= len(w) <= 3 and not _org_signal(w)
            and not any(x in CONNECTORS for x in w)]
    alone: dict[str, bool] = {}   # word -> every lone mention is before a speech verb
    for chunk, words in names:
        if len(words) == 1 and not _word_signal(words[0]):
            alone[words[0]] = alone.get(words[0], True) and chunk.speaks
    return {x for w in full if w[-1] in alone or alone.get(w[0], False) for x in w}


def _drop_initial_word(names: list[tuple[_Chunk, list[str]]]) -> list[tuple[_Chunk, list[str]]]:
    """"Ensuring Tesla ..." at a sentence start: drop an opening verb or adverb form (-ing,
    -ed, -ly) never capitalised mid-sentence when the rest is a name used elsewhere."""
    if not any(c.initial and len(w) > 1 and w[0].endswith(("ing", "ed", "ly")) for c, w in names):
        return names
    forms = {" ".join(w) for _, w in names}
    mid = {x for c, w in names if not c.initial for x in w}
    return [(c, w[1:] if c.initial and len(w) > 1 and w[0] not in mid
             and w[0].endswith(("ing", "ed", "ly"))
             and " ".join(w[1:]) in forms else w) for c, w in names]


def _place(words: list[str]) -> bool:
    """A known place: its words as a whole, or each word (see ``_place_word``)."""
    return _place_name(" ".join(words)) or all(map(_place_word, words))


@lru_cache(maxsize=1 << 16)
def _place_name(name: str) -> bool:
    """A name in the list of places, as written or in capitals ("XI'AN", "Xi’an")."""
    name = name.replace("’", "'")
    return name in PLACES or (name.isupper() and " ".join(map(str.capitalize, name.split())) in PLACES)


@lru_cache(maxsize=1 << 16)
def _place_word(word: str) -> bool:
    """A place or demonym (also in the plural), or a connector."""
    return _place_name(word) or word in CONNECTORS or (word.endswith("s") and _place_name(word[:-1]))


@lru_cache(maxsize=1 << 16)
def _camel(word: str) -> bool:
    return _CAMEL.search(word) is not None


@lru_cache(maxsize=1 << 16)
def _word_signal(word: str) -> bool:
    """A one-word name that looks like an organisation: CamelCase or an uncommon acronym."""
    return _camel(word) or (word.isupper() and 2 <= len(word) <= 6 and word not in COMMON_ACRONYMS)


def _org_signal(words: list[str]) -> bool:
    if len(words) == 1:
        return _word_signal(words[0])
    return bool(words) and (words[-1] in ORG_SUFFIXES or any(map(_camel, words)))


@dataclass(frozen=True)
class StoryNames:
    """The organisations a story names, most salient first, and how it uses its names."""

    entities: list[str]
    uses: NameUses


def extract_entities(title: str, text: str, max_entities: int | None = 8,
                     title_from_text: bool = False) -> StoryNames:
    """Organisations named in the story, most salient first (headline, then frequency), at
    most ``max_entities`` (None: all). ``title_from_text``: the headline was written from the
    story's opening, so its first word is capitalised for opening a sentence, as in the text."""
    lower_words = _LowerWords(f"{title}\n{text}")
    person_words: set[str] = set()
    people: set[str] = set()
    text, datelines = _cut_datelines(text)
    names = _names(title, True, 0, lower_words, person_words, people) \
        + _names(text, False, 1_000_000, lower_words, person_words, people) \
        + _names("\n".join(datelines), False, 2_000_000, lower_words, person_words, people, place=True)
    names = _drop_initial_word(names)
    person_words |= _name_parts_of_people(names)
    found: dict[str, _Entity] = {}
    entity_of: dict[str, _Entity | None] = {}     # form -> the entity it names, None for none
    for chunk, words in names:
        form = " ".join(words)
        if form not in entity_of:
            key = form.lower()
            if _not_an_organisation(words, person_words):
                entity_of[form] = None
            else:
                if key not in found:
                    found[key] = _Entity(key, chunk.start)
                entity_of[form] = found[key]
                found[key].signal |= _org_signal(words)
        ent = entity_of[form]
        if ent is None:
            continue
        ent.count += not chunk.headline
        ent.headline |= chunk.headline
        ent.mid_sentence |= not (chunk.initial and chunk.lone) or (chunk.headline and not title_from_text)
        ent.placed |= chunk.place == 2
        ent.not_place |= chunk.place == 0
        ent.forms[form] = ent.forms.get(form, 0) + 1
    _merge_group_suffixes(found)
    _merge_short_forms(found)
    kept = [e for e in found.values() if _qualifies(e)]
    kept.sort(key=lambda e: (-(3 * e.headline + e.count + e.signal), e.first))
    return StoryNames([_display(e) for e in kept[:max_entities]], _uses(found, people))


def _uses(found: dict[str, _Entity], people: set[str]) -> NameUses:
    """The story's ``NameUses``: every form of each name it found, by how it used the name,
    and the names of people it introduced with a title, whole and word by word (a company
    before "said" may look like a person, one after "Chief executive" hardly ever does)."""
    def forms(entities: Iterable[_Entity]) -> frozenset[str]:
        return frozenset(form.lower() for e in entities for form in e.forms)
    return NameUses(places=forms(e for e in found.values() if e.placed and not e.not_place and not e.signal),
                    not_places=forms(e for e in found.values() if e.not_place or e.signal),
                    people=frozenset(part.lower() for name in people
                                     for part in {name, *name.split(" ")} - CONNECTORS))


def _cut_datelines(text: str) -> tuple[str, list[str]]:
    """``text`` without the datelines that open its lines ("QINGDAO, May 2 —"), and those."""
    lines = text.split("\n")
    datelines = []
    for n, line in enumerate(lines):
        found = DATELINE.match(line)
        if found:
            datelines.append(found.group())
            lines[n] = line[found.end():]
    return ("\n".join(lines) if datelines else text), datelines


def _not_an_organisation(words: list[str], person_words: set[str]) -> bool:
    """Only words of people's names and connectors, a place, or one short or non-letter word."""
    return all(w in person_words or w in CONNECTORS for w in words) or _place(words) \
        or (len(words) == 1 and (len(words[0]) < 2 or not words[0][0].isalpha()))


def _merge_group_suffixes(found: dict[str, _Entity]) -> None:
    """Fold "X Group" / "X Technologies" into "X" when the bare name is also used."""
    for key in sorted(found):
        head, _, last = key.rpartition(" ")
        if head and last.capitalize() in GROUP_SUFFIXES and head in found:
            _absorb(found[head], found.pop(key))


def _merge_short_forms(found: dict[str, _Entity]) -> None:
    """Fold an organisation's later short forms into its full name: "Lanting Robotics" first,
    then "Lanting" (each of the short form's mentions after the full name's first: a name
    first used short, "Qiantang" before "Qiantang S7", stays apart). Only a full name with
    an organisation signal: "Jane Doe" then "Jane" is a person."""
    for key in sorted(found, key=lambda k: (-k.count(" "), k)):      # the longest names first
        ent = found.get(key)
        if ent is None or " " not in key or not ent.signal:
            continue
        words = key.split(" ")
        for n in range(len(words) - 1, 0, -1):
            short = found.get(" ".join(words[:n]))
            if short is not None and short.first > ent.first:
                _absorb(ent, found.pop(short.key))


def _absorb(into: _Entity, other: _Entity) -> None:
    """Add ``other``'s mentions to ``into``."""
    into.count += other.count
    into.headline |= other.headline
    into.signal |= other.signal
    into.mid_sentence |= other.mid_sentence
    into.placed |= other.placed
    into.not_place |= other.not_place
    into.first = min(into.first, other.first)
    for form, n in other.forms.items():
        into.forms[form] = into.forms.get(form, 0) + n


def _qualifies(ent: _Entity) -> bool:
    if not ent.mid_sentence or (ent.placed and not ent.not_place and not ent.signal):
        return False
    if ent.headline:
        return ent.count >= 1 or ent.signal
    return ent.count >= 2


def _display(ent: _Entity) -> str:
    return min(ent.forms, key=lambda f: (-ent.forms[f], len(f), f))
