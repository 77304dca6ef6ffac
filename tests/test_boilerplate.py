"""Boilerplate signals: stock chrome, captions, alt-text, bios, language, repetition."""
from __future__ import annotations

import pytest

from digest.boilerplate import (
    corpus_common_lines, is_alt_text, is_bio, is_caption, is_foreign, pattern_reason,
)
from digest.model import SourceText
from digest.segment import split_source
from digest.textnorm import normalize_line


@pytest.mark.parametrize("line,reason", [
    ("42", "boilerplate:counter"),
    ("No comments:", "boilerplate:counter"),
    ("Image Credits: a tractor in a muddy field", "boilerplate:credit"),
    ("Photo: Jane Roe", "boilerplate:credit"),
    ("By Jane Doe", "boilerplate:byline"),
    ("By Tomas Berg | Rail Correspondent", "boilerplate:byline"),
    ("Share this article", "boilerplate:share"),
    ("Facebook Twitter LinkedIn Email", "boilerplate:share"),
    ("We use cookies to improve your experience on our site.", "boilerplate:cookie"),
    ("Advertisement", "boilerplate:ad"),
    ("Read more: Ten towns going car-free", "boilerplate:promo"),
    ("You might also like", "boilerplate:promo"),
    ("Leave a Reply", "boilerplate:comment-prompt"),
    ("Comments Rating 0 (0 reviews)", "boilerplate:widget"),
    ("© 2024 Northern Gazette. All rights reserved.", "boilerplate:footer"),
    ("Powered by SomeEngine.", "boilerplate:footer"),
    ("Home > News > Science", "boilerplate:navigation"),
    ("Updated 4:10 p.m. ET", "boilerplate:timestamp"),
    ("Published 7:55 a.m. ET | Updated 9:02 a.m. ET", "boilerplate:timestamp"),
    ("Last updated: Feb. 3, 2026 at 10:15", "boilerplate:timestamp"),
    ("(Reporting by Mira Holt; Editing by Dev Rao)", "boilerplate:byline"),
    ("lakeside_fan · 5h ago", "boilerplate:comment-meta"),
    ("Oskar Lind 3d ago", "boilerplate:comment-meta"),
    ("Sign in to comment", "boilerplate:comment-prompt"),
    ("* * *", "boilerplate:separator"),
    ("----------", "boilerplate:separator"),
    ("(Image credit: Harbor City Council)", "boilerplate:credit"),
    ("Related: Why the ferry timetable keeps changing", "boilerplate:promo"),
    ("RELATED COVERAGE: Ten towns going car-free", "boilerplate:promo"),
    ("In today's issue:", "boilerplate:promo"),
    ("You are receiving this email because you signed up for Lake Notes. Unsubscribe", "boilerplate:newsletter"),
    ("That's all for today. See you on Friday.", "boilerplate:newsletter"),
    ("Local news, delivered to your inbox every morning.", "boilerplate:newsletter"),
])
def test_stock_chrome(line, reason):
    assert pattern_reason(line) == reason


@pytest.mark.parametrize("line", [
    "By the end of the year the ferry company wants to run six solar boats on the lake.",
    "Readers who share the article can read more about the festival on Sunday.",
    "The council said the copyright on the old town maps had expired decades ago.",
    "Bridges and tunnels",
    "Published in 2019, the harbour study found that most ferries ran half empty in winter.",
    "It happened 2 years ago",
    "Updated timetables will be posted at every stop from next week, the council said.",
])
def test_article_text_is_not_chrome(line):
    assert pattern_reason(line) is None


LONG = ("The ferry company said on Monday that it would add two more solar boats to the lake "
        "service next spring after ridership grew for a third year in a row. ")


@pytest.mark.parametrize("line,reason", [
    (LONG + "We Use COOKIES to measure it.", "boilerplate:cookie"),
    (LONG + "ALL RIGHTS RESERVED", "boilerplate:footer"),
    (LONG + "(C) 2024 Lake Notes", "boilerplate:footer"),
    ("\u0130 agree" + " !" * 30, "boilerplate:cookie"),      # IGNORECASE matches the dotted capital I
    ("Got it" + " ." * 30, "boilerplate:cookie"),
    (LONG + "Terms of use apply to the new fares.", None),
])
def test_long_lines_are_checked_for_the_any_length_families(line, reason):
    assert len(line.split()) > 25
    assert pattern_reason(line) == reason


def test_caption_names_a_person_and_role():
    assert is_caption("Lina Osei, mayor of Harbor City")
    assert not is_caption("Lina Osei, the mayor, said the reservoir project cost less.")
    assert not is_caption("Bridges and tunnels")


def test_alt_text_is_short_lowercase_keywords():
    assert is_alt_text("solar boat lake")
    assert not is_alt_text("Solar boats on the lake")
    assert not is_alt_text("the boats sail at noon.")


def test_author_bio():
    assert is_bio("Maria Kovac is a travel reporter who covers cycling and outdoor holidays.")
    assert not is_bio("Maria Kovac is building a bakery with sixty shops in the north.")


def test_foreign_language_paragraph():
    assert is_foreign("Wij gaan graag met u in gesprek over de uitdagingen en vragen die er bij uw bedrijf spelen.")
    assert not is_foreign("The ferry company launched two solar boats that carry forty passengers across the lake.")


def test_corpus_common_lines_needs_three_sources():
    a = SourceText("a.txt", ["Northern Gazette", "A long sentence that is only in one file and has many words in it, really."])
    b = SourceText("b.txt", ["northern  gazette", "Other text"])
    c = SourceText("c.txt", ["Other text", "Northern Gazette"])
    common = corpus_common_lines([a, b, c])
    assert normalize_line("Northern Gazette") in common
    assert normalize_line("Other text") not in common          # only two sources
    assert not any("long sentence" in k for k in common)


def test_a_headline_with_the_same_lede_in_several_sources_is_not_furniture():
    lede = "The ferry company on Lake Mira launched two solar boats that carry forty passengers each."
    dumps = [SourceText(f"{n}.txt", ["Solar boats cross the lake", "", lede]) for n in "abc"]
    assert corpus_common_lines(dumps) == frozenset()


def test_common_line_is_dropped_in_split():
    lines = ["Northern Gazette", "", "Solar boats cross the lake", "",
             "The ferry company on Lake Mira launched two solar boats that carry forty passengers each across the lake.",
             "", "Northern Gazette"]
    res = split_source(SourceText("x.txt", lines), frozenset({"northern gazette"}))
    assert {d.line for d in res.drops} >= {1, 7}


def test_repeated_promo_line_dropped_but_repeated_story_kept():
    story = ["The ferry company on Lake Mira launched two solar boats that carry forty passengers each.",
             "Each boat has a roof of panels that charges its batteries while it waits at the pier.",
             "The company plans to replace its last diesel ferry on the lake before next summer.",
             "Passengers say the solar boats are quieter than the old ferry and smell of nothing at all."]
    lines = story + ["Subscribe to the Lake Mira newsletter"] + story + ["Subscribe to the Lake Mira newsletter"]
    res = split_source(SourceText("r.txt", lines))
    assert [d.line for d in res.drops] == [5, 10]
    assert len(res.articles) == 2
