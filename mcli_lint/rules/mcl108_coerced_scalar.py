"""A string field holds an unquoted scalar that YAML reads as a different text.

## What it does
Reports a field that must be a string (`gpu_type`, `git_branch`, an env variable's value, ...)
written as a plain scalar that YAML 1.1 types as a boolean, number, null or date whose text is not
what was written: `git_branch: 1.10` (the number 1.1), `DEBUG: yes` (true), `PORT: 010` (8),
`TIME: 1:30` (90), `STEPS: 1_000` (1000), a date. The help gives the quoted spelling that keeps
exactly what was written (`"1.10"`, not `"1.1"`). An unquoted value whose text survives
(`WORKERS: 1`, `FLAG: true`) is unquoted-string (MCL110), a warning. An empty or null value is
reported here only where mcli sends the null (an env variable, an integration parameter): in
`compute`, `scheduling` and at the top level mcli drops nulls, and they are fine.

## Why is this bad?
mcli sends what YAML built: branch `1.10` becomes the number 1.1 and checks out the wrong branch;
`DEBUG: yes` becomes `true`, and `PORT: 010` becomes 8: the run differs from the file.

## Example
```yaml
name: coerced
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
    git_branch: 1.10
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:9:17: MCL108 `integrations[0].git_branch` must be a string, but YAML 1.1 reads the unquoted `1.10` as a number, 1.1
  help: quote it to keep what was written: "1.10"
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: quoted
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
    git_branch: "1.10"
```

## Fix
Unsafe: `check --fix --unsafe-fixes` writes the quoted spelling in place of the value, and nothing
else on the line (`git_branch: 1.10` becomes `git_branch: "1.10"`). It is unsafe because mcli then
sends another value (the text `1.10`, not the number 1.1): the one the file meant. No fix is offered
for an empty value, nor for a value an anchor shares with other paths.
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Severity
from mcli_lint.rules._fixes import edit_fix, replace_scalar
from mcli_lint.rules._yaml11 import coerced_scalars, keeps_text
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.text import escape, field_name, value_kind, yaml_quote, yaml_scalar


def check(ctx: Context) -> Iterator[Finding]:
    for error, written in coerced_scalars(ctx):
        name = field_name(error.path)
        if error.instance is None:
            shown = f"`{escape(written)}`, which YAML reads as null" if written else "empty (null)"
            yield Finding(error.path, f"`{name}` is {shown}; it must be a string", "write a value")
        elif not keeps_text(written, error.instance):
            quoted = yaml_quote(written)
            edit = replace_scalar(ctx, error.path, quoted)
            yield Finding(
                error.path,
                f"`{name}` must be a string, but YAML 1.1 reads the unquoted `{escape(written)}` as"
                f" {value_kind(error.instance)}, {yaml_scalar(error.instance)}",
                f"quote it to keep what was written: {quoted}",
                fix=edit_fix(f"Quote it: {quoted}", edit, Applicability.UNSAFE, error.path),
            )


RULE = Rule("MCL108", "coerced-scalar", Severity.ERROR, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE))
