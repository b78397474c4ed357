"""A scheduling priority the platform does not know.

## What it does
Reports a `scheduling.priority` that is not one of the priorities the schema lists (`auto`,
`low`, `lowest`), with "did you mean" — a match ignoring case first, so `Low` suggests `low`.

## Why is this bad?
The platform does not refuse the run: it silently falls back to `auto`, so a run meant to let
others go first (`priority: Low`) competes with them at normal priority.

## Example
```yaml
name: typo-priority
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
scheduling:
  priority: Low
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:13: MCL210 `scheduling.priority` is 'Low', which is not a known priority; the platform falls back to auto
  help: did you mean `low`?
Found 0 errors and 1 warning in 1 file.
```

## Use instead
```yaml
name: known-priority
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
scheduling:
  priority: low
```

## Fix
Unsafe: when the help has a "did you mean", `check --fix --unsafe-fixes` writes that priority in
place of the one written, in the same quotes (`'Low'` becomes `'low'`). It is unsafe because mcli
then sends another priority.
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Finding, Fix, Severity
from mcli_lint.rules._fixes import edit_fix, replace_text
from mcli_lint.rules.base import Context, Fixes, Rule
from mcli_lint.schema import priorities, properties_at
from mcli_lint.text import did_you_mean, show_value


def check(ctx: Context) -> Iterator[Finding]:
    scheduling = ctx.data.get("scheduling")
    if not isinstance(scheduling, dict):
        return
    priority = scheduling.get("priority")
    known = priorities()
    if not isinstance(priority, str) or priority in known:
        return
    fallback = properties_at(("scheduling",))["priority"].get("default", "auto")
    suggestion = {k.lower(): k for k in known}.get(priority.strip().lower()) or did_you_mean(priority, known)
    yield Finding(
        ("scheduling", "priority"),
        f"`scheduling.priority` is {show_value(priority)}, which is not a known priority;"
        f" the platform falls back to {fallback}",
        f"did you mean `{suggestion}`?" if suggestion else "use one of " + ", ".join(known),
        fix=_replace(ctx, suggestion) if suggestion else None,
    )


def _replace(ctx: Context, suggestion: str) -> Fix:
    path = ("scheduling", "priority")
    return edit_fix(f"Write `{suggestion}`", replace_text(ctx, path, suggestion), Applicability.UNSAFE, path)


RULE = Rule(
    "MCL210", "unknown-priority", Severity.WARNING, check, __doc__, fixes=Fixes("sometimes", Applicability.UNSAFE)
)
