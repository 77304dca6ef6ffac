"""Text normalisation: repetition keys, words, stems, names and sentence ends, for ASCII and
other text alike (the memoised helpers answer the same on every call)."""
from __future__ import annotations

import random
import re
import sys

import pytest
from digest import textnorm
from digest.textnorm import (
    STOPWORDS,
    content_stems,
    ends_sentence,
    fold,
    names,
    normalize_line,
    stopword_ratio,
    word_count,
    word_total,
    words,
)


def test_repetition_key_folds_width_quotes_spaces_and_case() -> None:
    assert normalize_line("  Ｓｈａｒｅ\u00a0this \u201cstory\u201d\t ") == 'share this "story"'
    assert normalize_line("Share  this\tstory") == "share this story"
    assert fold(" It\u2019s \u2014 done ") == "It's - done"
    assert word_total(" It\u2019s \u2014 done\u00a0now ") == 4 == len(normalize_line(" It\u2019s \u2014 done\u00a0now ").split())


def test_single_spaced_text_keeps_its_spaces() -> None:
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]
    rnd = random.Random(3)
    pieces = ["a", "B", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\u3000", "\u00e9", "\ufb01", "\u200b", "\x85"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(8)))
        assert normalize_line(text) == " ".join(fold(text).split()).lower()
        assert word_total(text) == len(fold(text).split())


def test_names_skip_sentence_openers_and_function_words() -> None:
    text = "Acme Robotics said Tuesday. Beta Labs agreed: Gamma's plan works. \u201cThe deal\u201d - Delta Corp."
    assert names(text) == ["robotics", "tuesday", "labs", "corp"]
    assert names(text) == ["robotics", "tuesday", "labs", "corp"]   # memoised: same again


def test_names_hand_out_fresh_lists() -> None:
    first = names("We met Jane Doe in Lisbon.")
    first.append("changed")
    assert names("We met Jane Doe in Lisbon.") == ["jane", "doe", "lisbon"]


def test_content_stems_drop_stopwords_short_words_and_possessives() -> None:
    assert content_stems("The company's batteries and chips are charging faster") == [
        "compan", "batter", "chips", "chargi", "faster"]


def test_words_and_stopword_share() -> None:
    assert words("Chips\u2019 prices rose 5% in 2024, it said.") == ["Chips'", "prices", "rose", "in", "it", "said"]
    assert stopword_ratio("the chips of the year") == pytest.approx(3 / 5)
    assert stopword_ratio("2024") == 0.0


def test_stopword_spellings_are_the_words_that_lowercase_to_a_stopword() -> None:
    alphabet = set("".join(STOPWORDS))
    to_alphabet = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).lower() in alphabet}
    assert to_alphabet == {c for w in textnorm._STOPWORD_SPELLINGS for c in w}
    assert {w.lower() for w in textnorm._STOPWORD_SPELLINGS} == STOPWORDS


def test_stopword_share_counts_any_case() -> None:
    text = "THE Ferry AND the \u212aelvin-like \ufb01rm LIKE \u0130t In"
    assert stopword_ratio(text) == sum(w.lower() in STOPWORDS for w in words(text)) / len(words(text)) == 5 / 9


def test_ascii_words_as_the_unicode_pattern_finds_them() -> None:
    rnd = random.Random(5)
    pattern = re.compile(r"[^\W\d_][\w'\-]*")
    for _ in range(20000):
        text = "".join(rnd.choice("aZ9_'- .,\t/\u00e9") for _ in range(rnd.randrange(12)))
        assert words(text) == pattern.findall(fold(text))
        assert word_count(text) == len(words(text))


@pytest.mark.parametrize("text,ends", [
    ("It rained.", True), ('He said "yes."', True), ("Really?)", True), ("Wait \u2026", True),
    ("List:", True), ("a; b;", True), ("No end", False), ("Quote \u201d", False), ("Trailing .  ", True),
])
def test_sentence_ends(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends
