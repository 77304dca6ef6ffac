"""Seeded synthetic raw dumps for the benchmark, plus the same articles as Markdown.

Every dump is made from its own ``random.Random(f"{seed}:{index}")``, so a run is
repeatable and adding dump N+1 leaves dumps 0..N byte-identical. Articles are
pseudo-news (~600 words, 8-12 paragraphs) built from word lists of fictional
companies, people, places, numbers and topic phrases, so the topic classifier and
the entity finder have something to find. Dumps rotate through the formats the
project reads:

0. titled blank-line dump with a ``Date:`` header;
1. untitled stream, one paragraph per line, ``Date:`` header;
2. titled dump without a header, each story under a date line and a dateline lede;
3. scraped ``.html`` roundup page (one ``<article>``, a ``<h2>`` per story) with nav, script, footer;
4. cp1252-encoded CRLF dump with curly quotes and a ``Date:`` header;
5. a feed saved as text: labelled records (``Title:``, ``pubDate:``, a ``content:encoded:`` body);
6. an e-mail newsletter: mail headers, a contents list with reading times, numbered
   headlines with their paragraphs one per line and no blank lines;
7. a Markdown dump: ``## `` headlines, bold bylines, image and link lines.

Boilerplate lines (view counters, "Read more" promos, captions, share bars, a
newsletter line common to all dumps) are sprinkled in, and every fourth dump
repeats one of its stories. Dates are spread over about two years so weekly issues
form. The Markdown copies (one file per unique story, Title/Date/Category/Slug metadata)
feed the plain-Pelican reference build.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import html
import math
import pathlib
import random
from dataclasses import dataclass

ARTICLES_PER_DUMP = 10
SPAN_DAYS = 730
START = dt.date(2023, 1, 2)
FORMATS = 8
SITE = "https://wire.example"
_CHINA_TIME = dt.timezone(dt.timedelta(hours=8))

_SYLLABLES = ["Lan", "Qi", "Zhu", "Bo", "Tian", "Hua", "Xin", "Rui", "Kai", "Ming", "Jin", "Yun",
              "Feng", "Long", "Sheng", "Hao", "Wei", "Da", "Heng", "Guang", "Tai", "Yao", "Chen", "Ling"]
_SUFFIXES = ["Robotics", "Pay", "Motors", "Semiconductor", "Cloud", "Intelligence", "Logistics",
             "Energy", "Games", "Mobility", "Retail", "Capital", "Devices", "Networks", "Auto"]
_GIVEN = ["Min", "Jia", "Hui", "Lei", "Yan", "Tao", "Xue", "Bin", "Qing", "Fang", "Jun", "Li"]
_FAMILY = ["Zhou", "Wang", "Chen", "Liu", "Zhao", "Sun", "Gao", "Lin", "Guo", "Ma", "Xu", "Hu"]
_CITIES = ["Shenzhen", "Hangzhou", "Chengdu", "Suzhou", "Wuhan", "Hefei", "Xi'an", "Nanjing",
           "Chongqing", "Tianjin", "Qingdao", "Xiamen"]
_ROLES = ["chief executive", "chief financial officer", "vice president", "head of strategy",
          "co-founder", "product director"]
_TITLE_PLACES = ["in", "near", "for buyers in", "outside"]     # (few headlines repeat word for word)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_ANALYST_FIRMS = ["Meridian Research", "Kestrel Advisory", "Harbourline Securities", "Northgate Partners"]

# topic -> (nouns, things a company does about them); phrases the taxonomy recognises.
_TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "AI": (["large language model", "chatbot", "computer vision system", "AI model", "generative AI tool"],
           ["released a new", "opened access to its", "cut the price of its", "trained a larger"]),
    "Chips & hardware": (["chip", "memory chip", "smartphone", "processor", "server line"],
                         ["started mass production of a", "taped out a", "unveiled a", "delayed its"]),
    "EVs & autonomy": (["electric vehicle", "robotaxi fleet", "battery pack", "self-driving system", "SUV"],
                       ["launched a new", "recalled its", "expanded its", "cut prices on its"]),
    "Fintech & crypto": (["mobile payment app", "digital wallet", "consumer credit product", "lending platform"],
                         ["relaunched its", "won approval for a", "suspended its", "added fees to its"]),
    "E-commerce & consumer": (["online shopping festival", "livestream shopping channel", "grocery delivery app",
                               "marketplace"],
                              ["overhauled its", "opened a", "shut down its", "doubled spending on its"]),
    "Robotics": (["humanoid robot", "robot arm", "warehouse automation line", "delivery drone"],
                 ["began shipping a", "demonstrated a", "raised the price of its", "opened a factory for its"]),
    "Funding & markets": (["Series B round", "IPO", "funding round", "acquisition"],
                          ["closed a", "filed for an", "priced its", "announced an"]),
    "Going global": (["overseas expansion", "European plant", "Southeast Asia business", "Middle East joint venture"],
                     ["accelerated its", "announced an", "paused its", "doubled down on its"]),
}

_BOILERPLATE = [
    lambda r, co: f"{r.randint(2, 98)},{r.randint(100, 999)} views",
    lambda r, co: f"{r.randint(3, 400)} comments",
    lambda r, co: f"Read more: {co} and its rivals in the week ahead",
    lambda r, co: f"Photo: {co} handout",
    lambda r, co: f"Image Credits: {co}",
    lambda r, co: "Share | Tweet | Email | Copy link",
]
NEWSLETTER = "Sign up for the morning briefing newsletter"


@dataclass
class Story:
    """One generated article: what the raw dump shows and what the Markdown copy carries."""

    title: str
    date: dt.date
    topic: str
    paragraphs: list[str]
    duplicate: bool = False


def companies(seed: int, count: int = 300) -> list[str]:
    """A fixed pool of fictional company names for this seed."""
    rng = random.Random(f"{seed}:companies")
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_SYLLABLES)}{rng.choice(_SYLLABLES).lower()} {rng.choice(_SUFFIXES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


# Free-form clause parts: most sentences are combined from these, so stories share few
# word 5-grams (as unrelated news does) while templates above keep the news register.
_SUBJECTS = ["the group", "its board", "the unit", "a rival", "the regulator", "its largest customer",
             "a supplier", "local officials", "the startup", "its parent", "early buyers", "a partner bank"]
_VERBS = ["expects", "rejected", "weighed", "approved", "questioned", "doubled", "trimmed", "delayed",
          "rushed", "quietly tested", "publicly defended", "renegotiated", "postponed", "funded", "audited"]
_ADJECTIVES = ["cheaper", "larger", "riskier", "slower", "regional", "second", "experimental", "costly",
               "overdue", "smaller", "unprofitable", "revised", "faster", "older", "leased", "shared"]
_OBJECTS = ["contracts", "prototypes", "price cuts", "hiring plans", "warehouse leases", "dividends",
            "software updates", "supply deals", "pilot programmes", "service fees", "factory shifts",
            "loan terms", "licensing talks", "marketing budgets", "repair networks", "test sites"]
_TAILS = ["before the holiday", "after a weak winter", "despite protests from dealers", "under pressure from investors",
          "ahead of a court hearing", "while inventories piled up", "as margins narrowed",
          "once the audit ends", "until prices settle", "in smaller cities first", "for the third time this year",
          "without telling staff", "with help from state lenders", "amid a shortage of parts"]


def _free_sentence(rng: random.Random, co: str, other: str, city: str, n: int) -> str:
    subject = rng.choice([*_SUBJECTS, co, other, f"{rng.choice(_ROLES)} {_person(rng)}"])
    words = [subject, rng.choice(_VERBS), rng.choice(["", "about", "nearly", "some"]), str(n) if rng.random() < 0.5
             else "", rng.choice(_ADJECTIVES), rng.choice(_OBJECTS), rng.choice(["in", "near", "outside", "from"]),
             city, rng.choice(_TAILS)]
    text = " ".join(w for w in words if w)
    return text[0].upper() + text[1:] + "."


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_GIVEN)}"


def _sentence(rng: random.Random, co: str, others: list[str], topic: str) -> str:
    nouns, acts = _TOPICS[topic]
    noun, other = rng.choice(nouns), rng.choice(others)
    n, pct, city = rng.randint(2, 480), rng.randint(3, 64), rng.choice(_CITIES)
    templates = [
        f"{co} said on {rng.choice(_WEEKDAYS)} that it {rng.choice(acts)} {noun} in {city}.",
        f"The company reported revenue of {n} billion yuan for the quarter, up {pct}% from a year earlier.",
        f"{_person(rng)}, {rng.choice(_ROLES)} at {co}, said demand for the {noun} was stronger than planned.",
        f"Shares of {other} moved {pct}% in {city} trading after the news about the {noun}.",
        f"Rivals including {' and '.join(rng.sample(others, 2))} have announced similar {noun} plans this year.",
        f"Analysts at {rng.choice(_ANALYST_FIRMS)} expect about {n} million units of {noun} demand by next spring.",
        f"{co} employs about {n * 10} people in {city}, where local officials offered cheap land and subsidies.",
        f"Customers in {city} complained about the {noun}, and {co} promised a fix within {pct} days.",
        f"The deal values the {noun} business at roughly {n} million dollars, according to people familiar with it.",
        f"A spokesperson for {other} declined to comment on the {noun} when contacted on {rng.choice(_WEEKDAYS)}.",
        f"Industry data show {pct} percent of buyers in {city} now compare at least three {noun} offers.",
        f"{co} did not say how much the {noun} cost to develop, but filings point to {n} million yuan.",
    ]
    return rng.choice(templates) if rng.random() < 0.4 else _free_sentence(rng, co, other, city, n)


def _story(rng: random.Random, pool: list[str], date: dt.date) -> Story:
    topic = rng.choice(sorted(_TOPICS))
    co = rng.choice(pool)
    others = rng.sample(pool, 4)
    nouns, acts = _TOPICS[topic]
    title = f"{co} {rng.choice(acts)} {rng.choice(nouns)} {rng.choice(_TITLE_PLACES)} {rng.choice(_CITIES)}"
    paragraphs = []
    for _ in range(rng.randint(8, 12)):
        paragraphs.append(" ".join(_sentence(rng, co, others, topic) for _ in range(rng.randint(3, 5))))
    return Story(title, date, topic, paragraphs)


def _dump_date(index: int, n_dumps: int) -> dt.date:
    return START + dt.timedelta(days=(index * SPAN_DAYS) // max(1, n_dumps))


def _chrome(rng: random.Random, co: str) -> list[str]:
    return [rng.choice(_BOILERPLATE)(rng, co) for _ in range(rng.randint(0, 2))]


def _text_dump(stories: list[Story], rng: random.Random, fmt: int) -> str:
    out: list[str] = []
    if fmt != 2:
        out += [f"Date: {stories[0].date.isoformat()}", ""]
    for s in stories:
        co = _company(s)
        if fmt == 1:                                    # untitled stream: one paragraph per line
            out += s.paragraphs[:4] + _chrome(rng, co) + s.paragraphs[4:]
            continue
        out += [s.title, ""]
        paras = list(s.paragraphs)
        if fmt == 2:
            out += [s.date.strftime("%B %-d, %Y"), ""]
            paras[0] = f"{rng.choice(_CITIES).upper()}, {s.date.strftime('%B %-d, %Y')} — {paras[0]}"
        if fmt == 4:
            paras[1] = f"“We are not in a hurry,” said {_person(rng)} — the company’s {rng.choice(_ROLES)}. {paras[1]}"
        for i, p in enumerate(paras):
            out += [p, ""]
            if i == 2:
                out += [line for c in _chrome(rng, co) for line in (c, "")]
    out += [NEWSLETTER, ""]
    return "\n".join(out)


def _html_dump(stories: list[Story], rng: random.Random) -> str:
    arts = []
    for s in stories:
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in s.paragraphs)
        arts.append(f"<h2>{html.escape(s.title)}</h2>\n{body}")
    day = stories[0].date.isoformat()
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Tech wire {day}</title>\n"
            f"<meta property=\"article:published_time\" content=\"{day}\">\n"
            "<script>window.dataLayer=[];function track(e){dataLayer.push(e)}</script></head>\n"
            "<body><nav><a href=\"/\">Home</a> <a href=\"/tech\">Tech</a> <a href=\"/markets\">Markets</a></nav>\n"
            f"<main><article>\n{''.join(arts)}</article></main>\n"
            f"<footer><p>{NEWSLETTER}</p><p>Copyright the wire desk. All rights reserved.</p></footer>\n"
            "</body></html>\n")


def _feed_dump(stories: list[Story], rng: random.Random) -> str:
    out = [f"Feed saved as text: {SITE}/feed/", "channel.title:\tWire Desk",
           f"lastBuildDate:\t{_rfc822(stories[-1].date, 18)}", ""]
    for k, s in enumerate(stories, 1):
        link = f"{SITE}/{s.date:%Y/%m}/{rng.randrange(10**6)}/"
        first = s.paragraphs[0].split(". ")[0]
        out += [f"=== item {k} of {len(stories)} ===", f"Title:\t{s.title}", f"Link:\t{link}",
                f"guid:\t{SITE}/?p={rng.randrange(10**5)}", f"pubDate:\t{_rfc822(s.date, rng.randint(6, 20))}",
                f"dc:creator:\t{_person(rng)}", f"category:\t{s.topic}", f"description:\t{first} […]",
                "content:encoded:", ""]
        out += [line for p in s.paragraphs for line in (p, "")]
        out += [f"comments:\t{link}#comments", f"slash:comments:\t{rng.randint(0, 40)}", ""]
    return "\n".join(out)


def _newsletter_dump(stories: list[Story], rng: random.Random) -> str:
    out = ["From: Wire Desk <briefing@wire.example>", "To: reader@example.com",
           f"Subject: The morning briefing: {stories[0].title}", f"Date: {_rfc822(stories[0].date, 7)}", "",
           "In this edition:"]
    out += [f"{k}. {s.title} ({max(1, len(' '.join(s.paragraphs).split()) // 200)} min)"
            for k, s in enumerate(stories, 1)]
    out.append("")
    for k, s in enumerate(stories, 1):
        out += [f"{k}. {s.title}", *s.paragraphs]
    out += ["", NEWSLETTER, "Unsubscribe | Manage preferences | View in browser"]
    return "\n".join(out)


def _markdown_dump(stories: list[Story], rng: random.Random) -> str:
    out = [f"# Tech wire, {stories[0].date:%B %-d, %Y}", ""]
    for s in stories:
        co = _company(s)
        out += [f"## {s.title}", "", f"**By {_person(rng)}** | {s.date:%B %-d, %Y}", "",
                f"![{co} headquarters]({SITE}/img/{rng.randrange(10**6)}.jpg)", ""]
        out += [line for p in s.paragraphs for line in (p, "")]
        out += [f"[Read more: {co} and its rivals]({SITE}/tag/{rng.randrange(10**4)})", ""]
    out.append(NEWSLETTER)
    return "\n".join(out)


def _rfc822(day: dt.date, hour: int) -> str:
    """An RFC 822 date as feeds and mail headers write it, at ``hour`` in China's time zone."""
    stamp = dt.datetime(day.year, day.month, day.day, hour, hour * 7 % 60, tzinfo=_CHINA_TIME)
    return email.utils.format_datetime(stamp)


def _company(story: Story) -> str:
    """The company a story's headline opens with (its first two words)."""
    return " ".join(story.title.split(" ")[:2])


def dump_stories(seed: int, index: int, n_dumps: int, pool: list[str]) -> list[Story]:
    """The stories of dump ``index`` (the duplicate, if any, is flagged)."""
    rng = random.Random(f"{seed}:{index}")
    base = _dump_date(index, n_dumps)
    stories = [_story(rng, pool, base + dt.timedelta(days=rng.randint(0, 2) if index % FORMATS == 2 else 0))
               for _ in range(ARTICLES_PER_DUMP)]
    if index % 4 == 3:
        copy = stories[rng.randrange(len(stories) - 1)]
        stories.append(Story(copy.title, copy.date, copy.topic, list(copy.paragraphs), duplicate=True))
    return stories


def write_dump(raw_dir: pathlib.Path, md_dir: pathlib.Path, seed: int, index: int, n_dumps: int,
               pool: list[str]) -> int:
    """Write dump ``index`` and its Markdown copies; the number of unique stories written."""
    stories = dump_stories(seed, index, n_dumps, pool)
    rng = random.Random(f"{seed}:{index}:layout")
    fmt = index % FORMATS
    stem = f"dump-{index:05d}"
    if fmt == 3:
        (raw_dir / f"{stem}.html").write_text(_html_dump(stories, rng), encoding="utf-8")
    elif fmt == 4:
        text = _text_dump(stories, rng, fmt).replace("\n", "\r\n")
        (raw_dir / f"{stem}.txt").write_bytes(text.encode("cp1252"))
    elif fmt in _WRITERS:
        (raw_dir / f"{stem}.txt").write_text(_WRITERS[fmt](stories, rng), encoding="utf-8")
    else:
        (raw_dir / f"{stem}.txt").write_text(_text_dump(stories, rng, fmt), encoding="utf-8")
    unique = [s for s in stories if not s.duplicate]
    for k, s in enumerate(unique):
        meta = f"Title: {s.title}\nDate: {s.date.isoformat()}\nCategory: {s.topic}\nSlug: {stem}-{k:02d}\n\n"
        (md_dir / f"{stem}-{k:02d}.md").write_text(meta + "\n\n".join(s.paragraphs) + "\n", encoding="utf-8")
    return len(unique)


_WRITERS = {5: _feed_dump, 6: _newsletter_dump, 7: _markdown_dump}


def n_dumps_for(n_articles: int) -> int:
    """Dumps needed for about ``n_articles`` unique stories."""
    return max(1, math.ceil(n_articles / ARTICLES_PER_DUMP))


def generate(out: pathlib.Path, n_articles: int, seed: int = 1) -> tuple[pathlib.Path, pathlib.Path, int]:
    """Write raw dumps to ``out/raw`` and Markdown to ``out/md``; returns both folders and the story count."""
    raw_dir, md_dir = out / "raw", out / "md"
    raw_dir.mkdir(parents=True, exist_ok=True)
    md_dir.mkdir(parents=True, exist_ok=True)
    pool = companies(seed)
    n_dumps = n_dumps_for(n_articles)
    total = sum(write_dump(raw_dir, md_dir, seed, i, n_dumps, pool) for i in range(n_dumps))
    return raw_dir, md_dir, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--n", type=int, default=1000, help="about this many unique articles")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    raw, md, total = generate(args.out, args.n, args.seed)
    print(f"{total} stories: dumps in {raw}, Markdown in {md}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
