"""The compute inference outcome of a file, as the findings of the MCL3xx rules."""

from __future__ import annotations

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding
from mcli_lint.rules.base import Context


def findings(ctx: Context, name: str) -> Iterator[Finding]:
    """The inference's problems of one kind (a kind is named as the rule that reports it); none
    without clusters."""
    if ctx.inference is None:
        return
    for problem in ctx.inference.problems:
        if problem.kind == name:
            yield Finding(problem.path, problem.message, problem.help)
