"""Exact and near-duplicate detection keeps the first copy and records the others."""
from __future__ import annotations

import re
import unicodedata
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.dedup import mark_duplicates, shingles
from digest.model import ArticleDraft, Block

STORY = ("Hexi Pay said on Monday that foreign visitors can now link overseas cards to its wallet. "
         "The company expects two million tourists to use the feature before the summer holidays. "
         "Analysts at a Shanghai brokerage said the move puts pressure on rival wallets to follow. "
         "Merchants in Hangzhou and Chengdu were the first to accept the cards through the new service. "
         "Hexi Pay will charge a three percent fee on each top-up above 200 yuan, the firm said. "
         "Regulators approved the plan in January after a pilot at two international airports.")
OTHER = ("Qiantang EV opened a battery plant in Hungary, its first factory outside China. "
         "The plant will assemble packs for sedans sold across central Europe from next spring. "
         "Local officials welcomed the investment, which they said would create 1,200 jobs.")


def draft(source: str, line: int, text: str, title: str = "t") -> ArticleDraft:
    paras = [Block("para", p, [line + i]) for i, p in enumerate(text.split(". "))]
    return ArticleDraft(source, title, True, None, paras, line, line + len(paras))


def test_exact_copy_in_same_file_is_marked() -> None:
    a, b, c = draft("a.txt", 1, STORY), draft("a.txt", 10, OTHER), draft("a.txt", 20, STORY)
    pairs = mark_duplicates([a, b, c], 0.8)
    assert [p.dropped for p in pairs] == [c.key]
    assert c.duplicate_of == a.key and a.duplicate_of is None and b.duplicate_of is None


def test_near_copy_across_files_is_marked() -> None:
    edited = STORY.replace("two million", "2 million") + " A spokesperson declined to comment."
    a, b = draft("a.txt", 1, STORY), draft("b.txt", 1, edited)
    mark_duplicates([a, b], 0.8)
    assert b.duplicate_of == a.key


def test_truncated_copy_is_marked_by_containment() -> None:
    long = STORY + " " + OTHER
    a, b = draft("a.txt", 1, long), draft("b.txt", 5, STORY)
    mark_duplicates([a, b], 0.8)
    assert b.duplicate_of == a.key


def test_different_stories_are_kept() -> None:
    a, b = draft("a.txt", 1, STORY), draft("a.txt", 9, OTHER)
    assert mark_duplicates([a, b], 0.8) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["word", "Word", "x1_2", " ", "\n", "-", "’", "é", "İ", "ﬁ", "Ａ", "²", "中", "\u0307"])
                | st.characters(), max_size=40).map("".join))
def test_shingles_hash_runs_of_word_characters_of_the_normalised_text(text: str) -> None:
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())
    grams = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)] or ([" ".join(words)] if words else [])
    assert shingles(text) == {zlib.crc32(g.encode()) for g in grams}


def test_a_republished_copy_with_a_sentence_cut_and_one_added_is_marked_by_default() -> None:
    """An outlet's copy of the same report (one sentence gone, one added at the end) is the
    same story at the default threshold; two stories on one subject are not."""
    from digest.settings import DEFAULTS
    rewrite = (STORY.replace("Analysts at a Shanghai brokerage said the move puts pressure on rival wallets "
                             "to follow. ", "")
               + " The wallet has about 300 million users at home.")
    same_subject = ("Rival wallet Lantern Pay said on Tuesday it would also let tourists link foreign cards. "
                    "Lantern Pay expects the feature to be ready before the summer holidays. "
                    "It will not charge a fee on top-ups, the company said, and regulators have been told.")
    a, b, c = draft("a.txt", 1, STORY), draft("b.txt", 1, rewrite), draft("c.txt", 1, same_subject)
    threshold = DEFAULTS["DIGEST_DUPLICATE_SIMILARITY"]
    pairs = mark_duplicates([a, b, c], threshold)
    assert [(p.dropped, p.kept) for p in pairs] == [(b.key, a.key)]
    assert pairs[0].similarity < 0.8 and c.duplicate_of is None
