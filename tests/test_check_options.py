"""ruff's output options on `check`: --statistics, --exit-zero, --output-file, -q/--quiet, -s/--silent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from tests.cli_helpers import run

BAD = (
    "name: Bad_Name\nimage: mosaicml/pytorch:latest\ncommand: echo\n"
    "compute:\n  gpus: '8'\n  gpu: 1\nenv_variables:\n  RUN_NAME: x\n"
)
WORSE = "name: run\nimage: mosaicml/pytorch:latest\ncommand: echo\ncompute:\n  gpus: '8'\n"
LINES = [
    "a.yaml:1:7: MCL201 `name` 'Bad_Name' is not a valid run name; mcli will submit the run as `bad-name`",
    "  help: write `name: bad-name` yourself: lowercase letters, digits and '-',"
    " starting and ending with a letter or digit",
    "a.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')",
    "  help: remove the quotes: 8",
    "a.yaml:6:3: MCL102 unknown field `gpu` in `compute`; did you mean `gpus`?",
    "  help: rename it to `gpus`",
    "a.yaml:8:3: MCL205 `env_variables.RUN_NAME` is a variable the platform sets itself; your value will clash with it",
    "  help: remove it, or rename it (e.g. `MY_RUN_NAME`) if it is a variable of your own",
]
SUMMARY = "Found 2 errors and 2 warnings in 1 file.\n"


@pytest.fixture
def files(work: Path) -> Path:
    (work / "a.yaml").write_text(BAD)
    (work / "b.yaml").write_text(WORSE)
    return work


def test_statistics_count_each_code_most_first(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--statistics", "a.yaml", "b.yaml"], capsys) == (
        EXIT_FINDINGS,
        "    2\tMCL103\twrong-type\n    1\tMCL102\tunknown-field\n    1\tMCL201\trun-name-invalid\n"
        "    1\tMCL205\treserved-env\n",
        "",
    )
    code, out, _ = run(["check", "--statistics", "--format", "json", "a.yaml", "b.yaml"], capsys)
    assert (code, json.loads(out)[:2]) == (
        EXIT_FINDINGS,
        [{"code": "MCL103", "name": "wrong-type", "count": 2}, {"code": "MCL102", "name": "unknown-field", "count": 1}],
    )
    assert run(["check", "--statistics", "--format", "sarif", "a.yaml"], capsys) == (
        EXIT_USAGE,
        "",
        "mcli-lint: --statistics prints text or json, not sarif\n",
    )


def test_exit_zero_keeps_the_report(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--exit-zero", "--no-show-source", "a.yaml"], capsys) == (
        EXIT_OK,
        "\n".join(LINES) + "\n" + SUMMARY,
        "",
    )
    assert run(["check", "--exit-zero", "--select", "NOPE", "a.yaml"], capsys)[0] == EXIT_USAGE


def test_quiet_prints_the_diagnostics_only(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "-q", "--no-show-source", "a.yaml"], capsys) == (EXIT_FINDINGS, "\n".join(LINES) + "\n", "")
    (files / "c.yaml").write_text(WORSE.replace("'8'", "8"))
    assert run(["check", "--quiet", "c.yaml"], capsys) == (EXIT_OK, "", "")


def test_silent_prints_nothing(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "-s", "a.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    assert run(["check", "--silent", "--exit-zero", "a.yaml"], capsys) == (EXIT_OK, "", "")
    (files / "c.yaml").write_text(WORSE + "cluster: r1z1\n")
    assert run(["check", "--silent", "--fix", "c.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    # Fixed all the same, quietly (MCL106 moves it, MCL103 unquotes the 8: unsafe fixes both).
    assert run(["check", "--silent", "--fix", "--unsafe-fixes", "c.yaml"], capsys) == (EXIT_OK, "", "")
    assert (files / "c.yaml").read_text() == WORSE.replace("gpus: '8'\n", "gpus: 8\n  cluster: r1z1\n")


def test_output_file_gets_the_report(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--output-file", "report.txt", "a.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    # Not a terminal: no source lines, no color.
    assert (files / "report.txt").read_text() == "\n".join(LINES) + "\n" + SUMMARY
    assert run(["check", "-o", "report.json", "--format", "json", "b.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    summary = json.loads((files / "report.json").read_text())["summary"]
    assert summary == {"files": 1, "errors": 1, "warnings": 0, "skipped": 0}
    assert run(["check", "--output-file=missing/report.txt", "a.yaml"], capsys) == (
        EXIT_USAGE,
        "",
        "mcli-lint: --output-file missing/report.txt: No such file or directory\n",
    )


def test_verbose_says_what_was_checked_fixed_and_how_long_on_stderr(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "k8s.yaml").write_text("apiVersion: v1\nkind: Service\n")
    (files / "c.yaml").write_text(
        "name: c\nimage: i\ncommand: c\ncompute:\n  gpus: 1\nenv_variables:\n  - key: A\n    value: b\n"
    )
    code, out, err = run(["check", "-v", "--fix", "--no-show-source", "."], capsys)
    assert code == EXIT_FINDINGS
    log = err.splitlines()
    assert log[:4] == [
        "c.yaml: fixed MCL106 /env_variables",
        "mcli-lint: checked a.yaml",
        "mcli-lint: checked b.yaml",
        "mcli-lint: checked c.yaml",
    ]
    assert re.fullmatch(r"mcli-lint: 3 checked, 1 skipped, in \d+ ms", log[4]), log
    assert len(log) == 5
    # The report on stdout names every file skipped, and the fixes made (as --show-fixes).
    assert "k8s.yaml: does not look like a run file: a Kubernetes manifest (apiVersion, kind);" in out
    assert out.endswith(
        "Fixed 1 problem:\n- c.yaml:\n"
        "    MCL106 /env_variables (deprecated-field): Write the mapping mcli makes of the list\n"
        "2 hidden fixes can be enabled with --unsafe-fixes.\n"
    )
    assert (files / "c.yaml").read_text().endswith("env_variables:\n  A: b\n")
