"""Property tests: random dumps of made-up stories with random chrome mixed in."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.model import SourceText
from digest.segment import split_source
from digest.textnorm import normalize_line

NOUNS = ["harbor", "ferry", "bakery", "turbine", "library", "orchard", "glacier", "tram", "kite",
         "cheese", "bridge", "garden", "robot", "river", "festival", "market", "tunnel", "vineyard"]
VERBS = ["builds", "repairs", "opens", "sells", "tests", "moves", "paints", "counts", "grows", "closes"]
ADJ = ["old", "quiet", "northern", "small", "busy", "green", "wooden", "bright", "slow", "famous"]
CHROME = ["Advertisement", "Share this article", "Read more: Ten quiet harbors to visit",
          "© 2024 Example Gazette. All rights reserved.", "42", "By Jane Doe", "Leave a Reply",
          "Subscribe to our newsletter", "We use cookies to improve your experience on this site."]

word = st.sampled_from
sentence = st.builds(
    lambda a, n, v, a2, n2, n3, k: f"The {a} {n} {v} the {a2} {n2} near the {n3} every {k} days, "
                                   f"and the town council says the {n} will stay open.",
    word(ADJ), word(NOUNS), word(VERBS), word(ADJ), word(NOUNS), word(NOUNS), st.integers(2, 99))
story = st.lists(sentence, min_size=3, max_size=6, unique=True)
dump = st.tuples(st.lists(story, min_size=1, max_size=4),
                 st.lists(st.sampled_from(CHROME), min_size=0, max_size=4),
                 st.randoms(use_true_random=False), st.booleans())


def build(stories, chrome, rnd, blank):
    seen: set[str] = set()
    lines: list[str] = []
    body: list[str] = []
    for paras in stories:
        for p in paras:
            if p in seen:
                continue
            seen.add(p)
            lines.append(p)
            body.append(p)
            if blank:
                lines.append("")
    for c in chrome:
        lines.insert(rnd.randrange(len(lines) + 1), c)
    return lines, body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dump)
def test_no_sentence_lost_no_empty_article_no_chrome_published(args):
    stories, chrome, rnd, blank = args
    lines, body = build(stories, chrome, rnd, blank)
    res = split_source(SourceText("p.txt", lines))
    published = [b.text for a in res.articles for b in a.blocks]
    text = "\n".join(normalize_line(t) for t in published)
    for sentence_ in body:
        assert normalize_line(sentence_) in text
    assert all(a.blocks for a in res.articles)
    published_keys = {normalize_line(t) for t in published}
    for c in chrome:
        assert normalize_line(c) not in published_keys
        assert all(normalize_line(a.title) != normalize_line(c) for a in res.articles)
    placed = sorted([n for a in res.articles for b in a.blocks for n in b.lines]
                    + [a.title_line for a in res.articles if a.title_line] + [d.line for d in res.drops])
    assert placed == [n for n, s in enumerate(lines, 1) if s.strip()]
