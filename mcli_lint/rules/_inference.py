"""The compute inference of a file, computed once and shared by the MCL3xx rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding
from mcli_lint.rules.base import Context

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Outcome


def inference(ctx: Context) -> Outcome:
    """Only for a context with clusters."""
    return ctx.derived(_outcome)


def _outcome(ctx: Context) -> Outcome:
    from mcli_lint.compute.infer import infer_data

    assert ctx.clusters is not None
    return infer_data(ctx.data, ctx.clusters, ctx.failed_paths)


def findings(ctx: Context, kind: str) -> Iterator[Finding]:
    """The inference's problems of one kind (a name of ``infer.Kind``), as findings; none without
    clusters. Each MCL3xx rule reports one kind."""
    if ctx.clusters is None:
        return
    from mcli_lint.compute.infer import Kind

    wanted = Kind[kind]
    for problem in inference(ctx).problems:
        if problem.kind is wanted:
            yield Finding(problem.path, problem.message, problem.help)
