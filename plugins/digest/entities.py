"""Find the companies and organisations a story names, as canonical display names.

A rule-based extractor with no model: capitalised name chunks are collected from the headline
and body, trimmed of sentence-initial and common words, and kept when they look like an
organisation. Signals for an organisation: an organisation suffix ("Group", "Bank",
"Ministry"...), CamelCase ("SenseTime"), an uncommon acronym, or a name used at least twice.
Filtered out: people (names after a title such as CEO or Mr., before "said", and any later
mention of their name parts), places and demonyms (data/places.txt), months and weekdays.
Variants are merged: possessives ("Baidu's"), legal forms ("Baidu Inc.") and group suffixes
("SenseTime Group" with "SenseTime"); the display name is the variant used most often.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import compress


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
    "Vice Head Researcher Scientist Engineer Economist Author Lawyer Judge Exec Boss".split())
_TITLES_LOWER = frozenset(t.lower() for t in PERSON_TITLES)
SPEECH_VERBS = frozenset(
    "said says told added wrote explained noted recalled argued believes thinks asked "
    "tweeted stated insisted admitted remarked commented continued adds notes explains "
    "recalls asks".split())
CONNECTORS = frozenset({"of", "for", "&", "de", "and"})
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

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                                  # dotted acronyms: U.S.
    r"|[A-Za-z0-9]+(?:[&\-][A-Za-z0-9]+)*(?:['’]s\b|['’](?=\s))?"  # words, possessives
    r"|[.!?:;,()\[\]\"“”‘’—–]|\n")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_LOWER_WORD = re.compile(r"\b[a-z][a-z0-9]*\b")
_POSSESSIVES = ("'s", "’s", "'", "’")
_SENTENCE_END = frozenset(".!?:\n")
_QUOTES = frozenset("\"“”‘’(")


@dataclass
class _Chunk:
    words: list[str]              # the name's words, possessive and hyphen tails removed
    start: int                    # token index of the first word, for ordering
    initial: bool                 # the chunk opens a sentence or line
    headline: bool
    before: list[str]             # up to three tokens before the chunk, lowercased
    after: list[str]              # up to three tokens after the chunk, lowercased


@dataclass
class _Entity:
    key: str
    first: int
    count: int = 0
    headline: bool = False
    signal: bool = False
    mid_sentence: bool = False
    forms: dict[str, int] = field(default_factory=dict)


def _is_cap(tok: str) -> bool:
    return tok[0].isupper() or (tok[0].isdigit() and any(c.isupper() for c in tok))


@lru_cache(maxsize=1 << 16)
def _name_word(tok: str) -> bool:
    """A capitalised word (or a number with capitals, "5G") that is not a person title."""
    return tok[0].isalnum() and _is_cap(tok) and not _is_title(tok)


def _chunks(text: str, headline: bool, offset: int) -> list[_Chunk]:
    """Runs of capitalised words, split at titles, possessives and punctuation."""
    toks = _TOKEN.findall(text)
    named = list(map(_name_word, toks))
    out: list[_Chunk] = []
    end = 0                       # tokens before this belong to the previous chunk
    for i in compress(range(len(toks)), named):
        if i < end:
            continue
        j = i
        words: list[str] = []
        while j < len(toks):
            tok = toks[j]
            if tok in CONNECTORS and words and j + 1 < len(toks) and toks[j + 1][:1].isupper() \
                    and (tok != "and" or words[0] in ORG_HEADS):
                words.append(tok)
                j += 1
                continue
            if not named[j]:
                break
            word, ended = _clean(tok)
            words.append(word)
            j += 1
            if ended:
                break
        k = i - 1
        while k >= 0 and toks[k] in _QUOTES:
            k -= 1
        initial = k < 0 or toks[k] in _SENTENCE_END
        out.append(_Chunk(words, offset + i, initial, headline,
                          list(map(str.lower, toks[max(0, i - 3):i])),
                          list(map(str.lower, toks[j:j + 3]))))
        end = max(j, i + 1)
    return out


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


def _is_common(word: str, lower_words: set[str]) -> bool:
    return (word.lower() in STOPWORDS or word in MONTHS_DAYS or word in PLACES
            or word.upper() in COMMON_ACRONYMS or word.lower() in lower_words
            or word in CONNECTORS or word.isdigit())


def _trim(chunk: _Chunk, lower_words: set[str]) -> list[str]:
    """Trim common words from the edges; keep inner words of suffixed organisation names."""
    words = list(chunk.words)
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


def _after_title(before: list[str]) -> bool:
    """The chunk follows a person title, directly or after a comma ("co-founder, Jane Doe")."""
    near = before[-1:] if before[-1:] != [","] else before[-2:-1]
    return bool(near) and near[0].rstrip(".") in _TITLES_LOWER


def _person(chunk: _Chunk, words: list[str]) -> bool:
    """A name introduced by a title, or a plain two- or three-word name before a speech verb."""
    if words[-1] in ORG_SUFFIXES or any(_CAMEL.search(w) for w in words):
        return False
    if _after_title(chunk.before):
        return True
    if not 2 <= len(words) <= 3:
        return False
    after = chunk.after + ["", ""]
    before = chunk.before[-1] if chunk.before else ""
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
        if len(words) == 1 and not _org_signal(words):
            speaks = bool(chunk.after) and chunk.after[0] in SPEECH_VERBS
            alone[words[0]] = alone.get(words[0], True) and speaks
    return {x for w in full if w[-1] in alone or alone.get(w[0], False) for x in w}


def _drop_initial_word(names: list[tuple[_Chunk, list[str]]]) -> list[tuple[_Chunk, list[str]]]:
    """"Ensuring Tesla ..." at a sentence start: drop an opening verb or adverb form (-ing,
    -ed, -ly) never capitalised mid-sentence when the rest is a name used elsewhere."""
    forms = {" ".join(w) for _, w in names}
    mid = {x for c, w in names if not c.initial for x in w}
    return [(c, w[1:] if c.initial and len(w) > 1 and w[0] not in mid
             and w[0].endswith(("ing", "ed", "ly"))
             and " ".join(w[1:]) in forms else w) for c, w in names]


def _place(words: list[str]) -> bool:
    return " ".join(words) in PLACES or all(
        w in PLACES or w in CONNECTORS or (w.endswith("s") and w[:-1] in PLACES) for w in words)


def _org_signal(words: list[str]) -> bool:
    if len(words) > 1 and words[-1] in ORG_SUFFIXES:
        return True
    if any(_CAMEL.search(w) for w in words):
        return True
    return len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 \
        and words[0] not in COMMON_ACRONYMS


def extract_entities(title: str, text: str, max_entities: int = 8) -> list[str]:
    """Organisations named in the story, most salient first (headline, then frequency)."""
    lower_words = set(_LOWER_WORD.findall(f"{title}\n{text}"))
    chunks = _chunks(title, True, 0) + _chunks(text, False, 1_000_000)
    names: list[tuple[_Chunk, list[str]]] = []
    person_words: set[str] = set()
    for chunk in chunks:
        words = _strip_legal(_trim(chunk, lower_words))
        if not words:
            continue
        if _person(chunk, words):
            person_words.update(w for w in words if w not in CONNECTORS)
            continue
        names.append((chunk, words))
    names = _drop_initial_word(names)
    person_words |= _name_parts_of_people(names)
    found: dict[str, _Entity] = {}
    for chunk, words in names:
        if all(w in person_words or w in CONNECTORS for w in words) or _place(words):
            continue
        if len(words) == 1 and (len(words[0]) < 2 or not words[0][0].isalpha()):
            continue
        form = " ".join(words)
        ent = found.setdefault(form.lower(), _Entity(form.lower(), chunk.start))
        ent.count += not chunk.headline
        ent.headline |= chunk.headline
        ent.signal |= _org_signal(words)
        ent.mid_sentence |= not chunk.initial or chunk.headline
        ent.forms[form] = ent.forms.get(form, 0) + 1
    _merge_group_suffixes(found)
    kept = [e for e in found.values() if _qualifies(e)]
    kept.sort(key=lambda e: (-(3 * e.headline + e.count + e.signal), e.first))
    return [_display(e) for e in kept[:max_entities]]


def _merge_group_suffixes(found: dict[str, _Entity]) -> None:
    """Fold "X Group" / "X Technologies" into "X" when the bare name is also used."""
    for key in sorted(found):
        head, _, last = key.rpartition(" ")
        if head and last.capitalize() in GROUP_SUFFIXES and head in found:
            ent, bare = found.pop(key), found[head]
            bare.count += ent.count
            bare.headline |= ent.headline
            bare.signal |= ent.signal
            bare.mid_sentence |= ent.mid_sentence
            bare.first = min(bare.first, ent.first)
            for form, n in ent.forms.items():
                bare.forms[form] = bare.forms.get(form, 0) + n


def _qualifies(ent: _Entity) -> bool:
    if not ent.mid_sentence:
        return False
    if ent.headline:
        return ent.count >= 1 or ent.signal
    return ent.count >= 2


def _display(ent: _Entity) -> str:
    return min(ent.forms, key=lambda f: (-ent.forms[f], len(f), f))
