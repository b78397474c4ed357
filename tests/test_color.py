"""Color: --color auto|always|never, NO_COLOR and FORCE_COLOR, on a terminal and off it."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from mcli_lint.environment import use_color
from tests.cli_helpers import run

BAD = 'name: bad\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: "8"\n'
PLAIN = (
    "a.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')\n"
    "  help: remove the quotes: 8\n"
    "Found 1 error and 0 warnings in 1 file.\n"
)
PAINTED = (
    "a.yaml:5:9: \x1b[31m\x1b[1mMCL103\x1b[0m `compute.gpus` must be an integer, not a string ('8')\n"
    "  \x1b[36mhelp\x1b[0m: remove the quotes: 8\n"
    "Found 1 error and 0 warnings in 1 file.\n"
)


@pytest.mark.parametrize(
    ("choice", "terminal", "environ", "colored"),
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": "0"}, False),  # any non-empty value
        ("auto", True, {"NO_COLOR": ""}, True),  # empty: as if unset
        ("auto", False, {"FORCE_COLOR": "1"}, True),
        ("auto", False, {"FORCE_COLOR": "0"}, True),
        ("auto", False, {"FORCE_COLOR": ""}, False),
        ("auto", True, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True),  # as ruff: forcing wins
        ("always", False, {"NO_COLOR": "1"}, True),  # the option beats the environment
        ("never", True, {"FORCE_COLOR": "1"}, False),
    ],
)
def test_the_color_choice(choice: str, terminal: bool, environ: dict[str, str], colored: bool) -> None:
    assert use_color(choice, terminal, environ) is colored


@pytest.fixture
def bad(work: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    (work / "a.yaml").write_text(BAD)
    return work


@pytest.mark.parametrize(
    ("environ", "args", "expected"),
    [
        ({}, [], PLAIN),
        ({"FORCE_COLOR": "1"}, [], PAINTED),
        ({"FORCE_COLOR": "1"}, ["--color", "never"], PLAIN),
        ({"NO_COLOR": "1"}, ["--color=always"], PAINTED),
        ({"FORCE_COLOR": "1"}, ["--format", "json", "-q"], None),  # only the text report is ever colored
    ],
)
def test_off_a_terminal(
    bad: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    environ: dict[str, str],
    args: list[str],
    expected: str | None,
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(["check", "--no-show-source", *args, "a.yaml"], capsys)
    assert (code, err) == (EXIT_FINDINGS, "")
    if expected is None:
        assert "\x1b" not in out and out.startswith("{")
    else:
        assert out == expected


def test_a_report_file_is_never_colored(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--color", "always", "-o", "r.txt", "a.yaml"], capsys) == (EXIT_FINDINGS, "", "")
    assert (bad / "r.txt").read_text() == PLAIN


def on_a_terminal(work: Path, environ: dict[str, str], *args: str) -> str:
    """What ``mcli-lint check --no-show-source ARGS a.yaml`` writes to a terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | environ
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "mcli_lint", "check", "--no-show-source", *args, "a.yaml"],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        cwd=work,
        env=env,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once the process ends
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("environ", "args", "expected"),
    [
        ({}, (), PAINTED),
        ({"NO_COLOR": "1"}, (), PLAIN),
        ({"NO_COLOR": ""}, (), PAINTED),
        ({"NO_COLOR": "1"}, ("--color", "always"), PAINTED),
        ({}, ("--color", "never"), PLAIN),
    ],
)
def test_on_a_terminal(bad: Path, environ: dict[str, str], args: tuple[str, ...], expected: str) -> None:
    assert on_a_terminal(bad, environ, *args) == expected
