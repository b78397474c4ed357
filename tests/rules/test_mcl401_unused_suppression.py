"""MCL401 unused-suppression: where it reports, what it says, and the fix `check --fix` makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcli_lint.cli import EXIT_FINDINGS, EXIT_OK
from mcli_lint.config import Config
from mcli_lint.engine.fix import fix_text
from mcli_lint.engine.lint import lint_text
from tests.cli_helpers import run

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncompute:\n  gpus: 8\n"


def unused(text: str) -> list[tuple[int, int, int, str, str | None]]:
    return [
        (d.span.start.line, d.span.start.column, d.span.end.column, d.message, d.help)
        for d in lint_text(text)
        if d.code == "MCL401"
    ]


def test_a_code_that_reports_nothing_on_its_line() -> None:
    assert unused(HEAD + "command: echo  # mcli-lint: disable=MCL205\n") == [
        (
            5,
            37,
            43,
            "unused suppression: nothing on this line reports `MCL205`",
            "remove the directive (`mcli-lint check --fix` does)",
        )
    ]


def test_some_codes_of_several() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=MCL212, MCL205,env-name\n"
    assert unused(text) == [
        (
            7,
            41,
            64,
            "unused suppression: nothing on this line reports `MCL212` or `env-name`",
            "remove `MCL212` and `env-name` from the directive (`mcli-lint check --fix` does)",
        )
    ]


def test_the_next_line_and_the_file() -> None:
    text = "# mcli-lint: disable-file=MCL210\n" + HEAD + "# mcli-lint: disable=MCL205\ncommand: echo\n"
    assert unused(text) == [
        (
            1,
            27,
            33,
            "unused suppression: nothing in this file reports `MCL210`",
            "remove the directive (`mcli-lint check --fix` does)",
        ),
        (
            6,
            22,
            28,
            "unused suppression: nothing on the next line reports `MCL205`",
            "remove the directive (`mcli-lint check --fix` does)",
        ),
    ]


def test_a_bare_directive_that_hides_nothing() -> None:
    assert unused(HEAD + "command: echo  # mcli-lint: disable\n") == [
        (
            5,
            16,
            36,
            "unused suppression: `# mcli-lint: disable` hides nothing on this line",
            "remove the directive (`mcli-lint check --fix` does)",
        )
    ]


def test_used_unknown_and_broken_directives_are_not_unused() -> None:
    text = (
        HEAD
        + "command: echo\nenv_variables:\n"
        + "  WORLD_SIZE: '1'  # mcli-lint: disable=MCL205,MCL999\n"
        + "  X: y  # mcli-lint: disabel=MCL205\n"
    )
    assert unused(text) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Alone on its line: the line goes.
        ("# mcli-lint: disable=MCL205\ncommand: echo\n", "command: echo\n"),
        # At the end of a line: the comment and the blanks before it go.
        ("command: echo  # mcli-lint: disable=MCL205\n", "command: echo\n"),
        # After other words in the same comment: only the directive goes.
        ("command: echo  # kept # mcli-lint: disable=MCL205  # why\n", "command: echo  # kept\n"),
        # Some codes used, some not: only the unused ones go, the separator kept.
        (
            "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=MCL212, MCL205  # set by hand\n",
            "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=MCL205  # set by hand\n",
        ),
        # An unknown code is not removed (MCL402 reports it).
        ("command: echo  # mcli-lint: disable=MCL999,MCL205\n", "command: echo  # mcli-lint: disable=MCL999\n"),
    ],
    ids=["own-line", "end-of-line", "after-words", "some-codes", "unknown-kept"],
)
def test_the_fix_removes_what_is_unused(before: str, after: str) -> None:
    outcome = fix_text(HEAD + before, Config())
    assert outcome.text == HEAD + after
    assert outcome.fixed == (f"MCL401 line {5 if 'env_variables' not in before else 7}",)


def test_the_fix_keeps_crlf_and_the_bom() -> None:
    text = (
        "\ufeff# mcli-lint: disable-file=MCL205\r\n"
        + HEAD.replace("\n", "\r\n")
        + "command: echo  # mcli-lint: disable\r\n"
    )
    outcome = fix_text(text, Config())
    assert outcome.fixed == ("MCL401 line 1", "MCL401 line 6")
    assert outcome.text == "\ufeff" + HEAD.replace("\n", "\r\n") + "command: echo\r\n"


def test_check_fix_writes_the_file(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_bytes((HEAD + "command: echo  # mcli-lint: disable=MCL205\n").encode())
    assert run(["check", "--no-show-source", "run.yaml"], capsys)[0] == EXIT_OK  # a warning does not fail
    assert run(["check", "--fix", "--no-show-source", "run.yaml"], capsys) == (
        EXIT_OK,
        "No problems in 1 file.\n",
        "run.yaml: fixed MCL401 line 5\n",
    )
    assert (work / "run.yaml").read_bytes() == (HEAD + "command: echo\n").encode()


def test_strict_fails_on_it(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "run.yaml").write_text(HEAD + "command: echo  # mcli-lint: disable=MCL205\n")
    assert run(["check", "--strict", "--no-show-source", "run.yaml"], capsys) == (
        EXIT_FINDINGS,
        "run.yaml:5:37: MCL401 unused suppression: nothing on this line reports `MCL205`\n"
        "  help: remove the directive (`mcli-lint check --fix` does)\n"
        "Found 0 errors and 1 warning in 1 file.\n",
        "",
    )
