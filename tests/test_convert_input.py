"""to-yaml reads its input as safely as the linter reads run files: no blocking, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run


def test_a_fifo_is_refused_without_blocking(work: Path) -> None:
    os.mkfifo(work / "config.py")
    done = subprocess.run(
        [sys.executable, "-m", "mcli_lint", "to-yaml", "config.py"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (1, "config.py:1:1: not a regular file (a FIFO)\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"config = RunConfig(name='a\x00')\n", "config.py:1:27: binary data: the file contains a NUL byte\n"),
        (b"config = RunConfig(name='\xff')\n", "config.py:1:26: not UTF-8 text: byte 0xff cannot be decoded\n"),
        (
            b"config = RunConfig(name=" + b"(" * 300 + b"1" + b")" * 300 + b")\n",
            "config.py:1:224: not valid Python: too many nested parentheses\n",
        ),
    ],
)
def test_unreadable_python_is_a_positioned_message(
    work: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    (work / "config.py").write_bytes(content)
    assert run(["to-yaml", "config.py"], capsys) == (1, "", message)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "config = RunConfig(name='a', parameters={[1]: 2})\n",
            "config.py:1:42: a list cannot be a dict key or a set item\n",
        ),
        (
            "config = RunConfig(name='a', parameters={1, [2]})\n",
            "config.py:1:45: a list cannot be a dict key or a set item\n",
        ),
        (
            "config = RunConfig(name='a', parameters={(1, {}): 2})\n",
            "config.py:1:42: a tuple cannot be a dict key or a set item\n",
        ),
        (
            f"config = RunConfig(name=0x{'f' * 3572})\n",
            "config.py:1:25: an integer of more than 4300 digits cannot be written as YAML\n",
        ),
    ],
)
def test_literals_yaml_cannot_hold_are_refused_where_written(
    work: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (work / "config.py").write_text(content)
    assert run(["to-yaml", "config.py"], capsys) == (1, "", message)


def test_the_largest_integer_python_spells_out_is_converted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "config.py").write_text(f"config = RunConfig(name='a', parameters={{'n': -0x{'f' * 3571}}})\n")
    code, out, err = run(["to-yaml", "config.py"], capsys)
    assert (code, err) == (0, "")
    assert out == f"name: a\nparameters:\n  n: {-(16**3571 - 1)}\n"
