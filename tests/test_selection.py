"""Which rules run: select, extend-select, ignore and extend-ignore, in [tool.mcli-lint] and on the
command line, with ruff's precedence (the command line's --select replaces, the extend options add
and take away; within one source the more specific selector wins)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_USAGE
from mcli_lint.config import Layer, resolve
from tests.cli_helpers import run

# MCL201 (run name), MCL103 (wrong type) and MCL102 (unknown field), in that order.
THREE = "name: My_Run\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: '8'\nbogus: 1\n"


@pytest.fixture
def three(work: Path) -> Path:
    (work / "a.yaml").write_text(THREE)
    return work


def found(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run(["check", "--format", "json", *args, "a.yaml"], capsys)
    assert (code in (0, 1), err) == (True, ""), err
    return [d["code"] for d in json.loads(out)["diagnostics"]]


@pytest.mark.parametrize(
    ("config", "args", "codes"),
    [
        ("", [], ["MCL201", "MCL103", "MCL102"]),
        ("", ["--select", "MCL1"], ["MCL103", "MCL102"]),
        ("", ["--select", "MCL1", "--extend-select", "run-name-invalid"], ["MCL201", "MCL103", "MCL102"]),
        ("", ["--extend-ignore", "MCL103,MCL102"], ["MCL201"]),
        ("", ["--ignore", "MCL103", "--extend-ignore", "MCL102"], ["MCL201"]),
        # The more specific selector wins, whichever option names it.
        ("", ["--select", "MCL103", "--ignore", "MCL1"], ["MCL103"]),
        ("", ["--ignore", "MCL1", "--extend-select", "MCL103"], ["MCL201", "MCL103"]),
        ("", ["--select", "MCL1", "--ignore", "MCL103"], ["MCL102"]),
        ("", ["--select", "MCL1", "--ignore", "MCL1"], []),  # equal: ignoring wins
        ("", ["--select", "ALL", "--ignore", "MCL2"], ["MCL103", "MCL102"]),
        # The configuration's own choices.
        ('select = ["MCL1"]\nextend-select = ["MCL201"]', [], ["MCL201", "MCL103", "MCL102"]),
        ('extend-ignore = ["MCL102"]\nignore = ["MCL201"]', [], ["MCL103"]),
        ('select = ["MCL103"]\nignore = ["MCL1"]', [], ["MCL103"]),
        # The command line over the configuration: --select replaces all of it (its ignores too) ...
        ('select = ["MCL1"]\nignore = ["MCL201"]', ["--select", "MCL2"], ["MCL201"]),
        ('extend-select = ["MCL1"]\nextend-ignore = ["MCL103"]', ["--select", "MCL1"], ["MCL103", "MCL102"]),
        # ... and the extend options change it.
        ('select = ["MCL1"]', ["--extend-select", "MCL2"], ["MCL201", "MCL103", "MCL102"]),
        ('select = ["MCL1"]', ["--extend-ignore", "MCL102"], ["MCL103"]),
        ('ignore = ["MCL1"]', ["--extend-select", "wrong-type"], ["MCL201", "MCL103"]),
        ('select = ["MCL2"]', ["--ignore", "MCL201"], []),
    ],
)
def test_selection(
    three: Path, capsys: pytest.CaptureFixture[str], config: str, args: list[str], codes: list[str]
) -> None:
    (three / "pyproject.toml").write_text(f"[tool.mcli-lint]\n{config}\n")
    assert found(args, capsys) == codes


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ("", ["--extend-select", "MCL999"], "mcli-lint: --extend-select: unknown rule 'MCL999'\n"),
        ("", ["--extend-ignore", "nonsense"], "mcli-lint: --extend-ignore: unknown rule 'nonsense'\n"),
        (
            'extend-select = ["MCL9"]',
            [],
            "mcli-lint: pyproject.toml: [tool.mcli-lint]: unknown rule 'MCL9'\n",
        ),
        (
            'extend-ignore = "MCL1"',
            [],
            "mcli-lint: pyproject.toml: [tool.mcli-lint] extend-ignore must be a list of strings\n",
        ),
    ],
)
def test_unknown_rules_are_usage_errors(
    three: Path, capsys: pytest.CaptureFixture[str], config: str, args: list[str], message: str
) -> None:
    (three / "pyproject.toml").write_text(f"[tool.mcli-lint]\n{config}\n")
    assert run(["check", "--config", "pyproject.toml", *args, "a.yaml"], capsys) == (EXIT_USAGE, "", message)


def test_a_layer_without_select_changes_what_came_before() -> None:
    before = frozenset({"MCL101", "MCL103", "MCL201"})
    assert resolve(before, Layer()) == before
    assert resolve(before, Layer(extend_select=("MCL102",), ignore=("MCL2",))) == {"MCL101", "MCL102", "MCL103"}
    assert resolve(before, Layer(select=())) == frozenset()
    assert resolve(before, Layer(select=("MCL205",), extend_select=("MCL102",))) == {"MCL205", "MCL102"}
