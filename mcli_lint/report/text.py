"""The report for people: ``path:line:col: CODE message``, optionally the source with ``^~~``."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from mcli_lint.diagnostics import Diagnostic, Severity
from mcli_lint.report import Summary
from mcli_lint.text import escape

_RED, _YELLOW, _BOLD, _CYAN, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[36m", "\033[0m"
_TAB = 4


def _width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _display(line: str) -> tuple[str, list[int]]:
    """The line as shown (tabs expanded, hidden characters escaped) and each column's offset."""
    shown: list[str] = []
    offsets = []
    width = 0
    for char in line:
        offsets.append(width)
        piece = " " * (_TAB - width % _TAB) if char == "\t" else escape(char)
        shown.append(piece)
        width += sum(_width(c) for c in piece)
    offsets.append(width)
    return "".join(shown), offsets


# A long line is shown as this many characters around the diagnostic (a 9 MB value must print as
# fast as a short one), with an ellipsis where it is cut.
_SHOWN = 160
_BEFORE = 40
_CUT = "\u2026"


def _snippet(d: Diagnostic, line: str, color: bool) -> list[str]:
    start = min(d.span.start.column - 1, len(line))
    if d.span.end.line == d.span.start.line and d.span.end.column > d.span.start.column:
        end = min(d.span.end.column - 1, len(line))
    else:
        end = len(line.rstrip())
    end = max(end, start + 1)
    first = max(0, min(start - _BEFORE, len(line) - _SHOWN)) if len(line) > _SHOWN else 0
    piece = line[first : first + _SHOWN]
    shown, offsets = _display(piece)
    lead = _CUT if first else ""
    if first + _SHOWN < len(line):
        shown += _CUT
    start, end = start - first, min(end - first, len(piece))
    pad = offsets[start] + len(lead)
    length = max(offsets[max(end, start)] + len(lead) - pad, 1)
    number = str(d.span.start.line)
    gutter = " " * len(number)
    marker = "^" + "~" * (length - 1)
    if color:
        marker = (_RED if d.severity is Severity.ERROR else _YELLOW) + marker + _RESET
    return [f"{gutter} |", f"{number} | {lead}{shown}", f"{gutter} | {' ' * pad}{marker}"]


def render(
    diagnostics: Sequence[Diagnostic],
    summary: Summary,
    source: Callable[[str], list[str] | None] | None = None,
    color: bool = False,
    notes: Sequence[tuple[str, str]] = (),
    summary_line: bool = True,
) -> str:
    """The report; ``notes`` are (path, note) lines about files that were not linted."""
    out: list[str] = []
    for d in diagnostics:
        code = d.code
        if color:
            tint = _RED if d.severity is Severity.ERROR else _YELLOW
            code = f"{tint}{_BOLD}{d.code}{_RESET}"
        head = f"{escape(d.path)}:{d.span.start.line}:{d.span.start.column}: {code} {d.message}"
        out.append(head)
        lines = source(d.path) if source is not None else None
        if lines is not None and 0 < d.span.start.line <= len(lines):
            out.extend(_snippet(d, lines[d.span.start.line - 1], color))
        if d.help:
            label = f"{_CYAN}help{_RESET}" if color else "help"
            out.append(f"  {label}: {d.help}")
        if lines is not None:
            out.append("")
    out.extend(f"{escape(path)}: {note}" for path, note in notes)
    if summary_line:
        out.append(_summary_line(summary))
    return "".join(line + "\n" for line in out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary_line(summary: Summary) -> str:
    files = _plural(summary.files, "file")
    if summary.skipped:
        files += f" checked, {summary.skipped} skipped (not run files)"
    if not summary.errors and not summary.warnings:
        return f"No problems in {files}."
    return f"Found {_plural(summary.errors, 'error')} and {_plural(summary.warnings, 'warning')} in {files}."
