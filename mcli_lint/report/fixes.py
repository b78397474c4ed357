"""What `check --fix` and `check --diff` print besides the diagnostics: diffs, what was fixed, what
--unsafe-fixes would add."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mcli_lint.text import escape

if TYPE_CHECKING:
    from mcli_lint.engine.fix import FixOutcome

__all__ = ["diff", "hidden_line", "notices", "plural", "shown_fixes"]


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def diff(outcome: FixOutcome) -> str:
    """A unified diff from the file as read to the file fixed (empty when nothing is fixed)."""
    if outcome.text is None:
        return ""
    before = outcome.original.splitlines(keepends=True)
    after = outcome.text.splitlines(keepends=True)
    out = []
    path = escape(outcome.path)
    for line in difflib.unified_diff(before, after, fromfile=path, tofile=path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def notices(outcome: FixOutcome, written: bool = True) -> str:
    """The lines (stderr) that say what was fixed in a file (when ``written``), and what was left
    alone and why."""
    shown = escape(outcome.path)
    lines = []
    if outcome.applied and written:
        lines.append(f"{shown}: fixed {', '.join(outcome.fixed)}\n")
    if outcome.message is not None:
        lines.append(f"{shown}: {outcome.message}\n")
    return "".join(lines)


def shown_fixes(outcomes: Sequence[FixOutcome], done: bool = True) -> str:
    """ruff's --show-fixes: every fix made (or, with --diff, that would be), file by file."""
    fixed = [o for o in outcomes if o.applied]
    count = sum(len(o.applied) for o in fixed)
    if not count:
        return "No fixes made.\n" if done else "No fixes would be made.\n"
    head = "Fixed" if done else "Would fix"
    lines = [f"{head} {plural(count, 'problem')}:\n"]
    for outcome in fixed:
        lines.append(f"- {escape(outcome.path)}:\n")
        for item in outcome.applied:
            lines.append(f"    {item.label} ({item.name}): {escape(item.title)}\n")
    return "".join(lines)


def hidden_line(outcomes: Sequence[FixOutcome]) -> str:
    """`N hidden fixes can be enabled with --unsafe-fixes.`, when some are."""
    hidden = sum(o.hidden for o in outcomes)
    if not hidden:
        return ""
    return f"{plural(hidden, 'hidden fix', 'hidden fixes')} can be enabled with --unsafe-fixes.\n"
