"""The benchmark runs end to end at a small size and ends with one parseable ``bench:`` line."""
from __future__ import annotations

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LINE = re.compile(
    r"bench: n=(?P<n>\d+) cold_s=(?P<cold>[\d.]+) plain_pelican_s=(?P<plain>NA|[\d.]+) "
    r"ratio=(?P<ratio>NA|[\d.]+) incremental_s=(?P<inc>[\d.]+) incremental_ratio=(?P<inc_ratio>[\d.]+) "
    r"noop_s=(?P<noop>[\d.]+) peak_mb=(?P<peak>\d+) hugo_s=(?P<hugo>NA|[\d.]+)")


def test_quick_benchmark_prints_a_bench_line(tmp_path: pathlib.Path) -> None:
    last_run = tmp_path / "n200" / "out" / "stale.html"     # a previous run's output
    last_run.parent.mkdir(parents=True)
    last_run.write_text("old", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--n", "200", "--quick",
                           "--work", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=170)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert sum(line.startswith("bench:") for line in lines) == 1
    m = LINE.fullmatch(lines[-1])
    assert m, lines[-1]
    assert m["n"] == "200" and m["plain"] == "NA" and m["ratio"] == "NA"
    cold, inc, noop = float(m["cold"]), float(m["inc"]), float(m["noop"])
    assert cold > 0 and inc > 0 and noop > 0 and int(m["peak"]) > 0
    assert abs(float(m["inc_ratio"]) - inc / cold) < 0.01
    site = tmp_path / "n200"
    assert (site / "out" / "index.html").is_file()
    assert not last_run.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["n200"]
    assert list((site / "cache" / "digest").rglob("*.pickle")), "the build did not fill the digest cache"
    posts = re.search(r"cold .* posts (\d+)", done.stdout)
    assert posts and int(posts[1]) >= 150, done.stdout
    steps = re.search(r"CPU of the per-source steps, all workers: (.*)", done.stdout)
    assert steps, done.stdout
    cpu = {name: float(seconds) for name, seconds in (part.rsplit(" ", 1) for part in steps[1].split(", "))}
    assert set(cpu) == {"clean", "split", "date", "classify", "render", "dedup-sketch"}
    assert all(seconds >= 0 for seconds in cpu.values()) and sum(cpu.values()) > 0
