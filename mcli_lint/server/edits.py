"""A whole new text as the few line edits that turn the old one into it, so the editor keeps the cursor."""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from mcli_lint.server.positions import units

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def lines_with_ends(text: str) -> list[str]:
    """The lines as LSP counts them, each with its line ending."""
    return _LINE.findall(text)


# A changed run of lines: old lines [i1, i2) become new lines [j1, j2).
Hunk = tuple[int, int, int, int]


def hunks(before: list[str], after: list[str]) -> list[Hunk]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def applied(before: list[str], after: list[str], chosen: list[Hunk]) -> str:
    """The old text with only the ``chosen`` hunks made."""
    out, at = [], 0
    for i1, i2, j1, j2 in chosen:
        out += before[at:i1] + after[j1:j2]
        at = i2
    return "".join(out + before[at:])


def as_edits(before: list[str], after: list[str], chosen: list[Hunk], encoding: str) -> list[types.TextEdit]:
    return [
        types.TextEdit(
            types.Range(_start_of(before, i1, encoding), _start_of(before, i2, encoding)), "".join(after[j1:j2])
        )
        for i1, i2, j1, j2 in chosen
    ]


def text_edits(old: str, new: str, encoding: str) -> list[types.TextEdit]:
    before, after = lines_with_ends(old), lines_with_ends(new)
    return as_edits(before, after, hunks(before, after), encoding)


def _start_of(lines: list[str], index: int, encoding: str) -> types.Position:
    """Where line ``index`` starts; past an unterminated last line, the end of that line."""
    if index == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        return types.Position(index - 1, units(lines[-1], encoding))
    return types.Position(index, 0)
