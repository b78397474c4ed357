"""GitHub Actions workflow commands: one ``::error``/``::warning`` annotation per diagnostic."""

from __future__ import annotations

from collections.abc import Sequence

from mcli_lint.diagnostics import Diagnostic
from mcli_lint.report import Summary
from mcli_lint.text import escape


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    lines = []
    for d in diagnostics:
        start, end = d.span.start, d.span.end
        properties = ",".join(
            [
                f"file={_property(escape(d.path))}",
                f"line={start.line}",
                f"col={start.column}",
                f"endLine={end.line}",
                f"endColumn={end.column}",
                f"title={_property(f'{d.code} {d.name}')}",
            ]
        )
        # Hidden characters (an ESC in a file name, bidi controls) are shown as escapes, never sent raw.
        message = escape(d.message) + (f"\nhelp: {escape(d.help)}" if d.help else "")
        lines.append(f"::{d.severity.value} {properties}::{_data(message)}")
    return "".join(line + "\n" for line in lines)
