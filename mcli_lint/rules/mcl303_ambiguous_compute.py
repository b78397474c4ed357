"""The compute the run asks for fits several instances, or several sizes of one.

## What it does
With a clusters file, reports a compute request that still leaves more than one candidate: it
lists them (by cluster, then instance) and names the field that would pick one. A request with
neither `gpus` nor `nodes` is complete only when exactly one instance fits and it has exactly one
legal GPU count. `mcli-lint infer` documents the exact rules (docs/infer.md).

## Why is this bad?
The platform refuses a run whose compute still has several options: "if there are multiple options
still available, an error will be raised on run submissions, and the run will not be created."

## Example
```yaml
name: which-one
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:5:3: MCL303 `compute` matches 2 instances: a100-8x on r1z1 (a100_80gb), h100-8x on r7z2 (h100_80gb)
  help: set `cluster`, `instance` or `gpu_type` to pick one
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: this-one
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r7z2
  gpus: 8
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import either, findings, gpu_kind, label
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import numbers

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Candidate, Problem


def words(problem: Problem, request: Request) -> tuple[str, str | None]:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import Several, Unsized

    reason = problem.reason
    if isinstance(reason, Unsized):
        return (
            f"`compute` does not say how many GPUs: instance {label(reason.place)} takes {numbers(reason.sizes)}",
            "set `gpus` (or `nodes`) to pick one",
        )
    assert isinstance(reason, Several)
    count = len(reason.candidates)
    listed = ", ".join(f"{label(c.offer.place)} ({gpu_kind(c.offer)}{_sizes(c)})" for c in reason.candidates)
    if request.paths:
        message = f"`compute` matches {count} instances: {listed}"
    else:
        message = f"nothing in the run narrows its compute, and {count} instances could take it: {listed}"
    pickers = either(reason.pickers, "and" if reason.together else "or")
    then = ", then `gpus` (or `nodes`) for its size" if any(len(c.sizes) > 1 for c in reason.candidates) else ""
    return message, f"set {pickers} to pick one{then}"


def _sizes(candidate: Candidate) -> str:
    return f": {numbers(candidate.sizes)} GPUs" if len(candidate.sizes) > 1 else ""


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name, words)


RULE = Rule("MCL303", "ambiguous-compute", Severity.ERROR, check, __doc__, needs_clusters=True)
