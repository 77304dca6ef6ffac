"""Reproducible builds: the same input gives the same site, byte for byte.

The same input folder is built several ways and every output file (and the
build report, timings aside) is compared: two cold builds under different
PYTHONHASHSEEDs (no set or dict ordering may leak into output), a rebuild from
a warm per-source cache, and a build that splits the sources in worker
processes instead of in-process.
"""
from __future__ import annotations

import json
import pathlib
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import ROOT, build

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "hostile"
SAMPLES = ("mobility-brief.txt", "wire-desk-april.txt")      # UTF-8, and CRLF cp1252
STORIES = ("story-accents.txt", "story-plain.txt", "hostile-page.html", "js-links.txt")
# Timings (wall per stage, CPU per per-source step) are the one thing in the report that is
# measured, not derived from the input.
MEASURED = ("stage_seconds", "stage_cpu_seconds")


def tree(out: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def differences(a: pathlib.Path, b: pathlib.Path) -> list[str]:
    """Paths missing from one side or holding different bytes."""
    ta, tb = tree(a), tree(b)
    return sorted(p for p in ta.keys() | tb.keys() if ta.get(p) != tb.get(p))


def report(out: pathlib.Path) -> dict:
    data = json.loads(out.with_name(out.name + ".report.json").read_text(encoding="utf-8"))
    assert set(data["stage_seconds"]) >= {"read", "dedup"}
    for field in MEASURED:
        del data[field]
    return data


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pathlib.Path]:
    """One input folder, built four ways; the name says how."""
    base = tmp_path_factory.mktemp("repro")
    src = base / "in"
    src.mkdir()
    for name in SAMPLES:
        shutil.copy2(ROOT / "content" / name, src / name)
    for name in STORIES:
        shutil.copy2(FIXTURES / name, src / name)
    (src / "zh.txt").write_bytes((FIXTURES / "story-zh.txt").read_text(encoding="utf-8").encode("gbk"))

    def run(name: str, seed: str, cache: str, *extra: str) -> pathlib.Path:
        out = base / name
        build(src, out, "-e", f"DIGEST_CACHE_DIR={json.dumps(str(base / cache))}", *extra,
              env={"PYTHONHASHSEED": seed})
        return out

    with ThreadPoolExecutor(max_workers=3) as pool:
        cold = {
            "seed1": pool.submit(run, "seed1", "1", "cache1"),
            "seed2": pool.submit(run, "seed2", "2", "cache2"),
            "workers": pool.submit(run, "workers", "3", "cache3", "-e", "DIGEST_WORKERS=2",
                                   "-e", "DIGEST_PARALLEL_MIN_BYTES=0"),
        }
        outs = {name: job.result() for name, job in cold.items()}
    outs["warm"] = run("warm", "4", "cache1")
    return outs


def test_the_site_is_not_trivial(builds):
    files = tree(builds["seed1"])
    assert sum(p.startswith("posts/") for p in files) >= 8
    assert any(p.startswith("issues/") for p in files) and "feeds/all.atom.xml" in files


@pytest.mark.parametrize("other", ["seed2", "warm", "workers"])
def test_every_output_file_is_identical(builds, other):
    assert differences(builds["seed1"], builds[other]) == []


@pytest.mark.parametrize("other", ["seed2", "warm", "workers"])
def test_the_report_is_identical(builds, other):
    assert report(builds["seed1"]) == report(builds[other])
