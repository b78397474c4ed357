"""An integration of an unknown type.

## What it does
Reports an `integration_type` that is not one of git_repo, pip_packages, apt_packages, wandb,
comet_ml and mlflow, with "did you mean" when one is close. The parameters of an integration of
unknown type are not checked further.

## Why is this bad?
The platform rejects the run at submission.

## Example
```yaml
name: unknown-integration
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: gitrepo
    git_repo: mosaicml/composer
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:23: MCL105 unknown integration type 'gitrepo'
  help: did you mean `git_repo`?
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: known-integration
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: git_repo
    git_repo: mosaicml/composer
```

## Fix
Unsafe: when the help has a "did you mean", `check --fix --unsafe-fixes` writes that type in place
of the one written (in the same quotes). It is unsafe because mcli then sends another integration.
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Severity
from mcli_lint.rules._fixes import edit_fix, replace_text
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.schema import integration_types, is_integration_type
from mcli_lint.text import did_you_mean, show_value


def check(ctx: Context) -> Iterator[Finding]:
    for error in ctx.schema_errors:
        if error.keyword not in ("enum", "const") or not is_integration_type(error.path):
            continue
        known = integration_types()
        suggestion = did_you_mean(error.instance, known)
        help_text = f"did you mean `{suggestion}`?" if suggestion else "known types: " + ", ".join(known)
        fix = None
        if suggestion is not None:
            edit = replace_text(ctx, error.path, suggestion)
            fix = edit_fix(f"Write `{suggestion}`", edit, Applicability.UNSAFE, error.path)
        yield Finding(error.path, f"unknown integration type {show_value(error.instance)}", help_text, fix=fix)


RULE = Rule(
    "MCL105",
    "unknown-integration-type",
    Severity.ERROR,
    check,
    __doc__,
    fixes=Fixes("sometimes", Applicability.UNSAFE),
)
