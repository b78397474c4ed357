"""mcli 0.8.3 sends something other than what the file says.

## What it does
Reports what mosaicml-cli 0.8.3 quietly rewrites on the way to the platform:
- a null value in `metadata` (mcli removes the key);
- a `dependent_deployment` key mcli rewrites when it turns keys into camelCase (`Name` becomes
  `name`, and modelPath becomes "modelpath"), and two keys that become the same one (the later
  overwrites the earlier);
- `scheduling.retry_on_system_failure` and `scheduling.retryOnSystemFailure` both written (mcli
  sends one of them: the one written later);
- an empty `parent_name` (mcli replaces it: with the current run's name when submitted from
  inside a run, else with nothing);
- an integration with both `type` and `integration_type` (mcli uses `type`, and sends
  `integration_type` along as a parameter of the integration).

## Why is this bad?
The run works, but not quite as written: what you read in the file is not what the platform got.

## Example
```yaml
name: rewritten
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
metadata:
  owner: team-a
  ticket:
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:8:10: MCL112 `metadata.ticket` is empty (null): mcli removes it, so the run has no such key
  help: write a value, or remove the line
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: as-written
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
metadata:
  owner: team-a
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, field_name, yaml_scalar

_RETRY = ("retry_on_system_failure", "retryOnSystemFailure")


def check(ctx: Context) -> Iterator[Finding]:
    yield from _metadata_nulls(ctx)
    yield from _deployment_keys(ctx)
    yield from _retry_twice(ctx)
    yield from _integration_type_twice(ctx)
    if ctx.data.get("parent_name") == "":
        yield Finding(
            ("parent_name",),
            "`parent_name` is empty: mcli replaces it (with the current run's name inside a run, else nothing)",
            "remove the line, or name the parent run",
        )


def _metadata_nulls(ctx: Context) -> Iterator[Finding]:
    metadata = ctx.data.get("metadata")
    if isinstance(metadata, dict):
        for key, value in metadata.items():
            if value is None:
                yield Finding(
                    ("metadata", key),
                    f"`{field_name(('metadata', key))}` is empty (null): mcli removes it, so the run has no such key",
                    "write a value, or remove the line",
                )


def camel_case(key: str) -> str:
    """A key as mcli 0.8.3 sends it in ``dependent_deployment``: words split at ``_``, each
    capitalised with the rest lowered, joined, then the first letter lowered."""
    joined = key.replace("_", " ").title().replace(" ", "")
    return joined[:1].lower() + joined[1:]


def _deployment_keys(ctx: Context) -> Iterator[Finding]:
    deployment = ctx.data.get("dependent_deployment")
    if not isinstance(deployment, dict):
        return
    yield from _renamed(("dependent_deployment",), deployment)
    for key, value in deployment.items():
        if isinstance(value, dict) and key != "env_variables":
            yield from _renamed(("dependent_deployment", key), value)


def _renamed(path: tuple[object, ...], mapping: dict[object, object]) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for key in mapping:
        if not isinstance(key, str) or not key:
            continue
        sent = camel_case(key)
        where = field_name((*path, key))
        if sent in seen:
            yield Finding(
                (*path, key),
                f"`{where}` is sent as `{escape(sent)}`, like `{escape(seen[sent])}` before it:"
                " mcli keeps only this one",
                "write each key once, in snake_case",
                at_key=True,
            )
        elif sent != key and not key.islower():
            yield Finding(
                (*path, key),
                f"`{where}` is sent as `{escape(sent)}`: mcli rewrites keys into camelCase",
                f"write it in snake_case, as mcli expects: `{escape(_snake(key))}`",
                at_key=True,
            )
        seen.setdefault(sent, key)


def _snake(key: str) -> str:
    out = "".join("_" + c.lower() if c.isupper() else c for c in key)
    return out.lstrip("_")


def _retry_twice(ctx: Context) -> Iterator[Finding]:
    scheduling = ctx.data.get("scheduling")
    if not isinstance(scheduling, dict) or not all(k in scheduling for k in _RETRY):
        return
    keys = [k for k in scheduling if k in _RETRY]
    first, last = keys
    yield Finding(
        ("scheduling", first),
        f"`scheduling.{first}` and `scheduling.{last}` are the same setting: mcli sends the later one,"
        f" {yaml_scalar(scheduling[last])}",
        "keep only `retry_on_system_failure`",
        at_key=True,
    )


def _integration_type_twice(ctx: Context) -> Iterator[Finding]:
    integrations = ctx.data.get("integrations")
    for index, item in enumerate(integrations if isinstance(integrations, list) else []):
        if isinstance(item, dict) and "type" in item and "integration_type" in item:
            yield Finding(
                ("integrations", index, "integration_type"),
                f"`integrations[{index}]` has both `type` and `integration_type`: mcli uses `type`"
                f" ({yaml_scalar(item['type'])}) and sends `integration_type` as a parameter",
                "keep only `integration_type`",
                at_key=True,
            )


RULE = Rule("MCL112", "changed-by-mcli", Severity.WARNING, check, __doc__)
