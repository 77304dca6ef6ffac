"""`make new-issue-preview`: the next issue's posts per topic, read from a build report."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from conftest import ROOT
from digest.preview import format_preview, is_estimated, latest_issue, main


def post(issue: str | None, topic: str, date: str | None, source: str, title: str) -> dict[str, object]:
    return {"issue": issue, "topic": topic, "date": date, "date_source": source, "title": title,
            "source": "fixture.txt", "lines": [1, 5]}


REPORT = {
    "sources": {},
    "posts": {
        "old-chip-fab": post("2030-w09", "Chips", "2030-02-28", "explicit", "Old chip fab story"),
        "drone-maker-raises": post("2030-w10", "Robotics", "2030-03-05", "inferred", "Drone maker raises funds"),
        "lidar-price-cut": post("2030-w10", "EVs", "2030-03-06", "dateline", "Lidar supplier cuts prices"),
        "battery-swap-pilot": post("2030-w10", "EVs", "2030-03-04", "git", "Battery swap pilot opens"),
        "fixed-by-editor": post("2030-w10", "EVs", "2030-03-07", "override", "Editor-dated story"),
        "unplaced": post(None, "Other", None, "mtime", "Story with no issue"),
    },
    "unaccounted_lines": {}, "undated": [], "topic_suggestions": [], "problems": [],
}


def test_latest_issue_is_the_one_with_the_newest_post() -> None:
    assert latest_issue(REPORT) == "2030-w10"
    older_only = {"posts": {k: v for k, v in REPORT["posts"].items() if v["issue"] != "2030-w10"}}
    assert latest_issue(older_only) == "2030-w09"
    assert latest_issue({"posts": {"unplaced": REPORT["posts"]["unplaced"]}}) is None


def test_estimated_means_not_stated_by_source_or_editor() -> None:
    assert [is_estimated({"date_source": s}) for s in ("explicit", "dateline", "override")] == [False] * 3
    assert all(is_estimated({"date_source": s}) for s in ("inferred", "file", "git", "mtime"))


def test_preview_lists_the_issue_by_topic_with_estimated_marks() -> None:
    text = format_preview(REPORT)
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "Next issue: 2030-w10"
    assert lines[1] == "4 posts in 2 topics; 2 with an estimated date"
    assert "Old chip fab story" not in text and "Story with no issue" not in text
    # Topics by post count; posts by date within a topic.
    assert lines.index("EVs (3)") < lines.index("Robotics (1)")
    evs = text.split("EVs (3)")[1].split("Robotics (1)")[0]
    assert evs.index("Battery swap") < evs.index("Lidar supplier") < evs.index("Editor-dated")
    assert "  2030-03-04 (estimated)  Battery swap pilot opens" in lines
    assert "  2030-03-06  Lidar supplier cuts prices" in lines
    assert "  2030-03-07  Editor-dated story" in lines
    assert "  2030-03-05 (estimated)  Drone maker raises funds" in lines
    assert any("slug: battery-swap-pilot" in line for line in lines)


def test_main_prints_the_preview(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "output.report.json"
    report.write_text(json.dumps(REPORT), encoding="utf-8")
    assert main([str(report)]) == 0
    assert capsys.readouterr().out.startswith("Next issue: 2030-w10\n")


def test_missing_report_tells_the_editor_to_build_first(tmp_path: pathlib.Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "output.report.json")]) == 1
    err = capsys.readouterr().err
    assert "no build report" in err and "make html" in err


def test_report_with_no_issue_fails_clearly(tmp_path: pathlib.Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "output.report.json"
    report.write_text(json.dumps({"posts": {}}), encoding="utf-8")
    assert main([str(report)]) == 1
    assert "nothing to preview" in capsys.readouterr().err


def run_make_preview(output_dir: pathlib.Path) -> subprocess.CompletedProcess[str]:
    """`make new-issue-preview` with this interpreter, never (re)installing the venv."""
    return subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "new-issue-preview",
                           f"OUTPUTDIR={output_dir}", f"BIN={pathlib.Path(sys.executable).parent}"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def test_make_target_reads_the_report_beside_the_output(tmp_path: pathlib.Path) -> None:
    (tmp_path / "site.report.json").write_text(json.dumps(REPORT), encoding="utf-8")
    done = run_make_preview(tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "Next issue: 2030-w10" in done.stdout
    missing = run_make_preview(tmp_path / "never-built")
    assert missing.returncode != 0 and "make html" in missing.stderr
