"""Reporters: diagnostics in, text out. They render and do nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mcli_lint.diagnostics import Diagnostic, Severity


@dataclass(frozen=True)
class Summary:
    files: int
    errors: int
    warnings: int
    # Files left alone because they are not run files.
    skipped: int = 0


def summarize(files: int, diagnostics: Sequence[Diagnostic], skipped: int = 0) -> Summary:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return Summary(files, errors, len(diagnostics) - errors, skipped)
