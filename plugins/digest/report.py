"""The build report: where every raw line went, and why each post got its date and topic.

Written as JSON beside the output folder (never published), and summarised on
the console with one line per source. ``python -m digest.report FILE`` prints
it for an editor.
"""
from __future__ import annotations

import json
import pathlib
import sys
from typing import Any

from .model import date_is_estimated
from .pipeline import Corpus


def line_accounting(corpus: Corpus) -> dict[str, list[int]]:
    """Per source, the non-blank raw lines that are neither published nor dropped with a reason."""
    missing: dict[str, list[int]] = {}
    for o in corpus.outcomes:
        if o.source is None or o.split is None:
            continue
        used = set(o.source.meta_lines) | {d.line for d in o.split.drops}
        for a in o.split.articles:
            if a.title_line:
                used.add(a.title_line)
            for b in a.blocks:
                used.update(b.lines)
        lost = [n for n, text in enumerate(o.source.lines, 1) if text.strip() and n not in used]
        if lost and o.source.kind == "text":
            missing[o.path] = lost
    return missing


def build_report(corpus: Corpus, issue_of: dict[str, str]) -> dict[str, Any]:
    """The report as plain data (deterministic ordering)."""
    dup_of = {d.dropped: d for d in corpus.duplicates}
    sources: dict[str, Any] = {}
    for o in corpus.outcomes:
        entry: dict[str, Any] = {"error": o.error} if o.error else {}
        if o.source is None:
            entry.setdefault("skipped", True)
        else:
            entry["encoding"] = o.source.encoding
            entry["kind"] = o.source.kind
            entry["warnings"] = list(o.source.warnings)
            entry["notes"] = list(o.source.notes)
        if o.split is not None:
            entry["articles"] = len(o.split.articles)
            entry["dropped_lines"] = [{"line": d.line, "reason": d.reason, "text": d.text[:200]}
                                      for d in o.split.drops]
            entry["duplicates"] = [{"lines": [a.start_line, a.end_line], "title": a.title,
                                    "duplicate_of": a.duplicate_of,
                                    "similarity": dup_of[a.key].similarity}
                                   for a in o.split.articles if a.key in dup_of]
        sources[o.path] = entry
    posts = {}
    for p in sorted(corpus.posts, key=lambda p: p.slug):
        posts[p.slug] = {
            "source": p.source, "lines": [p.start_line, p.end_line], "title": p.title,
            "title_generated": p.title_generated,
            "date": p.date.isoformat() if p.date else None, "date_source": p.date_source,
            "date_evidence": p.date_evidence, "topic": p.topic,
            "secondary_topics": p.secondary_topics, "topic_terms": p.topic_terms,
            "entities": p.entities, "issue": issue_of.get(p.slug),
        }
    return {
        "sources": sources,
        "posts": posts,
        "unaccounted_lines": line_accounting(corpus),
        "undated": corpus.undated,
        "topic_suggestions": [{"term": t, "posts": n} for t, n in corpus.topic_suggestions],
        "not_companies": corpus.not_companies,
        "problems": corpus.problems,
        "stage_seconds": {k: round(v, 3) for k, v in corpus.stage_seconds.items()},
        "stage_cpu_seconds": {k: round(v, 3) for k, v in corpus.stage_cpu_seconds.items()},
    }


def source_lines(corpus: Corpus) -> list[str]:
    """One console line per source: articles found, lines dropped, duplicates."""
    dropped = {d.dropped for d in corpus.duplicates}
    out = []
    for o in corpus.outcomes:
        if o.split is None:
            out.append(f"{o.path}: skipped ({o.error or 'unreadable, see warnings'})")
            continue
        dups = sum(1 for a in o.split.articles if a.key in dropped)
        out.append(f"{o.path}: {len(o.split.articles) - dups} articles, "
                   f"{len(o.split.drops)} lines dropped, {dups} duplicates")
    return out


def write_report(path: pathlib.Path, report: dict[str, Any]) -> None:
    """Write the report as stable, readable JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False, sort_keys=False) + "\n",
                    encoding="utf-8")


def format_report(report: dict[str, Any]) -> str:
    """The report as text an editor reads: per source, then per post."""
    lines = []
    for name, src in report["sources"].items():
        lines.append(f"== {name}: {src.get('articles', 0)} articles"
                     + (f"  [{src['error']}]" if src.get("error") else ""))
        for w in src.get("warnings", []):
            lines.append(f"   warning: {w}")
        for n in src.get("notes", []):
            lines.append(f"   note: {n}")
        for d in src.get("dropped_lines", []):
            lines.append(f"   dropped L{d['line']} ({d['reason']}): {d['text'][:70]}")
        for d in src.get("duplicates", []):
            lines.append(f"   duplicate L{d['lines'][0]}-{d['lines'][1]} of {d['duplicate_of']}"
                         f" ({d['similarity']:.2f}): {d['title'][:60]}")
    lines.append("== posts")
    for slug, p in report["posts"].items():
        est = " (estimated)" if date_is_estimated(p["date_source"]) else ""
        lines.append(f"   {p['date']}{est} [{p['date_source']}] {p['topic']} | {slug}")
        lines.append(f"      date from: {p['date_evidence'][:90]}")
        lines.append(f"      topic from: {'; '.join(p['topic_terms'])[:90]}")
    if report["unaccounted_lines"]:
        lines.append(f"== lines neither published nor dropped: {report['unaccounted_lines']}")
    if report["topic_suggestions"]:
        lines.append("== topic suggestions from 'Other' posts: "
                     + ", ".join(f"{s['term']} ({s['posts']})" for s in report["topic_suggestions"]))
    if report.get("not_companies"):
        lines.append("== names not tagged as companies (the corpus uses them as a place or a person): "
                     + ", ".join(f"{name} ({why})" for name, why in report["not_companies"].items()))
    return "\n".join(lines)


def load_report_arg(argv: list[str], prog: str) -> dict[str, Any] | int:
    """The build report named by the only command-line argument, or an exit status after
    telling the editor what is wrong (no argument, no report yet, not a report)."""
    if len(argv) != 1:
        print(f"usage: python -m {prog} REPORT.json", file=sys.stderr)
        return 2
    path = pathlib.Path(argv[0])
    if not path.is_file():
        print(f"no build report at {path}: run `make html` first", file=sys.stderr)
        return 1
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        print(f"{path} is not a build report ({err}): run `make html` again", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    """Print a report file for an editor."""
    report = load_report_arg(sys.argv[1:] if argv is None else argv, "digest.report")
    if isinstance(report, int):
        return report
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
