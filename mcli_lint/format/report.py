"""What ``mcli-lint fmt`` prints: a status line per file and a summary (stderr), diffs (stdout)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from mcli_lint.format import FileOutcome, Status
from mcli_lint.rules import describe
from mcli_lint.text import escape

__all__ = ["Rendered", "diff", "render"]


@dataclass(frozen=True)
class Rendered:
    stdout: str
    stderr: str


def diff(outcome: FileOutcome) -> str:
    """A unified diff from the file as read to the file as formatted (empty when they are the same)."""
    before = outcome.original.splitlines(keepends=True)
    after = outcome.formatted.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(before, after, fromfile=outcome.path, tofile=outcome.path):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(outcomes: Sequence[FileOutcome], writing: bool) -> str:
    count = {status: sum(1 for o in outcomes if o.status is status) for status in Status}
    failed = count[Status.PROBLEMS] + count[Status.REFUSED]
    if writing:
        parts = [f"{_plural(count[Status.REFORMATTED], 'file')} reformatted"]
        parts.append(f"{_plural(count[Status.UNCHANGED], 'file')} left unchanged")
    else:
        would = count[Status.REFORMATTED]
        parts = [f"{_plural(would, 'file')} would be reformatted"]
        parts.append(f"{_plural(count[Status.UNCHANGED], 'file')} already formatted")
    if failed:
        parts.append(f"{_plural(failed, 'file')} not formatted")
    if count[Status.SKIPPED]:
        parts.append(f"{count[Status.SKIPPED]} skipped (not run files)")
    return ", ".join(parts) + ".\n"


def render(outcomes: Sequence[FileOutcome], writing: bool, show_diff: bool, stdin: bool = False) -> Rendered:
    """Status lines and summary for files; for stdin (whose formatted text is the output) only problems."""
    stdout: list[str] = []
    stderr: list[str] = []
    for outcome in outcomes:
        shown = escape(outcome.path)
        if outcome.status is Status.PROBLEMS:
            for problem in outcome.problems:
                where = f"{problem.span.start.line}:{problem.span.start.column}"
                said = describe(problem)
                stderr.append(f"{shown}:{where}: {said.code} {said.message}\n")
        elif outcome.status is Status.REFUSED or (outcome.status is Status.SKIPPED and outcome.message):
            stderr.append(f"{shown}: {outcome.message}\n")
        elif outcome.status is Status.REFORMATTED and not (stdin and writing):
            stderr.append(f"{'reformatted' if writing else 'would reformat'} {shown}\n")
            if show_diff:
                stdout.append(diff(outcome))
    if not stdin:
        stderr.append(_summary(outcomes, writing))
    return Rendered("".join(stdout), "".join(stderr))
