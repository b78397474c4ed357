"""The file expands beyond the resource limits.

## What it does
Before any data is built, one pass over the parser's events counts nodes after alias and merge
expansion and measures nesting. It reports more than 100 000 nodes (`max-nodes`), nesting deeper
than 64 (`max-depth`), and an alias that refers to a collection containing it. Numbers are checked
before they are built: an integer or float written with more than 4 300 characters (a sexagesimal
chain `1:1:1:…` among them), or an integer of more than 4 300 digits (`0xfff…`), the most Python
spells out. The answer comes in milliseconds and in bounded memory, whatever the file.

## Why is this bad?
A few lines of aliases ("billion laughs") expand to billions of values: loading is instant, but
anything that walks the data afterwards (mcli, the platform, this linter) runs out of time or
memory.

## Example
```yaml
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
```

Output of `mcli-lint check run.yaml`:
```text
run.yaml:5:36: MCL006 more than 100000 nodes after alias and merge expansion
Found 1 error and 0 warnings in 1 file.
```

## Use instead
```yaml
name: plain-data
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from __future__ import annotations

from mcli_lint.loader import Kind
from mcli_lint.rules.base import input_rule

RULE = input_rule(
    "MCL006",
    "resource-limit",
    __doc__,
    {
        Kind.TOO_MANY_NODES: lambda problem: (
            f"more than {problem.fact('limit')} nodes after alias and merge expansion",
            None,
        ),
        Kind.TOO_DEEP: lambda problem: (f"nesting deeper than {problem.fact('limit')} levels", None),
        Kind.RECURSIVE_ALIAS: lambda problem: (
            f"alias *{problem.fact('anchor')} refers to a collection that contains it",
            None,
        ),
        Kind.LONG_NUMBER: lambda problem: (
            f"a number written with more than {problem.fact('limit')} characters",
            "quote it if it is text; no run field holds such a number",
        ),
        Kind.TOO_MANY_DIGITS: lambda problem: (
            f"an integer of more than {problem.fact('limit')} digits",
            "quote it if it is text; no run field holds such a number",
        ),
    },
)
