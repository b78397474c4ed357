"""No instance on any cluster can take the compute the run asks for.

## What it does
With a clusters file, reports a compute request that no instance satisfies, and says why: a GPU
count the instance cannot take (with its legal counts), a GPU type the cluster does not have (and
where it is), a multinode run on a cluster that does not allow them, more nodes than the instance
has, too few CPUs, node names spread over several instances, a cluster that takes no training runs
(the platform's allowed submission types). GPU counts the platform lists for an instance (its
gpuNums, in a pulled clusters file) are the legal ones. It lists what is available instead.
`mcli-lint infer` documents the exact rules (docs/infer.md).

## Why is this bad?
The platform tries to infer the compute from the clusters available to you; when nothing fits, the
run is refused at submission and is not created.

## Example
```yaml
name: twelve-gpus
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 12
```

Output of `mcli-lint check run.yaml --clusters clusters.json`:
```text
run.yaml:6:9: MCL302 `compute.gpus` is 12, but instance a100-8x on r1z1 takes 8 GPUs per node (legal: 8, 16, 24, 32)
  help: use 8 or 16 GPUs
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: sixteen-gpus
image: mosaicml/pytorch:latest
command: echo hi
compute:
  cluster: r1z1
  gpus: 16
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._inference import findings
from mcli_lint.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    return findings(ctx, RULE.name)


RULE = Rule("MCL302", "unsatisfiable-compute", Severity.ERROR, check, __doc__, needs_clusters=True)
