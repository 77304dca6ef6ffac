"""Dates on which the files of a content folder were first committed to git, in one git call.

Used as the stable fallback date of a source with no date evidence: unlike the file
mtime it survives fresh checkouts.  Returns {} when git is missing or the folder is not
inside a git work tree.
"""
from __future__ import annotations

import datetime as dt
import pathlib
import subprocess

_MARK = "@@"


def first_commit_dates(content_dir: pathlib.Path) -> dict[str, dt.date]:
    """Relative POSIX path (under ``content_dir``) -> date its first adding commit was made."""
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--diff-filter=A", "--no-renames", "--relative",
             f"--format={_MARK}%cd", "--date=short", "--name-only", "--", "."],
            cwd=content_dir, capture_output=True, text=True, encoding="utf-8", check=False)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return {}
    if done.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in done.stdout.splitlines():
        if line.startswith(_MARK):
            current = dt.date.fromisoformat(line[len(_MARK):].strip())
        elif line.strip() and current is not None:
            dates[line.strip()] = current   # log runs newest first: the last seen is the first add
    return dates
