"""Settle the company tags over the whole corpus: a name the stories use as a place, or as a
person's name, far more often than in any other way is not a company, even in the one story
that never shows it ("from Xiamen" only; "Chen Lei, co-founder at ..." with no title).

Each story reports how it used its names (``entities.NameUses``). A name is dropped from
every story's tags when at least ``MIN_STORIES`` stories use it only as a place (or name a
person by it), and those stories outnumber, by more than ``MARGIN`` times, the stories
that use it where a place cannot stand or give it an organisation's signal (a suffix such
as "Group", CamelCase, an acronym): a company that stories often say was "invested in"
keeps its tag, since they also say what it did.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import ArticleDraft

MIN_STORIES = 2
MARGIN = 2


def settle_entities(articles: Sequence[ArticleDraft], max_entities: int) -> dict[str, str]:
    """Drop the tags the corpus shows to be places or people from ``articles`` (in place),
    keep at most ``max_entities`` per story, and return the names dropped, each with why
    ("place" or "person")."""
    places: Counter[str] = Counter()
    people: Counter[str] = Counter()
    other: Counter[str] = Counter()
    for a in articles:
        places.update(a.name_uses.places)
        people.update(a.name_uses.people)
        other.update(a.name_uses.not_places)

    def reason(name: str) -> str:
        key = name.lower()
        for why, votes in (("place", places), ("person", people)):
            if votes[key] >= MIN_STORIES and votes[key] > MARGIN * other[key]:
                return why
        return ""

    dropped: dict[str, str] = {}
    for a in articles:
        kept = []
        for name in a.entities:
            why = dropped.get(name) or reason(name)
            if why:
                dropped[name] = why
            else:
                kept.append(name)
        a.entities = kept[:max_entities]
    return dict(sorted(dropped.items()))
