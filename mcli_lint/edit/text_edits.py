"""Rules' text edits applied to a file's text, its line endings and BOM kept as they are."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcli_lint.diagnostics import Edit, Position

# The line breaks YAML counts, which diagnostics' line numbers follow.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
BOM = "\ufeff"


def apply_edits(text: str, edits: Iterable[Edit]) -> str | None:
    """``text`` with every edit made, or None when two edits overlap (then none is made)."""
    starts = [0] + [match.end() for match in _BREAKS.finditer(text)]
    skip = 1 if text.startswith(BOM) else 0  # columns on the first line count after the BOM

    def offset(position: Position) -> int:
        if position.line > len(starts):
            return len(text)
        line_start = starts[position.line - 1] + (skip if position.line == 1 else 0)
        return min(line_start + position.column - 1, len(text))

    spans = sorted((offset(edit.start), offset(edit.end), edit.text) for edit in edits)
    out: list[str] = []
    done = 0
    for start, end, replacement in spans:
        if start < done:
            return None
        out.append(text[done:start])
        out.append(replacement)
        done = end
    out.append(text[done:])
    return "".join(out)
