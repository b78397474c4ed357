"""A string field holds an unquoted number or boolean that keeps its text.

## What it does
Reports a field that must be a string (an env variable's value, `gpu_type`, `git_branch`, ...)
written as a plain scalar YAML types as a number or boolean whose text is exactly what was
written: `HF_HUB_ENABLE_HF_TRANSFER: 1`, `WORKERS: 8`, `USE_FLASH: true`. The help gives the
quoted spelling. When the text changes (`010`, `yes`, `1:30`), coerced-scalar (MCL108) reports it
as an error instead.

## Why is this bad?
It works: mcli sends the number 1, and the variable reads `1`. But it works by luck: the same
habit turns `010` into 8 and `yes` into true, and a change of value (`1.10`) silently changes the
text. Quoting says what you mean.

## Example
```yaml
name: unquoted
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
env_variables:
  HF_HUB_ENABLE_HF_TRANSFER: 1
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:30: MCL110 `env_variables.HF_HUB_ENABLE_HF_TRANSFER` is a string written as an integer: mcli sends `1` unquoted
  help: quote it: "1"
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: quoted
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
env_variables:
  HF_HUB_ENABLE_HF_TRANSFER: "1"
```

## Fix
Unsafe: `check --fix --unsafe-fixes` quotes the value in place (`1` becomes `"1"`). It is unsafe
because mcli then sends a string where it sent a number; the platform reads the same text.
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Severity
from mcli_lint.rules._fixes import edit_fix, replace_scalar
from mcli_lint.rules._yaml11 import coerced_scalars, keeps_text
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.text import escape, field_name, value_kind, yaml_quote


def check(ctx: Context) -> Iterator[Finding]:
    for error, written in coerced_scalars(ctx):
        if keeps_text(written, error.instance):
            quoted = yaml_quote(written)
            edit = replace_scalar(ctx, error.path, quoted)
            yield Finding(
                error.path,
                f"`{field_name(error.path)}` is a string written as {value_kind(error.instance)}:"
                f" mcli sends `{escape(written)}` unquoted",
                f"quote it: {quoted}",
                fix=edit_fix(f"Quote it: {quoted}", edit, Applicability.UNSAFE, error.path),
            )


RULE = Rule(
    "MCL110", "unquoted-string", Severity.WARNING, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE)
)
