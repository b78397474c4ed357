"""A deprecated way of writing a field.

## What it does
Reports the deprecated top-level `cluster`, `gpu_type`, `gpu_num` and `cpus` (saying which
`compute.*` field replaces each), and `env_variables` written as the legacy list of
`{key, value}` mappings.

## Why is this bad?
mcli still reads them but warns, and will stop reading them; `compute` is where the platform
looks first.

## Example
```yaml
name: old-style
image: mosaicml/pytorch:latest
command: echo hi
gpu_num: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:4:1: MCL106 top-level `gpu_num` is deprecated; use `compute.gpus`
  help: move it under `compute:` as `gpus`
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: new-style
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
from mcli_lint.text import escape


def check(ctx: Context) -> Iterator[Finding]:
    for name, replacement in deprecated_fields().items():
        if name in ctx.data:
            yield Finding(
                (name,),
                f"top-level `{name}` is deprecated; use `{replacement}`",
                f"move it under `compute:` as `{replacement.split('.', 1)[1]}`",
                at_key=True,
            )
    env = ctx.data.get("env_variables")
    if isinstance(env, list):
        pairs = [
            f"{escape(str(item.get('key')))}: {escape(str(item.get('value')))}"
            for item in env[:3]
            if isinstance(item, dict)
        ]
        example = "; ".join(pairs) + ("; …" if len(env) > 3 else "")
        yield Finding(
            ("env_variables",),
            "`env_variables` as a list of {key, value} is deprecated; use a mapping",
            f"write one `NAME: value` line per variable ({example})" if pairs else None,
            at_key=True,
        )


RULE = Rule("MCL106", "deprecated-field", Severity.WARNING, check, __doc__)
