"""`check --fix` changes data only at the paths it reports: never through an anchor at paths that alias it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from mcli_lint.commands import EXIT_FINDINGS, EXIT_OK
from tests.cli_helpers import run

HEAD = "name: a\nimage: b\ncommand: c\ncompute:\n  gpus: 8\n"


@pytest.mark.parametrize(
    ("text", "code", "out", "skipped"),
    [
        (
            HEAD + "integrations:\n  - &i\n    integration_type: git_repo\n    git_repo: a/b\n"
            "    git_branch: 1.10\nparameters:\n  x: *i\n",
            EXIT_FINDINGS,
            "a.yaml:10:17: MCL108 `integrations[0].git_branch` must be a string, but YAML 1.1 reads the unquoted"
            ' `1.10` as a number, 1.1\n  help: quote it to keep what was written: "1.10"\n'
            "Found 1 error and 0 warnings in 1 file.\n",
            "MCL108 /integrations/0/git_branch",
        ),
        (
            "name: a\nimage: b\ncommand: c\ngpu_num: 8\nparameters:\n  a: &m {}\ncompute: *m\n",
            EXIT_OK,
            "a.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`\n"
            "  help: move it under `compute:` as `gpus`\nFound 0 errors and 1 warning in 1 file.\n",
            "MCL106 /gpu_num",
        ),
        (
            "name: a\nimage: b\ncommand: c\ngpu_num: 8\ncompute: &m {}\nparameters:\n  a: *m\n",
            EXIT_OK,
            "a.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`\n"
            "  help: move it under `compute:` as `gpus`\nFound 0 errors and 1 warning in 1 file.\n",
            "MCL106 /gpu_num",
        ),
        (
            "name: a\nimage: b\ncommand: c\ngpu_num: 8\nparameters:\n  m: &m\n    x: {y: {z: 1}}\ncompute: *m\n",
            EXIT_FINDINGS,
            "a.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`\n"
            "  help: move it under `compute:` as `gpus`\n"
            "a.yaml:7:5: MCL102 unknown field `x` in `compute`; mcli warns and it has no effect\n"
            "  help: known fields: cluster, instance, gpu_type, gpus, cpus, nodes, node_names\n"
            "Found 1 error and 1 warning in 1 file.\n",
            "MCL106 /gpu_num",
        ),
    ],
    ids=["quote-through-anchor", "move-into-aliased-compute", "move-into-anchored-compute", "compute-alias-of-nested"],
)
def test_a_fix_that_would_reach_aliased_paths_is_not_made(
    work: Path, capsys: pytest.CaptureFixture[str], text: str, code: int, out: str, skipped: str
) -> None:
    (work / "a.yaml").write_text(text)
    assert run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "a.yaml"], capsys) == (
        code,
        out,
        f"a.yaml: not fixed: the fixes do not apply to how this file is written ({skipped})\n",
    )
    assert (work / "a.yaml").read_text() == text


def test_an_unshared_value_next_to_an_alias_is_fixed_and_nothing_else_changes(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        HEAD + "integrations:\n  - integration_type: git_repo\n    git_repo: a/b\n    git_branch: 1.10\n"
        "parameters:\n  base: &b {git_branch: 1.1}\n  copy: *b\n"
    )
    (work / "a.yaml").write_text(text)
    code, _, err = run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "a.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "a.yaml: fixed MCL108 /integrations/0/git_branch\n")
    before, after = yaml.safe_load(text), yaml.safe_load((work / "a.yaml").read_text())
    assert after["integrations"][0]["git_branch"] == "1.10"
    after["integrations"][0]["git_branch"] = before["integrations"][0]["git_branch"]
    assert after == before
