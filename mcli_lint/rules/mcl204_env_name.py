"""An environment variable name that is not a valid shell name.

## What it does
Reports a name in `env_variables` — a key of the mapping, or the `key` of an item in the legacy
list form — that is not letters, digits and `_`, starting with a letter or `_`: `MY-VAR`,
`2FAST`, `my var`, and keys YAML does not read as text at all (`1:`, `yes:`).

## Why is this bad?
mcli sends the name as written and the platform sets it, so the run works; but a shell cannot
name such a variable (`$MY-VAR` is `$MY` followed by `-VAR`), so only code that reads the
environment directly sees it. A key YAML reads as a number or boolean is sent as that value, not
as the text you wrote. A warning: the file works, but is fragile.

## Example
```yaml
name: bad-env
image: mosaicml/pytorch:latest
command: echo $MY_VAR
compute:
  gpus: 8
env_variables:
  MY-VAR: hello
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:3: MCL204 `env_variables.MY-VAR` is not a valid environment variable name: it contains '-'
  help: use letters, digits and '_', not starting with a digit, e.g. `MY_VAR`
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: good-env
image: mosaicml/pytorch:latest
command: echo $MY_VAR
compute:
  gpus: 8
env_variables:
  MY_VAR: hello
```
"""

import re
from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Path, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import escape, field_name, show_value, value_kind, yaml_quote

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OUTSIDE = re.compile(r"[^A-Za-z0-9_]")
_RULE = "use letters, digits and '_', not starting with a digit"


def is_env_name(name: object) -> bool:
    return isinstance(name, str) and _NAME.fullmatch(name) is not None


def _reason(name: str) -> str:
    if not name:
        return "it is empty"
    bad = list(dict.fromkeys(c for c in name if _OUTSIDE.match(c)))
    if bad:
        return "it contains " + ", ".join(show_value(c) for c in bad)
    return "it starts with a digit"


def _fix(name: str) -> str:
    fixed = _OUTSIDE.sub("_", name)
    if not fixed or fixed[0].isdigit():
        fixed = "_" + fixed
    return f"{_RULE}, e.g. `{escape(fixed)}`"


def _names(ctx: Context) -> Iterator[tuple[Path, object, bool]]:
    """(path, name, whether the name is a mapping key) for each variable."""
    env = ctx.data.get("env_variables")
    if isinstance(env, dict):
        for key in env:
            yield ("env_variables", key), key, True
    elif isinstance(env, list):
        for position, item in enumerate(env):
            if isinstance(item, dict) and isinstance(item.get("key"), str):
                yield ("env_variables", position, "key"), item["key"], False


def check(ctx: Context) -> Iterator[Finding]:
    assert ctx.document is not None
    for path, name, is_key in _names(ctx):
        if is_env_name(name):
            continue
        if name == "" and is_key:
            yield Finding(path, "`env_variables` has an empty variable name", _fix(name), at_key=True)
            continue
        if isinstance(name, str):
            where = f"`{field_name(path)}`" if is_key else f"`{field_name(path)}` {show_value(name)}"
            yield Finding(
                path,
                f"{where} is not a valid environment variable name: {_reason(name)}",
                _fix(name),
                at_key=is_key,
            )
            continue
        source = ctx.document.key_scalar(path)
        written = source.text if source is not None else str(name)
        help_text = f"quote it to keep it a name: {yaml_quote(written)}" if is_env_name(written) else _fix(written)
        yield Finding(
            path,
            f"`env_variables` has the key `{escape(written)}`, which YAML reads as {value_kind(name)},"
            " not an environment variable name",
            help_text,
            at_key=True,
        )


RULE = Rule("MCL204", "env-name", Severity.WARNING, check, __doc__)
