"""Input problems at the right place and in the right words: the end of the file, lone CRs, a bare `=`,
a lone surrogate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from tests.cli_helpers import run


def diagnostics(work: Path, content: bytes, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    (work / "a.yaml").write_bytes(content)
    code, out, _ = run(["check", "--format", "json", "a.yaml"], capsys)
    assert code == EXIT_FINDINGS
    found: list[dict[str, object]] = json.loads(out)["diagnostics"]
    return found


def test_a_syntax_error_at_the_end_of_the_file_ends_there(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [found] = diagnostics(work, b"name: a\nimage: b\ncommand: [c", capsys)
    assert (found["code"], found["start"], found["end"]) == (
        "MCL001",
        {"line": 3, "column": 12},
        {"line": 3, "column": 12},
    )


def test_a_key_without_its_colon_is_reported_on_its_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A simple key longer than 1024 characters is refused; the line without its `:` is the one shown.
    line = "{name: '" + "x" * 1100 + "'"
    [found] = diagnostics(work, f"image: i\ncommand: c\n{line}\n".encode(), capsys)
    assert (found["code"], found["start"], found["end"]) == (
        "MCL001",
        {"line": 3, "column": 1},
        {"line": 3, "column": 2},
    )


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
    [found] = diagnostics(work, content, capsys)
    assert (found["code"], found["start"]) == ("MCL005", {"line": line, "column": column})


@pytest.mark.parametrize("value", ["=", "[=]"])
def test_a_bare_equals_sign_is_told_to_be_quoted(work: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    [found] = diagnostics(work, f"name: a\nimage: b\ncommand: {value}\n".encode(), capsys)
    assert (found["code"], found["message"], found["help"]) == (
        "MCL001",
        "a plain `=` is YAML 1.1's value indicator, which mcli's loader cannot build",
        'quote it to write the text: "="',
    )


@pytest.mark.parametrize(
    ("written", "shown", "code_point"),
    [("a\\ud800", "a\\ud800", "D800"), ("\\udfff", "\\udfff", "DFFF"), ("\\ud83d\\ude00", "\\ud83d\\ude00", "D83D")],
)
def test_a_lone_surrogate_is_an_error(
    work: Path, capsys: pytest.CaptureFixture[str], written: str, shown: str, code_point: str
) -> None:
    [found] = diagnostics(work, f'name: a\nimage: b\ncommand: "{written}"\ncompute: {{gpus: 1}}\n'.encode(), capsys)
    assert (found["code"], found["severity"], found["start"]) == ("MCL001", "error", {"line": 3, "column": 10})
    assert found["message"] == (
        f"'{shown}' holds U+{code_point}, half of a UTF-16 surrogate pair: no UTF-8 text can carry it,"
        " so the run cannot be sent"
    )


def test_a_code_point_escape_outside_the_surrogates_is_read(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a.yaml").write_text('name: a\nimage: b\ncommand: "echo \\U0001F600 \\u00e9"\ncompute: {gpus: 1}\n')
    assert run(["check", "a.yaml"], capsys)[:2] == (0, "No problems in 1 file.\n")


def test_an_alias_as_a_key_is_reported_where_the_alias_is(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "name: a\nimage: b\ncommand: c\nparameters:\n  x: &k gpuz\n  *k : 1\ncompute:\n  gpus: 1\n  *k : 3\n"
    (work / "a.yaml").write_text(text)
    assert run(["check", "--no-show-source", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:9:3: MCL102 unknown field `gpuz` in `compute`; did you mean `gpus`?\n  help: rename it to `gpus`\n"
        "Found 1 error and 0 warnings in 1 file.\n",
    )
    text = "name: a\nimage: b\ncommand: c\nx: &k key\nparameters:\n  *k : 1\n  other: 2\n  *k : 3\n"
    (work / "a.yaml").write_text(text)
    assert run(["check", "--no-show-source", "--select", "MCL002", "a.yaml"], capsys)[:2] == (
        EXIT_FINDINGS,
        "a.yaml:8:3: MCL002 duplicate key 'key' (first at line 6); mcli silently keeps the last one\n"
        "  help: remove one of the two\nFound 1 error and 0 warnings in 1 file.\n",
    )
