"""MCL001 yaml-syntax: where a file stops being YAML, in plain words, with the parser's own at the end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcli_lint.commands import EXIT_FINDINGS
from tests.cli_helpers import run
from tests.rules.helpers import HEAD, reported

TOP = "name: run\nimage: b\ncommand: c\n"


def test_an_unclosed_quote_is_reported_where_the_file_ends() -> None:
    assert reported(TOP.replace("command: c", "command: 'echo")) == [
        (
            "MCL001",
            4,
            1,
            4,
            1,
            "a quoted value is never closed",
            "add the closing quote (the parser says: found unexpected end of stream (while scanning a quoted scalar))",
        )
    ]


def test_a_colon_space_inside_a_plain_value() -> None:
    assert reported(TOP + "parameters:\n  a: b: c\n") == [
        (
            "MCL001",
            5,
            7,
            5,
            8,
            "a `: ` where YAML does not expect one: a value that holds `: ` must be quoted",
            "quote the value, or put the key on its own line with the value indented below it"
            " (the parser says: mapping values are not allowed here)",
        )
    ]


def test_a_trailing_tab() -> None:
    assert reported("a: b\t\n") == [
        (
            "MCL001",
            1,
            5,
            1,
            6,
            "a tab where YAML's parser (mcli's) expects a value or the end of the line",
            "remove the tab, or use spaces (the parser says: found character '\\t' that cannot start any token"
            " (while scanning for the next token))",
        )
    ]


def test_an_unclosed_flow_mapping() -> None:
    assert reported(HEAD + "parameters: {a: 1\n") == [
        (
            "MCL001",
            7,
            1,
            7,
            1,
            "a `{` mapping is not closed, or its entries are not separated by commas",
            "close it with `}`, and separate entries with `, ` (the parser says: expected ',' or '}',"
            " but got '<stream end>' (while parsing a flow mapping))",
        )
    ]


def test_a_date_that_does_not_exist() -> None:
    assert reported(HEAD + "parameters:\n  when: 2024-02-30\n") == [
        ("MCL001", 7, 9, 7, 10, "cannot read '2024-02-30' as !!timestamp: day is out of range for month", None)
    ]


# --- through `check --format json` ----------------------------------------------------------------


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
