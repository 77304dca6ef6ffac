"""Tests for first-commit dates, on a throwaway git repository."""
from __future__ import annotations

import datetime as dt
import os
import pathlib
import shutil
import subprocess

import pytest

from digest.gitdates import first_commit_dates

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


def commit(repo: pathlib.Path, when: str, message: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def test_first_commit_dates(tmp_path: pathlib.Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "a.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("x\n", encoding="utf-8")
    commit(tmp_path, "2021-03-04T10:00:00+00:00", "first")
    (content / "a.txt").write_text("one more\n", encoding="utf-8")
    (content / "sub" / "b é.txt").write_text("two\n", encoding="utf-8")
    commit(tmp_path, "2022-07-08T10:00:00+00:00", "second")
    (content / "uncommitted.txt").write_text("three\n", encoding="utf-8")
    assert first_commit_dates(content) == {"a.txt": dt.date(2021, 3, 4), "sub/b é.txt": dt.date(2022, 7, 8)}


def test_not_a_git_checkout(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("one\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert first_commit_dates(tmp_path) == {}


def test_missing_folder(tmp_path: pathlib.Path) -> None:
    assert first_commit_dates(tmp_path / "nope") == {}
