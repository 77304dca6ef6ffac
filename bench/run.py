"""Benchmark the digest build against plain Pelican (and Hugo when installed).

For each size N (default 1000 and 10000, ``--n`` for one) it generates seeded
synthetic dumps into bench-work/n<N>/ and times, in one run:

1. a cold build of our site from the raw dumps (fresh output and cache folders);
2. a rebuild after one new dump is added;
3. a rebuild with nothing changed;
4. plain Pelican 4.12 over the same stories pre-split as Markdown (Python-Markdown
   reader, our theme, bench/plain_pelicanconf.py); needs the ``markdown`` package,
   which is installed into the venv for the benchmark only (skipped if that fails);
5. Hugo over the same Markdown when ``hugo`` is on PATH.

It prints per-stage timings of our build (pipeline stages from the build report,
with the CPU seconds of each per-source step: clean, split, date, classify, render,
dedup-sketch, summed over the workers; Pelican phases from bench/timed_pelican.py),
the peak memory of each build's process tree (proportional set size summed over the
tree, sampled from /proc at most every 0.1 s and with at most 2 % of one core, so
pages forked workers share with their parent count once; the final peak also takes
the largest single child from getrusage(RUSAGE_CHILDREN)), and ends with exactly one
``bench:`` line for the largest N. ``--quick`` skips 4 and 5;
``--profile`` adds one extra cold build under cProfile and prints where time goes.
The last run's folders are moved aside and only deleted after every build is timed.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import pstats
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import gendumps  # noqa: E402

BIN = pathlib.Path(sys.executable).parent
PIPELINE_STAGES = ("read", "split+date+classify+render", "dedup")
# The memory sampler runs on the machine it measures: reading a big process's smaps_rollup
# takes milliseconds of kernel time, so it samples at most every 0.1 s and spends at most
# this share of one core (at 0.1 s it took ~15 % of a core during a 10k cold build and
# slowed that build by ~10 %, while plain Pelican's one small process cost it little).
SAMPLER_CPU_SHARE = 0.02
MIN_SAMPLE_INTERVAL_S = 0.1
TRASH_PREFIX = ".previous-"      # last runs' folders, deleted once every build is timed


@dataclass
class Run:
    """One timed build."""

    wall: float
    peak_mb: float
    ok: bool
    phases: dict[str, float] = field(default_factory=dict)
    stages: dict[str, float] = field(default_factory=dict)
    step_cpu: dict[str, float] = field(default_factory=dict)   # CPU of each per-source step, all workers
    posts: int = 0
    resplit: int = 0            # cache entries (re)written by this build: sources split afresh
    cached_sources: int = 0
    log_tail: str = ""


def _proc_kb(path: str, field: str) -> int | None:
    """The kB value of ``field`` in a /proc file, or None when it cannot be read."""
    try:
        for line in pathlib.Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _memory_kb(pid: int) -> int:
    """Proportional set size of a process (shared pages split between their users, so forked
    workers sharing their parent's memory are not counted twice); VmRSS where PSS is unavailable."""
    pss = _proc_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
    return pss if pss is not None else _proc_kb(f"/proc/{pid}/status", "VmRSS:") or 0


def _tree_memory_kb(root_pid: int) -> int:
    """Memory of ``root_pid`` and all its descendants (see ``_memory_kb``)."""
    parents: dict[int, int] = {}
    for d in pathlib.Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                parents[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier += kids
    return sum(_memory_kb(pid) for pid in tree)


def _run(cmd: list[str], env: dict[str, str] | None = None, cwd: pathlib.Path = ROOT) -> Run:
    """Run ``cmd`` and return its wall time and peak tree memory."""
    peak = [0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            spent = time.thread_time()
            peak[0] = max(peak[0], _tree_memory_kb(proc.pid))
            spent = time.thread_time() - spent
            done.wait(max(MIN_SAMPLE_INTERVAL_S, spent / SAMPLER_CPU_SHARE))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t
    done.set()
    sampler.join()
    return Run(wall, peak[0] / 1024, proc.returncode == 0, log_tail="\n".join(out.splitlines()[-15:]))


def _ours(content: pathlib.Path, output: pathlib.Path, cache: pathlib.Path, work: pathlib.Path,
          profile: pathlib.Path | None = None) -> Run:
    timings = work / "timings.json"
    timings.unlink(missing_ok=True)
    env = {"BENCH_TIMINGS": str(timings)}
    if profile:
        env["BENCH_PROFILE"] = str(profile)
    cmd = [sys.executable, str(HERE / "timed_pelican.py"), str(content), "-o", str(output),
           "-s", str(ROOT / "pelicanconf.py"), "--log-handler", "plain", "-q",
           "-e", f"CACHE_PATH={json.dumps(str(cache))}"]
    started = time.time()
    run = _run(cmd, env)
    entries = list((cache / "digest").rglob("*.pickle"))
    run.resplit = sum(e.stat().st_mtime >= started for e in entries)
    run.cached_sources = len(entries)
    if timings.exists():
        run.phases = json.loads(timings.read_text())
    report = output.parent / f"{output.name}.report.json"
    if report.exists():
        data = json.loads(report.read_text())
        run.stages = data.get("stage_seconds", {})
        run.step_cpu = data.get("stage_cpu_seconds", {})
        run.posts = len(data.get("posts") or ())
    if not run.ok:
        print(f"  build failed:\n{run.log_tail}")
    return run


def _breakdown(run: Run) -> str:
    s, p = run.stages, run.phases
    parts = [f"sources split {run.resplit}/{run.cached_sources}"]
    parts += [f"{k} {s[k]:.2f}" for k in PIPELINE_STAGES if k in s]
    parts += [f"{k} {v:.2f}" for k, v in s.items() if k not in PIPELINE_STAGES]
    if p:
        pipeline = p.get("pipeline", 0.0)
        other_render = (p.get("digest_output", 0.0) - p.get("feeds", 0.0) - p.get("email", 0.0)
                        - p.get("render_pages", 0.0) - p.get("search_index", 0.0))
        named = (p.get("articles_context", 0.0) + p.get("issues_context", 0.0)
                 + p.get("render_articles", 0.0) + p.get("digest_output", 0.0))
        parts += [f"pipeline-other {pipeline - sum(s.values()):.2f}",
                  f"make-articles {p.get('articles_context', 0.0) - pipeline:.2f}",
                  f"issues {p.get('issues_context', 0.0):.2f}",
                  f"queue-pages {p.get('render_articles', 0.0):.2f}",
                  f"render {p.get('render_pages', 0.0):.2f}",
                  f"feeds {p.get('feeds', 0.0):.2f}", f"email {p.get('email', 0.0):.2f}",
                  f"search-index {p.get('search_index', 0.0):.2f}",
                  f"issue-pages+sitemap+report {other_render:.2f}",
                  f"startup+static+rest {p.get('total', run.wall) - named:.2f}"]
    line = ", ".join(parts)
    if run.step_cpu:
        line += "\n      CPU of the per-source steps, all workers: " + ", ".join(
            f"{k} {v:.2f}" for k, v in run.step_cpu.items())
    return line


def _markdown_ready() -> bool:
    check = [sys.executable, "-c", "import markdown"]
    if subprocess.run(check, capture_output=True).returncode == 0:
        return True
    print("  installing 'markdown' into the venv for the plain-Pelican reference (benchmark only)")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "markdown"], capture_output=True)
    return subprocess.run(check, capture_output=True).returncode == 0


def _plain(md: pathlib.Path, work: pathlib.Path) -> Run | None:
    if not _markdown_ready():
        print("  plain Pelican skipped: the 'markdown' package could not be installed")
        return None
    cmd = [str(BIN / "pelican"), str(md), "-o", str(work / "plain-out"), "-s", str(HERE / "plain_pelicanconf.py"),
           "--log-handler", "plain", "-q"]
    run = _run(cmd)
    if not run.ok:
        print(f"  plain Pelican failed:\n{run.log_tail}")
    return run


def _hugo(md: pathlib.Path, work: pathlib.Path) -> Run | None:
    hugo = shutil.which("hugo")
    if hugo is None:
        print("  hugo skipped: not on PATH")
        return None
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://localhost/"\ntitle = "Digest"\n'
                                    '[taxonomies]\ncategory = "categories"\n', encoding="utf-8")
    page = ('<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>'
            '<nav>{{ range site.Taxonomies.categories }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> '
            '{{ end }}</nav><h1>{{ .Title }}</h1>%s</body></html>')
    (layouts / "single.html").write_text(page % '<time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}',
                                         encoding="utf-8")
    (layouts / "list.html").write_text(page % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
                                       '{{ .Title }}</a></li>{{ end }}</ul>', encoding="utf-8")
    for f in sorted(md.glob("*.md")):
        head, _, body = f.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        front = (f"---\ntitle: {json.dumps(meta['Title'])}\ndate: {meta['Date']}\n"
                 f"categories: [{json.dumps(meta['Category'])}]\n---\n")
        (posts / f.name).write_text(front + body, encoding="utf-8")
    run = _run([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-out")])
    if not run.ok:
        print(f"  hugo failed:\n{run.log_tail}")
    return run


def _print_profile(path: pathlib.Path, limit: int = 25) -> None:
    stats = pstats.Stats(str(path))
    for key in ("cumulative", "tottime"):
        print(f"  --- profile, top {limit} by {key} (main process; worker processes not included)")
        stats.sort_stats(key).print_stats(limit)


def _fmt(value: float | None, digits: int = 2) -> str:
    return "NA" if value is None else f"{value:.{digits}f}"


def bench(n: int, seed: int, quick: bool, profile: bool, workroot: pathlib.Path) -> tuple[str, float]:
    """Run every stage for size ``n``; the ``bench:`` summary and the cold seconds."""
    work = workroot / f"n{n}"
    _set_aside(work)
    work.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    raw, md, stories = gendumps.generate(work, n, seed)
    n_dumps = gendumps.n_dumps_for(n)
    size = sum(f.stat().st_size for f in raw.iterdir()) / 1e6
    print(f"n={n}: {stories} stories in {n_dumps} dumps ({size:.1f} MB) generated in "
          f"{time.perf_counter() - t:.1f} s under {work}")
    output, cache = work / "out", work / "cache"

    cold = _ours(raw, output, cache, work)
    print(f"  cold          {cold.wall:7.2f} s  peak {cold.peak_mb:6.0f} MB  posts {cold.posts}")
    print(f"      {_breakdown(cold)}")
    gendumps.write_dump(raw, md, seed, n_dumps, n_dumps, gendumps.companies(seed))
    inc = _ours(raw, output, cache, work)
    print(f"  +1 dump       {inc.wall:7.2f} s  peak {inc.peak_mb:6.0f} MB  posts {inc.posts}")
    print(f"      {_breakdown(inc)}")
    noop = _ours(raw, output, cache, work)
    print(f"  no change     {noop.wall:7.2f} s  peak {noop.peak_mb:6.0f} MB")
    print(f"      {_breakdown(noop)}")
    # sampled tree peak, or the largest single child (getrusage, before the reference builds run)
    largest_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    peak = max(largest_child, *(r.peak_mb for r in (cold, inc, noop)))
    plain = None if quick else _plain(md, work)
    if plain:
        print(f"  plain Pelican {plain.wall:7.2f} s  peak {plain.peak_mb:6.0f} MB  (Markdown, {stories + 10} posts)")
        search = cold.phases.get("search_index") if cold.phases else None
        if search is not None and plain.ok and plain.wall:
            # plain Pelican builds no search index; the theme's search needs Pagefind's (see search.py)
            rest = cold.wall - search
            print(f"  cold without its search index {rest:.2f} s = {rest / plain.wall:.2f} x plain Pelican; "
                  f"Pagefind's index {search:.2f} s = {search / plain.wall:.2f} x")
    hugo = None if quick else _hugo(md, work)
    if hugo:
        print(f"  hugo          {hugo.wall:7.2f} s  peak {hugo.peak_mb:6.0f} MB")
    if profile:
        prof = work / "cold.prof"
        shutil.rmtree(cache, ignore_errors=True)
        _ours(raw, output, cache, work, profile=prof)
        if prof.exists():
            _print_profile(prof)
    ok = cold.ok and inc.ok and noop.ok
    plain_s = plain.wall if plain and plain.ok else None
    line = (f"bench: n={n} cold_s={_fmt(cold.wall if ok else None)} plain_pelican_s={_fmt(plain_s)} "
            f"ratio={_fmt(cold.wall / plain_s if ok and plain_s else None)} "
            f"incremental_s={_fmt(inc.wall if ok else None)} "
            f"incremental_ratio={_fmt(inc.wall / cold.wall if ok else None)} "
            f"noop_s={_fmt(noop.wall if ok else None)} peak_mb={peak:.0f} "
            f"hugo_s={_fmt(hugo.wall if hugo and hugo.ok else None)}")
    print(f"  result: {line[len('bench: '):]}")
    return line, cold.wall if ok else float("nan")


def _set_aside(work: pathlib.Path) -> None:
    """Move the last run's folder out of the way, to be deleted after every build is timed.

    Deleting tens of thousands of files just before a build makes the build's own file
    creation slower for minutes on some file systems (ext4 without a journal skips
    recently freed inodes), which would charge our cold build for the last bench's cleanup."""
    if work.exists():
        work.rename(work.with_name(f"{TRASH_PREFIX}{work.name}-{time.time_ns()}"))


def _empty_trash(workroot: pathlib.Path) -> None:
    """Delete the folders ``_set_aside`` moved out of the way (after every build is timed)."""
    for old in sorted(workroot.glob(f"{TRASH_PREFIX}*")):
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, help="one size instead of 1000 and 10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="skip the plain-Pelican and Hugo references")
    ap.add_argument("--profile", action="store_true", help="profile one extra cold build with cProfile")
    ap.add_argument("--work", type=pathlib.Path, default=ROOT / "bench-work")
    args = ap.parse_args(argv)
    sizes = [args.n] if args.n else [1000, 10000]
    lines, colds = [], []
    try:
        for n in sizes:
            line, cold = bench(n, args.seed, args.quick, args.profile, args.work)
            lines.append(line)
            colds.append(cold)
    finally:
        _empty_trash(args.work)
    if len(sizes) > 1:
        per = [c / n * 1000 for c, n in zip(colds, sizes)]
        print("growth: " + ", ".join(f"n={n} {p:.2f} ms/story" for n, p in zip(sizes, per))
              + f" (x{per[-1] / per[0]:.2f} per story from n={sizes[0]} to n={sizes[-1]}; 1.00 = linear)")
    print(lines[-1])
    return 0 if "cold_s=NA" not in lines[-1] else 1


if __name__ == "__main__":
    raise SystemExit(main())
