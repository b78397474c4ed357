"""The run name is not a valid RFC 1123 label, so mcli renames the run.

## What it does
Reports a `name` of at most 56 characters that is not an RFC 1123 label: only lowercase letters,
digits and `-`, starting and ending with a letter or digit. The message gives the name mcli turns
it into: lowercased, every other character replaced by `-`, a leading `-` replaced by a `1` in
front and a trailing `-` by a `1`. (Longer names are run-name-too-long, MCL202.)

## Why is this bad?
mcli silently submits the run under a different name — `My_Run` becomes `my-run` — so
`mcli get runs`, `mcli logs` and anything looking the run up by the name you wrote miss it.

## Example
```yaml
name: My_Run
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```

## Use instead
```yaml
name: my-run
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

import re
from collections.abc import Iterator

import yaml

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import show_value, yaml_quote

# The longest name the platform accepts: a '-' and a 6-character id are appended, within 63.
MAX_NAME = 56
# The longest Kubernetes name, which mcli cuts converted names to.
_K8S_MAX = 63
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_OUTSIDE = re.compile(r"[^a-z0-9-]")


def is_label(name: str) -> bool:
    """An RFC 1123 label: lowercase letters, digits and '-', alphanumeric at both ends, 1 to 63 long."""
    return len(name) <= _K8S_MAX and _LABEL.fullmatch(name) is not None


def converted(name: str) -> str:
    """The name mcli 0.8.3 submits in place of an invalid ``name``."""
    result = _OUTSIDE.sub("-", name.lower())[:_K8S_MAX]
    if not result:
        return result
    if not result[0].isalnum():
        result = "1" + result[:-1]
    if not result[-1].isalnum():
        result = result[:-1] + "1"
    return result


def _as_yaml(text: str) -> str:
    """``text`` as a YAML scalar that reads back as that string."""
    return text if yaml.safe_load(text) == text else yaml_quote(text)


def check(ctx: Context) -> Iterator[Finding]:
    name = ctx.data.get("name")
    if not isinstance(name, str) or len(name) > MAX_NAME or is_label(name):
        return
    if not name:
        yield Finding(
            ("name",),
            "`name` is empty; a run name needs at least one lowercase letter or digit",
            "write a name of lowercase letters, digits and '-', e.g. `name: my-run`",
        )
        return
    new = converted(name)
    yield Finding(
        ("name",),
        f"`name` {show_value(name)} is not a valid run name; mcli will submit the run as `{new}`",
        f"write `name: {_as_yaml(new)}` yourself: lowercase letters, digits and '-',"
        " starting and ending with a letter or digit",
    )


RULE = Rule("MCL201", "run-name-invalid", Severity.WARNING, check, __doc__)
