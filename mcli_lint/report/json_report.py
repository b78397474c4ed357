"""The JSON report: a stable, versioned interface (``"version": 1``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mcli_lint.diagnostics import Diagnostic, Fix
from mcli_lint.report import Summary

VERSION = 1


def fix_data(fix: Fix | None) -> dict[str, Any] | None:
    """The rule's fix (ruff's shape): its safety, its title, and its edits on the file as read."""
    if fix is None or not fix.available:
        return None
    return {
        "applicability": fix.applicability.value,
        "message": fix.title,
        "edits": [
            {
                "start": {"line": edit.start.line, "column": edit.start.column},
                "end": {"line": edit.end.line, "column": edit.end.column},
                "content": edit.text,
            }
            for edit in fix.edits
        ],
    }


def diagnostic_data(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "help": d.help,
        "pointer": d.pointer,
        "start": {"line": d.span.start.line, "column": d.span.start.column},
        "end": {"line": d.span.end.line, "column": d.span.end.column},
        "fix": fix_data(d.fix),
    }


def render(diagnostics: Sequence[Diagnostic], summary: Summary, skipped: Sequence[tuple[str, str, str]] = ()) -> str:
    """The report; ``skipped`` are (path, what, reason) of files that were not linted."""
    report = {
        "version": VERSION,
        "diagnostics": [diagnostic_data(d) for d in diagnostics],
        "skipped": [{"path": path, "what": what, "reason": reason} for path, what, reason in skipped],
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "skipped": summary.skipped,
        },
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
