"""MCL403 blanket-suppression: a bare `disable` works, and is reported with the codes it hides."""

from __future__ import annotations

from mcli_lint.engine.lint import lint_text

HEAD = "name: run\nimage: mosaicml/pytorch:latest\ncompute:\n  gpus: 8\n"


def reported(text: str) -> list[tuple[int, int, int, str, str | None]]:
    return [
        (d.span.start.line, d.span.start.column, d.span.end.column, d.message, d.help)
        for d in lint_text(text)
        if d.code == "MCL403"
    ]


def test_a_bare_disable_names_the_codes_it_hides() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: 1  # mcli-lint: disable  # for now\n"
    assert [d.code for d in lint_text(text)] == ["MCL403"]
    assert reported(text) == [
        (
            7,
            18,
            38,
            "`# mcli-lint: disable` without codes disables every rule on this line",
            "name the rules it is for: `# mcli-lint: disable=MCL110,MCL205`",
        )
    ]


def test_on_its_own_line_it_covers_the_next_line() -> None:
    text = HEAD + "command: echo\nenv_variables:\n  # mcli-lint: disable\n  WORLD_SIZE: '1'\n"
    assert reported(text) == [
        (
            7,
            3,
            23,
            "`# mcli-lint: disable` without codes disables every rule on the next line",
            "name the rules it is for: `# mcli-lint: disable=MCL205`",
        )
    ]


def test_hiding_nothing_it_still_asks_for_codes() -> None:
    assert reported(HEAD + "command: echo  # mcli-lint: disable\n") == [
        (
            5,
            16,
            36,
            "`# mcli-lint: disable` without codes disables every rule on this line",
            "name the rules it is for: `# mcli-lint: disable=CODE`",
        )
    ]


def test_named_codes_are_not_blanket() -> None:
    assert reported(HEAD + "command: echo\nenv_variables:\n  WORLD_SIZE: '1'  # mcli-lint: disable=MCL205\n") == []
