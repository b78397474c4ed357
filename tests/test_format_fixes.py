"""`mcli-lint check --fix`: the engine that makes the rules' fixes (mcli_lint/engine/fix.py), what it
writes, and when it refuses. Each rule's own fix is tested with the rule, in tests/rules/."""

from __future__ import annotations

import io
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
  gpus: 8  # eight GPUs
  cluster: r1z1
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


# ------------------------------------------------------------------------------ the bytes --fix touches

ODD = """\
name:    odd-but-valid   # spaced out
image: bash
command: >-
     echo hi
       there
compute: { gpus: 8,   gpu_type: 3090 }
parameters:
    nested: [1,2,  {a: b}]
env_variables:
    DEBUG: 'yes'
    PORT:   1
"""


def test_a_fix_changes_only_its_bytes(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(ODD)
    code, _, err = run(["check", "--fix", "--unsafe-fixes", "--select", "MCL110", "run.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "run.yaml: fixed MCL110 /compute/gpu_type, MCL110 /env_variables/PORT\n")
    after = (work / "run.yaml").read_text()
    assert after == ODD.replace("gpu_type: 3090 }", 'gpu_type: "3090" }').replace("PORT:   1", 'PORT:   "1"')
    changed = [(a, b) for a, b in zip(ODD.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [
        ("compute: { gpus: 8,   gpu_type: 3090 }", 'compute: { gpus: 8,   gpu_type: "3090" }'),
        ("    PORT:   1", '    PORT:   "1"'),
    ]


def test_a_move_keeps_crlf() -> None:
    text = "name: n\r\nimage: bash\r\ncommand: c\r\ngpu_num: 8\r\n"
    assert (
        fix_text(text, Config(), unsafe=True).text
        == "name: n\r\nimage: bash\r\ncommand: c\r\ncompute:\r\n  gpus: 8\r\n"
    )


# ------------------------------------------------------------------------------------- unsafe fixes

OLD = "name: n\nimage: bash\ncommand: c\ngpu_num: 8\nenv_variables:\n  - key: A\n    value: yes\n"


def test_unsafe_fixes_are_hidden_and_counted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(OLD)
    code, out, err = run(["check", "--fix", "--no-show-source", "run.yaml"], capsys)
    assert err == "run.yaml: fixed MCL106 /env_variables\n"
    assert (work / "run.yaml").read_text() == OLD.replace("  - key: A\n    value: yes\n", "  A: yes\n")
    assert code == EXIT_FINDINGS
    assert out == (
        "run.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`\n"
        "  help: move it under `compute:` as `gpus`\n"
        "run.yaml:6:6: MCL108 `env_variables.A` must be a string, but YAML 1.1 reads the unquoted `yes` as a"
        ' boolean, true\n  help: quote it to keep what was written: "yes"\n'
        "Found 1 error and 1 warning in 1 file.\n"
        "2 hidden fixes can be enabled with --unsafe-fixes.\n"
    )


def test_unsafe_fixes_from_pyproject_and_the_flag_that_overrides_it(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nunsafe-fixes = true\n")
    (work / "run.yaml").write_text(OLD)
    assert (
        run(["check", "--fix", "--no-unsafe-fixes", "run.yaml"], capsys)[2] == "run.yaml: fixed MCL106 /env_variables\n"
    )
    (work / "run.yaml").write_text(OLD)
    assert run(["check", "--fix", "run.yaml"], capsys) == (
        EXIT_OK,
        "No problems in 1 file.\n",
        "run.yaml: fixed MCL106 /gpu_num, MCL106 /env_variables, MCL108 /env_variables/A\n",
    )
    assert (
        work / "run.yaml"
    ).read_text() == 'name: n\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\nenv_variables:\n  A: "yes"\n'
    (work / "pyproject.toml").write_text("[tool.mcli-lint]\nunsafe-fixes = 1\n")
    assert run(["check", "--fix", "run.yaml"], capsys)[::2] == (
        EXIT_USAGE,
        f"mcli-lint: {work / 'pyproject.toml'}: [tool.mcli-lint] unsafe-fixes must be true or false\n",
    )


# ---------------------------------------------------------------------------------------------- --diff

DIFF = """\
--- run.yaml
+++ run.yaml
@@ -1,7 +1,7 @@
 name: n
 image: bash
 command: c
-gpu_num: 8
+compute:
+  gpus: 8
 env_variables:
-  - key: A
-    value: yes
+  A: "yes"
"""


SAFE_DIFF = """\
--- run.yaml
+++ run.yaml
@@ -3,5 +3,4 @@
 command: c
 gpu_num: 8
 env_variables:
-  - key: A
-    value: yes
+  A: yes
"""


@pytest.mark.parametrize("args", [["--diff"], ["--fix", "--diff"]], ids=["diff", "fix-diff"])
def test_diff_prints_and_writes_nothing(work: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    (work / "run.yaml").write_text(OLD)
    os.utime(work / "run.yaml", ns=(10**9, 10**9))
    assert run(["check", *args, "--unsafe-fixes", "run.yaml"], capsys) == (
        EXIT_FINDINGS,
        DIFF,
        "Would fix 3 problems.\n",
    )
    assert (work / "run.yaml").read_text() == OLD
    assert (work / "run.yaml").stat().st_mtime_ns == 10**9
    assert run(["check", *args, "run.yaml"], capsys) == (
        EXIT_FINDINGS,
        SAFE_DIFF,
        "Would fix 1 problem.\n2 hidden fixes can be enabled with --unsafe-fixes.\n",
    )


def test_diff_of_a_clean_file_is_empty_and_exits_0(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text("name: n\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n")
    assert run(["check", "--diff", "run.yaml"], capsys) == (EXIT_OK, "", "No fixes would be made.\n")


def test_diff_of_stdin(work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(OLD.encode())))
    code, out, _ = run(["check", "--diff", "-", "--stdin-filename", "old.yaml"], capsys)
    assert (code, out.splitlines()[:2]) == (EXIT_FINDINGS, ["--- old.yaml", "+++ old.yaml"])


# ------------------------------------------------------------------ --show-fixes, --exit-non-zero-on-fix


def test_show_fixes_lists_them_per_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(OLD)
    (work / "clean.yaml").write_text("name: n\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n")
    code, out, _ = run(["check", "--fix", "--unsafe-fixes", "--show-fixes", "--no-show-source", "."], capsys)
    assert (code, out) == (
        EXIT_OK,
        "No problems in 2 files.\n"
        "Fixed 3 problems:\n"
        "- run.yaml:\n"
        "    MCL106 /gpu_num (deprecated-field): Move it under `compute:` as `gpus`\n"
        "    MCL106 /env_variables (deprecated-field): Write the mapping mcli makes of the list\n"
        '    MCL108 /env_variables/A (coerced-scalar): Quote it: "yes"\n',
    )


def test_exit_non_zero_on_fix(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(OLD)
    assert run(["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "run.yaml"], capsys)[0] == EXIT_FINDINGS
    # Nothing left to fix: 0 again.
    assert run(["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "run.yaml"], capsys)[0] == EXIT_OK


def test_many_files_are_fixed_across_workers_in_order(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mcli_lint.engine.batch import PARALLEL_THRESHOLD

    runs = work / "runs"
    runs.mkdir()
    count = PARALLEL_THRESHOLD + 4
    clean = "name: n\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n"
    for number in range(count):
        (runs / f"run-{number:03d}.yaml").write_text(OLD if number % 2 else clean)
    code, _, err = run(["check", "--fix", "--unsafe-fixes", "runs"], capsys)
    fixed = "MCL106 /gpu_num, MCL106 /env_variables, MCL108 /env_variables/A"
    assert (code, err) == (EXIT_OK, "".join(f"runs/run-{n:03d}.yaml: fixed {fixed}\n" for n in range(1, count, 2)))
    assert {path.read_text() for path in runs.iterdir()} == {
        clean,
        'name: n\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\nenv_variables:\n  A: "yes"\n',
    }


def test_a_fix_that_brings_only_a_warning_is_made(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # mcli 0.8.3 drops `run_name`; as `name`, the value is one mcli renames (MCL201, a warning): better.
    (work / "run.yaml").write_text("run_name: SD2-base\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n")
    code, out, err = run(["check", "--fix", "--unsafe-fixes", "--no-show-source", "run.yaml"], capsys)
    assert (code, err) == (EXIT_OK, "run.yaml: fixed MCL102 /run_name\n")
    assert (work / "run.yaml").read_text() == "name: SD2-base\nimage: bash\ncommand: c\ncompute:\n  gpus: 8\n"
    assert out.startswith(
        "run.yaml:1:7: MCL201 `name` 'SD2-base' is not a valid run name; mcli will submit the run as `sd2-base`\n"
    )
