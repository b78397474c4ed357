"""A setting outside its sensible range that the platform still accepts.

## What it does
Reports the bounds the schema marks as advice (`x-warn-only`): `scheduling.max_retries` below 0,
`scheduling.max_duration` of 0 hours or less. Other out-of-range values, which the platform
refuses, are invalid-value (MCL104).

## Why is this bad?
mcli sends the value as written and the run is accepted, but it does not say what it seems to:
a negative number of retries, a maximum duration of no time at all. Probably a leftover or a
sign mistake.

## Example
```yaml
name: odd-limits
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
scheduling:
  max_retries: -1
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:16: MCL214 `scheduling.max_retries` is -1; it should be at least 0: the platform accepts it, but it is unlikely to be what you mean
  help: write a value at least 0, or remove the line for the default
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: clear-limits
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
scheduling:
  max_retries: 0
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import warn_only
from mcli_lint.text import field_name, show_value

_BOUNDS = {"minimum": "at least {}", "exclusiveMinimum": "greater than {}"}


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword not in _BOUNDS or not warn_only(error.path, error.keyword):
            continue
        name = field_name(error.path)
        bound = _BOUNDS[error.keyword].format(error.expected)
        yield Finding(
            error.path,
            f"`{name}` is {show_value(error.instance)}; it should be {bound}: the platform accepts it,"
            " but it is unlikely to be what you mean",
            f"write a value {bound}, or remove the line for the default",
        )


RULE = Rule("MCL214", "unusual-value", Severity.WARNING, check, __doc__)
