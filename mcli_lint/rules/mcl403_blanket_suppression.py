"""A suppression comment without codes.

## What it does
Reports a bare `# mcli-lint: disable` (or `disable-file`), which disables every rule where it
applies, and says which codes it hides today. Like ruff's PGH004.

## Why is this bad?
It hides the problem it was written for and every other one that appears there later, a wrong type
or a misspelt field included.

## Example
```yaml
name: hello
image: mosaicml/pytorch:latest
command: echo hello
compute:
  gpus: 8
env_variables:
  WORLD_SIZE: "8"  # mcli-lint: disable
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:20: MCL403 `# mcli-lint: disable` without codes disables every rule on this line
  help: name the rules it is for: `# mcli-lint: disable=MCL205`
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: hello
image: mosaicml/pytorch:latest
command: echo hello
compute:
  gpus: 8
env_variables:
  WORLD_SIZE: "8"  # mcli-lint: disable=MCL205
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    found = ctx.suppressions
    if found is None:
        return
    for index, directive in enumerate(found.directives):
        if directive.bare:
            codes = ",".join(found.suppressed_by(index)) or "CODE"
            yield Finding(
                (),
                f"`{directive.written}` without codes disables every rule {directive.where}",
                f"name the rules it is for: `{directive.written}={codes}`",
                span=directive.span,
            )


RULE = Rule("MCL403", "blanket-suppression", Severity.WARNING, check, __doc__, needs_data=False, needs_diagnostics=True)
