"""Per-file chrome marking: masthead headline choice, comments, templated lines, edited copies."""
from __future__ import annotations

from digest.model import SourceText
from digest.segment import split_source

LEDE = ("Lumen Lines, which runs the ferries across Lake Mira, ordered four battery-electric boats from a yard "
        "in the north, the company said on Monday.")
MIDDLE = ("The boats carry 120 passengers each and charge at the quay in the twenty minutes between crossings, "
          "according to the shipyard.")
CLOSE = "Lumen Lines said the diesel ferries they replace burn about a million litres of fuel a year."
RAIL = [("The rack railway up Mount Calder reopened on Saturday after crews spent five months rebuilding a "
         "section of track swept away by a landslide."),
        ("Engineers anchored the slope with steel nets and drained a spring that had soaked the hillside, "
         "the railway's owners said."),
        "Tickets for the summer are already sold out on weekends, and extra trains will run in August.",
        "The railway said it would add a second carriage to the morning train from next year."]


def _split(lines: list[str]):
    return split_source(SourceText(path="x.txt", lines=lines))


def _spaced(paras: list[str]) -> list[str]:
    out: list[str] = []
    for p in paras:
        out += [p, ""]
    return out[:-1]


def test_headline_is_kept_when_a_standfirst_follows_it_above_the_first_paragraph():
    lines = ["Lake Weekly", "", "Ferry operator orders four electric boats for the crossing",
             "The yard in the north wins its biggest order.", "", LEDE, "", MIDDLE, "", CLOSE]
    res = _split(lines)
    assert res.articles[0].title == "Ferry operator orders four electric boats for the crossing"
    assert {d.text: d.reason for d in res.drops}["Lake Weekly"] == "boilerplate:masthead"


def test_reader_comment_ends_at_the_next_headline():
    lines = (_spaced(["Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE])
             + ["", "Top comment by harbour_watch \u00b7 187 points",
                "About time, the old ferries smell of diesel all the way across.", "",
                "Mountain rail line reopens after landslide repairs", ""] + _spaced(RAIL))
    res = _split(lines)
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["About time, the old ferries smell of diesel all the way across."] == "boilerplate:comment"
    assert [a.title for a in res.articles][-1] == "Mountain rail line reopens after landslide repairs"


def test_templated_line_with_other_names_is_chrome_even_inside_a_copied_story():
    def note(outlet: str) -> str:
        return f"This story was syndicated from {outlet} and is republished with permission."
    ferry = ["Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE]
    rail = ["Mountain rail line reopens after landslide repairs", *RAIL]
    lines = _spaced(ferry + [note("Harbor Post")] + rail + [note("The Lake Courier")] + ferry + [note("Harbor Post")])
    res = _split(lines)
    assert {d.reason for d in res.drops if d.text.startswith("This story was syndicated")} == {"boilerplate:repeated"}
    assert all(not b.text.startswith("This story") for a in res.articles for b in a.blocks)


def test_three_identical_paragraphs_of_pasted_stories_are_not_a_template():
    ferry = _spaced(["Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE])
    res = _split(ferry + [""] + ferry + [""] + ferry)
    kept = [b.text for a in res.articles for b in a.blocks]
    assert kept.count(CLOSE) == 3


def test_edited_last_paragraph_stays_with_its_copied_story():
    rail = ["Mountain rail line reopens after landslide repairs", *RAIL]
    edited = [*rail[:-1], "The railway said it would add a second and a third carriage to the morning train."]
    ferry = ["Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE]
    res = _split(_spaced(rail + ferry + edited))
    assert [len(a.blocks) for a in res.articles] == [4, 3, 4]
    assert res.articles[0].end_line < res.articles[1].start_line


def test_copied_story_keeps_its_headline_when_its_byline_differs_in_each_copy():
    """The same article pasted twice, each copy under its headline but with its own byline
    (another time stamp): the headline heads both copies, it is not a repeated line."""
    ferry = "Ferry operator orders four electric boats"
    rail = ["Mountain rail line reopens after landslide repairs", *RAIL]
    lines = _spaced([ferry, "By Ana Ruiz | Updated 9:05", LEDE, MIDDLE, CLOSE, *rail,
                     ferry, "By Ana Ruiz | Updated 14:40", LEDE, MIDDLE, CLOSE])
    res = _split(lines)
    assert ferry not in {d.text for d in res.drops}
    assert [a.title for a in res.articles][:2] == [ferry, rail[0]]
    assert res.articles[0].blocks[0].text == LEDE


def test_a_line_above_every_story_does_not_head_a_copied_one():
    rail = ["Mountain rail line reopens after landslide repairs", *RAIL]
    share = "Notes from the harbour office"
    lines = _spaced([share, "Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE,
                     share, *rail, share, "Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE])
    res = _split(lines)
    assert [d.reason for d in res.drops if d.text == share] == ["boilerplate:repeated"] * 3
    assert [a.title for a in res.articles][:2] == ["Ferry operator orders four electric boats", rail[0]]


def test_links_under_an_editors_picks_heading_are_promo():
    lines = _spaced(["Ferry operator orders four electric boats", LEDE, MIDDLE, CLOSE]) + [
        "", "Editors' picks", "\u2022 The quiet death of the lake steamer", "\u2022 Five ferries with the best views"]
    reasons = {d.text: d.reason for d in _split(lines).drops}
    assert reasons["\u2022 The quiet death of the lake steamer"] == "boilerplate:promo"


def test_paragraphs_cut_from_one_template_are_not_compared_pairwise(monkeypatch) -> None:
    """A dump of many stories whose paragraphs open with the same words (a generated report)
    must not compare every paragraph with every earlier one: the comparisons grow linearly."""
    from digest import chrome
    calls = 0
    original = chrome._Keys.same

    def counted(self, j: int, i: int) -> bool:
        nonlocal calls
        calls += 1
        return original(self, j, i)

    monkeypatch.setattr(chrome._Keys, "same", counted)
    for n in (200, 400):
        calls = 0
        lines = []
        for i in range(n):
            lines += [f"Plant {i} report", "", f"The factory group said plant number {i} opened on Tuesday and "
                                               f"hired {i + 20} workers from the town nearby, its owners said.", ""]
        split_source(SourceText(path="t.txt", lines=lines))
        assert calls <= 20 * n, (n, calls)
