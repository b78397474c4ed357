"""A malformed configuration is one line naming the file and the problem, exit 2, in every command."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_USAGE
from tests.cli_helpers import run

CLEAN = "name: ok\nimage: mosaicml/pytorch:latest\ncommand: echo hi\ncompute:\n  gpus: 8\n"
COMMANDS = [
    ["check", "a.yaml"],
    ["check", "--fix", "a.yaml"],
    ["fmt", "a.yaml"],
    ["infer", "--clusters", "clusters.json", "a.yaml"],
    ["to-python", "a.yaml"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: " ".join(args[:2]))
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (b"tool = 1\n", "[tool] must be a table"),
        (b"[tool]\nmcli-lint = 1\n", "[tool.mcli-lint] must be a table"),
        (b"\xff = 1\n", "not UTF-8 text: byte 0xff cannot be decoded"),
        (
            b"[tool.mcli-lint]\nmax-file-size = 100000000000000000000000000\n",
            "[tool.mcli-lint] max-file-size must be at most 1073741824",
        ),
        (b"[tool.mcli-lint]\nmax-depth = 100000\n", "[tool.mcli-lint] max-depth must be at most 256"),
        (b"[tool.mcli-lint]\nmax-nodes = 1000000000\n", "[tool.mcli-lint] max-nodes must be at most 100000000"),
        (
            b'[tool.mcli-lint]\nclusters = "\\u0000"\n',
            "[tool.mcli-lint] clusters must be a file path, without NUL characters",
        ),
        (b'[tool.mcli-lint]\n"\\u001b[2J" = 1\n', "[tool.mcli-lint]: unknown setting '\\x1b[2J'"),
    ],
)
def test_malformed_configuration_is_one_line_exit_2(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], config: bytes, message: str
) -> None:
    (work / "pyproject.toml").write_bytes(config)
    (work / "a.yaml").write_text(CLEAN)
    (work / "clusters.json").write_text('{"clusters": [{"name": "c", "gpu_types": ["a100_80gb"]}]}')
    code, out, err = run(args, capsys)
    assert (code, out) == (EXIT_USAGE, "")
    assert err == f"mcli-lint: {work / 'pyproject.toml'}: {message}\n"
    assert (work / "a.yaml").read_text() == CLEAN
