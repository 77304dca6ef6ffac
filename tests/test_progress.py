"""Progress bars: shown on a terminal for long stages, silent in CI, off a terminal and for short stages."""
from __future__ import annotations

import io

import pytest
from rich.console import Console

from digest import progress


def _run(monkeypatch: pytest.MonkeyPatch, *, terminal: bool, ci: bool, total: int) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=100)
    monkeypatch.setattr(progress, "_console", lambda: console)
    if ci:
        monkeypatch.setenv("CI", "true")
    else:
        monkeypatch.delenv("CI", raising=False)
    with progress.stage("splitting sources", total) as advance:
        for _ in range(total):
            advance(1)
    return out.getvalue()


def test_long_stage_on_a_terminal_shows_its_bar_and_count(monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _run(monkeypatch, terminal=True, ci=False, total=300)
    assert "splitting sources" in shown and "300/300" in shown


@pytest.mark.parametrize(("terminal", "ci", "total"), [(True, True, 300), (False, False, 300), (True, False, 20)])
def test_quiet_in_ci_off_a_terminal_and_for_short_stages(monkeypatch: pytest.MonkeyPatch,
                                                         terminal: bool, ci: bool, total: int) -> None:
    assert _run(monkeypatch, terminal=terminal, ci=ci, total=total) == ""
