"""The GitHub Action (action.yml) does what its README section says: its steps' commands are run here,
inputs substituted as GitHub substitutes them, in a throwaway workspace.

The install step runs as written, against a snapshot of this checkout (the action's ref), into a
fresh virtual environment. That environment sees this one's packages (a .pth file) and pip is told,
through its environment, not to fetch dependencies or a build backend: the test stays offline and
quick, and still installs the tool the action ships and runs that copy, not this checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import venv
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
SHIPPED = ("pyproject.toml", "README.md", "mcli_lint", "schema", "action.yml")
BAD = "name: x\nimage: mosaicml/pytorch:latest\ncommand: hi\ncompute: {gpu: 8}\n"
GOOD = (ROOT / "examples" / "hello-composer.yaml").read_text()
ANNOTATION = (
    "::error file=runs/bad.yaml,line=4,col=11,endLine=4,endColumn=14,title=MCL102 unknown-field"
    "::unknown field `gpu` in `compute`; did you mean `gpus`?%0Ahelp: rename it to `gpus`\n"
)
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = ACTION["runs"]["steps"]
    return steps


def substitute(text: str, inputs: dict[str, str]) -> str:
    """What GitHub does to ``${{ inputs.x }}`` before a step runs (the only expressions the steps use)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name.startswith("inputs."), f"unexpected expression {name!r} in a step"
        return inputs[name.removeprefix("inputs.")]

    return EXPRESSION.sub(value, text)


def with_defaults(given: dict[str, str]) -> dict[str, str]:
    unknown = set(given) - set(ACTION["inputs"])
    assert not unknown, f"not inputs of the action: {unknown}"
    return {name: given.get(name, spec.get("default", "")) for name, spec in ACTION["inputs"].items()}


def run_step(
    step: dict[str, Any], inputs: dict[str, str], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    assert step["shell"] == "bash"
    script = cwd.parent / "step.sh"
    script.write_text(substitute(step["run"], inputs))
    step_env = {**env, **{key: substitute(str(value), inputs) for key, value in step.get("env", {}).items()}}
    # As GitHub runs a bash step.
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=step_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A runner's environment after the action's first two steps: its Python, then the tool installed."""
    base = tmp_path_factory.mktemp("action")
    action_path = base / "mcli-lint"
    for part in SHIPPED:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, action_path / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            action_path.mkdir(exist_ok=True)
            shutil.copy(source, action_path / part)
    # Standing in for actions/setup-python: a fresh Python environment first on PATH.
    environment = base / "python"
    venv.EnvBuilder(with_pip=False).create(environment)
    [packages] = [p for p in (environment / "lib").glob("python3*/site-packages")]
    (packages / "test-packages.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "PIP_"))}
    env.update(
        PATH=f"{environment / 'bin'}{os.pathsep}{env['PATH']}",
        GITHUB_ACTIONS="true",
        GITHUB_ACTION_PATH=str(action_path),
        PIP_NO_DEPS="1",
        PIP_NO_BUILD_ISOLATION="0",  # pip's spelling of --no-build-isolation
        PIP_NO_INDEX="1",
    )
    setup, install = steps()[0], steps()[1]
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}
    workspace = base / "workspace"
    workspace.mkdir()
    done = run_step(install, with_defaults({}), env, workspace)
    assert done.returncode == 0, done.stderr
    installed = subprocess.run(
        [str(environment / "bin" / "python"), "-c", "import mcli_lint; print(mcli_lint.__file__)"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    )
    assert installed.stdout.startswith(str(packages)), installed.stdout  # the action's copy, not this checkout
    return env


def check(runner: dict[str, str], tmp_path: Path, files: dict[str, str], **given: str) -> tuple[int, str, str, Path]:
    """(exit code, stdout, the step's outputs, workspace) of the Check step."""
    workspace = tmp_path / "workspace"
    for name, text in files.items():
        (workspace / name).parent.mkdir(parents=True, exist_ok=True)
        (workspace / name).write_text(text)
    outputs = tmp_path / "github_output"
    outputs.write_text("")
    [step] = [s for s in steps() if s.get("id") == "check"]
    done = run_step(step, with_defaults(given), {**runner, "GITHUB_OUTPUT": str(outputs)}, workspace)
    return done.returncode, done.stdout, outputs.read_text(), workspace


def test_the_action_is_composite_with_three_steps() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert [s.get("name") for s in steps()] == ["Set up Python", "Install mcli-lint", "Check"]
    assert ACTION["outputs"]["sarif-file"]["value"] == "${{ steps.check.outputs.sarif-file }}"
    assert {name: spec.get("default") for name, spec in ACTION["inputs"].items()} == {
        "paths": ".",
        "args": "",
        "sarif-file": "mcli-lint.sarif",
        "python-version": "3.11",
    }


def test_findings_fail_the_step_with_annotations_and_sarif(runner: dict[str, str], tmp_path: Path) -> None:
    files = {"runs/bad.yaml": BAD, "runs/good.yaml": GOOD, "notes.txt": "not yaml"}
    code, out, outputs, workspace = check(runner, tmp_path, files, paths="runs")
    assert (code, out, outputs) == (1, ANNOTATION, "sarif-file=mcli-lint.sarif\n")
    sarif = json.loads((workspace / "mcli-lint.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "MCL102"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "runs/bad.yaml"
    assert (location["region"]["startLine"], location["region"]["startColumn"]) == (4, 11)


def test_a_clean_workspace_passes(runner: dict[str, str], tmp_path: Path) -> None:
    code, out, outputs, workspace = check(runner, tmp_path, {"a/good.yaml": GOOD, "b/good.yml": GOOD})
    assert (code, out, outputs) == (0, "", "sarif-file=mcli-lint.sarif\n")
    assert json.loads((workspace / "mcli-lint.sarif").read_text())["runs"][0]["results"] == []


def test_args_and_no_sarif(runner: dict[str, str], tmp_path: Path) -> None:
    files = {"runs/bad.yaml": BAD, "other/bad.yaml": BAD}
    code, out, outputs, workspace = check(
        runner, tmp_path, files, paths="runs other", args="--ignore MCL102", **{"sarif-file": ""}
    )
    assert (code, out, outputs) == (0, "", "sarif-file=\n")
    assert sorted(p.name for p in workspace.iterdir()) == ["other", "runs"]
    code, out, outputs, _ = check(runner, tmp_path, {}, paths="runs other", **{"sarif-file": "out/report.sarif"})
    assert (code, out, outputs) == (
        1,
        ANNOTATION + ANNOTATION.replace("runs/", "other/"),
        "sarif-file=out/report.sarif\n",
    )
    results = json.loads((workspace / "out" / "report.sarif").read_text())["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == [
        "runs/bad.yaml",
        "other/bad.yaml",
    ]


def test_a_sarif_file_that_cannot_be_written_fails_the_step(runner: dict[str, str], tmp_path: Path) -> None:
    files = {"run.yaml": GOOD, "taken": "a file, not a folder"}
    code, out, _, _ = check(runner, tmp_path, files, **{"sarif-file": "taken/report.sarif"})
    assert (code, out) == (2, "::error::mcli-lint: the SARIF report was not written to taken/report.sarif\n")


def test_a_usage_error_fails_the_step_with_its_code(runner: dict[str, str], tmp_path: Path) -> None:
    code, out, outputs, _ = check(runner, tmp_path, {"run.yaml": GOOD}, args="--select NOPE", **{"sarif-file": ""})
    assert (code, out, outputs) == (2, "", "sarif-file=\n")
