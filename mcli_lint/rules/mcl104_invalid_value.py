"""A value out of its allowed range.

## What it does
Reports numbers outside the range the schema gives: `gpus` or `cpus` below 0, `nodes` below 1.
(`max_retries` below 0 and `max_duration` of 0 or less, which the platform accepts, are
unusual-value, MCL214, a warning.)

## Why is this bad?
The platform refuses the run at submission.

## Example
```yaml
name: negative
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: -8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:9: MCL104 `compute.gpus` must be at least 0, not -8
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: positive
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import is_integration_type, warn_only
from mcli_lint.text import field_name, show_value

_BOUNDS = {
    "minimum": "at least {}",
    "exclusiveMinimum": "greater than {}",
    "maximum": "at most {}",
    "exclusiveMaximum": "less than {}",
    "minLength": "at least {} characters long",
    "maxLength": "at most {} characters long",
    "minItems": "a list of at least {} items",
    "maxItems": "a list of at most {} items",
}
# Keywords other rules report.
_ELSEWHERE = frozenset({"type", "required", "additionalProperties"})


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword in _ELSEWHERE or is_integration_type(error.path) or warn_only(error.path, error.keyword):
            continue  # other rules say these (advisory bounds: unusual-value, MCL214)
        name = field_name(error.path)
        shown = show_value(error.instance)
        if error.keyword in _BOUNDS:
            rule = _BOUNDS[error.keyword].format(error.expected)
            yield Finding(error.path, f"`{name}` must be {rule}, not {shown}")
        elif error.keyword in ("enum", "const"):
            allowed = error.expected if error.keyword == "enum" else [error.expected]
            yield Finding(
                error.path,
                f"`{name}` is {shown}, not one of the allowed values",
                "allowed: " + ", ".join(str(a) for a in allowed),
            )
        else:
            yield Finding(error.path, f"`{name}` is not valid here ({error.keyword} {error.expected})")


RULE = Rule("MCL104", "invalid-value", Severity.ERROR, check, __doc__)
