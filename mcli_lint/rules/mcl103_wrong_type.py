"""A value of the wrong type.

## What it does
Reports a value whose type is not the one the schema gives: `gpus: "8"` (a quoted number),
`integrations:` written as a mapping instead of a list, `preemptible: "true"` (a quoted boolean),
`compute: 8`. Unquoted scalars in string fields are reported by coerced-scalar (MCL108) instead.
Integer fields take integers only: `gpus: 8.0` is a float to mcli.

## Why is this bad?
mcli passes the value along as written and the platform rejects the run, or reads it in a way
you did not mean.

## Example
```yaml
name: wrong-type
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: "8"
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:9: MCL103 `compute.gpus` must be an integer, not a string ('8')
  help: remove the quotes: 8
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: right-type
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._placeholders import placeholder_text
from mcli_lint.rules._yaml11 import is_coerced
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import null_means
from mcli_lint.text import expected_types, field_name, show_value, value_kind

_UNQUOTE = {"integer": int, "number": float}


def _hint(expected: object, value: object) -> str | None:
    kinds = expected if isinstance(expected, list) else [expected]
    if isinstance(value, str):
        stripped = value.strip()
        for kind in kinds:
            if kind in _UNQUOTE:
                try:
                    _UNQUOTE[str(kind)](stripped)
                except ValueError:
                    continue
                return f"remove the quotes: {stripped}"
        if "boolean" in kinds and stripped.lower() in ("true", "false"):
            return f"remove the quotes: {stripped.lower()}"
    if "array" in kinds and isinstance(value, dict):
        return "write a list: start each item with `- `"
    if "integer" in kinds and isinstance(value, float) and value.is_integer():
        return f"write {int(value)}"
    return None


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword != "type" or is_coerced(ctx, error):
            continue
        if error.instance is None and null_means(error.path) == "crash":
            continue  # unencodable-value: mcli crashes on it
        if isinstance(error.instance, dict) and placeholder_text(error.instance) is not None:
            continue  # `{YOUR ENTITY HERE}`: unfilled-placeholder
        shown = show_value(error.instance) if error.instance is not None else ""
        actual = value_kind(error.instance) + (f" ({shown})" if shown else "")
        yield Finding(
            error.path,
            f"`{field_name(error.path)}` must be {expected_types(error.expected)}, not {actual}",
            _hint(error.expected, error.instance),
        )


RULE = Rule("MCL103", "wrong-type", Severity.ERROR, check, __doc__)
