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

Output of `mcli-lint check run.yaml`:
```text
run.yaml:1:7: MCL201 `name` 'My_Run' is not a valid run name; mcli will submit the run as `my-run`
  help: write `name: my-run` yourself: lowercase letters, digits and '-', starting and ending with a letter or digit
Found 0 errors and 1 warning in 1 file.
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

from collections.abc import Iterator

import yaml

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules._run_names import MAX_NAME, converted, is_label
from mcli_lint.rules.base import Context, Rule
from mcli_lint.text import show_value, yaml_quote


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
