"""`compute.cluster` names no cluster in the clusters file.

## What it does
With a clusters file (`--clusters FILE`, `clusters = "…"` in `[tool.mcli-lint]`, or the
`MCLI_LINT_CLUSTERS` environment variable), reports a `compute.cluster` (or deprecated top-level
`cluster`) that is not one of its clusters, with the nearest name and the full list.

## Why is this bad?
The platform refuses the run at submission: there is no such cluster to schedule it on. A typo in
a cluster name is easy to make and hard to see.

## Example
```yaml
name: typo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z2
  gpus: 8
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:5:12: MCL301 `compute.cluster` is 'r1z2', which is not a known cluster
  help: did you mean 'r7z2'? known clusters: r1z1, r7z2, r9z1
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: known-cluster
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 8
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import field, findings, source, suggest
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, show_value

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Problem


def words(problem: Problem, request: Request) -> tuple[str, str | None]:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import UnknownCluster

    reason = problem.reason
    assert isinstance(reason, UnknownCluster)
    if reason.known:
        listed = ", ".join(escape(n) for n in reason.known)
    else:
        listed = f"none ({source(reason.source)} lists no clusters)"
    return (
        f"{field(request, 'cluster')} is {show_value(reason.asked)}, which is not a known cluster",
        f"{suggest(reason.asked, reason.known)}known clusters: {listed}",
    )


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name, words)


RULE = Rule("MCL301", "unknown-cluster", Severity.ERROR, check, __doc__, needs_clusters=True)
