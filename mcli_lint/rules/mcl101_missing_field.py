"""A required field is missing.

## What it does
Reports a missing `name`, `image` or `command`; a missing required parameter of an integration
(`git_repo` for git_repo, `packages` for pip_packages and apt_packages, `project` and `entity`
for wandb, `experiment_name` for mlflow); a missing `experiment_tracker.mlflow.experiment_path`;
a missing `experiment_tracker.wandb` `project` or `entity`. The diagnostic points at the key of
the mapping that lacks the field (line 1 for the top level). When an unknown key in the same
mapping looks like a misspelling of the missing field, the help says so.

## Why is this bad?
The platform rejects the run at submission.

## Example
```yaml
name: no-image
command: echo hi
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:1:1: MCL101 missing required field `image`
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: with-image
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
        if error.keyword != "required":
            continue
        path = (*error.path, error.key)
        where = f" in {field_name(error.path)}" if error.path else ""
        unknown = [k for k in error.instance if k not in error.schema.get("properties", {})]
        help_text = None
        typo = did_you_mean(error.key, [str(k) for k in unknown if isinstance(k, str)])
        if typo is not None and typo != error.key:
            line = ctx.document.locate((*error.path, typo), at_key=True).start.line if ctx.document else 0
            with_letters = name_lookalikes(typo).replace(" (", ", with ", 1).removesuffix(")")
            help_text = f"`{spell(typo)}` (line {line}{with_letters}) looks like a misspelling of `{error.key}`"
        yield Finding(path, f"missing required field `{error.key}`{where}", help_text, at_key=True)


RULE = Rule("MCL101", "missing-field", Severity.ERROR, check, __doc__)
