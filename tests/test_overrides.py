"""Tests for the editor's override file."""
from __future__ import annotations

import datetime as dt
import pathlib

from digest.overrides import Override, load_overrides


def write(tmp_path: pathlib.Path, text: str) -> pathlib.Path:
    (tmp_path / "overrides.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_file_means_no_overrides(tmp_path: pathlib.Path) -> None:
    assert load_overrides(tmp_path) == ({}, [])


def test_entries_are_parsed(tmp_path: pathlib.Path) -> None:
    write(tmp_path, '[kite-maker-grows]\ndate = 2024-05-06\ntitle = "Kites soar"\n\n'
                    '[drone-rules]\ntopic = "Regulation"\n\n[lamp-shop]\ndate = "2021-12-01"\n')
    overrides, warnings = load_overrides(tmp_path)
    assert warnings == []
    assert overrides == {
        "kite-maker-grows": Override(dt.date(2024, 5, 6), "Kites soar", None),
        "drone-rules": Override(None, None, "Regulation"),
        "lamp-shop": Override(dt.date(2021, 12, 1), None, None),
    }


def test_malformed_entries_are_warned_and_skipped(tmp_path: pathlib.Path) -> None:
    write(tmp_path, 'stray = 3\n\n[bad-date]\ndate = "next Tuesday"\n\n'
                    '[bad-title]\ntitle = 42\ntopic = "Chips"\n\n[typo]\ndtae = 2024-01-01\n')
    overrides, warnings = load_overrides(tmp_path)
    assert list(overrides) == ["bad-title"]
    assert overrides["bad-title"] == Override(None, None, "Chips")
    assert all(w.startswith("overrides.toml: ") for w in warnings)
    text = "\n".join(warnings)
    for key in ("[stray]", "[bad-date]", "[bad-title]", "[typo]", "'dtae'"):
        assert key in text


def test_broken_toml_is_one_warning(tmp_path: pathlib.Path) -> None:
    write(tmp_path, "[unclosed\ndate = 2024-01-01\n")
    overrides, warnings = load_overrides(tmp_path)
    assert overrides == {} and len(warnings) == 1 and "overrides.toml" in warnings[0]
