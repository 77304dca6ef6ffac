"""Boilerplate signals: stock chrome, captions, alt-text, bios, language, repetition."""
from __future__ import annotations

import pytest

from digest.boilerplate import (
    are_foreign, is_alt_text, is_bio, is_caption, is_job_title, is_newsletter_intro,
    pattern_reason, template_key,
)
from digest.commonlines import corpus_common_lines
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
    ("Live coverage has ended for the day. Our blog returns at 8am.", "boilerplate:newsletter"),
    ("This live blog is now closed.", "boilerplate:newsletter"),
    ("Local news, delivered to your inbox every morning.", "boilerplate:newsletter"),
    ("Sent by the Lake Notes team. Manage your newsletters.", "boilerplate:newsletter"),
    ("\u25b2 312 points", "boilerplate:counter"),
    ("1.2k upvotes", "boilerplate:counter"),
    ("Posted by ferry_fan | 48 comments | Share", "boilerplate:byline"),
    ("Jane Doe / Harbor Wire", "boilerplate:byline"),
    ("Jane Doe | Harbor Wire", "boilerplate:byline"),
    ("Jane Doe @janedoe", "boilerplate:byline"),
    ("Jane Doe, Staff Writer", "boilerplate:byline"),
    ("Words: Jane Doe", "boilerplate:byline"),
    ("Story by Jane Doe and Tom Roe", "boilerplate:byline"),
    ("By Jane Doe in Brussels", "boilerplate:byline"),
    ("By Jane Doe for the Harbor Post", "boilerplate:byline"),
    ("Source: Harbor Post | Jane Doe", "boilerplate:byline"),
    ("Senior reporter", "boilerplate:byline"),
    ("\u2014 Reporting by Jane Doe, Dublin", "boilerplate:byline"),
    ("Jane Doe and Tom Roe contributed reporting.", "boilerplate:byline"),
    ("This article originally appeared on Harbor Post.", "boilerplate:byline"),
    ("Illustration by Jane Doe", "boilerplate:credit"),
    ("Tags: ferries, lakes, electric boats", "boilerplate:tags"),
    ("Filed under: Transport \u00b7 3 min read", "boilerplate:tags"),
    ("5 min read", "boilerplate:widget"),
    ("Listen to this article \u00b7 4 min", "boilerplate:widget"),
    ("Reading time: 4 minutes", "boilerplate:widget"),
    ("Presented by Acme Cloud", "boilerplate:ad"),
    ("Advertisement - Scroll to continue", "boilerplate:ad"),
    ("Partner content", "boilerplate:ad"),
    ("Ad Feedback", "boilerplate:ad"),
    ("Top comment by ferry_fan \u00b7 187 points", "boilerplate:comment-meta"),
    ("[\u2013] u/ferry_fan  642 points  5 days ago", "boilerplate:comment-meta"),
    ("[-] lakeside 1 point an hour ago", "boilerplate:comment-meta"),
    ("Save article", "boilerplate:share"),
    ("Click to share on X (Opens in new window)", "boilerplate:share"),
    ("Also read: Why the ferry timetable keeps changing", "boilerplate:promo"),
    ("Already a subscriber? Log in", "boilerplate:promo"),
    ("120 points by lakewatcher 4 hours ago | hide | 87 comments", "boilerplate:meta"),
    ("Jane Doe \u00b7 12 min read \u00b7 Mar 3", "boilerplate:meta"),
    ("3.4k views \u2022 Reply \u2022 Report", "boilerplate:meta"),
    ("Showing 12 results \u00b7 Topic: Ferries \u00b7 Region: North", "boilerplate:meta"),
    ("Section: Transport | Region: Lakeland", "boilerplate:meta"),
    ("\u2014 jd", "boilerplate:byline"),
    ("-- Jane Roe", "boilerplate:byline"),
    ("Interview by Tomas Berg. Edited for length.", "boilerplate:byline"),
    ("This interview has been edited and condensed for clarity.", "boilerplate:byline"),
    ("Originally published in our Lakeland edition", "boilerplate:byline"),
    ("From our Lakeland correspondent", "boilerplate:byline"),
    ("16:42 HKT", "boilerplate:timestamp"),
    ("Watch: Inside the new ferry yard\t1:05", "boilerplate:widget"),
    ("\u25b6 Listen to this story", "boilerplate:widget"),
    ("Page 1 of 2   |   Next page \u00bb", "boilerplate:navigation"),
    ("---------- item 2 of 5 ----------", "boilerplate:separator"),
    (". . . . . . . . . . . .", "boilerplate:separator"),
    (" ".join(["."] * 40), "boilerplate:separator"),       # a rule of more marks than a long line has words
    ("submitted 3 hours ago by u/ferry_fan  \u00b7  flair: Transport", "boilerplate:byline"),
    ("posted 2 days ago by lakewatcher", "boilerplate:byline"),
    ("Lakeland Letters is written in Oslo and Bergen by Jane Roe and Tomas Berg.", "boilerplate:byline"),
    ("Saved: Tue, 4 Oct 2022 10:02:11 UTC", "boilerplate:timestamp"),
    ("Retrieved on 12 March 2021 at 09:40", "boilerplate:timestamp"),
    ("Pasting the whole story since it is behind a paywall:", "boilerplate:repost-note"),
    ("Full text below, original link in the comments.", "boilerplate:repost-note"),
    ("(my rough translation, corrections welcome)", "boilerplate:repost-note"),
    ("Ferry Plus: unlimited articles, the morning briefing and our timetable tracker. First month $1.",
     "boilerplate:subscription"),
    ("Have a question? Reply to this email and we will try to answer it next week.", "boilerplate:reader-prompt"),
    ("This story has been updated to correct the number of ferries in service.", "boilerplate:editor-note"),
    ("An earlier version of this post misstated the fare.", "boilerplate:editor-note"),
    ("Read the council's full report (PDF) \u2192", "boilerplate:promo"),
    ("\u00ab Previous page   |   Page 2 of 2", "boilerplate:navigation"),
    ("212 comments   share   save   hide   report", "boilerplate:meta"),
    ("[14.02.2025 08:01] Lakeland Ferry News:", "boilerplate:timestamp"),
    ("[3/4/24, 9:15 PM] Jane Roe:", "boilerplate:timestamp"),
    ("Post by ferry_fan \u00bb Tue Oct 18, 2022 8:42 am", "boilerplate:byline"),
    ("Reply by lakewatcher | 3 hours ago", "boilerplate:byline"),
    ("By Jane Roe \u00b7 Tuesday", "boilerplate:byline"),
    ("Follow", "boilerplate:share"),
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
    "Three analysts contributed research.",
    "By Monday in Brussels, the talks had stalled.",
    "Fares rose 3% | the council blamed fuel costs.",
    "By Friday, the ferry was running again",
    "By Contrast Ferries Run Late",
    "Presented by the mayor on Tuesday, the plan would add two ferries.",
    "Save money on fares, the council said.",
    "The ferry carried 312 people, most of them commuters.",
    "Topics at the meeting ranged from ferry fares to the state of the old pier, the chair said afterwards.",
    "Mountain rail line reopens after landslide repairs",
    "Originally, the ferry was meant to run only in summer.",
    "Interview by interview, the inspectors built their case against the operator.",
    "Ferry fares: up 3% | Lakeland Daily",
    "From our point of view the ferry is late.",
    "Watch: the ferry that never sank",
    "Fares rose --- again --- this spring, the council said.",
    "Shares fell 12 points 3 days ago, before the ferry results.",
    "Lakeland 12 points ahead two weeks ago",
    "Posting the text of the ruling, the court said the ferry licence was void.",
    "Sharing the story of the first ferry, the captain said the crossing began in 1952.",
    "The full text of the agreement is available here.",
    "The report was updated on Monday with new passenger figures.",
    "Her reply to the email from the council was brief.",
    "The operator offers unlimited rides for $40 a month.",
    "The ferry timetable is written by hand by the harbour master.",
    "Read the timetable before you travel, the council said.",
    "The ferry said.  It would hire 40 staff  and start in May.",
    "Following the vote, the ferry company raised its fares.",
    "Post by post, the council answered every complaint about the ferry.",
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
    assert are_foreign([
        "Wij gaan graag met u in gesprek over de uitdagingen en vragen die er bij uw bedrijf spelen.",
        "The ferry company launched two solar boats that carry forty passengers across the lake.",
        "Oslo",
    ]) == [True, False, False]
    assert are_foreign([]) == []


ZH_PARAGRAPH = ("\u6e21\u8f6e\u516c\u53f8\u5468\u4e00\u8868\u793a\uff0c\u4eca\u5e74\u51ac\u5929"
                "\u5c06\u65b0\u589e\u4e24\u8258\u592a\u9633\u80fd\u6e21\u8f6e\uff0c\u6bcf\u8258\u53ef"
                "\u8f7d\u5ba2\u56db\u5341\u4eba\u3002")


def test_a_paragraph_in_a_script_without_spaces_is_told_apart_by_its_characters():
    english = ["The ferry company launched two solar boats that carry forty passengers across the lake.",
               "Tickets for the first crossings sold out within an hour, the company said on Monday."]
    assert are_foreign([
        *english,
        "\u3010\u304a\u77e5\u3089\u305b\u3011\u30d5\u30a7\u30ea\u30fc\u306e\u6642\u523b\u8868\u3092"
        "\u6bce\u671d\u30e1\u30fc\u30eb\u3067\u304a\u5c4a\u3051\u3057\u307e\u3059\u3002\u4eca\u3059\u3050"
        "\u767b\u9332\u3057\u3066\u304f\u3060\u3055\u3044\u3002",
        "2021\u5e743\u670812\u65e5 09:40",
        "\u901f\u5831 BRIEF",
    ]) == [False, False, True, False, False]
    # a story in Chinese is no foreign paragraph in its own file
    assert are_foreign([ZH_PARAGRAPH, ZH_PARAGRAPH, english[0]]) == [False, False, False]


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


def test_job_title_is_only_a_title():
    assert is_job_title("Science correspondent")
    assert is_job_title("Senior staff writer")
    assert not is_job_title("The writer said the ferry was late.")
    assert not is_job_title("Ferry operator hires a new chief executive")


def test_newsletter_intro_greets_and_talks_about_itself():
    assert is_newsletter_intro("Good morning. Three stories today, plus a note from the people who pay for this newsletter.")
    assert is_newsletter_intro("Hi all, here is this week's briefing: five links for you this week.")
    assert is_newsletter_intro("Good morning and welcome to our live coverage of the ferry strike. "
                               "Stay with us through the day.")
    assert is_newsletter_intro("Good morning from the lake, where the first frost of the year came on Monday "
                               "and none of us had found our gloves yet. Four items today, most of them about "
                               "boats, one about a bridge. As always, hit reply if we got something wrong.")
    # a digest's greeting that opens its own story is not chrome
    assert not is_newsletter_intro("Hello and welcome back to the Lake Roundup, a digest of recent events around the lake.")
    assert not is_newsletter_intro("Good morning, said the captain, as the first electric ferry left the quay today.")


def test_template_key_masks_names_numbers_and_handles():
    a = template_key("This story was syndicated from Harbor Post and is republished with permission.")
    b = template_key("This story was syndicated from The Lake Courier and is republished with permission.")
    assert a == b is not None
    assert template_key("Filed under: Transport \u00b7 3 min read") == template_key("Filed under: Rail \u00b7 12 min read")
    assert template_key("Posted by ferry_fan") is None            # too little fixed wording
    assert template_key("Jane Doe / Harbor Wire") is None
    assert template_key("Mountain Rail Line Reopens After Landslide Repairs") is None


def test_pull_quotes_repeating_the_text_are_dropped() -> None:
    said = ('"We bought the boats because the spreadsheet told us to, not because they look modern," '
            "said Ana Lima, who runs the ferry company's finances, adding that fuel savings paid for them.")
    text = ("Lumen Lines will replace its three diesel ferries\n\n"
            "Lumen Lines will replace its three diesel ferries with battery boats by next summer, it said.\n\n"
            + said + "\n\n"
            'Pull quote: "We bought the boats because the spreadsheet told us to" \u2014 Ana Lima\n\n'
            "The boats recharge at the quay during the twenty-minute turnaround at each end of the lake.\n\n"
            "Residents along the pier have complained for years about the diesel fumes and the noise.\n")
    res = split_source(SourceText(path="p.txt", lines=text.split("\n")))
    reasons = {d.line: d.reason for d in res.drops}
    assert reasons.get(7) == "boilerplate:pull-quote"
    assert said in "\n".join(b.text for a in res.articles for b in a.blocks)
    # a headline repeating the words of its lede is no pull quote
    assert [a.title for a in res.articles] == ["Lumen Lines will replace its three diesel ferries"]


@pytest.mark.parametrize("line", ["Menu   Search   Subscribe   Log in",
                                  "Latest  ·  Markets  ·  Technology  ·  Supply chains  ·  Podcasts",
                                  "Home | World | Business | Tech"])
def test_a_row_of_capitalised_labels_is_a_menu(line):
    assert pattern_reason(line) == "boilerplate:navigation"


@pytest.mark.parametrize("line", ["Staff Reporter · 3 February 2020", "Apple, Google and Meta face new fines",
                                  "Ports  ·  Shipping", "Sales rose  ·  Costs fell  ·  Shares jumped."])
def test_a_bar_of_fields_or_a_headline_is_no_menu(line):
    assert pattern_reason(line) != "boilerplate:navigation"


def test_an_english_headline_heavy_with_names_is_not_foreign():
    # a language ID reads it as Nigerian Pidgin, an English-lexified creole: still English
    lines = ["Malaysian chip tester Serimas buys Penang rival Lumitek for RM800 million", "",
             "Serimas Holdings agreed on Thursday to buy Lumitek, a rival in Penang, for 800 million "
             "ringgit in cash, the companies said in a filing.", "",
             "The deal gives Serimas two factories and customers among European carmakers."]
    res = split_source(SourceText(path="p.txt", lines=lines))
    assert [a.title for a in res.articles] == [lines[0]]
    assert not res.drops
