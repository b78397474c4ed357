"""A string field holds an unquoted scalar that YAML reads as something else.

## What it does
Reports a field that must be a string (`gpu_type`, `git_branch`, an env variable's value, ...)
written as a plain scalar that YAML 1.1 types as a boolean, number, null or date: `gpu_type: 3090`,
`git_branch: 1.10`, `DEBUG: yes`. The help gives the quoted spelling that keeps exactly what was
written (`"1.10"`, not `"1.1"`). This replaces wrong-type (MCL103) and yaml-version-ambiguous
(MCL109) for the same value.

## Why is this bad?
mcli sends what YAML built: branch `1.10` becomes the number 1.1 and checks out the wrong branch;
`DEBUG: yes` becomes `True`, which the platform rejects or turns into `"True"`.

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
run.yaml:9:17: MCL108 `integrations[0].git_branch` must be a string, but YAML reads the unquoted `1.10` as a number (1.1)
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
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._yaml11 import is_coerced
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, field_name, python_value, value_kind, yaml_quote


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if not is_coerced(ctx, error):
            continue
        assert ctx.document is not None
        source = ctx.document.scalar(error.path)
        written = source.text if source else ""
        name = field_name(error.path)
        if written == "":
            yield Finding(
                error.path,
                f"`{name}` is empty, which YAML reads as null; it must be a string",
                'write a value, or "" for an empty string',
            )
            continue
        kind = value_kind(error.instance)
        yield Finding(
            error.path,
            f"`{name}` must be a string, but YAML reads the unquoted `{escape(written)}` as {kind}"
            f" ({python_value(error.instance)})",
            f"quote it to keep what was written: {yaml_quote(written)}",
        )


RULE = Rule("MCL108", "coerced-scalar", Severity.ERROR, check, __doc__)
