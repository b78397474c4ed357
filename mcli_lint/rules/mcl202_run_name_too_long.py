"""The run name is longer than 56 characters.

## What it does
Reports a `name` longer than 56 characters.

## Why is this bad?
The platform appends `-` and a 6-character id to every run name, and the result must fit the
63-character limit of a Kubernetes name: the run is rejected at submission. mcli does not shorten
or convert a name this long.

## Example
```yaml
name: a-very-long-run-name-that-describes-every-single-hyperparameter-of-the-run
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:1:7: MCL202 `name` is 74 characters long; run names can be at most 56
  help: shorten it by 18 or more: the platform appends '-' and a 6-character id, and the whole must fit in 63 characters
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: short-run-name
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
parameters:
  description: a run name that describes every single hyperparameter of the run
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._run_names import MAX_NAME
from mcli_lint.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    name = ctx.data.get("name")
    if not isinstance(name, str) or len(name) <= MAX_NAME:
        return
    yield Finding(
        ("name",),
        f"`name` is {len(name)} characters long; run names can be at most {MAX_NAME}",
        f"shorten it by {len(name) - MAX_NAME} or more: the platform appends '-' and a 6-character id,"
        " and the whole must fit in 63 characters",
    )


RULE = Rule("MCL202", "run-name-too-long", Severity.ERROR, check, __doc__)
