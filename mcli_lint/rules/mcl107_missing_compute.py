"""The run has no compute section.

## What it does
Reports a run file with neither `compute` nor any deprecated top-level compute field
(`cluster`, `gpu_type`, `gpu_num`, `cpus`).

## Why is this bad?
The platform then tries to infer the compute from the clusters available to you; with more than
one cluster or instance it cannot, and the run is refused at submission. Saying what you want is
clearer, and is what `mcli-lint infer` can complete for you.

## Example
```yaml
name: no-compute
image: mosaicml/pytorch:latest
command: echo hi
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:1:1: MCL107 no `compute` section: the platform will try to infer one at submission
  help: add `compute:` with at least `gpus:` (and `cluster:` if you have several)
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: with-compute
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import deprecated_fields


def check(ctx: Context) -> Iterator[Finding]:
    # A null is absent to mcli (it drops it), so `compute:` alone says nothing.
    if any(ctx.data.get(name) is not None for name in ("compute", *deprecated_fields())):
        return
    yield Finding(
        (),
        "no `compute` section: the platform will try to infer one at submission",
        "add `compute:` with at least `gpus:` (and `cluster:` if you have several)",
    )


RULE = Rule("MCL107", "missing-compute", Severity.WARNING, check, __doc__)
