"""A suppression comment that suppresses nothing.

## What it does
Reports a `# mcli-lint: disable=...` comment naming a rule that reports nothing where the comment
applies (its line, the line below it, or the whole file for `disable-file`), and a bare
`# mcli-lint: disable` that hides nothing. Like ruff's RUF100. Only the rules that ran are judged:
a rule turned off by the configuration, or an MCL3xx check run without a clusters file, is not
reported.

## Why is this bad?
The problem it was written for is gone, so the comment only misleads the next reader, and it would
silently hide that problem if it came back.

## Example
```yaml
name: hello
image: mosaicml/pytorch:latest
command: echo hello
compute:
  gpus: 8
env_variables:
  MY_RANK: "0"  # mcli-lint: disable=reserved-env
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:7:38: MCL401 unused suppression: nothing on this line reports `reserved-env`
  help: remove the directive (`mcli-lint check --fix` does)
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
  MY_RANK: "0"
```

## Fix
Safe: `check --fix` removes the unused codes from the directive, or the directive when none is left
(its whole line when the comment was alone on it).
"""

from collections.abc import Iterator

from mcli_lint.diagnostics import Applicability, Edit, Finding, Fix, Severity, Span
from mcli_lint.directives import Directive, Name, Suppressions
from mcli_lint.rules.base import Context, Fixes, Rule


def check(ctx: Context) -> Iterator[Finding]:
    found = ctx.suppressions
    if found is None:
        return
    for index, directive in enumerate(found.directives):
        if not directive.working or directive.removal is None:
            continue
        if directive.bare:
            if not found.suppressed_by(index):
                title = "remove the directive"
                yield Finding(
                    (),
                    f"unused suppression: `{directive.written}` hides nothing {directive.where}",
                    f"{title} (`mcli-lint check --fix` does)",
                    span=directive.span,
                    fix=Fix(title, (directive.removal,)),
                )
            continue
        unused = _unused(found, index, directive)
        if unused:
            yield _finding(directive, unused)


def _unused(found: Suppressions, index: int, directive: Directive) -> list[Name]:
    return [n for n in directive.names if n.code in found.judged and (index, n.code) not in found.used]


def _finding(directive: Directive, unused: list[Name]) -> Finding:
    listed = " or ".join(f"`{n.text}`" for n in unused)
    kept = [n for n in directive.names if n not in unused]
    assert directive.removal is not None
    if kept:
        title = f"remove {listed.replace(' or ', ' and ')} from the directive"
        first, last = directive.names[0].span.start, directive.names[-1].span.end
        edit = Edit(first, last, directive.separator.join(n.text for n in kept))
    else:
        title, edit = "remove the directive", directive.removal
    return Finding(
        (),
        f"unused suppression: nothing {directive.where} reports {listed}",
        f"{title} (`mcli-lint check --fix` does)",
        span=Span(unused[0].span.start, unused[-1].span.end),
        fix=Fix(title, (edit,)),
    )


RULE = Rule(
    "MCL401",
    "unused-suppression",
    Severity.WARNING,
    check,
    __doc__,
    needs_data=False,
    needs_diagnostics=True,
    fixes=Fixes("always", Applicability.SAFE),
)
