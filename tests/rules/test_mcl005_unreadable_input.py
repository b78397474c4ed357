"""MCL005 unreadable-input: a file that cannot be read as text, at the first byte that says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from mcli_lint.config import Config
from mcli_lint.engine.lint import lint_path
from tests.cli_helpers import run
from tests.rules.helpers import Seen


def linted(path: Path) -> list[Seen]:
    return [
        (d.code, d.span.start.line, d.span.start.column, d.span.end.line, d.span.end.column, d.message, d.help)
        for d in lint_path(str(path), Config())
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"name: caf\xe9\n",
            (
                1,
                10,
                1,
                11,
                "not UTF-8 text: byte 0xe9 cannot be decoded",
                "mcli reads run files as UTF-8; save the file as UTF-8",
            ),
        ),
        ("name: a\n".encode("utf-16"), (1, 1, 1, 1, "file is UTF-16 text; mcli reads UTF-8 only", "save it as UTF-8")),
        (b"name: a\x00\n", (1, 8, 1, 9, "binary data: the file contains a NUL byte", None)),
        (b"name: a\x07\n", (1, 8, 1, 9, "contains the non-printable character U+0007", None)),
    ],
    ids=["latin-1", "utf-16", "nul", "bell"],
)
def test_bytes_that_are_not_run_text(tmp_path: Path, content: bytes, expected: tuple[object, ...]) -> None:
    (tmp_path / "run.yaml").write_bytes(content)
    assert linted(tmp_path / "run.yaml") == [("MCL005", *expected)]


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    assert linted(tmp_path / "missing.yaml") == [("MCL005", 1, 1, 1, 1, "no such file", None)]
    assert linted(tmp_path / "dir.yaml") == [("MCL005", 1, 1, 1, 1, "is a directory, not a file", None)]


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [
        (b"name: a\rimage: b\rcommand: c\r\xff\n", 4, 1),
        (b"name: a\r\nimage: b\rcommand: \xff\n", 3, 10),
        (b"name: a\rimage: b\x00\n", 2, 9),
    ],
    ids=["lone-cr", "mixed", "nul"],
)
def test_unreadable_bytes_count_lone_crs_as_line_ends(
    work: Path, capsys: pytest.CaptureFixture[str], content: bytes, line: int, column: int
) -> None:
    (work / "a.yaml").write_bytes(content)
    code, out, _ = run(["check", "--format", "json", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    [found] = json.loads(out)["diagnostics"]
    assert (found["code"], found["start"]) == ("MCL005", {"line": line, "column": column})
