"""A mapping repeats a key.

## What it does
Reports a key that a mapping (at any depth) already holds. Keys are compared after YAML 1.1
resolution, as mcli reads them: `on:` and `yes:` are both `true`, `1:` and `true:` are equal keys
to Python. Keys brought in by a `<<` merge and then overridden are not duplicates. The diagnostic
is at the repeated key and names the line of the first.

## Why is this bad?
mcli silently keeps the last value: the first one is ignored without a word.

## Example
```yaml
name: duplicated
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 8
  gpus: 16
```

## Use instead
```yaml
name: single
image: mosaicml/pytorch:latest
command: echo hi
compute:
  gpus: 16
```
"""

from mcli_lint.diagnostics import Severity
from mcli_lint.rules.base import Rule, from_load

RULE = Rule("MCL002", "duplicate-key", Severity.ERROR, from_load("MCL002"), __doc__, needs_data=False)
