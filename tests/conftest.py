"""Shared fixtures: build sites with the real `pelican` command into temp folders."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def build(input_dir: pathlib.Path, output_dir: pathlib.Path, *extra: str,
          conf: str = "pelicanconf.py", check: bool = True,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the same build as `make html INPUTDIR=... OUTPUTDIR=...`; ``env`` adds variables."""
    cmd = [sys.executable, "-m", "pelican", str(input_dir), "-o", str(output_dir),
           "-s", conf, "--log-handler", "plain", *extra]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})
    if check and done.returncode != 0:
        raise AssertionError(f"build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """The demo site built from our own content/ folder."""
    out = tmp_path_factory.mktemp("sample") / "site"
    build(ROOT / "content", out)
    return out


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    """../shared (seeds, gold, scorer); tests that need it skip cleanly without it."""
    if not (SHARED / "seeds").is_dir() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not present beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seeds_site(tmp_path_factory: pytest.TempPathFactory, shared_dir: pathlib.Path) -> pathlib.Path:
    """The site built from ../shared/seeds."""
    out = tmp_path_factory.mktemp("seeds") / "site"
    build(shared_dir / "seeds", out)
    return out
