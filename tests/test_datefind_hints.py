"""find_mentions skips a date pattern when a cheap hint says it cannot match: the hints must
never rule out a real mention, whatever the case, spacing or punctuation around it."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from digest import datefind as df
from hypothesis import given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from([
    "in", "In", "since", "during", "early", "EARLY", "mid", "mid-", "Mid", "late", "the end of", "End of",
    "the beginning of", "the middle of", "first", "Second", "third", "fourth", "1st", "4th", "quarter",
    "QUARTER", "half", "Half", "H1", "h2", "Q1", "q3", "FY", "of", "this year", "last year", "later",
    "after that", "on", "day", "days", "Weeks", "month", "YEARS", "two", "a few", "nearly", "January",
    "May", "Sept.", "Dec", "March", "2019", "2023", "1987", "2024-03-05", "2020/1/2", "15", "30th",
    ",", ".", "(@user)", "will", "by", "founded", "about", "%", "'s", "headquarters", "K", "ſ", "İ", "thİs", "thıs",
    "yearſ", "ſt", "20192020", "May2019", "MarchMay", "$2019"])
GAPS = st.sampled_from([" ", " ", "", "-", "\n", "  ", "\u00a0", "\u2003", "\t"])
TEXT = st.lists(st.tuples(PIECES, GAPS), max_size=14).map(lambda parts: "".join(p + g for p, g in parts))


def _without_hints(text: str) -> list[df.Mention]:
    """find_mentions running every pattern whatever its hints say."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(df, "_scan", lambda pattern, text, possible: pattern.finditer(text))
        mp.setattr(df, "_scan_from", lambda pattern, text, starts: pattern.finditer(text))
        return df.find_mentions(text)


@settings(max_examples=1500, deadline=None)
@given(TEXT)
def test_hints_never_hide_a_mention(text: str) -> None:
    assert df.find_mentions(text) == _without_hints(text)


def test_each_kind_of_mention_is_found() -> None:
    text = ("Founded in early 2019, the firm shipped in Q3 2023 and the second half of 2022. "
            "On May 30, 2023 it listed; sales rose in mid-April, then in the first quarter, and "
            "two years later it doubled. Revenue for H1 rose. By the end of 2024 it plans more.")
    assert df.find_mentions(text) == _without_hints(text)
    assert sorted({m.kind for m in df.find_mentions(text)}) == ["day", "later", "part", "rel-month",
                                                                "rel-part", "year"]


def test_lowercasing_keeps_what_the_lowercase_hints_rely_on() -> None:
    """The case-insensitive patterns' hints look case-sensitively in the lowercased text."""
    letter, space, word = re.compile("[a-z]", re.IGNORECASE), re.compile(r"\s"), re.compile(r"\w")
    for code in range(0x110000):
        char = chr(code)
        lowered = char.lower()
        if letter.fullmatch(char) and char not in "ſıİ":
            assert lowered in "abcdefghijklmnopqrstuvwxyz", hex(code)
        if space.fullmatch(char):
            assert lowered == char, hex(code)
        if not word.fullmatch(char):
            assert not word.match(lowered), hex(code)


@pytest.mark.parametrize("text", ["Sales rose in the first half of thİs year.", "Sales rose in the first half of thıs year.",
                                  "Two yearſ later it listed.", "It listed in the thirD QUARTER, two yearſ on."])
def test_hints_see_letters_that_lowercase_to_other_characters(text: str) -> None:
    assert df.find_mentions(text) == _without_hints(text) != []


@pytest.mark.parametrize(("text", "kind", "months"), [
    ("It listed in the 1ſt quarter of 2023.", "part", (df.month_index(2023, 1), df.month_index(2023, 3))),
    ("Output doubled in the fİrst half of 2022.", "part", (df.month_index(2022, 1), df.month_index(2022, 6))),
    ("Sales rise in the ſecond half of this year.", "rel-part", (7, 6)),
])
def test_ordinals_in_any_spelling_the_patterns_accept_are_read(text: str, kind: str,
                                                              months: tuple[int, int]) -> None:
    found = [m for m in df.find_mentions(text) if m.kind == kind]
    assert len(found) == 1
    m = found[0]
    assert ((m.start, m.end) if kind == "part" else (m.rel_month, m.rel_span)) == months


def test_slash_dates_are_read_day_or_month_first_when_they_can_be_told_apart():
    from digest.datefind import find_dateline, parse_date_line
    assert parse_date_line("16/6/2023  ·  Podcast transcript") == dt.date(2023, 6, 16)
    assert parse_date_line("6/16/2023") == dt.date(2023, 6, 16)
    assert parse_date_line("6/7/2023") is None                      # either reading: no date
    line = find_dateline("6/7/2023 — Serimas agreed on Thursday to buy its rival.")
    assert line is not None and (line.year, line.month, line.day) == (2023, 7, 6)   # 6 July was a Thursday
    assert find_dateline("6/7/2023 — Serimas agreed to buy its rival.") is None
    line = find_dateline("20/6/2023 — Krungmai Bank said it had launched an assistant.")
    assert line is not None and (line.month, line.day) == (6, 20)
