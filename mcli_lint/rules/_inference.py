"""The compute inference of a file, computed once and shared by the MCL3xx rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcli_lint.rules.base import Context

if TYPE_CHECKING:
    from mcli_lint.infer import Outcome


def inference(ctx: Context) -> Outcome:
    """Only for a context with clusters."""
    return ctx.derived(_outcome)


def _outcome(ctx: Context) -> Outcome:
    from mcli_lint.infer import infer_data

    assert ctx.clusters is not None
    return infer_data(ctx.data, ctx.clusters, ctx.failed_paths)
