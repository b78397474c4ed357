"""The command is empty.

## What it does
Reports a `command` that is an empty string or holds only whitespace, such as `command: ""` or a
`command: |` block with nothing in it.

## Why is this bad?
The container starts with nothing to execute: the run fails at once, or finishes having done
nothing, after waiting in the queue for its GPUs.

## Example
```yaml
name: no-command
image: mosaicml/pytorch:latest
command: ""
compute:
  gpus: 8
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:3:10: MCL208 `command` is empty; the run has nothing to execute
  help: write the command the run executes, e.g. `command: composer train.py`
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: with-command
image: mosaicml/pytorch:latest
command: composer train.py
compute:
  gpus: 8
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    command = ctx.data.get("command")
    if not isinstance(command, str) or command.strip():
        return
    what = "is empty" if not command else "holds only whitespace"
    yield Finding(
        ("command",),
        f"`command` {what}; the run has nothing to execute",
        "write the command the run executes, e.g. `command: composer train.py`",
    )


RULE = Rule("MCL208", "empty-command", Severity.ERROR, check, __doc__)
