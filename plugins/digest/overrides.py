"""Read the editor's override file, content/overrides.toml, keyed by post slug.

An editor fixes what the pipeline got wrong without touching the raw dumps::

    [some-post-slug]
    date = 2024-05-06          # a TOML date, or a "YYYY-MM-DD" string
    title = "A better headline"
    topic = "Chips"

Malformed entries are skipped with a warning naming the file and the key; the lead's
pipeline applies the rest after slugs exist (date_source "override").
"""
from __future__ import annotations

import datetime as dt
import pathlib
import tomllib
from dataclasses import dataclass

OVERRIDES_FILE = "overrides.toml"
_FIELDS = ("date", "title", "topic")


@dataclass
class Override:
    """What an editor wants changed on one post; None leaves the field alone."""

    date: dt.date | None
    title: str | None
    topic: str | None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _parse_entry(where: str, slug: str, entry: object) -> tuple[Override | None, list[str]]:
    if not isinstance(entry, dict):
        return None, [f"{where}: [{slug}] is not a table of date/title/topic; ignored"]
    warnings = [f"{where}: [{slug}] unknown key {key!r} ignored" for key in sorted(entry) if key not in _FIELDS]
    date = None
    if "date" in entry:
        date = _parse_date(entry["date"])
        if date is None:
            warnings.append(f"{where}: [{slug}] date {entry['date']!r} is not a YYYY-MM-DD date; ignored")
    texts: dict[str, str | None] = {}
    for key in ("title", "topic"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            warnings.append(f"{where}: [{slug}] {key} must be a non-empty string; ignored")
            value = None
        texts[key] = value.strip() if isinstance(value, str) else None
    if date is None and texts["title"] is None and texts["topic"] is None:
        warnings.append(f"{where}: [{slug}] has no usable date, title or topic; ignored")
        return None, warnings
    return Override(date, texts["title"], texts["topic"]), warnings


def load_overrides(content_dir: pathlib.Path) -> tuple[dict[str, Override], list[str]]:
    """The overrides in ``content_dir/overrides.toml`` by slug, and warnings for malformed entries."""
    path = content_dir / OVERRIDES_FILE
    if not path.is_file():
        return {}, []
    where = OVERRIDES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return {}, [f"{where}: cannot be read ({err}); no overrides applied"]
    overrides: dict[str, Override] = {}
    warnings: list[str] = []
    for slug in sorted(data):
        override, problems = _parse_entry(where, slug, data[slug])
        warnings.extend(problems)
        if override is not None:
            overrides[slug] = override
    return overrides, warnings
