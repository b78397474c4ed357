"""A suppression comment that does not work as written.

## What it does
Reports a `# mcli-lint:` comment that is not a directive (a misspelt directive, a missing `=`, no
codes after `=`), a name or code in a directive that is no rule, and a `disable-file` below the
first key. None of these disables anything.

## Why is this bad?
Whoever wrote it meant to silence a rule, and the rule still reports (or will, the day it fires):
the comment promises what it does not do.

## Example
```yaml
name: hello
image: mosaicml/pytorch:latest
command: echo hello
compute:
  gpus: 8
env_variables:
  WORLD_SIZE: "8"  # mcli-lint: disable=reserved-envs
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:3: MCL205 `env_variables.WORLD_SIZE` is a variable the platform sets itself; your value will clash with it
  help: remove it, or rename it (e.g. `MY_WORLD_SIZE`) if it is a variable of your own
run.yaml:7:41: MCL402 unknown rule `reserved-envs` in a suppression comment
  help: did you mean `reserved-env`?
Found 0 errors and 2 warnings in 1 file.
```

## Use instead
```yaml
name: hello
image: mosaicml/pytorch:latest
command: echo hello
compute:
  gpus: 8
env_variables:
  WORLD_SIZE: "8"  # mcli-lint: disable=reserved-env
```
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Finding, Severity
from mcli_lint.rules.base import Context, Rule


def check(ctx: Context) -> Iterator[Finding]:
    found = ctx.suppressions
    if found is None:
        return
    for directive in found.directives:
        if not directive.working:
            assert directive.error is not None
            yield Finding((), directive.error, directive.help, span=directive.span)
            continue
        for name in directive.names:
            if name.code is None:
                help = f"did you mean `{name.suggestion}`?" if name.suggestion else "`mcli-lint rules` lists them"
                yield Finding((), f"unknown rule `{name.text}` in a suppression comment", help, span=name.span)


RULE = Rule("MCL402", "invalid-suppression", Severity.WARNING, check, __doc__, needs_data=False, needs_diagnostics=True)
