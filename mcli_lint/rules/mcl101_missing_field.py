"""A required field is missing.

## What it does
Reports a missing `name`, `image` or `command`; a missing required parameter of an integration
(`git_repo` for git_repo, `packages` for pip_packages and apt_packages, `project` and `entity`
for wandb, `experiment_name` for mlflow); a missing `experiment_tracker.mlflow.experiment_path`;
a missing `experiment_tracker.wandb` `project` or `entity`. The diagnostic points at the key of
the mapping that lacks the field (line 1 for the top level). When an unknown key in the same
mapping looks like a misspelling of the missing field, or is its old name (`run_name` for
`name`), unknown-field (MCL102) reports that key, saying the field is required, and this rule
stays silent: one mistake, one diagnostic.

## Why is this bad?
mcli 0.8.3 refuses a run without an `image` before sending it; the platform refuses a run
without a `name` or `command`, or an integration without its required parameters.

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
from mcli_lint.schema import old_names
from mcli_lint.text import did_you_mean, field_name


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword != "required":
            continue
        unknown = [k for k in error.instance if isinstance(k, str) and k not in error.schema.get("properties", {})]
        if did_you_mean(error.key, unknown) is not None:
            continue  # unknown-field reports the misspelt key, and says this one is required
        if not error.path and any(old_names().get(k) == error.key for k in unknown):
            continue  # unknown-field reports the old name
        where = f" in `{field_name(error.path)}`" if error.path else ""
        yield Finding((*error.path, error.key), f"missing required field `{error.key}`{where}", at_key=True)


RULE = Rule("MCL101", "missing-field", Severity.ERROR, check, __doc__)
