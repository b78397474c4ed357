"""A `compute.node_names` entry is not a node of the instance the run resolves to.

## What it does
With a clusters file, reports each name in `compute.node_names` that is not a node of the instance
the rest of the compute request picks (or of any instance it could pick), with the nearest name
and the instance's nodes that a run can start on (a node that is not alive or not schedulable is
never suggested).

## Why is this bad?
The run asks for a node it can never get: the platform refuses it at submission.

## Example
```yaml
name: pinned
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 8
  node_names:
    - r1z1-a100-5
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:8:7: MCL304 node 'r1z1-a100-5' is not a node of instance a100-8x on r1z1
  help: did you mean 'r1z1-a100-4'? its available nodes: r1z1-a100-1, r1z1-a100-2, r1z1-a100-4
Found 1 error and 0 warnings in 1 file.
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
    - r1z1-a100-1
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import findings, label, suggest, with_refused
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, show_value

if TYPE_CHECKING:
    from mcli_lint.compute.infer import Request
    from mcli_lint.compute.reasons import Problem


def words(problem: Problem, request: Request) -> tuple[str, str | None]:
    # Lazy: compute.reasons costs 8-16 ms to import (python -X importtime), paid only with clusters.
    from mcli_lint.compute.reasons import UnknownNode

    reason = problem.reason
    assert isinstance(reason, UnknownNode)
    if reason.instance is not None:
        where, its, them = f"instance {label(reason.instance)}", "its", "it"
    else:
        where, its, them = "any matching instance", "their", "them"
    if not reason.nodes:
        listed = f"the clusters file lists no nodes for {them}"
    elif not reason.available:
        listed = f"none of {its} nodes is alive and schedulable"
    else:
        which = "nodes" if reason.available == reason.nodes else "available nodes"
        listed = f"{its} {which}: {', '.join(escape(n) for n in reason.available)}"
    help = f"{suggest(reason.name, reason.available)}{listed}"
    return f"node {show_value(reason.name)} is not a node of {where}", with_refused(help, problem.refused)


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name, words)


RULE = Rule("MCL304", "unknown-node", Severity.ERROR, check, __doc__, needs_clusters=True)
