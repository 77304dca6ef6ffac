"""split_source: story boundaries, titles, blocks and accounting of every line."""
from __future__ import annotations

import json
import pathlib

import pytest

from digest.model import SourceText
from digest.segment import split_source
from digest.textnorm import normalize_line

FIX = pathlib.Path(__file__).parent / "fixtures" / "split"
HELDOUT = FIX.parent / "heldout"
SEEDS = pathlib.Path("/work/shared/seeds")
GOLD = pathlib.Path("/work/shared/gold/seeds.json")


def read(path: pathlib.Path) -> SourceText:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return SourceText(path=path.name, lines=text.replace("\r\n", "\n").split("\n"))


def body_lines(spec: dict, lines: list[str]) -> set[int]:
    lo, hi = spec["span"]
    skip = set(spec["noise"]) | set(spec["optional"]) | set(spec["subheads"]) | {spec.get("title_line")}
    return {n for n in range(lo, hi + 1) if n not in skip and lines[n - 1].strip()}


def check_against(gold: dict, sources: dict[str, SourceText]) -> None:
    for name, spec in gold["sources"].items():
        src = sources[name]
        res = split_source(src)
        owned = [{n for b in a.blocks for n in b.lines} for a in res.articles]
        for art in spec["articles"]:
            want = body_lines(art, src.lines)
            hits = [k for k, got in enumerate(owned) if got & want]
            assert len(hits) == 1, (name, art["id"], [res.articles[k].start_line for k in hits])
            got = owned[hits[0]]
            assert want <= got, (name, art["id"], sorted(want - got))
            others = {n for other in spec["articles"] if other is not art for n in body_lines(other, src.lines)}
            assert not (got & others), (name, art["id"])
            a = res.articles[hits[0]]
            assert a.title_line == art["title_line"]
            heads = {n for b in a.blocks if b.kind == "heading" for n in b.lines}
            assert set(art["subheads"]) <= heads
        noise = set(spec["noise"]) | {n for art in spec["articles"] for n in art["noise"]}
        published = {n for a in res.articles for b in a.blocks for n in b.lines}
        assert not (noise & published), (name, sorted(noise & published))


def test_fixture_spans_match_expected():
    gold = json.loads((FIX / "expected.json").read_text())
    check_against(gold, {p.name: read(p) for p in FIX.glob("*.txt")})


@pytest.mark.skipif(not GOLD.exists(), reason="shared seeds are not available")
def test_seed_spans_match_gold():
    gold = json.loads(GOLD.read_text())
    check_against(gold, {name: read(SEEDS / name) for name in gold["sources"]})


@pytest.mark.parametrize("path", sorted(FIX.glob("*.txt")) + sorted(FIX.glob("ledes/*.txt"))
                         + sorted(HELDOUT.glob("*.txt")), ids=lambda p: p.name)
def test_every_line_is_placed_exactly_once(path):
    src = read(path)
    res = split_source(src)
    placed = [n for a in res.articles for b in a.blocks for n in b.lines]
    placed += [a.title_line for a in res.articles if a.title_line]
    placed += [d.line for d in res.drops]
    want = [n for n, s in enumerate(src.lines, 1) if s.strip()]
    assert sorted(placed) == want


def test_meta_lines_are_not_recorded():
    lines = ["title: Kept elsewhere", "", "Solar boats cross the lake", "",
             "The ferry company on Lake Mira launched two solar boats that carry forty passengers each across the lake."]
    res = split_source(SourceText(path="m.txt", lines=lines, meta_lines=[1]))
    assert all(d.line != 1 for d in res.drops)
    assert res.articles[0].title_line == 3


def test_titled_layout_keeps_source_headline_and_subhead():
    res = split_source(read(FIX / "wrapped_titled.txt"))
    first = res.articles[0]
    assert first.title == "Valley cycle path finally reaches the coast after eight years"
    assert not first.title_generated
    assert [b.text for b in first.blocks if b.kind == "heading"] == ["Bridges and tunnels"]


def test_hard_wrapped_lines_are_joined():
    res = split_source(read(FIX / "wrapped_titled.txt"))
    para = res.articles[0].blocks[0]
    assert para.lines == [5, 6, 7]
    assert "mountain town of Ardel to the fishing port" in para.text


def test_repeated_story_is_kept_twice_with_a_boundary_at_the_copy():
    res = split_source(read(FIX / "untitled_stream.txt"))
    starts = [a.start_line for a in res.articles]
    assert starts == [1, 7, 12, 18]
    assert normalize_line(res.articles[0].text) == normalize_line(res.articles[2].text)


def test_untitled_stories_get_generated_titles():
    res = split_source(read(FIX / "untitled_stream.txt"))
    for a in res.articles:
        assert a.title_generated and a.title_line is None
        assert 8 <= len(a.title) <= 110


def test_bullets_become_list_blocks():
    lines = ["Pocket guide to the river festival", "",
             "The river festival returns this weekend with boat races, food stalls and music on both banks of the river.", "",
             "• Boat races start at ten on Saturday", "• Food stalls open at noon on both days",
             "• The closing concert begins at nine on Sunday evening", "",
             "Organisers expect more than twenty thousand visitors over the weekend if the weather holds up."]
    res = split_source(SourceText(path="l.txt", lines=lines))
    lists = [b for b in res.articles[0].blocks if b.kind == "list"]
    assert len(lists) == 1 and lists[0].text.split("\n")[0] == "Boat races start at ten on Saturday"


def test_bylines_and_share_bars_between_untitled_stories_are_boundaries() -> None:
    """A stream of short untitled stories split only by bylines, share bars and ads."""
    stories = [
        ["HARBIN, May 2, 2025 — Binglu Dairy opened a cold-chain depot for its yoghurt brands near the airport.",
         "The depot holds 4,000 pallets and serves 1,200 shops across three provinces in the north-east.",
         "Binglu said deliveries to the shops would now take one day instead of two.",
         "The company plans a second depot in Changchun once volumes justify it."],
        ["Lanxi Bank cut the rate on its small-business loans by half a point for firms in rural counties.",
         "The cut applies to loans below 500,000 yuan and runs until the end of the year.",
         "Loan officers will visit farm cooperatives to explain the offer to members in person.",
         "Rival lenders in the province have not yet matched the lower rate."],
        ["XI'AN, May 3, 2025 — A studio in Xi'an released a mobile game set in the Tang dynasty capital.",
         "Players build markets along the city's old grid of streets and trade silk with foreign envoys.",
         "The studio spent three years on the game with advice from two museum historians.",
         "It reached the top of the free charts in its first weekend of release."],
    ]
    lines: list[str] = []
    for k, story in enumerate(stories):
        lines += ["By Wen Jie, Staff Reporter", ""]
        for para in story:
            lines += [para, ""]
        lines += ["Share this article   Facebook   X   Email", ""]
        if k % 2 == 0:
            lines += ["Advertisement", ""]
    result = split_source(SourceText(path="s.txt", lines=lines))
    assert [a.blocks[0].text[:12] for a in result.articles] == ["HARBIN, May ", "Lanxi Bank c", "XI'AN, May 3"]
    reasons = {d.reason for d in result.drops}
    assert {"boilerplate:byline", "boilerplate:share", "boilerplate:ad"} <= reasons


LEDES = FIX / "ledes"


def _gold(folder: pathlib.Path, names: set[str]) -> dict:
    gold = json.loads((folder / "gold.json").read_text())
    return {**gold, "sources": {k: v for k, v in gold["sources"].items() if k in names}}


@pytest.mark.parametrize("name", sorted(p.name for p in HELDOUT.glob("*.txt")))
def test_heldout_spans_match_gold(name):
    check_against(_gold(HELDOUT, {name}), {name: read(HELDOUT / name)})


@pytest.mark.parametrize("name", sorted(p.name for p in LEDES.glob("*.txt")))
def test_untitled_stories_without_cues_split_at_their_ledes(name):
    """Untitled stories of three or four paragraphs with no chrome, datelines or titles between them
    (and, in longform_pair.txt, two long stories whose inner paragraphs must not be cut)."""
    check_against(_gold(LEDES, {name}), {name: read(LEDES / name)})


def _drop_reasons(lines: list[str]) -> dict[str, str]:
    res = split_source(SourceText(path="x.txt", lines=lines))
    return {d.text: d.reason for d in res.drops}


STORY_A = ["Ferry operator Lumen Lines orders four electric boats for the lake crossing", "",
           "Lumen Lines, which runs the ferries across Lake Mira, ordered four battery-electric boats from a yard "
           "in the north, the company said on Monday.", "",
           "The boats carry 120 passengers each and charge at the quay in the twenty minutes between crossings, "
           "according to the shipyard.", "",
           "Lumen Lines said the diesel ferries they replace burn about a million litres of fuel a year."]
STORY_B = ["Mountain rail line reopens after landslide repairs", "",
           "The rack railway up Mount Calder reopened on Saturday after crews spent five months rebuilding a "
           "section of track swept away by a landslide.", "",
           "Engineers anchored the slope with steel nets and drained a spring that had soaked the hillside, "
           "the railway's owners said.", "",
           "Tickets for the summer are already sold out on weekends, and extra trains will run in August."]


def test_kicker_timestamp_and_related_links_are_chrome_in_a_titled_dump():
    lines = (["TRANSPORT", "", STORY_A[0], "By Ana Ruiz", "Updated 2:15 p.m. ET", ""] + STORY_A[2:]
             + ["", "Related: Why lake ferries are going electric", "", "RAILWAYS", "", STORY_B[0],
                "Updated Feb. 2, 2026 at 9:40 a.m. ET", ""] + STORY_B[2:])
    res = split_source(SourceText(path="k.txt", lines=lines))
    assert [a.title for a in res.articles] == [STORY_A[0], STORY_B[0]]
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["TRANSPORT"] == reasons["RAILWAYS"] == "boilerplate:kicker"
    assert reasons["Updated 2:15 p.m. ET"] == "boilerplate:timestamp"
    assert reasons["Related: Why lake ferries are going electric"] == "boilerplate:promo"


def test_newsletter_sections_split_at_separators_and_numbered_headings():
    lines = (["LAKE NOTES", "Issue 12 -- boats, trains and the people who run them", "", "In this issue:",
              "  - Electric ferries", "  - The mountain railway", "", "* * *", "", "1. " + STORY_A[0], ""]
             + STORY_A[2:] + ["", "---", "", "2. " + STORY_B[0], ""] + STORY_B[2:]
             + ["", "---", "", "That's all for this week. Reply to this email with your tips.",
                "Unsubscribe | Update your preferences"])
    res = split_source(SourceText(path="n.txt", lines=lines))
    assert [a.title for a in res.articles] == [STORY_A[0], STORY_B[0]]      # titles lose their numbers
    assert [res.articles[0].title_line, res.articles[1].title_line] == [10, lines.index("2. " + STORY_B[0]) + 1]
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["* * *"] == reasons["---"] == "boilerplate:separator"
    assert "Issue 12 -- boats, trains and the people who run them" in reasons
    assert reasons["That's all for this week. Reply to this email with your tips."] == "boilerplate:newsletter"


def test_numbered_headlines_split_a_newsletter_without_blank_lines_inside_items():
    body_a, body_b = [s for s in STORY_A[2:] if s], [s for s in STORY_B[2:] if s]    # no blank lines inside
    lines = (["View this email in your browser", "", "In today's issue",
              "→ Ferries go electric on the lake (3 min)", "→ A railway climbs again (2 min)", "",
              "TRANSPORT", "1. " + STORY_A[0], *body_a, "", "RAILWAYS", "2. " + STORY_B[0], *body_b,
              "", "Forwarded this email? Subscribe for free."])
    res = split_source(SourceText(path="n.txt", lines=lines))
    assert [a.title for a in res.articles] == [STORY_A[0], STORY_B[0]]
    assert [b.text for b in res.articles[0].blocks] == body_a
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["→ Ferries go electric on the lake (3 min)"] == "boilerplate:contents"
    assert reasons["TRANSPORT"] == reasons["RAILWAYS"] == "boilerplate:kicker"


def test_a_numbered_list_in_a_story_stays_a_list():
    lines = STORY_A[:3] + ["The plan has three steps:", "1. Order four electric boats", "2. Train the ferry crews",
                           "3. Build chargers at both quays"] + STORY_A[3:]
    res = split_source(SourceText(path="l.txt", lines=lines))
    assert [a.title for a in res.articles] == [STORY_A[0]]
    assert any(b.kind == "list" and b.text.startswith("Order four electric boats") for b in res.articles[0].blocks)


def test_reader_comments_and_glued_captions_are_dropped():
    lines = (STORY_A[:4] + ["The new boat at the yard before its first trial run.", "Photo: Lumen Lines", ""]
             + STORY_A[4:] + ["", "2 comments", "", "harbour_watch · 3h ago",
                              "About time, the old ferries smell of diesel all the way across.", "Log in to reply",
                              "", "mira_local · 1h ago", "Will the fares go up to pay for them?", "Log in to reply"])
    reasons = _drop_reasons(lines)
    assert reasons["The new boat at the yard before its first trial run."] == "boilerplate:caption"
    assert reasons["About time, the old ferries smell of diesel all the way across."] == "boilerplate:comment"
    assert reasons["Will the fares go up to pay for them?"] == "boilerplate:comment"
    assert reasons["harbour_watch · 3h ago"] == "boilerplate:comment-meta"


def test_lightly_edited_copy_is_its_own_story():
    edited = [s.replace("four battery-electric", "five battery-electric") for s in STORY_A]
    edited[4] += " Crossings will take five minutes longer."
    res = split_source(SourceText(path="e.txt", lines=STORY_A + [""] + STORY_B + [""] + edited))
    assert [a.title for a in res.articles] == [STORY_A[0], STORY_B[0], STORY_A[0]]
    assert not any(d.reason == "boilerplate:repeated" for d in res.drops)



TRAM = ["Lindholm's tram line will open in September, four years late, after the transport agency finished its tests.",
        "The line links the central station with the hospital and the new housing districts on the eastern edge.",
        "Trams will run every six minutes at peak times, and the agency expects forty thousand riders a day.",
        "The agency plans to decide next spring whether to extend the line to the airport."]
BREWERY = ["Hallstatt Brewing, the cooperative that owns the oldest brewery in the region, accepted a takeover offer "
           "from the Danish group Kronvald on Saturday, ending 120 years of local ownership.",
           "Members backed the deal by a narrow margin after a meeting that lasted more than four hours.",
           "Kronvald has promised to keep brewing in the town for at least ten years."]


def test_an_untitled_story_needs_three_paragraphs_at_the_end_of_a_file_too() -> None:
    starts = [a.start_line for a in split_source(SourceText(path="s.txt", lines=TRAM + BREWERY)).articles]
    assert starts == [1, 5]
    # two paragraphs left at the end are not a story of their own, however lede-like the first one is
    starts = [a.start_line for a in split_source(SourceText(path="s.txt", lines=TRAM + BREWERY[:2])).articles]
    assert starts == [1]


TITLED_LEAD = [
    "Moorfield Council Approves a Tram Line to the Northern Suburbs",
    "Agnes Holloway / Riverside Post",
    "",
    "Moorfield's council voted on Tuesday to build a tram line from the central station to the northern "
    "suburbs, ending a decade of arguments about how to serve the fastest-growing part of the city.",
    "",
    "The line will run for eleven kilometres with fourteen stops and should open in 2031. Construction "
    "will close two main roads in stages, and shops along the route will be offered rent relief.",
    "",
    "Opponents had argued for cheaper express buses. The council said trams would carry more riders and "
    "attract housing near the stops, pointing to similar lines in two neighbouring cities.",
    "",
]
GLUED_STORY = [
    "Quillon, a bakery chain with ninety shops in the west of the country, will close its central kitchen "
    "and move bread production into each shop, according to a letter sent to staff.",
    "",
    "Each shop will get an oven and a trained baker by the autumn. Quillon says fresh loaves sell better "
    "and that trucking frozen dough across the region has become too expensive.",
    "",
    "About forty kitchen workers will be offered jobs in the shops, and the kitchen building will be sold.",
    "",
]


def _owners(res) -> list[str]:
    return [a.blocks[0].text[:12] for a in res.articles]


def test_untitled_story_after_a_byline_inside_a_titled_file_is_its_own_story() -> None:
    lines = TITLED_LEAD + ["Marta Lindqvist / Riverside Post", ""] + GLUED_STORY
    res = split_source(SourceText(path="m.txt", lines=lines))
    assert _owners(res) == ["Moorfield's ", "Quillon, a b"]
    assert [a.title_generated for a in res.articles] == [False, True]
    assert any(d.reason == "boilerplate:byline" and d.text.startswith("Marta") for d in res.drops)


# After a byline: a continuation of the story, and a lede-shaped paragraph on the same subject.
_NOT_A_NEW_STORY = {
    "continuation": [
        "The council said the first trams would be ordered next spring from a manufacturer in the north, "
        "once the national transport ministry signs off on the budget.", "",
        "Work on the depot is due to start at the same time as the track.", ""],
    "same-subject-lede": [
        "Moorfield's tram line, a project the council first proposed in 2015, will run from the central "
        "station through the northern suburbs with fourteen stops, the council said on Tuesday.", "",
        "Council members said the tram stops would bring housing to the northern suburbs.", ""],
}


@pytest.mark.parametrize("after", _NOT_A_NEW_STORY.values(), ids=_NOT_A_NEW_STORY.keys())
def test_a_byline_before_the_same_story_does_not_split_a_titled_story(after: list[str]) -> None:
    lines = TITLED_LEAD + ["Marta Lindqvist / Riverside Post", ""] + after
    assert _owners(split_source(SourceText(path="m.txt", lines=lines))) == ["Moorfield's "]


def test_an_untitled_start_inside_a_titled_file_needs_two_paragraphs_on_each_side() -> None:
    lines = TITLED_LEAD + ["Marta Lindqvist / Riverside Post", ""] + GLUED_STORY[:2]
    assert _owners(split_source(SourceText(path="m.txt", lines=lines))) == ["Moorfield's "]


FERRY = ["Lake Mira's ferries will run on batteries by next summer", "",
         "Lumen Lines, which carries commuters across Lake Mira, will replace its three diesel ferries with "
         "battery-electric boats by next summer, its managing director said on Tuesday.", "",
         "The new boats take 120 passengers each and recharge at the quay during the twenty-minute turnaround "
         "between crossings, so the timetable stays as it is.", "",
         "The shipyard on the northern shore won the order against two foreign bidders and will hire forty "
         "welders and electricians to build the hulls.", "",
         "Regional funds pay for a third of the boats, and the operator borrows the rest from a green-transport "
         "fund set up by the provincial bank last year.", "",
         "Residents along the pier have complained for years about the diesel fumes and the noise of the old "
         "engines at the morning departures.", "",
         "Fares will not rise because of the new boats, the operator said, although a review of ticket prices "
         "for tourists is due in the autumn."]


def test_a_story_pasted_twice_with_different_chrome_inside_each_copy_stays_whole():
    first = FERRY[:8] + ["Photo: Lumen Lines handout", ""] + FERRY[8:]
    copy = FERRY[:8] + ["1,204 views", "", "Share | Tweet | Email | Copy link", ""] + FERRY[8:]
    res = split_source(SourceText(path="c.txt", lines=first + [""] + STORY_B + [""] + copy))
    assert [a.title for a in res.articles] == [FERRY[0], STORY_B[0], FERRY[0]]
    assert [len(a.blocks) for a in res.articles] == [6, 3, 6]


def test_a_copy_whose_last_paragraph_grew_and_lost_the_share_bar_stays_whole():
    # The original has a share bar above its last paragraph; the copy has none, and its last
    # paragraph gained a sentence: the last paragraph belongs to each copy, not to a story of its own.
    first = FERRY[:12] + ["Share this: Twitter Facebook WhatsApp", ""] + FERRY[12:]
    copy = FERRY[:12] + [FERRY[12] + " The old diesel boats will be sold abroad."]
    res = split_source(SourceText(path="c.txt", lines=first + [""] + STORY_B + [""] + copy))
    assert [a.title for a in res.articles] == [FERRY[0], STORY_B[0], FERRY[0]]
    assert [len(a.blocks) for a in res.articles] == [6, 3, 6]


PORT_A = ["Kestrel Bay deepens its northern shipping channel", "",
          "The port authority of Kestrel Bay began dredging the northern channel on Monday so that larger "
          "container ships can dock without waiting for the tide.", "",
          "The work will take eleven months and cost the port 90 million euros, most of it borrowed from the "
          "regional development bank.", "",
          "Shipping lines have asked for a deeper channel since the port lost two weekly services to its "
          "southern rival in 2023.", "",
          "Fishermen fear the dredging will stir up silt in the bay's oyster beds during the spawning season."]
PORT_B = ["Kestrel Bay cranes change hands", "", "March 3, 2025", "",
          "KESTREL BAY, March 3, 2025 — The port's container cranes will be sold to the terminal operator "
          "that leases the quay, the port authority said.", "",
          "The operator will pay 35 million euros for the six cranes and take over their maintenance from "
          "the port's own workshop.", "",
          "The port authority will use the money to pay part of the dredging bill for the northern channel.", "",
          "Workshop staff will move to the operator on their current contracts, the unions said after a meeting."]
TRUCKS_B = ["Tessaly Freight buys electric trucks", "",
            "The company will keep the new vehicles at its yard in Kestrel Bay and use them on short runs "
            "between warehouses, a spokeswoman said on Friday.", "",
            "Tessaly Freight ordered forty of the trucks from a maker in the south and expects the first "
            "ten before the summer holidays.", "",
            "Drivers at Tessaly Freight will be trained to charge the batteries during their lunch breaks.", "",
            "The haulier hopes to save a fifth of its fuel bill within three years."]


def test_a_short_title_line_over_a_date_line_and_a_dateline_opens_a_story_on_the_same_subject():
    res = split_source(SourceText(path="p.txt", lines=PORT_A + [""] + PORT_B))
    assert [a.title for a in res.articles] == [PORT_A[0], PORT_B[0]]


def test_a_short_title_line_naming_what_the_text_under_it_names_opens_a_story():
    res = split_source(SourceText(path="p.txt", lines=PORT_A + [""] + TRUCKS_B))
    assert [a.title for a in res.articles] == [PORT_A[0], TRUCKS_B[0]]


def _source(text: str) -> SourceText:
    return SourceText(path="t.txt", lines=text.split("\n"), encoding="utf-8", kind="text")


def test_press_release_about_section_and_contacts_are_dropped() -> None:
    text = ("Lumo Robotics unveils a floor-cleaning robot for airports\n\n"
            "Lumo Robotics, a maker of service robots, today launched the L7, a cleaning robot built for "
            "airports and rail stations that works while passengers move around it.\n\n"
            "The company said the L7 finished a six-month trial at two airports, where each unit did the "
            "work of about three night-shift cleaners.\n\n"
            "About Lumo Robotics\n"
            "Founded in 2018, Lumo Robotics designs and builds cleaning and delivery robots for large "
            "commercial buildings.\n\n"
            "Media contact:\nZhang Yi, pr@lumo.example\n\nSOURCE Lumo Robotics\n")
    result = split_source(_source(text))
    assert len(result.articles) == 1
    body = "\n".join(b.text for b in result.articles[0].blocks)
    assert "Founded in 2018" not in body and "pr@lumo.example" not in body
    assert {d.line for d in result.drops if d.reason == "boilerplate:about"} >= {7, 8, 10}
    assert {d.line for d in result.drops} >= {7, 8, 10, 11, 13}


def test_hard_wrapped_text_breaks_at_indents_and_rule_lines() -> None:
    # Every line is filled to the wrap width, so only the indent and the rule can end a paragraph.
    line = "robotaxi trials go on across the city while operators gather driving data and"
    paras = [[f"\t{lead} {line}"[:len(line)], line, line, line + "."]
             for lead in ("Bangkok cleared two operators,", "The ministry wants reports,", "Officials said")]
    lines = ["Thai regulator clears robotaxis for trial runs", *paras[0], *paras[1], "=" * len(line), *paras[2]]
    result = split_source(_source("\n".join(lines) + "\n"))
    blocks = [b for a in result.articles for b in a.blocks]
    assert [b.text.split(",")[0].split(" said")[0] for b in blocks] == [
        "Bangkok cleared two operators", "The ministry wants reports", "Officials"]
    assert any(d.reason == "boilerplate:separator" for d in result.drops)


def test_a_desk_log_under_date_lines_splits_into_its_short_items() -> None:
    # A masthead and tagline, then items of two or three paragraphs run on without blank lines,
    # set apart by blank lines, sign-offs ("— ab") and date lines, with no headlines at all.
    text = (
        "HARBOUR DESK — DAILY NOTES\n"
        "Items filed by the desk through the day. Not for publication without the editor's okay.\n\n"
        "Monday, 3 March 2025\n\n"
        "The port authority of Kestrel Bay said it will let container ships plug into shore power at "
        "two new berths from next spring, cutting the diesel smoke residents have complained about for years.\n"
        "Shipping lines calling at the port must register their vessels for the connection, and the "
        "authority will charge a flat fee per hour that it says is below the cost of running engines.\n"
        "— ab\n\n"
        "Velora Games released its first virtual reality title on Monday, a puzzle adventure set in a "
        "flooded museum that players explore by rowing a small boat between the galleries.\n"
        "Reviewers praised its art but said the rowing controls made several of them feel seasick "
        "within the first half hour of play.\n"
        "— cd\n\n"
        "Tuesday, 4 March 2025\n\n"
        "Farmers in the Ostrava valley have started selling surplus apples to a cider start-up that "
        "pays a fixed price per tonne, after supermarket contracts were cut back last autumn.\n"
        "The start-up said it had signed up forty orchards and would open a tasting room in the old "
        "railway depot of the valley's largest town this summer.\n\n"
        "A city council in the north voted to turn a closed shopping centre into a public library, a "
        "swimming pool and flats for older residents, ending a decade of arguments over the empty site.\n"
        "Construction is due to begin next year and the council said the pool would open first.\n"
        "— ab\n")
    result = split_source(_source(text))
    firsts = [a.blocks[0].text.split()[:3] for a in result.articles]
    assert firsts == [["The", "port", "authority"], ["Velora", "Games", "released"],
                      ["Farmers", "in", "the"], ["A", "city", "council"]]
    assert all(len(a.blocks) == 2 for a in result.articles)
    reasons = {d.line: d.reason for d in result.drops}
    assert reasons[1] == reasons[2] == "boilerplate:masthead"
    assert reasons[8] == "boilerplate:byline"


def test_titles_in_a_file_without_blank_lines_after_tag_footers() -> None:
    # One paragraph per line, no blank lines: three-word title-case headlines follow the tag line
    # that closes the story above, and a long sentence-case headline is not a wrapped line.
    lines = [
        "Ferry Fares Frozen",
        "Kestrel Ferries said on Monday it would freeze fares on its island routes until the end of next "
        "summer, after islanders complained that the last two increases had cut them off from the mainland.",
        "The operator will cover the higher cost of fuel from a reserve built up during the busy tourist "
        "seasons, its chief executive told a meeting of the harbour board.",
        "Islanders welcomed the freeze but said the timetable still left the smaller harbours with one "
        "crossing a day in winter, when storms often cancel even that.",
        "Tags: ferries, islands",
        "Orchard Robots Arrive",
        "Growers in the Ostrava valley have bought forty picking robots that move along the rows on rails "
        "and pluck apples with soft rubber grippers guided by cameras.",
        "The machines work through the night and, according to the co-operative that bought them, cut the "
        "number of seasonal pickers it must hire by about half.",
        "Each robot cost about as much as a small tractor, and the growers expect to recover the price "
        "within three harvests if the grippers do not bruise the fruit.",
        "Tags: farming, robots",
        "Velora Games cuts a third of its studio staff as players drift away from its puzzle adventures",
        "Velora Games is laying off about 120 developers at its studio in the old textile district, the "
        "company told employees in an email seen by reporters.",
        "Sales of its last two releases fell short of forecasts, and the publisher that owns it wants the "
        "studio to focus on smaller mobile titles.",
        "Developers who stay will finish a sequel already announced for the spring, the email said.",
        "Tags: games, jobs",
    ]
    result = split_source(_source("\n".join(lines) + "\n"))
    assert [a.title_line for a in result.articles] == [1, 6, 11]
    assert result.articles[2].title == lines[10]


def test_a_headline_with_its_deck_under_a_feed_masthead() -> None:
    # The feed's name and a filter bar sit above the first release; its headline has a deck glued
    # under it, and the headline is longer than a wrapped line would be.
    lines = ["LAKEWIRE \u2014 Transport releases feed",
             "Showing 2 releases \u00b7 Category: Transport \u00b7 Region: Lakeland", "",
             "Lumen Lines Unveils Battery-Electric Passenger Ferry for Commuter Routes on Lake Mira",
             "New boats carry 120 passengers and recharge at the quay during the twenty-minute turnaround", "",
             "LAKETON, June 19, 2023 /Lakewire/ -- Lumen Lines, which carries commuters across Lake Mira, "
             "today unveiled the battery-electric ferry that will replace its three diesel boats next summer.", "",
             "The shipyard on the northern shore won the order against two foreign bidders, and regional "
             "funds pay for a third of the boats, the company said in its statement.", "",
             "Residents along the pier have complained for years about the diesel fumes and the noise of the "
             "old boats, which are now more than thirty years old."]
    res = split_source(SourceText(path="r.txt", lines=lines))
    assert [a.title for a in res.articles] == [lines[3]]
    reasons = {d.line: d.reason for d in res.drops}
    assert reasons[1] == "boilerplate:masthead" and reasons[2] == "boilerplate:meta"
    assert 5 not in reasons        # the deck is kept with the release


FORUM_PAGE = [
    "forum.example/r/CoastNews/top/?t=week — saved page",
    "Captured: Mon, 3 Oct 2022 09:12:44 UTC",
    "r/CoastNews   52,100 readers   88 users here now",
    "sorted by: top   links from: past week",
    "",
    "2.1k points · 96% upvoted",
    "Brightwake cancels its winter ferry timetable after engine failures. Council wants a replacement plan "
    "(coastwire.example)",
    "submitted 4 days ago by u/deckhand_dan  ·  flair: Transport",
    "Copying the full article here since the site needs a login:",
    "",
    "PORTLAND — Brightwake Ferries, which runs the only crossing to the outer islands, said on Friday it "
    "would cancel its winter timetable after two of its three boats failed their annual inspections.",
    "",
    "The company said repairs to the engines would take until March, and that it would run one boat twice "
    "a day in the meantime, weather permitting.",
    "",
    "The council said it had asked Brightwake for a plan within two weeks and would look at chartering a "
    "boat from another operator if none came.",
    "",
    "431 comments   share   save   hide   report",
    "[–] u/islander_kat  210 points  4 days ago",
    "My kids take that boat to school. Nobody told us anything until the night before.",
    "permalink   embed   save   reply",
    "",
    "655 points · 93% upvoted",
    "Tollan Dairy will close its creamery in Westbrook next year and move production inland (valleyfarmer.example)",
    "submitted 2 days ago by u/curds_and_whey  ·  flair: Business",
    "Full text below, source link in the comments.",
    "",
    "WESTBROOK — Tollan Dairy, the largest milk processor on the coast, said on Wednesday it would close "
    "its Westbrook creamery at the end of next year and move the work to a new plant near the motorway.",
    "",
    "About 140 people work at the creamery. The company said all of them would be offered jobs at the new "
    "plant, which will open in the spring and have room for twice as many tankers.",
    "",
    "Farmers' groups said the move would add an hour to collection rounds for the northern farms.",
    "",
    "58 comments   share   save   hide   report",
    "[–] u/hill_farm_hal  40 points  2 days ago",
    "That hour adds up over a winter of icy lanes.",
    "permalink   embed   save   reply",
    "",
    "about this community",
    "Local news from the coast towns. Link posts only; paste the article text if the source is paywalled.",
    "Rules: 1. No memes  2. Local news only  3. Be kind",
    "created by u/coast_mod  a community for 6 years",
]


def test_a_forum_page_gives_its_link_posts_under_their_titles_without_the_page_around_them() -> None:
    res = split_source(SourceText(path="forum.txt", lines=FORUM_PAGE))
    assert [a.title[:26] for a in res.articles] == ["Brightwake cancels its win", "Tollan Dairy will close it"]
    assert [a.blocks[0].text[:10] for a in res.articles] == ["PORTLAND —", "WESTBROOK "]
    assert [len(a.blocks) for a in res.articles] == [3, 3]
    reasons = {d.text: d.reason for d in res.drops}
    assert reasons["submitted 4 days ago by u/deckhand_dan  ·  flair: Transport"] == "boilerplate:byline"
    assert reasons["Copying the full article here since the site needs a login:"] == "boilerplate:repost-note"
    assert reasons["Full text below, source link in the comments."] == "boilerplate:repost-note"
    assert reasons["Captured: Mon, 3 Oct 2022 09:12:44 UTC"] == "boilerplate:timestamp"
    assert reasons["Rules: 1. No memes  2. Local news only  3. Be kind"] == "boilerplate:sidebar"
    assert FORUM_PAGE[-1] in reasons and FORUM_PAGE[-3] in reasons


def test_text_after_a_comment_thread_that_holds_two_full_paragraphs_is_kept() -> None:
    story = ["Harbour Weekly", "", "Brightwake cancels its winter ferry timetable", "", *FORUM_PAGE[10:16],
             "", *FORUM_PAGE[19:23], "",
             "The islands' school said it would move the start of lessons to ten o'clock on the days when "
             "only one crossing runs.", "",
             "Shops on the outer islands said they had ordered extra stock before the timetable changes, and "
             "that fresh food would come over twice a week.", ""]
    res = split_source(SourceText(path="f.txt", lines=story))
    kept = " ".join(b.text for a in res.articles for b in a.blocks)
    assert "ten o'clock" in kept and "twice a week" in kept
    assert not any(d.reason == "boilerplate:sidebar" for d in res.drops)


def test_a_label_under_a_headline_and_a_label_over_a_datelined_story_are_kickers() -> None:
    lines = ["GRAIN PRICES JUMP AS THE NORTHERN HARVEST COMES IN SMALL", "ANALYSIS",
             "KESTON (Sept 2) - Wheat prices at the Keston exchange rose for a fourth day on Monday as farmers "
             "in the north reported yields well below last year's after a dry summer.",
             "Millers said they had enough stock for two months and would buy from abroad if prices kept rising.",
             "Traders expect the ministry to publish its first harvest estimate next week.",
             "", "* * *", "", "2 Sept 2024 10:15", "BRIEF",
             "ARLOW (Sept 2) - The Arlow port authority said on Monday it would dredge the east channel this "
             "winter so that larger container ships can dock at the new terminal.",
             "The work will cost about 40 million crowns and close the channel for six weeks.",
             "Shipping lines said the deeper channel would cut the cost of moving goods to the coast.", ""]
    res = split_source(SourceText(path="k.txt", lines=lines))
    assert res.articles[0].title.startswith("GRAIN PRICES JUMP")
    assert not {"ANALYSIS", "BRIEF"} & {a.title for a in res.articles}
    assert not {"ANALYSIS", "BRIEF"} & {b.text for a in res.articles for b in a.blocks}
    kickers = [d.text for d in res.drops if d.reason == "boilerplate:kicker"]
    assert kickers == ["ANALYSIS", "BRIEF"]


def test_an_author_name_over_a_follow_button_is_no_headline() -> None:
    lines = ["Lakeland Letters", "Notes on the lake towns", "", "Ferry fares rise for the first time in a decade", "",
             "Jane Roe", "Follow", "Published in Lakeland Letters \u00b7 4 min read \u00b7 Mar 4", "",
             "The ferry company said on Monday it would raise fares by 10% from April, the first increase since "
             "2014, blaming the price of diesel and the cost of repairing its oldest boat.", "",
             "Season tickets for commuters will rise by less, about 6%, and children under twelve will still "
             "travel free, the company said.", "",
             "The council, which owns a third of the company, said it had not been asked to approve the rise.", ""]
    (article,) = split_source(SourceText(path="m.txt", lines=lines)).articles
    assert article.title == "Ferry fares rise for the first time in a decade"
