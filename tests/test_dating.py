"""Tests for dating: each evidence rule on small fictional dumps, plus the seed targets."""
from __future__ import annotations

import datetime as dt
import json
import pathlib

import pytest

from digest.datefind import find_dateline, find_mentions, parse_date_line
from digest.dating import date_articles
from digest.model import ArticleDraft, Block, SourceText

FALLBACK = dt.date(2030, 1, 2)
SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def drafts(raw: str, spans: list[tuple[int, int, int | None]], path: str = "dump.txt",
           meta: dict[str, str] | None = None) -> tuple[list[ArticleDraft], SourceText]:
    """Articles from (start, end, title_line) spans: each non-blank line a paragraph."""
    lines = raw.split("\n")
    arts = []
    for start, end, title_line in spans:
        blocks = [Block("para", lines[n - 1].strip(), [n]) for n in range(start, end + 1)
                  if lines[n - 1].strip() and n != title_line]
        title = lines[title_line - 1].strip() if title_line else blocks[0].text[:40]
        arts.append(ArticleDraft(source=path, title=title, title_generated=title_line is None,
                                 title_line=title_line, blocks=blocks, start_line=start, end_line=end))
    return arts, SourceText(path=path, lines=lines, meta=meta or {})


def dated(raw: str, spans: list[tuple[int, int, int | None]]) -> list[ArticleDraft]:
    """The articles of `drafts`, dated with the FALLBACK git date."""
    arts, src = drafts(raw, spans)
    date_articles(arts, src, FALLBACK, "git")
    return arts


def date_one(raw: str, **kw: object) -> ArticleDraft:
    n = raw.count("\n") + 1
    arts, src = drafts(raw, [(1, n, 1)], **kw)  # type: ignore[arg-type]
    date_articles(arts, src, FALLBACK, "git")
    return arts[0]


def test_header_date_is_explicit() -> None:
    art = date_one("Widgets rise\n\nIn March 2019 the widget maker grew.", meta={"date": "2024-05-06"})
    assert (art.date, art.date_source) == (dt.date(2024, 5, 6), "explicit")
    assert "2024-05-06" in art.date_evidence


def test_filename_date_is_explicit() -> None:
    art = date_one("Widgets rise\n\nThe widget maker grew.", path="news/2022-11-08-widgets.txt")
    assert (art.date, art.date_source) == (dt.date(2022, 11, 8), "explicit")


def test_date_line_above_title() -> None:
    raw = "Thursday, 4 March 2021\n\nGizmo Corp opens lab\n\nGizmo Corp opened a lab in 2015, it said."
    arts = dated(raw, [(1, 5, 3)])
    assert (arts[0].date, arts[0].date_source) == (dt.date(2021, 3, 4), "dateline")


def test_date_lines_belong_to_the_right_story_in_a_stream() -> None:
    raw = ("Sept. 3, 2020\nFirst story\nAlpha happened.\n\n"
           "Posted: 2020-10-12 09:30\nSecond story\nBeta happened.")
    arts = dated(raw, [(2, 3, 2), (6, 7, 6)])
    assert [a.date for a in arts] == [dt.date(2020, 9, 3), dt.date(2020, 10, 12)]


def test_date_lines_under_stories_in_footer_layout() -> None:
    raw = "First story\nAlpha happened.\n12 May 2022\n\nSecond story\nBeta happened.\n19 May 2022"
    arts = dated(raw, [(1, 2, 1), (5, 6, 5)])
    assert [a.date for a in arts] == [dt.date(2022, 5, 12), dt.date(2022, 5, 19)]


def test_dateline_opening_first_paragraph() -> None:
    art = date_one("Robots arrive\n\nPORTVILLE, March 14, 2024 — A robot maker said on Tuesday it had "
                   "raised money, after a loss in 2019.")
    assert (art.date, art.date_source) == (dt.date(2024, 3, 14), "dateline")


def test_dateline_without_date_gives_no_date() -> None:
    assert find_dateline("PORTVILLE (Wirewire) - A robot maker said it grew.") is None
    assert find_dateline("PORTVILLE -- A robot maker said it grew.") is None
    assert parse_date_line("The show opens on 3 September 2020 in the park") is None


def test_date_lines_in_other_shapes() -> None:
    assert parse_date_line("2021\u5e743\u67089\u65e5 11:20") == dt.date(2021, 3, 9)
    assert parse_date_line("Staff Reporter \u00b7 3 February 2020") == dt.date(2020, 2, 3)
    assert parse_date_line("Feb 3, 2020 | 6:41 PM") == dt.date(2020, 2, 3)
    assert parse_date_line("Updated 09:15 GMT \u00b7 8 October 2024") == dt.date(2024, 10, 8)
    # a bar of fields with two dates, or long fields, is not one date line
    assert parse_date_line("3 February 2020 \u00b7 4 February 2020") is None
    assert parse_date_line("The ferry company said on Monday that fares would rise \u00b7 3 February 2020") is None


def test_day_first_dateline() -> None:
    art = date_one("Robots arrive\n\n\tPORTVILLE, 14 January 2026 -- A robot maker said it had grown.")
    assert (art.date, art.date_source) == (dt.date(2026, 1, 14), "dateline")


def test_yearless_dateline_takes_the_year_its_weekday_and_copyright_fit() -> None:
    raw = ("Kite maker grows\nPORTVILLE, Nov 12 (Wirewire) - Kiteco said on Tuesday that sales doubled, "
           "after it applied for a licence in 2021.\n\u00a9 2024 Wirewire. All rights reserved.\n\n"
           "Drone rules\nLAKETON, Nov 13 (Wirewire) - The agency issued drone rules on Wednesday.\n"
           "\u00a9 2024 Wirewire. All rights reserved.")
    arts = dated(raw, [(1, 2, 1), (5, 6, 5)])
    assert [a.date for a in arts] == [dt.date(2024, 11, 12), dt.date(2024, 11, 13)]
    assert "weekday" in arts[0].date_evidence


def test_copyright_year_bounds_the_file_period() -> None:
    raw = "Quiet story\nThe agency issued drone rules, it said.\n\u00a9 2019 Wirewire"
    arts = dated(raw, [(1, 2, 1)])
    assert arts[0].date.year == 2019 and arts[0].date_source == "inferred"


def test_weekday_day_in_the_lead_dates_the_story() -> None:
    raw = ("Ad rules drafted\nPORTVILLE, 14 January 2026 -- A robot maker grew.\n\n"
           "Labels for ads\nThe regulator published draft rules on Friday 16 January that would "
           "require labels.")
    arts = dated(raw, [(1, 2, 1), (4, 5, 4)])
    assert arts[1].date == dt.date(2026, 1, 16) and "weekday" in arts[1].date_evidence
    # a weekday that does not fit the day in any nearby year says nothing: the story above dates it
    arts = dated(raw.replace("Friday", "Monday"), [(1, 2, 1), (4, 5, 4)])
    assert arts[1].date == dt.date(2026, 1, 14) and "story above" in arts[1].date_evidence


def test_posts_under_one_date_header_share_its_date() -> None:
    raw = ("Monday, November 11, 2019\n\nFirst post\nAlpha happened tonight.\n\n"
           "Second post\nBeta happened too, and nobody knows when.\n\n"
           "Thursday, November 7, 2019\n\nThird post\nGamma happened.\n\n"
           "Fourth post\nDelta happened in 2021, it says.")
    arts = dated(raw, [(3, 4, 3), (6, 7, 6), (11, 12, 11), (14, 15, 14)])
    assert [a.date for a in arts[:3]] == [dt.date(2019, 11, 11), dt.date(2019, 11, 11), dt.date(2019, 11, 7)]
    assert arts[1].date_source == "inferred" and "story above" in arts[1].date_evidence
    # a story reporting a later event is not dated before it
    assert arts[3].date.year >= 2021


def test_masthead_date_dates_the_stories_of_the_issue() -> None:
    raw = ("The Weekly Widget, issue 9 of our members' letter, sent on Sunday, 22 October 2023\n\n"
           "Mill expands\nThe mill has grown since 2020, its owner said.\n\n"
           "Kites sell\nKiteco sold more kites this week.")
    arts = dated(raw, [(3, 4, 3), (6, 7, 6)])
    assert [a.date for a in arts] == [dt.date(2023, 10, 22)] * 2
    assert "head of the file" in arts[0].date_evidence


def test_date_line_under_a_deck_and_a_byline() -> None:
    lines = ["Chip plant delayed", "Suppliers blame a shortage of pumps.", "Jo Writer",
             "Updated 09:15 GMT \u00b7 8 October 2024", "", "Sonora delayed its plant, it said."]
    art = ArticleDraft(source="d.txt", title=lines[0], title_generated=False, title_line=1,
                       blocks=[Block("para", lines[1], [2]), Block("para", lines[5], [6])],
                       start_line=1, end_line=6)
    date_articles([art], SourceText(path="d.txt", lines=lines), FALLBACK, "git")
    assert (art.date, art.date_source) == (dt.date(2024, 10, 8), "dateline")


def test_month_year_mention_is_inferred() -> None:
    art = date_one("Lamp startup closes\n\nIn December 2021, the lamp startup Glowly shut its doors, "
                   "its founder said. Glowly was founded in 2014.")
    assert art.date_source == "inferred"
    assert dt.date(2021, 12, 1) <= art.date <= dt.date(2022, 2, 28)
    assert "December 2021" in art.date_evidence


def test_background_years_do_not_pull_the_date_back() -> None:
    art = date_one("Mill expands\n\nFounded in 2009, the mill has grown since 2012. In July 2023 it "
                   "opened a second site.")
    assert dt.date(2023, 7, 1) <= art.date <= dt.date(2023, 10, 31)


def test_quarters_and_halves() -> None:
    art = date_one("Phone sales\n\nPhonco finished Q1 2023 in third place. Sales fell in the "
                   "second half of 2022.")
    assert dt.date(2023, 4, 1) <= art.date <= dt.date(2023, 6, 30)
    art = date_one("Chip results\n\nIn the third quarter of 2022, Chipco lost money.")
    assert dt.date(2022, 10, 1) <= art.date <= dt.date(2022, 12, 31)


def test_future_references_are_not_publication_dates() -> None:
    art = date_one("Ferries go electric\n\nFerryline aims to be fully electric by 2030 and is expected "
                   "to launch its first boat in Q3 2026. In May 2024 it ordered ten hulls.")
    assert dt.date(2024, 5, 1) <= art.date <= dt.date(2024, 8, 31)
    roles = {m.text: m.role for m in find_mentions("It plans to list in 2027. Sales grew in 2021.")}
    assert roles == {"2027": "future", "2021": "past"}


def test_relative_later_is_anchored_on_the_previous_mention() -> None:
    art = date_one("Bank reforms\n\nIn February 2020, regulators told Coinbank to reform. "
                   "Nearly a year later, Coinbank says it is done.")
    assert dt.date(2020, 12, 1) <= art.date <= dt.date(2021, 3, 31)


def test_this_week_and_on_tuesday_keep_the_dated_day() -> None:
    art = date_one("Minister visit\n\nOn Tuesday, the minister toured the plant this week.\n"
                   "Great visit today! — Some Body (@somebody) June 6, 2023")
    assert art.date == dt.date(2023, 6, 6)


def test_month_without_year_takes_the_year_from_context() -> None:
    art = date_one("Toy recall\n\nIn mid-April, Toyco recalled a doll, after record sales in "
                   "January 2023.")
    assert art.date.year == 2023 and 4 <= art.date.month <= 6


def test_undated_story_takes_the_file_period() -> None:
    raw = ("Kite maker grows\nKiteco said in October 2022 that sales doubled.\n\n"
           "Drone rules\nThe agency on Monday issued drone rules.")
    arts, src = drafts(raw, [(1, 2, 1), (4, 5, 4)])
    report = date_articles(arts, src, FALLBACK, "git")
    assert report == []
    assert arts[1].date_source == "inferred"
    assert arts[1].date_evidence.startswith("file period: 2022-")
    assert arts[1].date.year == 2022 and arts[1].date.month >= 10


def test_no_evidence_gets_fallback_and_is_reported() -> None:
    raw = "Quiet story\nNothing dated happens here."
    arts, src = drafts(raw, [(1, 2, 1)])
    report = date_articles(arts, src, dt.date(2024, 2, 29), "mtime")
    assert (arts[0].date, arts[0].date_source) == (dt.date(2024, 2, 29), "mtime")
    assert len(report) == 1 and "Quiet story" in report[0] and "mtime" in report[0]


def test_nothing_later_than_the_fallback() -> None:
    art = date_one("Plan\n\nThe city's Vision 2035 plan was adopted in June 2020.")
    assert art.date <= FALLBACK
    assert dt.date(2020, 6, 1) <= art.date <= dt.date(2020, 9, 30)


def test_deterministic() -> None:
    raw = ("One\nIn May 2021 things happened.\n\nTwo\nIn 2020 and 2021 more happened, this week too.\n\n"
           "Three\nOn Friday nothing happened.")
    spans = [(1, 2, 1), (4, 5, 4), (7, 8, 7)]
    first, src = drafts(raw, spans)
    second, src2 = drafts(raw, spans)
    assert date_articles(first, src, FALLBACK, "git") == date_articles(second, src2, FALLBACK, "git")
    assert [(a.date, a.date_source, a.date_evidence) for a in first] == \
           [(a.date, a.date_source, a.date_evidence) for a in second]


def test_seed_articles_land_in_their_windows() -> None:
    gold_path = SHARED / "gold" / "seeds.json"
    if not gold_path.is_file():
        pytest.skip("shared seeds not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    hits, total = 0, 0
    for name, spec in gold["sources"].items():
        lines = (SHARED / "seeds" / name).read_bytes().decode("utf-8").split("\n")
        arts = []
        for a in spec["articles"]:
            start, end = a["span"]
            noise = set(a["noise"]) | set(spec["noise"])
            tl = a["title_line"]
            blocks = [Block("para", lines[n - 1].strip(), [n]) for n in range(start, end + 1)
                      if lines[n - 1].strip() and n not in noise and n != tl]
            title = lines[tl - 1].strip() if tl else blocks[0].text[:60]
            arts.append(ArticleDraft(source=name, title=title, title_generated=tl is None, title_line=tl,
                                     blocks=blocks, start_line=start, end_line=end))
        date_articles(arts, SourceText(path=name, lines=lines), dt.date(2025, 6, 1), "git")
        for art, a in zip(arts, spec["articles"]):
            low, high = (dt.date.fromisoformat(x) for x in a["date_window"])
            if a["date_inferable"]:
                total += 1
                hits += low <= art.date <= high
            if name.startswith("002"):
                assert art.date == dt.date(2020, 9, 3)
    assert hits >= 0.9 * total


def test_a_neighbours_date_moves_to_the_weekday_the_lead_names() -> None:
    raw = ("Ad rules drafted\nPORTVILLE, 12 January 2026 -- A robot maker grew.\n\n"
           "Labels for ads\nThe regulator said on {day} that it would require labels on ads.")
    # the nearest such day to the story above (Monday 12 January), at most three days off
    assert dated(raw.format(day="Tuesday"), [(1, 2, 1), (4, 5, 4)])[1].date == dt.date(2026, 1, 13)
    assert dated(raw.format(day="Friday"), [(1, 2, 1), (4, 5, 4)])[1].date == dt.date(2026, 1, 9)
    art = dated(raw.format(day="Saturday"), [(1, 2, 1), (4, 5, 4)])[1]
    assert art.date == dt.date(2026, 1, 10) and "moved to the Saturday" in art.date_evidence
    # before the date at the head of the file (a page retrieved after its stories): the day before it
    head = "Page retrieved 14 January 2026\n\n" + raw.format(day="Thursday").replace("12 January", "13 January")
    arts = dated(head, [(3, 4, 3), (6, 7, 6)])
    assert arts[1].date == dt.date(2026, 1, 8)
