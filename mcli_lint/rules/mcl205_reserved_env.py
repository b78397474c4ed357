"""An environment variable the platform sets itself.

## What it does
Reports a variable in `env_variables` (mapping or legacy list form) whose name is one the
platform sets in every run, such as `WORLD_SIZE`, `NODE_RANK` or `RUN_NAME`; the list is the
schema's `x-platform-set`.

## Why is this bad?
The platform's value and yours collide: yours is overwritten, or it wins and breaks the
distributed launch or the code that reads the variable.

## Example
```yaml
name: reserved-env
image: mosaicml/pytorch:latest
command: echo $WORLD_SIZE
compute:
  gpus: 8
env_variables:
  WORLD_SIZE: "8"
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:3: MCL205 `env_variables.WORLD_SIZE` is a variable the platform sets itself; your value will clash with it
  help: remove it, or rename it (e.g. `MY_WORLD_SIZE`) if it is a variable of your own
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: own-env
image: mosaicml/pytorch:latest
command: echo $MY_WORLD_SIZE
compute:
  gpus: 8
env_variables:
  MY_WORLD_SIZE: "8"
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.schema import platform_env
from mcli_lint.text import field_name


def check(ctx: Context) -> Iterator[Finding]:
    reserved = platform_env()
    env = ctx.data.get("env_variables")
    found: list[tuple[Path, str, bool]] = []
    if isinstance(env, dict):
        found = [(("env_variables", key), key, True) for key in env if isinstance(key, str) and key in reserved]
    elif isinstance(env, list):
        found = [
            (("env_variables", position, "key"), item["key"], False)
            for position, item in enumerate(env)
            if isinstance(item, dict) and isinstance(item.get("key"), str) and item["key"] in reserved
        ]
    for path, name, is_key in found:
        where = f"`{field_name(path)}`" if is_key else f"`{field_name(path)}` ({name})"
        yield Finding(
            path,
            f"{where} is a variable the platform sets itself; your value will clash with it",
            f"remove it, or rename it (e.g. `MY_{name}`) if it is a variable of your own",
            at_key=is_key,
        )


RULE = Rule("MCL205", "reserved-env", Severity.WARNING, check, __doc__)
