"""Text edits land on the characters diagnostics point at, whatever the file's line endings and BOM."""

from __future__ import annotations

from mcli_lint.diagnostics import Edit, Position
from mcli_lint.edit.text_edits import apply_edits


def test_edits_in_lines_and_whole_lines() -> None:
    text = "a: 1  # x\nb: 2\nc: 3\n"
    edits = [
        Edit(Position(1, 5), Position(1, 10)),
        Edit(Position(2, 1), Position(3, 1)),
        Edit(Position(3, 4), Position(3, 5), "4"),
    ]
    assert apply_edits(text, edits) == "a: 1\nc: 4\n"


def test_line_endings_and_bom_are_kept() -> None:
    assert (
        apply_edits("\ufeffa: 1  # x\r\nb: 2\rc: 3", [Edit(Position(1, 5), Position(1, 10))])
        == "\ufeffa: 1\r\nb: 2\rc: 3"
    )
    assert apply_edits("a\r\nb\rc\n", [Edit(Position(2, 1), Position(3, 1))]) == "a\r\nc\n"


def test_the_last_line_without_a_newline_can_go() -> None:
    assert apply_edits("a: 1\n# x", [Edit(Position(2, 1), Position(3, 1))]) == "a: 1\n"


def test_overlapping_edits_are_refused() -> None:
    assert apply_edits("abcdef\n", [Edit(Position(1, 1), Position(1, 4)), Edit(Position(1, 3), Position(1, 5))]) is None
