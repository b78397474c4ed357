"""A node named in `compute.node_names` is not alive or not schedulable.

## What it does
With a clusters file, reports each name in `compute.node_names` whose node, on the instance the run
resolves to, the clusters file marks as not alive (`is_alive: false`) or not schedulable
(`is_schedulable: false`, e.g. cordoned for maintenance), and lists the nodes that are.

## Why is this bad?
The run is accepted, but it cannot start on that node until the node is back: it may wait in the
queue for a long time. The clusters file is a snapshot, so this is a warning.

## Example
```yaml
name: pinned
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 8
  node_names:
    - r1z1-a100-3
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:8:7: MCL305 node 'r1z1-a100-3' of instance a100-8x on r1z1 is not schedulable
  help: the run cannot start on it until it is back; available nodes: r1z1-a100-1, r1z1-a100-2, r1z1-a100-4
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: pinned
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 8
  node_names:
    - r1z1-a100-2
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import findings, label
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, show_value

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Problem


def words(problem: Problem, request: Request) -> tuple[str, str | None]:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import UnavailableNode

    reason = problem.reason
    assert isinstance(reason, UnavailableNode)
    if not reason.alive and not reason.schedulable:
        state = "is neither alive nor schedulable"
    elif not reason.alive:
        state = "is not alive"
    else:
        state = "is not schedulable"
    spare = f"; available nodes: {', '.join(escape(n) for n in reason.spare)}" if reason.spare else ""
    return (
        f"node {show_value(reason.name)} of instance {label(reason.place)} {state}",
        f"the run cannot start on it until it is back{spare}",
    )


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name, words)


RULE = Rule("MCL305", "unavailable-node", Severity.WARNING, check, __doc__, needs_clusters=True)
