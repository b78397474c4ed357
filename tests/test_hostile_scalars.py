"""Tagged and oversized numbers and times: a positioned MCL001 / MCL006, exit 1, in every command, fast."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from tests.cli_helpers import run

EXAMPLES = Path(__file__).parent.parent / "examples"
HEAD = "name: a\nimage: b\ncommand: c\ncompute:\n  gpus: 1\nparameters:\n  a: "
COMMANDS = [
    ["check", "--no-show-source"],
    ["check", "--fix", "--no-show-source"],
    ["fmt"],
    ["to-python"],
    ["infer", "--clusters", "clusters.json"],
    ["infer", "--write", "--clusters", "clusters.json"],
]
CASES = [
    ("!!int ''", "MCL001 cannot read '' as !!int: no digits"),
    ("!!int '-'", "MCL001 cannot read '-' as !!int: no digits"),
    ("!!int '+'", "MCL001 cannot read '+' as !!int: no digits"),
    ("!!int _", "MCL001 cannot read '_' as !!int: no digits"),
    ("!!float ''", "MCL001 cannot read '' as !!float: no digits"),
    ("!!float '-'", "MCL001 cannot read '-' as !!float: no digits"),
    (
        "!!timestamp yesterday",
        "MCL001 cannot read 'yesterday' as !!timestamp: not a date or a date and time (YYYY-MM-DD[ HH:MM:SS])",
    ),
    ("0x" + "f" * 3600, "MCL006 an integer of more than 4300 digits"),
    ("1" * 4301, "MCL006 a number written with more than 4300 characters"),
    (":".join(["1"] * 100_000), "MCL006 a number written with more than 4300 characters"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
@pytest.mark.parametrize(("value", "message"), CASES, ids=[m.split(":")[0][7:][:24] for _, m in CASES])
def test_every_command_reports_the_value_where_it_is(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], value: str, message: str
) -> None:
    shutil.copy(EXAMPLES / "clusters.json", work / "clusters.json")
    text = HEAD + value + "\n"
    (work / "a.yaml").write_text(text)
    began = time.perf_counter()
    code, out, err = run([*args, "a.yaml"], capsys)
    assert time.perf_counter() - began < 2.0
    assert code == EXIT_FINDINGS
    assert f"a.yaml:7:6: {message}\n" in out + err
    assert "internal error" not in err
    assert (work / "a.yaml").read_text() == text


def test_fmt_of_stdin_passes_unreadable_input_through(work: Path) -> None:
    text = HEAD + "!!int ''\n"
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "fmt", "-"], input=text.encode(), capture_output=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (EXIT_FINDINGS, text.encode())
    assert done.stderr.decode().startswith("-:7:6: MCL001 cannot read '' as !!int: no digits\n")


def test_the_largest_integers_python_spells_out_are_read(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text(HEAD + "9" * 4300 + "\n  b: 0x" + "f" * 3571 + "\n")
    code, out, _ = run(["check", "--no-show-source", "a.yaml"], capsys)
    assert (code, out) == (0, "No problems in 1 file.\n")
