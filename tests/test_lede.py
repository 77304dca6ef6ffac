"""lede.py: the lede/continuation shape of paragraph openings (fictional examples)."""
from __future__ import annotations

from digest.lede import appositive_intro, definite_opening, lede_scores, named_subject, opening_terms

FILE_TEXT = "The ferries are old; the council wants electric boats on the lake by the summer."

LEDE = ("Harbour Lines, the ferry operator on Lake Mira, ordered four electric boats from a shipyard in the north "
        "on Tuesday, the largest order the yard has taken in a decade.")
FOLLOW = "The boats will carry 120 passengers each and charge at the quay between crossings."
SECOND_LEDE = ("Orchard growers in the Penn valley lost about a third of their apple blossom to a late frost, "
               "according to a survey by the regional farmers' union.")


def test_appositive_intro_needs_a_name_that_acts() -> None:
    assert appositive_intro(LEDE, FILE_TEXT)
    assert appositive_intro("Data vaults in Kellby, a town on the coast, used more water last year.", FILE_TEXT)
    # a quoted expert described between commas is a voice inside the story
    assert not appositive_intro("Ana Ruiz, an analyst at a shipping consultancy, said the order was overdue.", FILE_TEXT)
    # a sentence adverb, or a word the file also writes in lower case, before the comma is not a name
    assert not appositive_intro("However, the ferries are old and break down often.", FILE_TEXT)
    assert not appositive_intro("Today, the operator runs six boats on the lake.", FILE_TEXT)
    assert not appositive_intro("Ferries, the oldest boats on the lake, break down often.", FILE_TEXT)
    assert appositive_intro("Lakelink, the oldest operator on the lake, bought new boats.", FILE_TEXT)
    # too many words before the comma: a clause, not a name
    assert not appositive_intro("The operator bought four boats from Norway last year, a record for the lake.", FILE_TEXT)


def test_named_subject_is_a_name_of_two_words_or_more_that_acts() -> None:
    assert named_subject("Nordvik Rail will run a night train between two capitals from December.")
    assert named_subject("Beijing's Yizhuang district has published draft rules for robots.")
    assert not named_subject("Nordvik said the train would leave three times a week.")       # one word
    assert not named_subject("Developer Haldane Homes said it would consider an appeal.")     # only speaks
    assert not named_subject("The Harbour Authority approved the plan on Friday.")           # a definite reference


def test_definite_opening_points_back_but_a_proper_name_does_not() -> None:
    assert definite_opening("The company said the boats would arrive in May.")
    assert definite_opening("“The deal is a good one,” the mayor said.")
    assert not definite_opening("The People's Ferry Company said the boats would arrive in May.")
    assert not definite_opening("Theatres in the town reopened on Friday.")


def test_opening_terms_skip_a_dateline_and_stop_after_the_opening() -> None:
    terms = opening_terms("KELLBY — Orchard growers lost apples to frost in the valley, where nothing else grows.")
    assert "orchar" in terms and "kellby" not in terms
    assert "grows" not in terms


def test_a_lede_outscores_the_paragraphs_that_carry_its_story_on() -> None:
    scores = lede_scores([LEDE, FOLLOW, "Harbour Lines said the old diesel boats will be sold.", SECOND_LEDE,
                          "It is the worst frost the union has recorded since it began its survey.",
                          "Meanwhile, growers on the southern slopes escaped with light damage to their pear trees."])
    _, follow, repeat, second, pronoun, connective = scores
    assert follow < 0 and repeat < 0          # definite description / a name from the story repeated
    assert pronoun < 0 and connective < 0     # an opening pronoun or connective points back
    assert second > 1.0                       # one long sentence, a named source, nothing referred back


def test_words_common_to_the_whole_file_are_not_references() -> None:
    # "lake" is in every paragraph: it ties nothing together, so the last paragraph's opening stays fresh
    texts = ["Lake Mira's ferry operator ordered four electric boats from a northern yard on Tuesday, its owner said.",
             "The boats will replace diesel ferries that burn a million litres of fuel on the lake each year.",
             "Anglers on the lake have complained about the noise for years.",
             "Fishing permits for the lake have also become dearer since the spring.",
             "Hotels by the lake expect the quieter boats to bring more visitors in summer.",
             "Lake swimmers from the Kellby club crossed its widest part in a record nine hours on Saturday."]
    assert lede_scores(texts)[5] > 0
    # the same opening after paragraphs that name the club refers back
    assert lede_scores(texts[:4] + ["The Kellby club trains at the lake every morning.", texts[5]])[5] < 0
