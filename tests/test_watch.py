"""`check --watch`: a report, then a new one after each change, the screen cleared on a terminal;
Ctrl-C ends it with exit 0."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_OK, EXIT_USAGE
from mcli_lint.commands.watch import CLEAR
from tests.cli_helpers import run

BAD = 'name: bad\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: "8"\n'
GOOD = "name: good\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
FIRST = (
    "a.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')\n"
    "  help: remove the quotes: 8\n"
    "Found 1 error and 0 warnings in 1 file.\n"
)
WATCHING = "mcli-lint: watching for changes (Ctrl-C stops)\n"


class Output:
    """What a process writes to one file descriptor, read as it comes, with a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.text = ""

    def until(self, ending: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while not self.text.endswith(ending):
            left = deadline - time.monotonic()
            assert left > 0, f"no {ending!r} after {seconds} s; so far: {self.text!r}"
            if select.select([self.fd], [], [], left)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # a terminal whose other end has closed
                    chunk = b""
                assert chunk, f"the stream ended before {ending!r}; so far: {self.text!r}"
                self.text += chunk.decode().replace("\r\n", "\n")
        return self.text


def watcher(work: Path, *args: str, stdout: int, stderr: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    return subprocess.Popen(
        [sys.executable, "-m", "mcli_lint", "check", "--watch", "--no-show-source", *args, "a.yaml"],
        cwd=work,
        env=env,
        stdout=stdout,
        stderr=stderr,
    )


def stop(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=60)


def test_a_change_is_checked_again_and_ctrl_c_exits_0(work: Path) -> None:
    (work / "a.yaml").write_text(BAD)
    process = watcher(work, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    out, err = Output(process.stdout.fileno()), Output(process.stderr.fileno())
    try:
        assert out.until("in 1 file.\n") == FIRST  # piped: no clearing sequence
        assert err.until(WATCHING) == WATCHING
        (work / "a.yaml").write_text(GOOD)
        assert out.until("No problems in 1 file.\n") == FIRST + "No problems in 1 file.\n"
        assert err.until(WATCHING * 2) == WATCHING * 2
    finally:
        code = stop(process)
    assert code == EXIT_OK
    assert process.stderr.read() == b""  # no traceback
    process.stdout.close()
    process.stderr.close()


def test_a_new_file_in_a_watched_directory_and_the_configuration_are_watched(work: Path) -> None:
    (work / "runs").mkdir()
    (work / "runs" / "a.yaml").write_text(GOOD)
    (work / "a.yaml").write_text(GOOD)
    process = subprocess.Popen(
        [sys.executable, "-m", "mcli_lint", "check", "--watch", "-q", "--no-show-source", "runs"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    out = Output(process.stdout.fileno())
    try:
        time.sleep(0.5)  # the first check of a clean tree prints nothing with -q
        (work / "runs" / "b.yaml").write_text(BAD)
        first = (
            "runs/b.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')\n"
            "  help: remove the quotes: 8\n"
        )
        assert out.until(first) == first
        (work / "pyproject.toml").write_text('[tool.mcli-lint]\nignore = ["MCL103"]\n')
        time.sleep(0.5)  # nothing to report now: the next change shows the ignore was read
        (work / "runs" / "b.yaml").write_text(BAD.replace("bad", "Bad_Name"))
        second = (
            "runs/b.yaml:1:7: MCL201 `name` 'Bad_Name' is not a valid run name;"
            " mcli will submit the run as `bad-name`\n"
            "  help: write `name: bad-name` yourself: lowercase letters, digits and '-', starting and ending with a"
            " letter or digit\n"
        )
        assert out.until(second) == first + second
    finally:
        code = stop(process)
    assert code == EXIT_OK
    assert process.stderr.read() == b""  # -q: no watching notes either
    process.stdout.close()
    process.stderr.close()


def test_the_screen_is_cleared_before_each_report_on_a_terminal(work: Path) -> None:
    (work / "a.yaml").write_text(BAD)
    leader, follower = pty.openpty()
    process = watcher(work, "--color", "never", stdout=follower, stderr=subprocess.DEVNULL)
    os.close(follower)
    out = Output(leader)
    try:
        assert out.until("in 1 file.\n") == CLEAR + FIRST
        (work / "a.yaml").write_text(GOOD)
        assert out.until("No problems in 1 file.\n") == CLEAR + FIRST + CLEAR + "No problems in 1 file.\n"
    finally:
        code = stop(process)
        os.close(leader)
    assert code == EXIT_OK


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-"], "mcli-lint: --watch cannot watch standard input\n"),
        (["--statistics", "--format", "sarif", "a.yaml"], "mcli-lint: --statistics prints text or json, not sarif\n"),
    ],
)
def test_wrong_options_end_the_watch_at_once(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (work / "a.yaml").write_text(GOOD)
    assert run(["check", "--watch", *args], capsys) == (EXIT_USAGE, "", message)
