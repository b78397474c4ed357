"""The file expands beyond the resource limits.

## What it does
Before any data is built, one pass over the parser's events counts nodes after alias and merge
expansion and measures nesting. It reports more than 100 000 nodes (`max-nodes`), nesting deeper
than 64 (`max-depth`), and an alias that refers to a collection containing it. The answer comes in
milliseconds and in bounded memory, whatever the file.

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

## Use instead
```yaml
name: plain-data
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL006", "resource-limit", Severity.ERROR, from_load("MCL006"), __doc__, needs_data=False)
