"""A key the platform does not know.

## What it does
Reports an unknown key at the top level, in `compute`, in `scheduling`, in an integration of a
known type, or in `experiment_tracker` — with "did you mean" when a known key is close.
`parameters` and `metadata` are free-form and never checked.

## Why is this bad?
mcli drops unknown top-level keys with at most a warning on stderr, so a misspelt
`enviroment_variables:` or `compute: {gpu: 8}` silently runs with defaults.

## Example
```yaml
name: typo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpu: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:3: MCL102 unknown field `gpu` in compute
  help: did you mean `gpus`?
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: no-typo
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import did_you_mean, field_name, name_lookalikes, spell


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword != "additionalProperties":
            continue
        known = list(error.schema.get("properties", {}))
        where = f"in {field_name(error.path)}" if error.path else "at the top level"
        integration = error.instance.get("integration_type") if len(error.path) == 2 else None
        if error.path[:1] == ("integrations",) and isinstance(integration, str):
            where = f"for integration type {integration}"
            known = [k for k in known if k != "integration_type"]
        suggestion = did_you_mean(error.key, known)
        help_text = f"did you mean `{suggestion}`?" if suggestion else "known fields: " + ", ".join(known)
        yield Finding(
            (*error.path, error.key),
            f"unknown field `{spell(str(error.key))}`{name_lookalikes(str(error.key))} {where}",
            help_text,
            at_key=True,
        )


RULE = Rule("MCL102", "unknown-field", Severity.ERROR, check, __doc__)
