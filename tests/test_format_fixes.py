"""`mcli-lint check --fix`: the engine that makes the rules' fixes (mcli_lint/engine/fix.py), what it
writes, and when it refuses. Each rule's own fix is tested with the rule, in tests/rules/."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from mcli_lint.config import Config
from mcli_lint.engine.fix import fix_text
from tests.cli_helpers import run

BEFORE = """\
# A run written the old way.
gpu_num: 8  # eight GPUs
cluster: r1z1
name: fix-me
image: bash
command: echo hi
env_variables:
  # Turned into a mapping.
  - key: FOO  # the first one
    value: bar
  - key: DEBUG
    value: yes
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
    git_branch: 1.10  # a branch, not a number
"""

AFTER = """\
# A run written the old way.
compute:
  cluster: r1z1
  gpus: 8  # eight GPUs
name: fix-me
image: bash
command: echo hi
env_variables:
  # Turned into a mapping.
  FOO: bar  # the first one
  DEBUG: "yes"
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
    git_branch: "1.10"  # a branch, not a number
"""


def test_fix_quotes_moves_and_converts(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(BEFORE)
    assert run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "run.yaml"], capsys) == (
        EXIT_OK,
        "No problems in 1 file.\n",
        "run.yaml: fixed MCL106 /gpu_num, MCL106 /env_variables, MCL108 /integrations/0/git_branch, MCL106 /cluster,"
        " MCL108 /env_variables/DEBUG\n",
    )
    assert (work / "run.yaml").read_text() == AFTER
    assert run(["fmt", "--check", "run.yaml"], capsys)[0] == EXIT_OK


def test_fixed_data_is_the_old_data_with_exactly_the_fixes() -> None:
    before: dict[str, Any] = yaml.safe_load(BEFORE)
    after = yaml.safe_load(AFTER)
    before["compute"] = {"cluster": before.pop("cluster"), "gpus": before.pop("gpu_num")}
    before["env_variables"] = {"FOO": "bar", "DEBUG": "yes"}
    before["integrations"][0]["git_branch"] = "1.10"
    assert after == before


def test_nothing_fixable_leaves_the_file_alone(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    messy = "image: bash\nname: n\ncommand: c\ncompute: {gpus: 8}\n"
    (work / "run.yaml").write_text(messy)
    os.utime(work / "run.yaml", ns=(10**9, 10**9))
    assert run(["check", "--fix", "run.yaml"], capsys)[::2] == (EXIT_OK, "")
    assert (work / "run.yaml").read_text() == messy  # --fix fixes; it does not reformat clean files
    assert (work / "run.yaml").stat().st_mtime_ns == 10**9


def test_a_fix_that_would_bring_a_new_problem_is_not_made(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = "name: n\nimage: bash\ncommand: c\ngpu_num: 8\ncompute:\n  nodes: 3\n"
    (work / "run.yaml").write_text(content)
    code, _, err = run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "run.yaml"], capsys)
    assert (code, err) == (
        EXIT_OK,
        "run.yaml: not fixed: the fix would bring MCL207 (`compute.gpus` is 8, which is not a multiple of"
        " `compute.nodes` (3))\n",
    )
    assert (work / "run.yaml").read_text() == content


def test_a_field_compute_already_sets_is_not_moved() -> None:
    text = "name: n\nimage: bash\ncommand: c\ngpu_num: 8\ncompute:\n  gpus: 16\n"
    done = fix_text(text, Config(), unsafe=True)
    assert (done.fixed, done.message, done.text) == (
        (),
        "not fixed: the fixes do not apply to how this file is written (MCL106 /gpu_num)",
        None,
    )


def test_an_empty_value_is_not_quoted() -> None:
    # `gpu_type:` is null: there is nothing written to keep, so no fix is offered.
    done = fix_text("name: n\nimage: bash\ncommand: c\ncompute:\n  gpu_type:\n", Config(), unsafe=True)
    assert (done.fixed, done.text) == ((), None)


def test_suppressed_and_deselected_problems_are_not_fixed() -> None:
    text = "name: n\nimage: bash\ncommand: c\ncompute:\n  gpu_type: 3090  # mcli-lint: disable=MCL110\ngpu_num: 8\n"
    assert fix_text(text, Config(), unsafe=True).fixed == ("MCL106 /gpu_num",)
    only_110 = Config(select=frozenset({"MCL110"}))
    assert fix_text(text.replace("  # mcli-lint: disable=MCL110", ""), only_110, unsafe=True).fixed == (
        "MCL110 /compute/gpu_type",
    )
    changed = text.replace("3090  # mcli-lint: disable=MCL110", "1.10  # mcli-lint: disable=MCL108")
    assert fix_text(changed, Config(), unsafe=True).fixed == ("MCL106 /gpu_num",)
    only_108 = Config(select=frozenset({"MCL108"}))
    assert fix_text(changed.replace("  # mcli-lint: disable=MCL108", ""), only_108, unsafe=True).fixed == (
        "MCL108 /compute/gpu_type",
    )


def test_crlf_and_bom_survive_a_fix() -> None:
    text = "\ufeffname: n\r\nimage: bash\r\ncommand: c\r\ncompute:\r\n  gpu_type: 3090\r\n"
    assert (
        fix_text(text, Config(), unsafe=True).text
        == '\ufeffname: n\r\nimage: bash\r\ncommand: c\r\ncompute:\r\n  gpu_type: "3090"\r\n'
    )


def test_fix_cannot_rewrite_stdin(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--fix", "-"], capsys)[0] == EXIT_USAGE


def test_remaining_problems_are_still_reported(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text("name: n\nimage: bash\ncommand: c\ncompute:\n  gpu_type: 3090\n  gpus: -1\n")
    code, out, err = run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "run.yaml"], capsys)
    assert (code, err) == (EXIT_FINDINGS, "run.yaml: fixed MCL110 /compute/gpu_type\n")
    assert (
        out
        == "run.yaml:6:9: MCL104 `compute.gpus` must be at least 0, not -1\nFound 1 error and 0 warnings in 1 file.\n"
    )
    assert (
        work / "run.yaml"
    ).read_text() == 'name: n\nimage: bash\ncommand: c\ncompute:\n  gpu_type: "3090"\n  gpus: -1\n'
