"""Problems found while reading and parsing a file, before any rule runs."""

from __future__ import annotations

from dataclasses import dataclass

from mcli_lint.diagnostics import Position, Span

START = Span(Position(1, 1), Position(1, 1))


@dataclass(frozen=True)
class LoadProblem:
    code: str
    message: str
    span: Span = START
    help: str | None = None
    # A fatal problem means there is no data to check.
    fatal: bool = True


def position_of_offset(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Position(line, offset - line_start + 1)


def point(position: Position) -> Span:
    return Span(position, Position(position.line, position.column + 1))
