"""Rules' text edits applied to a file's text, its line endings and BOM kept as they are."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from mcli_lint.diagnostics import Edit, Position

# The line breaks YAML counts, which diagnostics' line numbers follow.
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
BOM = "\ufeff"


def _spans(text: str, edits: Iterable[Edit]) -> list[tuple[int, int, str]]:
    """Each edit as (start, end, replacement) offsets into ``text``, in order."""
    starts = [0] + [match.end() for match in _BREAKS.finditer(text)]
    skip = 1 if text.startswith(BOM) else 0  # columns on the first line count after the BOM

    def offset(position: Position) -> int:
        if position.line > len(starts):
            return len(text)
        line_start = starts[position.line - 1] + (skip if position.line == 1 else 0)
        return min(line_start + position.column - 1, len(text))

    return sorted((offset(edit.start), offset(edit.end), edit.text) for edit in edits)


def overlapping(text: str, edits: Iterable[Edit]) -> bool:
    """Whether two of the edits touch the same characters (or insert at the same place)."""
    spans = _spans(text, edits)
    return any(
        later[0] < earlier[1] or (later[0] == earlier[0] and earlier[0] in (earlier[1], later[1]))
        for earlier, later in itertools.pairwise(spans)
    )


def apply_edits(text: str, edits: Iterable[Edit]) -> str | None:
    """``text`` with every edit made, or None when two edits overlap (then none is made)."""
    out: list[str] = []
    done = 0
    for start, end, replacement in _spans(text, edits):
        if start < done:
            return None
        out.append(text[done:start])
        out.append(replacement)
        done = end
    out.append(text[done:])
    return "".join(out)
