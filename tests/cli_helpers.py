"""Running the command in-process, through its real entry point, for the CLI tests."""

from __future__ import annotations

import pytest

from mcli_lint.cli import main


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of ``mcli-lint ARGS``."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err
