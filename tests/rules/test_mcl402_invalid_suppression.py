"""MCL402 invalid-suppression: comments meant as directives that disable nothing, each with its reason."""

from __future__ import annotations

import pytest

from mcli_lint.engine.lint import lint_text

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncompute:\n  gpus: 8\n"
USAGE = "write `# mcli-lint: disable=CODE` for one line, or `# mcli-lint: disable-file=CODE` at the top of the file"


def reported(text: str) -> list[tuple[int, int, int, str, str | None]]:
    return [
        (d.span.start.line, d.span.start.column, d.span.end.column, d.message, d.help)
        for d in lint_text(text)
        if d.code == "MCL402"
    ]


@pytest.mark.parametrize(
    ("comment", "end", "message"),
    [
        ("# mcli-lint: disabel=MCL205", 43, "unknown directive `disabel`"),
        ("# mcli-lint: enable=MCL205", 42, "unknown directive `enable`"),
        ("# mcli-lint: disable MCL205", 43, "`disable` needs `=` before the codes"),
        ("# mcli-lint: disable=", 37, "`disable=` names no rule"),
        ("# mcli-lint:", 28, "a `mcli-lint:` comment without a directive"),
    ],
)
def test_a_comment_that_is_not_a_directive(comment: str, end: int, message: str) -> None:
    assert reported(HEAD + f"command: echo  {comment}\n") == [(5, 16, end, message, USAGE)]


def test_unknown_codes_and_names_are_each_reported() -> None:
    text = HEAD + "command: echo  # mcli-lint: disable=MCL999,reserved-envs, MCL2\n"
    assert reported(text) == [
        (5, 37, 43, "unknown rule `MCL999` in a suppression comment", "`mcli-lint rules` lists them"),
        (5, 44, 57, "unknown rule `reserved-envs` in a suppression comment", "did you mean `reserved-env`?"),
        (5, 59, 63, "unknown rule `MCL2` in a suppression comment", "`mcli-lint rules` lists them"),
    ]


def test_an_unknown_name_does_not_stop_the_known_ones() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=nope,MCL205\n"
    assert [(d.code, d.span.start.column) for d in lint_text(text)] == [("MCL402", 41)]


def test_a_broken_directive_disables_nothing() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable MCL205\n"
    assert [(d.code, d.span.start.line, d.span.start.column) for d in lint_text(text)] == [
        ("MCL205", 7, 3),
        ("MCL402", 7, 20),
    ]


def test_disable_file_after_the_first_key() -> None:
    text = HEAD + "command: echo  # mcli-lint: disable-file=MCL201\n"
    assert reported(text) == [
        (
            5,
            16,
            48,
            "`disable-file` works only at the top of the file, above the first key",
            "move it there, or use `disable` for this line alone",
        )
    ]
