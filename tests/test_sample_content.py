"""Checks on the fictional sample content in content/: encodings, line endings,
coverage of dates and overrides, and that no seed text leaked into it."""
from __future__ import annotations

import datetime as dt
import pathlib
import re
import tomllib

import pytest

CONTENT = pathlib.Path(__file__).resolve().parent.parent / "content"
SEEDS = pathlib.Path("/work/shared/seeds")

# Every file in content/ and the encoding it is meant to be written in.
ENCODINGS: dict[str, str] = {
    "2025-03-04-hardware-desk.txt": "utf-8",
    "asia-tech-stream.txt": "utf-8",
    "li-wen-column.txt": "utf-8",
    "qianbi-watch-page.txt": "utf-8",
    "red-circuit-roundups.txt": "utf-8",
    "mobility-brief.txt": "utf-8",
    "robotics-ai-notes.txt": "utf-8",
    "wire-desk-april.txt": "cp1252",
    "gaoxin-daily-delivery-vans.html": "utf-8",
    "harbour-feed-export.txt": "utf-8",
    "overrides.toml": "utf-8",
}
CP1252_FILE = "wire-desk-april.txt"
RUN = 12

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"], start=1)}
ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (20\d\d)\b")
MONTH_DAY_YEAR = re.compile(r"\b([A-Z][a-z]+) (\d{1,2}), (20\d\d)\b")


def _text(name: str) -> str:
    return (CONTENT / name).read_bytes().decode(ENCODINGS[name])


def _sources() -> list[str]:
    return sorted(p.name for p in CONTENT.iterdir() if p.is_file() and p.name != "overrides.toml")


def _words(text: str) -> list[str]:
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def _slug(headline: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")


def _explicit_dates(text: str) -> set[dt.date]:
    found: set[dt.date] = set()
    for y, m, d in ISO_DATE.findall(text):
        found.add(dt.date(int(y), int(m), int(d)))
    for d, month, y in DAY_MONTH_YEAR.findall(text):
        if month.lower() in MONTHS:
            found.add(dt.date(int(y), MONTHS[month.lower()], int(d)))
    for month, d, y in MONTH_DAY_YEAR.findall(text):
        if month.lower() in MONTHS:
            found.add(dt.date(int(y), MONTHS[month.lower()], int(d)))
    return found


def test_content_holds_exactly_the_known_files() -> None:
    names = sorted(p.name for p in CONTENT.iterdir())
    assert names == sorted(ENCODINGS)


@pytest.mark.parametrize("name", sorted(ENCODINGS))
def test_file_decodes_with_intended_encoding(name: str) -> None:
    text = _text(name)
    assert text.strip()
    assert "\ufffd" not in text


def test_cp1252_file_is_not_utf8_and_has_smart_quotes() -> None:
    raw = (CONTENT / CP1252_FILE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert b"\x93" in raw and b"\x94" in raw and b"\x92" in raw


def test_cp1252_file_has_crlf_line_endings() -> None:
    raw = (CONTENT / CP1252_FILE).read_bytes()
    assert raw.count(b"\n") > 10
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert raw.count(b"\r") == raw.count(b"\r\n")


def test_other_text_files_use_lf_only() -> None:
    for name in ENCODINGS:
        if name != CP1252_FILE:
            assert b"\r" not in (CONTENT / name).read_bytes(), name


def test_at_least_seven_sources() -> None:
    assert len(_sources()) >= 7


def test_explicit_dates_cover_four_iso_weeks_of_2025() -> None:
    dates: set[dt.date] = set()
    for name in _sources():
        dates |= _explicit_dates(name + "\n" + _text(name))
    weeks = {d.isocalendar()[:2] for d in dates if d.year == 2025}
    assert len(weeks) >= 4
    assert max(dates) - min(dates) >= dt.timedelta(days=45)


def test_stream_repeats_one_story_verbatim() -> None:
    lines = [ln for ln in _text("asia-tech-stream.txt").splitlines() if ln.strip()]
    repeated = {ln for ln in lines if lines.count(ln) == 2}
    assert len(repeated) >= 3


def test_override_keys_match_headlines_in_content() -> None:
    overrides = tomllib.loads(_text("overrides.toml"))
    assert overrides
    slugs = {_slug(line) for name in _sources() for line in _text(name).splitlines() if line.strip()}
    for key, entry in overrides.items():
        assert key in slugs, key
        assert set(entry) <= {"date", "title", "topic"}
        if "date" in entry:
            assert isinstance(entry["date"], dt.date)


def test_no_twelve_word_run_of_any_seed_appears_in_content() -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("seed dumps not available")
    seed_runs: set[tuple[str, ...]] = set()
    for path in seeds:
        seed_runs |= _runs(_words(path.read_bytes().decode("utf-8", errors="replace")))
    for name in sorted(ENCODINGS):
        leaked = _runs(_words(_text(name))) & seed_runs
        assert not leaked, (name, sorted(leaked)[:3])
