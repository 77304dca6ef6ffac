"""Chrome told by its neighbours: ad copy, block labels, author blocks, link labels, sign-offs."""
from __future__ import annotations

from digest.model import SourceText
from digest.segment import split_source

LEDE = ("Lumen Lines, which runs the ferries across Lake Mira, ordered four battery-electric boats from a yard "
        "in the north, the company said on Monday.")
MIDDLE = ("The boats carry 120 passengers each and charge at the quay in the twenty minutes between crossings, "
          "according to the shipyard.")
CLOSE = "Lumen Lines said the diesel ferries they replace burn about a million litres of fuel a year."
RAIL = ["Mountain rail line reopens after landslide repairs", "",
        ("The rack railway up Mount Calder reopened on Saturday after crews spent five months rebuilding a "
         "section of track swept away by a landslide."), "",
        ("Engineers anchored the slope with steel nets and drained a spring that had soaked the hillside, "
         "the railway's owners said."), "",
        "Tickets for the summer are already sold out on weekends, and extra trains will run in August."]


def _split(lines: list[str]):
    return split_source(SourceText(path="x.txt", lines=lines))


def _reasons(lines: list[str]) -> dict[str, str]:
    return {d.text: d.reason for d in _split(lines).drops}


def _story(*inserted: str) -> list[str]:
    """The ferry story with extra lines between its first and second paragraph."""
    return ["Ferry operator orders four electric boats", "", LEDE, "", *inserted, "", MIDDLE, "", CLOSE]


def test_ad_copy_glued_to_its_label_and_talking_to_the_reader_is_dropped():
    copy = "Your photos deserve a safe home. Keep three copies of every file for four dollars a month."
    reasons = _reasons(_story("SPONSORED", copy))
    assert reasons["SPONSORED"] == reasons[copy] == "boilerplate:ad"


def test_ad_copy_with_an_offer_is_dropped_even_after_a_blank_line():
    offer = "Cloud backup for small firms. Use code LAKE30 for three months free."
    assert _reasons(_story("Advertisement", "", offer))[offer] == "boilerplate:ad"


def test_article_text_after_an_ad_label_is_kept():
    quote = "\"You cannot run a ferry on promises,\" the harbour master said of the old diesel boats."
    reasons = _reasons(_story("Advertisement", "", quote))
    assert reasons["Advertisement"] == "boilerplate:ad"
    assert quote not in reasons
    # glued to the label but not talking to the reader: still the story
    glued = "The yard will deliver the first boat in March and the last one before the summer season."
    assert glued not in _reasons(_story("Advertisement", glued))


def test_label_glued_on_a_foreign_paragraph_goes_with_it():
    german = ("Entdecken Sie jetzt die neue Generation der Cloud-Speicher: schnell, sicher und komplett in "
              "Deutschland gehostet, mit einem exklusiven Rabatt auf alle Jahrespakete.")
    reasons = _reasons(_story("Anzeige", german))
    assert reasons[german] == reasons["Anzeige"] == "boilerplate:foreign-language"


def test_author_name_over_job_title_is_a_byline_but_a_headline_over_a_byline_is_kept():
    lines = ["Ferry Orders Boats", "Jane Doe", "Science correspondent", "", LEDE, "", MIDDLE, "", CLOSE]
    reasons = _reasons(lines)
    assert reasons["Jane Doe"] == reasons["Science correspondent"] == "boilerplate:byline"
    res = _split(["Ferry Orders Boats", "By Jane Doe", "", LEDE, "", MIDDLE, "", CLOSE])
    assert res.articles[0].title == "Ferry Orders Boats"


def test_recurring_link_label_before_the_next_headline_is_promo():
    lines = (_story() + ["", "Go deeper: How electric ferries charge at the quay", ""] + RAIL
             + ["", "Go deeper: The railways that climb mountains"])
    res = _split(lines)
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["Go deeper: How electric ferries charge at the quay"] == "boilerplate:promo"
    assert reasons["Go deeper: The railways that climb mountains"] == "boilerplate:promo"
    assert [a.title for a in res.articles] == ["Ferry operator orders four electric boats", RAIL[0]]


def test_labelled_headline_followed_by_its_story_is_kept():
    lines = _story() + ["", "Q&A: The engineer who builds rack railways", ""] + RAIL[2:] + [
        "", "Q&A: The captain of the first electric ferry", ""] + [LEDE.replace("Monday", "Friday"), "", MIDDLE]
    reasons = _reasons(lines)
    assert "Q&A: The engineer who builds rack railways" not in reasons


def test_closing_line_naming_the_masthead_is_a_sign_off():
    lines = ["Lake Weekly Roundup", ""] + _story() + ["", "Lake Weekly is written every Friday. Send tips to the desk."]
    assert _reasons(lines)["Lake Weekly is written every Friday. Send tips to the desk."] == "boilerplate:footer"
    said = "Lake Weekly asked the company for comment, and a spokesman said the boats were on time."
    assert said not in _reasons(["Lake Weekly Roundup", ""] + _story() + ["", said])
