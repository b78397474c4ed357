"""The MLflow experiment path is not an absolute workspace path.

## What it does
Reports an mlflow integration's `experiment_name`, or an `experiment_tracker.mlflow.experiment_path`,
that does not start with `/`. Databricks managed MLflow names experiments by their workspace path,
such as `/Users/me@example.com/my_experiment` or `/Shared/my_experiment`. (mosaicml-cli 0.8.3
drops `experiment_tracker` altogether: unknown-field, MCL102, says so.)

## Why is this bad?
MLflow cannot create or find an experiment under a relative path: the run fails when it starts
logging, after queueing and setup.

## Example
```yaml
name: relative-experiment
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: mlflow
    experiment_name: my_experiment
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:8:22: MCL211 `integrations[0].experiment_name` 'my_experiment' is not an absolute workspace path; it must start with '/'
  help: write the full workspace path, e.g. `/Users/<you>/my_experiment` or `/Shared/my_experiment`
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: absolute-experiment
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
integrations:
  - integration_type: mlflow
    experiment_name: /Users/me@example.com/my_experiment
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import integration_kind
from mcli_lint.text import escape, field_name, show_value

_PATH = ("experiment_tracker", "mlflow", "experiment_path")
_ROOTS = ("Users/", "Shared/", "Repos/", "Workspace/")


def _fix(path: str) -> str:
    stripped = path.strip()
    if stripped.startswith("/"):
        return f"remove the whitespace: `{escape(stripped)}`"
    if stripped.startswith(_ROOTS):
        return f"start it with '/': `/{escape(stripped)}`"
    if stripped and "/" not in stripped:
        return f"write the full workspace path, e.g. `/Users/<you>/{escape(stripped)}` or `/Shared/{escape(stripped)}`"
    return "write the full workspace path, starting with '/', e.g. `/Users/me@example.com/my_experiment`"


def _experiments(ctx: Context) -> Iterator[tuple[tuple[object, ...], object]]:
    integrations = ctx.data.get("integrations")
    for index, item in enumerate(integrations if isinstance(integrations, list) else []):
        if integration_kind(item) == "mlflow":
            yield ("integrations", index, "experiment_name"), item.get("experiment_name")
    yield _PATH, ctx.get(*_PATH)


def check(ctx: Context) -> Iterator[Finding]:
    for where, path in _experiments(ctx):
        if not isinstance(path, str) or path.startswith("/"):
            continue
        name = field_name(where)
        what = "is empty" if not path else f"{show_value(path)} is not an absolute workspace path"
        yield Finding(where, f"`{name}` {what}; it must start with '/'", _fix(path))


RULE = Rule("MCL211", "experiment-path", Severity.WARNING, check, __doc__)
